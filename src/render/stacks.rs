//! Views of the stack data for templates: cards, ratings, the matrices, stack pages and
//! pairwise comparisons. The same views feed the generated pages and the directive blocks.

use serde::Serialize;

use super::evidence::VersionView;
use crate::markdown::{Highlighter, highlight};
use crate::model::{
    Criterion, CriterionId, FitLevel, Site, Stack, StackId, compare_address, decision_address, stack_address,
};

/// A stack as a card.
#[derive(Debug, Serialize)]
pub(crate) struct Card<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub url: String,
    pub language: &'a str,
    pub runtime: &'a str,
    pub summary: &'a str,
    pub best_for: &'a [String],
}

impl<'a> Card<'a> {
    pub(crate) fn new(site: &'a Site, s: &'a Stack) -> Self {
        Card {
            id: &s.id,
            name: &s.name,
            url: site.base.link(&stack_address(&s.id)),
            language: &s.language,
            runtime: &s.runtime,
            summary: &s.summary,
            best_for: &s.best_for,
        }
    }
}

/// A criterion as a column or row heading.
#[derive(Debug, Serialize)]
pub(crate) struct CriterionView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    pub levels: &'a [crate::model::Level],
}

impl<'a> CriterionView<'a> {
    pub(crate) fn new(c: &'a Criterion) -> Self {
        CriterionView { id: &c.id, name: &c.name, description: &c.description, levels: &c.levels }
    }
}

/// A rating: its label, its position on the scale (1-based) and the scale's length, the reason.
#[derive(Debug, Serialize)]
pub(crate) struct RatingView<'a> {
    pub criterion: &'a str,
    pub criterion_name: &'a str,
    pub level: &'a str,
    pub label: &'a str,
    pub value: usize,
    pub max: usize,
    pub reason: &'a str,
    /// The rating's sources, numbered in the order of the page (none in the matrices).
    pub sources: Vec<SourceRef<'a>>,
}

/// A source of a rating, as a numbered note: `[n]` after the reason links to item `n` of the
/// list of sources (`#source-n`).
#[derive(Debug, Serialize)]
pub(crate) struct SourceRef<'a> {
    pub n: usize,
    pub title: &'a str,
    pub url: &'a str,
}

/// The rating of `s` on `c`, with its sources numbered from `*next` on when `next` is given.
fn rating<'a>(site: &'a Site, s: &'a Stack, c: CriterionId, next: Option<&mut usize>) -> RatingView<'a> {
    let crit = site.criterion(c);
    let r = &s.ratings[c.0];
    let level = &crit.levels[r.level.0.min(crit.levels.len().saturating_sub(1))];
    RatingView {
        criterion: &crit.id,
        criterion_name: &crit.name,
        level: &level.id,
        label: &level.label,
        value: r.level.0 + 1,
        max: crit.levels.len(),
        reason: &r.reason,
        sources: match next {
            Some(next) => r
                .sources
                .iter()
                .map(|l| {
                    *next += 1;
                    SourceRef { n: *next, title: &l.title, url: &l.url }
                })
                .collect(),
            None => Vec::new(),
        },
    }
}

/// A fit of a stack for a project type.
#[derive(Debug, Serialize)]
pub(crate) struct FitView<'a> {
    pub project_type: &'a str,
    pub project_type_name: &'a str,
    pub fit: crate::model::FitLevel,
    pub label: &'static str,
    pub note: Option<&'a str>,
}

fn fit<'a>(site: &'a Site, s: &'a Stack, t: usize) -> FitView<'a> {
    let pt = &site.project_types[t];
    let f = &s.fit[t];
    FitView {
        project_type: &pt.id,
        project_type_name: &pt.name,
        fit: f.level,
        label: f.level.label(),
        note: f.note.as_deref(),
    }
}

/// A row of the comparison matrix: a stack and its ratings on the chosen criteria.
#[derive(Debug, Serialize)]
pub(crate) struct MatrixRow<'a> {
    pub card: Card<'a>,
    pub ratings: Vec<RatingView<'a>>,
    pub fit: Vec<FitView<'a>>,
    /// The ids of the project types the stack fits well, for the matrix's filter.
    pub good_for: Vec<&'a str>,
}

/// The comparison matrix: stacks as rows, criteria as columns.
#[derive(Debug, Serialize)]
pub(crate) struct Matrix<'a> {
    pub criteria: Vec<CriterionView<'a>>,
    pub project_types: Vec<ProjectTypeView<'a>>,
    pub rows: Vec<MatrixRow<'a>>,
    pub languages: Vec<&'a str>,
}

