//! Views of the evidence for templates: a stack's versions with their status on the build day,
//! the methodology page (criteria, levels' definitions, how much of the data is sourced), the
//! changes of the guide newest first (which the Atom feed shares), and the support timeline
//! with its table.

use std::path::Path;

use serde::Serialize;
use time::Date;

use crate::date::{format, parse};
use crate::model::{PageId, Site, Stack, StackId};
use crate::routes::Route;
use crate::timeline::{self, Status};

use super::stacks::CriterionView;

/// The most changes the page of changes lists (the newest), so it stays small on a site of
/// many dated chapters; the feed lists fewer.
pub(crate) const CHANGES_ON_PAGE: usize = 100;

/// A version of a stack and where its support stands on the build day.
#[derive(Debug, Serialize)]
pub(crate) struct VersionView<'a> {
    pub name: &'a str,
    pub version: &'a str,
    pub released: String,
    /// `None` for a rolling release.
    pub support_until: Option<String>,
    /// In words: "supported", "ends in 30 days", "ended"...
    pub status: String,
    /// For CSS: supported, ending, ended, rolling, upcoming.
    pub class: &'static str,
}

/// Every version of `s`, as listed, judged on `today`.
pub(crate) fn versions(s: &Stack, today: Date) -> Vec<VersionView<'_>> {
    s.versions
        .iter()
        .map(|v| {
            let status = Status::of(v.released, v.support_until, today);
            VersionView {
                name: &v.name,
                version: &v.version,
                released: format(v.released),
                support_until: v.support_until.map(format),
                status: status.words(),
                class: status.class(),
            }
        })
        .collect()
}

/// `methodology` on the methodology page.
#[derive(Debug, Serialize)]
pub(crate) struct Methodology<'a> {
    pub criteria: Vec<CriterionView<'a>>,
    pub review_after: u32,
    pub stacks: usize,
    pub ratings: usize,
    /// Ratings that cite at least one source.
    pub sourced: usize,
    pub sources: usize,
    pub changes: usize,
}

pub(crate) fn methodology(site: &Site) -> Methodology<'_> {
    let ratings = site.stacks.iter().flat_map(|s| &s.ratings);
    Methodology {
        criteria: site.criteria.iter().map(CriterionView::new).collect(),
        review_after: site.config.review_after,
        stacks: site.stacks.len(),
        ratings: ratings.clone().count(),
        sourced: ratings.clone().filter(|r| !r.sources.is_empty()).count(),
        sources: ratings.map(|r| r.sources.len()).sum(),
        changes: site.stacks.iter().map(|s| s.history.len()).sum(),
    }
}

/// One change of the guide: a dated history entry of a stack, a stack's review or a page's
/// update.
#[derive(Debug, Serialize)]
pub(crate) struct Change<'a> {
    /// Stable across builds: the id of its entry on the page of changes.
    pub id: String,
    #[serde(skip)]
    pub day: Date,
    pub date: String,
    /// rating, note, reviewed or updated.
    pub kind: &'static str,
    /// The stack's name or the page's title.
    pub subject: &'a str,
    /// The page the change is about.
    pub url: String,
    pub absolute: String,
    /// What changed, without the subject: "Speed: Fair → Fast", "reviewed", "updated", or the
    /// note of a change that names no criterion.
    pub what: String,
    /// The note of a history entry, the description of an updated page.
    pub note: Option<&'a str>,
    pub criterion: Option<&'a str>,
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
}

impl Change<'_> {
    /// The change in one line, as the feed titles it.
    pub(crate) fn title(&self) -> String {
        match self.kind {
            "reviewed" | "updated" => format!("{} {}", self.subject, self.what),
            _ => format!("{}: {}", self.subject, self.what),
        }
    }
}

