//! Where everything of the timeline goes. Three columns: stack names, version labels, then the
//! dated chart; one lane per version, so no bar or label shares its lane with another; the
//! date of today above the lanes, the years below them. Text wraps and columns are as wide as
//! their longest line, so nothing overlaps whatever the names (the tests check it).

use time::{Date, Month};

use super::{
    ARROW_W, BAR_H, CHART_W, FONT, GAP_X, GROUP_GAP, LABEL_CHARS, LANE_PAD, LINE_H, MARGIN, NAME_CHARS, Row,
    Status, round, text_w,
};
use crate::date::{days_between, format};
use crate::flowchart::wrap;

/// What a laid-out box is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A stack's name.
    Name,
    /// A version's label, with its status when that is not plain "supported".
    Label,
    /// A version's support window.
    Bar(Status),
    /// A year on the axis.
    Year,
    /// Today's date, above the line that marks it.
    Today,
}

/// A box of the timeline: its rectangle and its text lines (none for a bar).
#[derive(Debug, Clone)]
pub(crate) struct Laid {
    pub kind: Kind,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub lines: Vec<String>,
}

/// The whole timeline.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    pub width: f64,
    pub height: f64,
    pub boxes: Vec<Laid>,
    /// Where the dated part starts and ends.
    #[cfg_attr(not(test), expect(dead_code, reason = "the tests check that today lies on the axis"))]
    pub x0: f64,
    pub x1: f64,
    /// The top and bottom of the lanes.
    pub top: f64,
    pub bottom: f64,
    /// Where today is.
    pub today_x: f64,
    /// The x of every first of January on the axis.
    pub ticks: Vec<f64>,
    /// The y of the rules between two stacks.
    pub rules: Vec<f64>,
}

const LH: f64 = FONT * LINE_H;

/// The label of a version in the chart: its name and, unless it is simply supported, its
/// status in words (so ended support is not told by colour alone).
fn label_text(label: &str, status: Status) -> String {
    match status {
        Status::Supported => label.to_string(),
        Status::Rolling => format!("{label} · rolling"),
        other => format!("{label} · {}", other.words()),
    }
}

/// The widest of `lines`, and at least `min`.
fn widest(lines: &[Vec<String>], min: f64) -> f64 {
    lines.iter().flatten().map(|l| text_w(l)).fold(min, f64::max)
}

/// The dates the axis spans: from the first of January of the earliest release (or today) to
/// the first of January after the latest end of support (or today).
fn span(rows: &[Row], today: Date) -> (Date, Date) {
    let bars = rows.iter().flat_map(|r| &r.versions);
    let first = bars.clone().map(|b| b.released).fold(today, Date::min);
    let last = bars.filter_map(|b| b.until).fold(today, Date::max);
    let jan1 = |y: i32| Date::from_calendar_date(y, Month::January, 1).unwrap_or(today);
    (jan1(first.year()), jan1(last.year() + 1))
}

/// Lay out `rows` (stacks without versions are left out by the caller) on the day `today`.
pub(crate) fn layout(rows: &[Row], today: Date) -> Layout {
    let names: Vec<Vec<String>> = rows.iter().map(|r| wrap(&r.name, NAME_CHARS)).collect();
    let statuses: Vec<Vec<Status>> = rows
        .iter()
        .map(|r| r.versions.iter().map(|b| Status::of(b.released, b.until, today)).collect())
        .collect();
    let labels: Vec<Vec<Vec<String>>> = rows
        .iter()
        .zip(&statuses)
        .map(|(r, st)| {
            r.versions.iter().zip(st).map(|(b, &s)| wrap(&label_text(&b.label, s), LABEL_CHARS)).collect()
        })
        .collect();
    let name_w = widest(&names, 60.0);
    let label_w = labels.iter().map(|l| widest(l, 60.0)).fold(60.0, f64::max);
    let label_x = MARGIN + name_w + GAP_X;
    let x0 = round(label_x + label_w + GAP_X);
    let x1 = x0 + CHART_W;
    let (start, end) = span(rows, today);
    let total = days_between(start, end).max(1) as f64;
    let x_of = |d: Date| round(x0 + days_between(start, d) as f64 / total * CHART_W);

    let mut l = Layout {
        width: 0.0,
        height: 0.0,
        boxes: Vec::new(),
        x0,
        x1,
        top: MARGIN + LH + 8.0,
        bottom: 0.0,
        today_x: x_of(today),
        ticks: Vec::new(),
        rules: Vec::new(),
    };
    let today_text = format!("Today, {}", format(today));
    let today_w = text_w(&today_text);
    let today_left = (l.today_x - today_w / 2.0).clamp(x0, x1 - today_w);
    l.boxes.push(Laid {
        kind: Kind::Today,
        x: round(today_left),
        y: MARGIN,
        w: today_w,
        h: LH,
        lines: vec![today_text],
    });

    let columns = Columns { label_x, names, labels, statuses };
    l.bottom = round(lanes(&mut l, rows, &columns, &x_of));
    years(&mut l, start, end, &x_of);
    l.width = round(l.boxes.iter().map(|b| b.x + b.w).fold(x1, f64::max) + MARGIN);
    l.height = round(l.boxes.iter().map(|b| b.y + b.h).fold(l.bottom, f64::max) + MARGIN);
    l
}