/// A project type as a heading.
#[derive(Debug, Serialize)]
pub(crate) struct ProjectTypeView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub description: &'a str,
}

/// The matrix of `stacks` against `criteria` (indices into the site's lists).
pub(crate) fn matrix<'a>(site: &'a Site, stacks: &[StackId], criteria: &[CriterionId]) -> Matrix<'a> {
    let mut languages: Vec<&str> = stacks.iter().map(|&s| site.stack(s).language.as_str()).collect();
    languages.sort_unstable();
    languages.dedup();
    Matrix {
        criteria: criteria.iter().map(|&c| CriterionView::new(site.criterion(c))).collect(),
        project_types: site
            .project_types
            .iter()
            .map(|p| ProjectTypeView { id: &p.id, name: &p.name, description: &p.description })
            .collect(),
        rows: stacks
            .iter()
            .map(|&s| {
                let stack = site.stack(s);
                let fit: Vec<FitView<'_>> =
                    (0..site.project_types.len()).map(|t| fit(site, stack, t)).collect();
                MatrixRow {
                    card: Card::new(site, stack),
                    ratings: criteria.iter().map(|&c| rating(site, stack, c, None)).collect(),
                    good_for: fit
                        .iter()
                        .filter(|f| f.fit == FitLevel::Good)
                        .map(|f| f.project_type)
                        .collect(),
                    fit,
                }
            })
            .collect(),
        languages,
    }
}

/// A link with a title.
#[derive(Debug, Serialize)]
pub(crate) struct Linked<'a> {
    pub title: &'a str,
    pub url: String,
}

/// One path through a flowchart that ends in a recommendation of the stack.
#[derive(Debug, Serialize)]
pub(crate) struct PathView<'a> {
    pub decision: &'a str,
    pub url: String,
    pub steps: Vec<(&'a str, &'a str)>,
    pub result: &'a str,
}

/// `page.stack` on a stack page.
#[derive(Debug, Serialize)]
pub(crate) struct StackPage<'a> {
    pub card: Card<'a>,
    pub frameworks: &'a [String],
    /// The ratings drawn as a chart, described by the table of ratings (`#ratings-table`).
    pub profile: String,
    pub ratings: Vec<RatingView<'a>>,
    pub fit: Vec<FitView<'a>>,
    pub pros: &'a [String],
    pub cons: &'a [String],
    pub users: &'a [String],
    pub example_language: &'a str,
    pub example_html: String,
    pub links: &'a [crate::model::Link],
    pub long_form: Option<String>,
    /// The day the profile was last checked, `YYYY-MM-DD`.
    pub reviewed: String,
    pub versions: Vec<VersionView<'a>>,
    /// How many sources the ratings cite.
    pub sources: usize,
    pub comparisons: Vec<Linked<'a>>,
    pub chapters: Vec<Linked<'a>>,
    pub paths: Vec<PathView<'a>>,
}

/// The view of stack `i`'s page, with its long form as given and its example highlighted by
/// `highlighter` (usually remembered: a build highlights the examples as soon as they load).
pub(crate) fn stack_page<'a>(
    site: &'a Site,
    i: StackId,
    long_form: Option<String>,
    highlighter: &Highlighter,
) -> StackPage<'a> {
    let s = site.stack(i);
    let (code, language) = (&s.example_code, &s.example_language);
    // An unknown language was reported by validation.
    let example_html =
        highlighter.highlight(code, language).unwrap_or_else(|| highlight::plain(code, language));
    let comparisons = site
        .stacks
        .iter()
        .filter(|o| o.id != s.id)
        .map(|o| Linked { title: &o.name, url: site.base.link(&compare_address(&s.id, &o.id)) })
        .collect();
    let chapters = site
        .chapters_about(i)
        .into_iter()
        .map(|p| Linked { title: &site.page(p).title, url: site.base.link(&site.page(p).address) })
        .collect();
    let mut sources = 0;
    let ratings =
        (0..site.criteria.len()).map(|c| rating(site, s, CriterionId(c), Some(&mut sources))).collect();
    StackPage {
        card: Card::new(site, s),
        frameworks: &s.frameworks,
        profile: super::profile::svg(site, &[i], "ratings-table", ""),
        ratings,
        sources,
        fit: (0..site.project_types.len()).map(|t| fit(site, s, t)).collect(),
        pros: &s.pros,
        cons: &s.cons,
        users: &s.users,
        example_language: &s.example_language,
        example_html,
        links: &s.links,
        long_form,
        reviewed: crate::date::format(s.reviewed),
        versions: super::evidence::versions(s, site.today),
        comparisons,
        chapters,
        paths: paths_to(site, i),
    }
}

