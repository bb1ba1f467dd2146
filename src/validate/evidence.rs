//! A stack profile's evidence as written, resolved: the `reviewed` date (required), `versions`
//! and their support windows, the dated `history` of changes, and the `sources` of each rating.
//! What is malformed (a date that is not a day, an unknown criterion or level, a source that is
//! not a web address) is an error here; what is merely out of date is a warning in `review`.

use std::path::Path;

use time::Date;

use super::data::{at, is_web_url};
use crate::data::{self, StackFile};
use crate::diagnostics::{Diagnostic, Diagnostics, Span, did_you_mean};
use crate::load::yaml::Seg;
use crate::model::{Change, Criterion, CriterionId, LevelIndex, Version};
use crate::source::SourceMap;

/// The evidence of one profile, resolved.
pub(super) struct Evidence {
    pub(super) reviewed: Date,
    pub(super) versions: Vec<Version>,
    pub(super) history: Vec<Change>,
}

/// What a profile's evidence is read against.
pub(super) struct Context<'a> {
    pub(super) criteria: &'a [Criterion],
    pub(super) sources: &'a SourceMap,
    /// The build day, offered as the `reviewed` line to add.
    pub(super) today: Date,
}

/// Resolve the evidence of the profile `s` in file `f`, reporting every malformed part.
pub(super) fn resolve(f: &Path, s: &StackFile, cx: &Context<'_>, d: &mut Diagnostics) -> Evidence {
    let reviewed = match &s.reviewed {
        Some(text) => day(text, f, &[Seg::Key("reviewed")], cx.sources, d),
        None => {
            d.push(missing_reviewed(f, cx));
            None
        }
    };
    check_sources(f, s, cx.sources, d);
    Evidence {
        reviewed: reviewed.unwrap_or(Date::MIN),
        versions: versions(f, &s.versions, cx.sources, d),
        history: history(f, &s.history, cx, d),
    }
}

/// `reviewed` is required; the hint is the line to add.
fn missing_reviewed(f: &Path, cx: &Context<'_>) -> Diagnostic {
    let first_key = cx.sources.get(f).and_then(|text| {
        let line = text.lines().next()?;
        let len = line.find(':')?;
        Some(Span { line: 1, col: 1, len: len.max(1) })
    });
    Diagnostic::error(f, "the profile has no `reviewed` date").at(first_key).with_help(format!(
        "add the line `reviewed: {}`, the day you last checked the profile against its sources",
        crate::date::format(cx.today)
    ))
}

/// The date written at `path`, or an error there.
fn day(text: &str, f: &Path, path: &[Seg<'_>], sources: &SourceMap, d: &mut Diagnostics) -> Option<Date> {
    let parsed = crate::date::parse(text.trim());
    if parsed.is_none() {
        let key = match path.last() {
            Some(Seg::Key(k)) => *k,
            _ => "date",
        };
        d.push(crate::date::not_a_date(f, key, text).at(at(sources, f, path)));
    }
    parsed
}

fn versions(f: &Path, list: &[data::Version], sources: &SourceMap, d: &mut Diagnostics) -> Vec<Version> {
    list.iter()
        .enumerate()
        .map(|(i, v)| {
            let path = |key| [Seg::Key("versions"), Seg::Index(i), Seg::Key(key)];
            let released = day(&v.released, f, &path("released"), sources, d);
            let support_until =
                v.support_until.as_ref().and_then(|t| day(t, f, &path("support_until"), sources, d));
            if let (Some(from), Some(until)) = (released, support_until)
                && until < from
            {
                d.push(
                    Diagnostic::error(
                        f,
                        format!("{} {} leaves support before it is released", v.name, v.version),
                    )
                    .at(at(sources, f, &path("support_until")))
                    .with_help("`support_until` is the last day of support, after `released`"),
                );
            }
            Version {
                name: v.name.clone(),
                version: v.version.clone(),
                released: released.unwrap_or(Date::MIN),
                support_until,
            }
        })
        .collect()
}

fn history(f: &Path, list: &[data::Change], cx: &Context<'_>, d: &mut Diagnostics) -> Vec<Change> {
    list.iter()
        .enumerate()
        .map(|(i, c)| {
            let path = |key| [Seg::Key("history"), Seg::Index(i), Seg::Key(key)];
            let date = day(&c.date, f, &path("date"), cx.sources, d);
            let criterion = c.criterion.as_ref().and_then(|id| {
                let found = cx.criteria.iter().position(|x| &x.id == id);
                if found.is_none() {
                    d.push(
                        Diagnostic::error(f, format!("unknown criterion `{id}` in `history`"))
                            .at(at(cx.sources, f, &path("criterion")))
                            .with_help_opt(did_you_mean(id, cx.criteria.iter().map(|x| x.id.as_str()))),
                    );
                }
                found.map(CriterionId)
            });
            let mut level = |key: &'static str, value: &Option<String>| {
                let value = value.as_ref()?;
                let Some(cid) = criterion else {
                    if c.criterion.is_none() {
                        d.push(
                            Diagnostic::error(
                                f,
                                format!("`{key}` names a level, but no `criterion` is given"),
                            )
                            .at(at(cx.sources, f, &path(key)))
                            .with_help("add `criterion: <id>` to say which rating changed"),
                        );
                    }
                    return None;
                };
                let crit = &cx.criteria[cid.0];
                let found = crit.levels.iter().position(|l| &l.id == value);
                if found.is_none() {
                    d.push(
                        Diagnostic::error(f, format!("`{value}` is not a level of criterion `{}`", crit.id))
                            .at(at(cx.sources, f, &path(key)))
                            .with_help_opt(did_you_mean(value, crit.levels.iter().map(|l| l.id.as_str()))),
                    );
                }
                found.map(LevelIndex)
            };
            let (from, to) = (level("from", &c.from), level("to", &c.to));
            Change { date: date.unwrap_or(Date::MIN), note: c.note.clone(), criterion, from, to }
        })
        .collect()
}

/// Every source of every rating is a web address.
fn check_sources(f: &Path, s: &StackFile, sources: &SourceMap, d: &mut Diagnostics) {
    for (criterion, rating) in &s.ratings {
        for (i, link) in rating.sources.iter().enumerate() {
            if !is_web_url(&link.url) {
                let path = [Seg::Key("ratings"), Seg::Key(criterion), Seg::Key("sources"), Seg::Index(i)];
                let mut url = path.to_vec();
                url.push(Seg::Key("url"));
                d.push(
                    Diagnostic::error(f, format!("`{}` is not a web address", link.url))
                        .at(at(sources, f, &url).or_else(|| at(sources, f, &path)))
                        .with_help("a source is a page readers can open: https://…"),
                );
            }
        }
    }
}