/// Every change of the guide, newest first (then by subject and id, so the order is stable).
pub(crate) fn changes(site: &Site) -> Vec<Change<'_>> {
    let mut out = Vec::new();
    for (i, s) in site.stacks() {
        stack_changes(site, i, s, &mut out);
    }
    for (i, p) in site.pages.iter().enumerate() {
        let Some(day) = p.updated.as_deref().and_then(parse) else { continue };
        let route = Route::Page(PageId(i));
        out.push(Change {
            id: format!("updated-{}{}", p.address, format(day)),
            day,
            date: format(day),
            kind: "updated",
            subject: &p.title,
            url: site.url(route),
            absolute: site.base.absolute(site.routes.address(route).unwrap_or_default()),
            what: "updated".into(),
            note: Some(&p.description),
            criterion: None,
            from: None,
            to: None,
        });
    }
    out.sort_by(|a, b| {
        b.day.cmp(&a.day).then_with(|| a.subject.cmp(b.subject)).then_with(|| a.id.cmp(&b.id))
    });
    out
}

/// The history entries and the review of stack `s`.
fn stack_changes<'a>(site: &'a Site, i: StackId, s: &'a Stack, out: &mut Vec<Change<'a>>) {
    let route = Route::Stack(i);
    let (url, absolute) =
        (site.url(route), site.base.absolute(site.routes.address(route).unwrap_or_default()));
    let change = |id: String, day: Date, kind: &'static str| Change {
        id,
        day,
        date: format(day),
        kind,
        subject: &s.name,
        url: url.clone(),
        absolute: absolute.clone(),
        what: kind.into(),
        note: None,
        criterion: None,
        from: None,
        to: None,
    };
    out.push(change(format!("reviewed-{}-{}", s.id, format(s.reviewed)), s.reviewed, "reviewed"));
    for (k, h) in s.history.iter().enumerate() {
        // Numbered among the stack's entries of that day, so adding an entry on another day
        // changes no id.
        let n = s.history[..k].iter().filter(|e| e.date == h.date).count() + 1;
        let criterion = h.criterion.map(|c| site.criterion(c));
        let label = |l: Option<crate::model::LevelIndex>| Some(criterion?.levels.get(l?.0)?.label.as_str());
        let mut c = change(
            format!("change-{}-{}-{n}", s.id, format(h.date)),
            h.date,
            if criterion.is_some() { "rating" } else { "note" },
        );
        c.note = Some(&h.note);
        c.criterion = criterion.map(|c| c.name.as_str());
        (c.from, c.to) = (label(h.from), label(h.to));
        c.what = match c.criterion {
            Some(name) => format!("{name}: {} → {}", c.from.unwrap_or("unrated"), c.to.unwrap_or("unrated")),
            None => h.note.clone(),
        };
        out.push(c);
    }
}

/// When the guide was last reviewed, with where to read how it rates and what changed: the
/// newest `reviewed` date of a stack profile or `updated` date of a page (the dates the page of
/// changes is made from).
#[derive(Debug, Serialize)]
pub(crate) struct LastReview {
    /// `2026-12-01`.
    pub date: String,
    /// `1 December 2026`.
    pub text: String,
    /// `/methodology/`, when the site has stacks.
    pub methodology: Option<String>,
    pub changes: String,
}

/// The guide's last review; `None` when no profile or page carries a date.
pub(crate) fn last_review(site: &Site) -> Option<LastReview> {
    let reviewed = site.stacks.iter().map(|s| s.reviewed);
    let updated = site.pages.iter().filter_map(|p| p.updated.as_deref().and_then(parse));
    let day = reviewed.chain(updated).max()?;
    Some(LastReview {
        date: format(day),
        text: format!("{} {} {}", day.day(), day.month(), day.year()),
        methodology: site.routes.address(Route::Methodology).map(|a| site.base.link(a)),
        changes: site.url(Route::Changes),
    })
}

/// Changes of one month, for the page of changes.
#[derive(Debug, Serialize)]
pub(crate) struct Month<'a> {
    /// `2026-12`.
    pub id: String,
    /// `December 2026`.
    pub title: String,
    pub changes: Vec<Change<'a>>,
}

