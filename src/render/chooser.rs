//! The view of `/compare/`: every pair of stacks as links (what the page is without
//! JavaScript), and the data its script draws two to four chosen stacks side by side from:
//! ratings, fit per project type and versions with their support status on the build day. A
//! site of many stacks links each stack's own list of comparisons instead of every pair, so the
//! page grows with the stacks, not with their pairs.

use serde::Serialize;

use super::evidence::versions;
use super::stacks::Linked;
use crate::model::{Site, compare_address, stack_address};
use crate::search::script_safe_json_of;

/// A stack with the links to its comparisons with every stack after it (by id).
#[derive(Debug, Serialize)]
pub(crate) struct PairGroup<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub url: String,
    pub pairs: Vec<Linked<'a>>,
}

/// Up to this many pairs (32 stacks), `/compare/` links every one; above, each stack's page
/// (its "Compare with" list), so the page does not grow with the square of the stacks.
pub(crate) const LISTED_PAIRS: usize = 500;

/// A stack the reader can tick.
#[derive(Debug, Serialize)]
pub(crate) struct Choice<'a> {
    pub id: &'a str,
    pub name: &'a str,
}

/// `chooser` on `/compare/`.
#[derive(Debug, Serialize)]
pub(crate) struct Chooser<'a> {
    /// Whether the page lists every pair: there are at most [`LISTED_PAIRS`].
    pub every_pair: bool,
    /// Then one group per stack but the last, in id order: every pair once.
    pub groups: Vec<PairGroup<'a>>,
    /// Otherwise every stack, linking the comparisons its page lists.
    pub lists: Vec<Linked<'a>>,
    pub pairs: usize,
    /// Every stack, for the checkboxes.
    pub stacks: Vec<Choice<'a>>,
    /// The data the page's script compares with, safe inside `<script>`.
    pub json: String,
    /// The profile chart the script draws the chosen stacks on.
    pub chart: String,
}

pub(crate) fn chooser(site: &Site) -> Chooser<'_> {
    let n = site.stacks.len();
    let pairs = n * n.saturating_sub(1) / 2;
    let every_pair = pairs <= LISTED_PAIRS;
    let (groups, lists) =
        if every_pair { (pair_groups(site), Vec::new()) } else { (Vec::new(), comparison_lists(site)) };
    Chooser {
        pairs,
        every_pair,
        groups,
        lists,
        stacks: site.stacks.iter().map(|s| Choice { id: &s.id, name: &s.name }).collect(),
        json: json(site),
        chart: super::profile::canvas(site, "chooser-result", "chooser-"),
    }
}

/// Every pair once: a group per stack but the last, with its pairs with the stacks after it.
fn pair_groups(site: &Site) -> Vec<PairGroup<'_>> {
    site.stacks
        .iter()
        .enumerate()
        .take(site.stacks.len().saturating_sub(1))
        .map(|(i, s)| PairGroup {
            id: &s.id,
            name: &s.name,
            url: site.base.link(&stack_address(&s.id)),
            pairs: site.stacks[i + 1..]
                .iter()
                .map(|o| Linked { title: &o.name, url: site.base.link(&compare_address(&s.id, &o.id)) })
                .collect(),
        })
        .collect()
}

/// Every stack, linking the list of its comparisons on its page.
fn comparison_lists(site: &Site) -> Vec<Linked<'_>> {
    let list = |id: &str| format!("{}#comparisons", site.base.link(&stack_address(id)));
    site.stacks.iter().map(|s| Linked { title: &s.name, url: list(&s.id) }).collect()
}

/// What the script draws with. Ratings are level indices into their criterion's labels; fits
/// are `good`, `ok` or `poor`; versions are [name and version, status, status class].
#[derive(Serialize)]
struct Data<'a> {
    /// The address of `/compare/`; a pair's page is `<compare>a-vs-b/`.
    compare: String,
    criteria: Vec<(&'a str, Vec<&'a str>)>,
    types: Vec<&'a str>,
    /// Fit id -> its words.
    fits: std::collections::BTreeMap<&'static str, &'static str>,
    stacks: Vec<DataStack<'a>>,
    /// How the marks of the stack chosen `k`-th look, in words, for the chart's title.
    marks: Vec<&'static str>,
}

#[derive(Serialize)]
struct DataStack<'a> {
    id: &'a str,
    name: &'a str,
    url: String,
    ratings: Vec<usize>,
    fit: Vec<crate::model::FitLevel>,
    versions: Vec<(String, String, &'static str)>,
}

fn json(site: &Site) -> String {
    use crate::model::FitLevel;
    let fits = [FitLevel::Good, FitLevel::Ok, FitLevel::Poor];
    script_safe_json_of(&Data {
        compare: site.base.link("compare/"),
        criteria: site
            .criteria
            .iter()
            .map(|c| (c.name.as_str(), c.levels.iter().map(|l| l.label.as_str()).collect()))
            .collect(),
        types: site.project_types.iter().map(|t| t.name.as_str()).collect(),
        fits: fits.iter().map(|&f| (fit_id(f), f.label())).collect(),
        marks: (0..crate::profile::MAX_SERIES).map(crate::profile::Shape::words).collect(),
        stacks: site
            .stacks
            .iter()
            .map(|s| DataStack {
                id: &s.id,
                name: &s.name,
                url: site.base.link(&stack_address(&s.id)),
                ratings: s.ratings.iter().map(|r| r.level.0).collect(),
                fit: s.fit.iter().map(|f| f.level).collect(),
                versions: versions(s, site.today)
                    .into_iter()
                    .map(|v| (format!("{} {}", v.name, v.version), v.status, v.class))
                    .collect(),
            })
            .collect(),
    })
}

fn fit_id(f: crate::model::FitLevel) -> &'static str {
    use crate::model::FitLevel;
    match f {
        FitLevel::Good => "good",
        FitLevel::Ok => "ok",
        FitLevel::Poor => "poor",
        FitLevel::Todo => "todo",
    }
}
