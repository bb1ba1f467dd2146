//! The support timeline of `/support/`, drawn at build time: every stack's versions as bars
//! from their release to the end of their support, today's date marked, ended support hatched
//! and labelled. `layout` places every label and bar so none overlaps another; `svg` draws
//! them. This module also owns what a support window's status is on a given day, which the
//! stack pages' version tables show too.

mod layout;
mod svg;

pub(crate) use svg::svg;

use time::Date;

use crate::date::days_between;
use crate::flowchart::{LINE_H, round};
use crate::glyphs;

/// Support that ends within this many days is shown as ending soon ("ends in N days").
pub(crate) const SOON_DAYS: i64 = 180;

/// One stack of the timeline and its versions.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub name: String,
    pub versions: Vec<Bar>,
}

/// One version: its label ("Spring Boot 4.0") and its support window.
#[derive(Debug, Clone)]
pub(crate) struct Bar {
    pub label: String,
    pub released: Date,
    /// The last day of support; `None` for a rolling release.
    pub until: Option<Date>,
}

/// Where a support window stands on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    /// Not released yet.
    Upcoming,
    /// Supported for more than [`SOON_DAYS`] days yet.
    Supported,
    /// Supported for this many more days (0: today is the last day).
    EndsSoon(i64),
    /// Support has ended.
    Ended,
    /// A rolling release: supported until the next one, with no fixed end.
    Rolling,
}

impl Status {
    /// The status of a window from `released` to `until` on `today`.
    pub(crate) fn of(released: Date, until: Option<Date>, today: Date) -> Status {
        if released > today {
            return Status::Upcoming;
        }
        match until {
            None => Status::Rolling,
            Some(u) if u < today => Status::Ended,
            Some(u) => match days_between(today, u) {
                left if left <= SOON_DAYS => Status::EndsSoon(left),
                _ => Status::Supported,
            },
        }
    }

    /// The status in words, as tables show it.
    pub(crate) fn words(self) -> String {
        match self {
            Status::Upcoming => "not released yet".into(),
            Status::Supported => "supported".into(),
            Status::EndsSoon(0) => "support ends today".into(),
            Status::EndsSoon(1) => "ends in 1 day".into(),
            Status::EndsSoon(n) => format!("ends in {n} days"),
            Status::Ended => "ended".into(),
            Status::Rolling => "supported (rolling)".into(),
        }
    }

    /// A short name for CSS classes and templates.
    pub(crate) fn class(self) -> &'static str {
        match self {
            Status::Upcoming => "upcoming",
            Status::Supported => "supported",
            Status::EndsSoon(_) => "ending",
            Status::Ended => "ended",
            Status::Rolling => "rolling",
        }
    }
}

const FONT: f64 = 13.0;
const MARGIN: f64 = 8.0;
const GAP_X: f64 = 14.0;
/// Stack names and version labels wrap at these many characters.
const NAME_CHARS: usize = 22;
const LABEL_CHARS: usize = 26;
const BAR_H: f64 = 14.0;
/// Space above and below each version's lane.
const LANE_PAD: f64 = 5.0;
/// Space between two stacks' groups of lanes.
const GROUP_GAP: f64 = 8.0;
/// The width of the dated part of the chart.
const CHART_W: f64 = 560.0;
/// The arrow at the end of a rolling release's bar.
const ARROW_W: f64 = 10.0;

/// How wide `text` is drawn.
fn text_w(text: &str) -> f64 {
    glyphs::width(text, FONT)
}

#[cfg(test)]
mod tests;