/// The wrapped texts of the timeline and where the version labels start.
struct Columns {
    label_x: f64,
    names: Vec<Vec<String>>,
    labels: Vec<Vec<Vec<String>>>,
    statuses: Vec<Vec<Status>>,
}

/// One lane per version, stacks one under the other with a rule between them: each version's
/// label and bar, each stack's name beside its lanes. Returns the bottom of the last lane.
fn lanes(l: &mut Layout, rows: &[Row], c: &Columns, x_of: &dyn Fn(Date) -> f64) -> f64 {
    let mut y = l.top;
    for (k, row) in rows.iter().enumerate() {
        if k > 0 {
            l.rules.push(round(y + GROUP_GAP / 2.0));
            y += GROUP_GAP;
        }
        let group_top = y;
        for (v, bar) in row.versions.iter().enumerate() {
            let lines = c.labels[k][v].clone();
            let lane_h = (lines.len() as f64 * LH).max(BAR_H) + 2.0 * LANE_PAD;
            let text_h = lines.len() as f64 * LH;
            let w = widest(std::slice::from_ref(&lines), 0.0);
            l.boxes.push(Laid {
                kind: Kind::Label,
                x: c.label_x,
                y: round(y + (lane_h - text_h) / 2.0),
                w,
                h: text_h,
                lines,
            });
            let status = c.statuses[k][v];
            let left = x_of(bar.released);
            let right = match bar.until {
                Some(u) => x_of(u.max(bar.released)),
                None => l.x1,
            };
            let w = (right - left).max(if bar.until.is_none() { ARROW_W + 2.0 } else { 2.0 });
            let bar_y = round(y + (lane_h - BAR_H) / 2.0);
            l.boxes.push(Laid {
                kind: Kind::Bar(status),
                x: left,
                y: bar_y,
                w: round(w),
                h: BAR_H,
                lines: Vec::new(),
            });
            y += lane_h;
        }
        let name_h = c.names[k].len() as f64 * LH;
        let name_w = widest(std::slice::from_ref(&c.names[k]), 0.0);
        let name = Laid {
            kind: Kind::Name,
            x: MARGIN,
            y: group_top + LANE_PAD,
            w: name_w,
            h: name_h,
            lines: c.names[k].clone(),
        };
        l.boxes.push(name);
        y = y.max(group_top + name_h + 2.0 * LANE_PAD);
    }
    y
}

/// The years below the lanes: a tick at every first of January, and a label in the middle of
/// each year, or of every second (fifth...) year when a year is narrower than its label.
fn years(l: &mut Layout, start: Date, end: Date, x_of: &dyn Fn(Date) -> f64) {
    let jan1 = |y: i32| Date::from_calendar_date(y, Month::January, 1).unwrap_or(start);
    let year_px = CHART_W / f64::from((end.year() - start.year()).max(1));
    let label_w = text_w("0000");
    let step = (1..).find(|k| f64::from(*k) * year_px >= label_w + 8.0).unwrap_or(1);
    for year in start.year()..end.year() {
        l.ticks.push(x_of(jan1(year)));
        if (year - start.year()) % step == 0 {
            let centre = (x_of(jan1(year)) + x_of(jan1(year + 1))) / 2.0;
            let x = if step == 1 { centre - label_w / 2.0 } else { x_of(jan1(year)) };
            let lines = vec![year.to_string()];
            l.boxes.push(Laid { kind: Kind::Year, x: round(x), y: l.bottom + 6.0, w: label_w, h: LH, lines });
        }
    }
    l.ticks.push(l.x1);
}
