//! Warnings about evidence that has gone out of date in a validated site: ratings without a
//! source, reviews older than `review_after`, versions past their support, and a history whose
//! latest change to a rating does not end at the rating the profile gives. None fails a build;
//! `check --strict` fails on them.

use std::path::Path;

use time::Date;

use super::data::{at, key_span};
use crate::date::{days_between, format};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::yaml::Seg;
use crate::model::{Site, Stack};
use crate::source::SourceMap;

/// Report every warning about the stacks of `site`, judged on the day `today`.
pub(super) fn check(site: &Site, sources: &SourceMap, today: Date, d: &mut Diagnostics) {
    let review_after = i64::from(site.config.review_after);
    for stack in &site.stacks {
        let f = stack.file.as_path();
        unsourced(site, stack, sources, d);
        if let Some(w) = stale(stack.reviewed, today, review_after) {
            d.push(w.into_diagnostic(f).at(at(sources, f, &[Seg::Key("reviewed")])));
        }
        for (i, v) in stack.versions.iter().enumerate() {
            if let Some(until) = v.support_until.filter(|&u| u < today) {
                let path = [Seg::Key("versions"), Seg::Index(i), Seg::Key("support_until")];
                d.push(
                    Diagnostic::warning(
                        f,
                        format!("{} {} went out of support on {}", v.name, v.version, format(until)),
                    )
                    .at(at(sources, f, &path))
                    .with_help("remove it from `versions`, or list the release that replaced it"),
                );
            }
        }
        history_behind(site, stack, sources, d);
    }
}

/// One warning per profile for its ratings without a source, at the first of them: one a rating
/// would bury every other warning of a guide that is still being sourced.
fn unsourced(site: &Site, stack: &Stack, sources: &SourceMap, d: &mut Diagnostics) {
    let missing: Vec<&str> = site
        .criteria
        .iter()
        .zip(&stack.ratings)
        .filter(|(_, r)| r.sources.is_empty())
        .map(|(c, _)| c.id.as_str())
        .collect();
    let Some(first) = missing.first() else { return };
    let f = stack.file.as_path();
    let list = missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ");
    let (n, total) = (missing.len(), stack.ratings.len());
    let message = match n {
        _ if n == total => format!("none of the {total} ratings has a source"),
        1 => format!("1 of {total} ratings has no source: {list}"),
        _ => format!("{n} of {total} ratings have no source: {list}"),
    };
    d.push(
        Diagnostic::warning(f, message).at(key_span(sources, f, "ratings", first)).with_help(
            "give each rating `sources: [{ title: …, url: https://… }]`, the evidence for its level",
        ),
    );
}

/// Why a review done on `reviewed` is out of date on `today`, if it is.
#[derive(Debug, PartialEq, Eq)]
enum Stale {
    /// More than `review_after` days ago.
    Old { days: i64, review_after: i64 },
    /// After the build day: a typo, or a clock that is wrong.
    Future,
}

fn stale(reviewed: Date, today: Date, review_after: i64) -> Option<Stale> {
    let days = days_between(reviewed, today);
    if days < 0 {
        Some(Stale::Future)
    } else if days > review_after {
        Some(Stale::Old { days, review_after })
    } else {
        None
    }
}

impl Stale {
    fn into_diagnostic(self, f: &Path) -> Diagnostic {
        match self {
            Stale::Old { days, review_after } => Diagnostic::warning(
                f,
                format!("the profile was last reviewed {days} days ago; reviews are due every {review_after} days"),
            )
            .with_help(
                "check the ratings and versions against their sources, then set `reviewed:` to that day (`review_after` in content/site.yaml sets the period)",
            ),
            Stale::Future => Diagnostic::warning(f, "the `reviewed` date is after the build day")
                .with_help("a review cannot happen in the future: correct the date (set STACKGUIDE_TODAY to pin the build day)"),
        }
    }
}

/// The latest `history` entry for each criterion must end at the profile's rating.
fn history_behind(site: &Site, stack: &Stack, sources: &SourceMap, d: &mut Diagnostics) {
    let f = stack.file.as_path();
    for (ci, c) in site.criteria.iter().enumerate() {
        // Latest by date; of two on the same day, the one written later.
        let latest = stack
            .history
            .iter()
            .enumerate()
            .filter(|(_, h)| h.criterion.is_some_and(|x| x.0 == ci))
            .max_by_key(|(i, h)| (h.date, *i));
        let Some((i, to)) = latest.and_then(|(i, h)| Some((i, h.to?))) else { continue };
        let rating = stack.ratings[ci].level;
        if to != rating {
            let (said, is) = (&c.levels[to.0].id, &c.levels[rating.0].id);
            d.push(
                Diagnostic::warning(
                    f,
                    format!(
                        "the latest change to `{}` in `history` ends at `{said}`, but the rating is `{is}`",
                        c.id
                    ),
                )
                .at(at(sources, f, &[Seg::Key("history"), Seg::Index(i), Seg::Key("to")]))
                .with_help(format!(
                    "add a dated entry for the change to `{is}`, or correct the rating if it moved by mistake"
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_review_is_stale_only_after_the_period() {
        let d = |t| crate::date::parse(t).unwrap();
        let today = d("2026-12-01");
        assert_eq!(stale(d("2025-12-01"), today, 365), None, "365 days is on time");
        assert_eq!(stale(d("2025-11-30"), today, 365), Some(Stale::Old { days: 366, review_after: 365 }));
        assert_eq!(stale(d("2026-12-01"), today, 0), None);
        assert_eq!(stale(d("2026-12-02"), today, 365), Some(Stale::Future));
    }
}