fn paths_to(site: &Site, stack: StackId) -> Vec<PathView<'_>> {
    use crate::model::NodeKind;
    let mut out = Vec::new();
    for d in &site.decisions {
        for path in d.paths() {
            let NodeKind::Result { title, recommend, .. } = &d.node(path.result).kind else {
                continue;
            };
            if !recommend.contains(&stack) {
                continue;
            }
            let steps = path
                .steps
                .iter()
                .filter_map(|&(n, a)| match &d.node(n).kind {
                    NodeKind::Question { text, answers, .. } => {
                        Some((text.as_str(), answers[a].label.as_str()))
                    }
                    NodeKind::Result { .. } => None,
                })
                .collect();
            out.push(PathView {
                decision: &d.title,
                url: site.base.link(&decision_address(&d.id)),
                steps,
                result: title,
            });
        }
    }
    out
}

/// A criterion compared between two stacks.
#[derive(Debug, Serialize)]
pub(crate) struct CompareRow<'a> {
    pub criterion: CriterionBrief<'a>,
    pub a: RatingView<'a>,
    pub b: RatingView<'a>,
    pub ahead: Ahead,
}

/// A project type compared between two stacks.
#[derive(Debug, Serialize)]
pub(crate) struct FitRow<'a> {
    pub project_type: ProjectTypeView<'a>,
    pub a: FitView<'a>,
    pub b: FitView<'a>,
    pub better: Ahead,
}

/// A criterion as a row of a comparison names it: without its levels, which every row of every
/// comparison page would otherwise carry into its template's context.
#[derive(Debug, Serialize)]
pub(crate) struct CriterionBrief<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub description: &'a str,
}

impl<'a> CriterionBrief<'a> {
    fn new(c: &'a Criterion) -> Self {
        CriterionBrief { id: &c.id, name: &c.name, description: &c.description }
    }
}

/// `page.compare` on a comparison page.
#[derive(Debug, Serialize)]
pub(crate) struct ComparePage<'a> {
    pub a: Card<'a>,
    pub b: Card<'a>,
    /// Both profiles on one chart, described by the table side by side (`#versus-table`).
    pub profile: String,
    pub rows: Vec<CompareRow<'a>>,
    pub fit: Vec<FitRow<'a>>,
    pub a_ahead: usize,
    pub b_ahead: usize,
    pub ties: usize,
    /// How many sources the ratings of both cite.
    pub sources: usize,
}

/// Which of two compared stacks is ahead; templates see `a`, `b` or `tie`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Ahead {
    A,
    B,
    Tie,
}

fn ahead<T: Ord>(a: T, b: T) -> Ahead {
    match a.cmp(&b) {
        std::cmp::Ordering::Greater => Ahead::A,
        std::cmp::Ordering::Less => Ahead::B,
        std::cmp::Ordering::Equal => Ahead::Tie,
    }
}

pub(crate) fn compare_page(site: &Site, a: StackId, b: StackId) -> ComparePage<'_> {
    let (sa, sb) = (site.stack(a), site.stack(b));
    let mut sources = 0;
    let rows: Vec<CompareRow<'_>> = (0..site.criteria.len())
        .map(CriterionId)
        .map(|c| CompareRow {
            criterion: CriterionBrief::new(site.criterion(c)),
            a: rating(site, sa, c, Some(&mut sources)),
            b: rating(site, sb, c, Some(&mut sources)),
            ahead: ahead(sa.ratings[c.0].level, sb.ratings[c.0].level),
        })
        .collect();
    let fit = site
        .project_types
        .iter()
        .enumerate()
        .map(|(t, p)| FitRow {
            project_type: ProjectTypeView { id: &p.id, name: &p.name, description: &p.description },
            a: fit(site, sa, t),
            b: fit(site, sb, t),
            better: ahead(sa.fit[t].level, sb.fit[t].level),
        })
        .collect();
    let count = |w: Ahead| rows.iter().filter(|r| r.ahead == w).count();
    ComparePage {
        a: Card::new(site, sa),
        b: Card::new(site, sb),
        profile: super::profile::svg(site, &[a, b], "versus-table", ""),
        a_ahead: count(Ahead::A),
        b_ahead: count(Ahead::B),
        ties: count(Ahead::Tie),
        sources,
        rows,
        fit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stack_ahead_reaches_templates_as_a_b_or_tie() {
        let ahead = [ahead(3, 1), ahead(1, 3), ahead(2, 2)].map(|w| serde_json::to_value(w).unwrap());
        assert_eq!(ahead, ["a", "b", "tie"]);
    }
}