/// The newest [`CHANGES_ON_PAGE`] changes by month, newest first.
pub(crate) fn by_month(changes: Vec<Change<'_>>) -> Vec<Month<'_>> {
    let mut months: Vec<Month<'_>> = Vec::new();
    for c in changes.into_iter().take(CHANGES_ON_PAGE) {
        let id = format!("{:04}-{:02}", c.day.year(), u8::from(c.day.month()));
        match months.last_mut() {
            Some(m) if m.id == id => m.changes.push(c),
            _ => {
                let title = format!("{} {}", c.day.month(), c.day.year());
                months.push(Month { id, title, changes: vec![c] });
            }
        }
    }
    months
}

/// A stack on the page of support windows.
#[derive(Debug, Serialize)]
pub(crate) struct SupportRow<'a> {
    pub name: &'a str,
    pub url: String,
    pub versions: Vec<VersionView<'a>>,
}

/// `support` on the page of support windows.
#[derive(Debug, Serialize)]
pub(crate) struct Support<'a> {
    /// The timeline; `None` when no stack lists a version.
    pub svg: Option<String>,
    /// Stacks that list versions, in id order.
    pub rows: Vec<SupportRow<'a>>,
    /// Stacks that list none.
    pub without: Vec<SupportRow<'a>>,
    pub today: String,
}

pub(crate) fn support(site: &Site) -> Support<'_> {
    let (rows, without): (Vec<_>, Vec<_>) = site
        .stacks()
        .map(|(i, s)| SupportRow {
            name: &s.name,
            url: site.url(Route::Stack(i)),
            versions: versions(s, site.today),
        })
        .partition(|r| !r.versions.is_empty());
    let bars: Vec<timeline::Row> = site
        .stacks
        .iter()
        .filter(|s| !s.versions.is_empty())
        .map(|s| timeline::Row {
            name: s.name.clone(),
            versions: s
                .versions
                .iter()
                .map(|v| timeline::Bar {
                    label: format!("{} {}", v.name, v.version),
                    released: v.released,
                    until: v.support_until,
                })
                .collect(),
        })
        .collect();
    let title =
        format!("Support windows of every listed version, with today, {}, marked", format(site.today));
    Support {
        svg: (!bars.is_empty()).then(|| timeline::svg(&bars, site.today, &title, "versions-table")),
        rows,
        without,
        today: format(site.today),
    }
}

/// What an evidence page is: its title, description, template and the input it comes from.
pub(super) struct Page {
    pub(super) title: &'static str,
    pub(super) description: &'static str,
    pub(super) template: &'static str,
    pub(super) source: &'static Path,
}

/// The evidence page `route` makes, with what it shows put into `ctx`; `None` for other
/// routes.
pub(super) fn page<'a>(site: &'a Site, route: Route, ctx: &mut super::input::Input<'a>) -> Option<Page> {
    let page = |title, description, template, source: &'static str| Page {
        title,
        description,
        template,
        source: Path::new(source),
    };
    Some(match route {
        Route::Methodology => {
            ctx.insert("methodology", methodology(site));
            page(
                "Methodology",
                "The criteria every stack is rated on, what each level means, and how ratings are sourced and reviewed.",
                "methodology.html",
                "content/criteria.yaml",
            )
        }
        Route::Changes => {
            let all = changes(site);
            ctx.insert("total", all.len());
            ctx.insert("shown", all.len().min(CHANGES_ON_PAGE));
            ctx.insert("months", by_month(all));
            ctx.insert("methodology_url", site.routes.address(Route::Methodology).map(|a| site.base.link(a)));
            page(
                "Changes",
                "What changed in the guide, newest first: ratings, reviews of the stack profiles and updated chapters.",
                "changes.html",
                "content",
            )
        }
        Route::Support => {
            ctx.insert("support", support(site));
            page(
                "Support windows",
                "Every listed version of every stack on one timeline, from its release to the end of its support.",
                "support.html",
                "content/stacks",
            )
        }
        _ => return None,
    })
}
