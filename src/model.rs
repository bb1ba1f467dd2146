//! The validated site: every reference in it resolves. Built by `validate`, read by `render`.

use std::path::PathBuf;

use serde::Serialize;
use time::Date;

use crate::body::{Bodies, BodySource};
use crate::config::{BaseUrl, SiteConfig};
pub(crate) use crate::ids::{CriterionId, DecisionId, LevelIndex, PageId, ProjectTypeId, StackId};
use crate::markdown::Rendered;

/// What a Markdown page is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    Home,
    Section,
    Chapter,
}

/// A Markdown page, with its body rendered and its place in the tree known.
#[derive(Debug, Clone)]
pub struct Page {
    /// Source file relative to the site root.
    pub file: PathBuf,
    /// Source file relative to `content/`.
    pub rel: PathBuf,
    /// Address relative to the site, e.g. `guide/intro/` (`` for the home page).
    pub address: String,
    pub kind: PageKind,
    pub title: String,
    pub description: String,
    pub weight: i64,
    pub draft: bool,
    pub updated: Option<String>,
    /// The stacks the front matter names.
    pub stacks: Vec<StackId>,
    /// The directive blocks, in the order of `body.directives` (`Segment::Embed(n)` is `embeds[n]`).
    pub embeds: Vec<Embed>,
    /// The stacks whose pages the body links to.
    pub links_to: Vec<StackId>,
    /// Where the body is, to be read again and rendered with its page (see `crate::body`).
    pub source: BodySource,
    /// The section this page belongs to.
    pub parent: Option<PageId>,
    /// Sections and chapters under a section, in weight order.
    pub children: Vec<PageId>,
    pub prev: Option<PageId>,
    pub next: Option<PageId>,
}

impl Page {
    /// Whether `other` is this page with any body: the same file, place, front matter, and
    /// the same embeds and stack links in its body.
    fn same_but_body(&self, other: &Page) -> bool {
        let Page {
            file,
            rel,
            address,
            kind,
            title,
            description,
            weight,
            draft,
            updated,
            stacks,
            embeds,
            links_to,
            source: _,
            parent,
            children,
            prev,
            next,
        } = self;
        *file == other.file
            && *rel == other.rel
            && *address == other.address
            && *kind == other.kind
            && *title == other.title
            && *description == other.description
            && *weight == other.weight
            && *draft == other.draft
            && *updated == other.updated
            && *stacks == other.stacks
            && *embeds == other.embeds
            && *links_to == other.links_to
            && *parent == other.parent
            && *children == other.children
            && *prev == other.prev
            && *next == other.next
    }
}

/// The whole site, validated.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: SiteConfig,
    pub base: BaseUrl,
    pub pages: Vec<Page>,
    /// Top-level sections and chapters (children of the home page), in weight order.
    pub roots: Vec<PageId>,
    /// Every file the build writes.
    pub routes: crate::routes::Routes,
    /// Files copied as they are: (address, path on disk).
    pub assets: Vec<(String, PathBuf)>,
    pub criteria: Vec<Criterion>,
    pub project_types: Vec<ProjectType>,
    /// Sorted by id.
    pub stacks: Vec<Stack>,
    /// Sorted by id.
    pub decisions: Vec<Decision>,
    /// The flowchart shown on the home page.
    pub main_decision: Option<DecisionId>,
    /// How pages' bodies are read again and rendered.
    pub bodies: Bodies,
    /// The build day: what "today" is for support windows and the changes' feed.
    pub today: Date,
}

impl Site {
    /// The link to the page `route` makes, from the route table, with the base path.
    pub fn url(&self, route: crate::routes::Route) -> String {
        self.base.link(self.routes.address(route).unwrap_or_default())
    }

    pub fn home(&self) -> Option<&Page> {
        self.pages.iter().find(|p| p.kind == PageKind::Home)
    }

    pub fn page(&self, id: PageId) -> &Page {
        &self.pages[id.0]
    }

    pub fn stack(&self, id: StackId) -> &Stack {
        &self.stacks[id.0]
    }

    pub fn decision(&self, id: DecisionId) -> &Decision {
        &self.decisions[id.0]
    }

    pub fn criterion(&self, id: CriterionId) -> &Criterion {
        &self.criteria[id.0]
    }

    /// Every stack with its id, in id order.
    pub fn stacks(&self) -> impl Iterator<Item = (StackId, &Stack)> {
        self.stacks.iter().enumerate().map(|(i, s)| (StackId(i), s))
    }

    /// Whether `other` is this site but for its pages' bodies: then every file made from the
    /// site alone (all but the pages, the print page and the search index) is the same for both.
    /// Every field is named, so a field added to the site or a page must be decided on here.
    pub(crate) fn same_but_bodies(&self, other: &Site) -> bool {
        let Site {
            config,
            base,
            pages,
            roots,
            routes,
            assets,
            criteria,
            project_types,
            stacks,
            decisions,
            main_decision,
            bodies: _,
            today,
        } = self;
        *config == other.config
            && *base == other.base
            && pages.len() == other.pages.len()
            && pages.iter().zip(&other.pages).all(|(a, b)| a.same_but_body(b))
            && *roots == other.roots
            && *routes == other.routes
            && *assets == other.assets
            && *criteria == other.criteria
            && *project_types == other.project_types
            && *stacks == other.stacks
            && *decisions == other.decisions
            && *main_decision == other.main_decision
            && *today == other.today
    }

    /// Chapters that are about a stack: they name it in their front matter, embed its card or
    /// link to its page.
    pub fn chapters_about(&self, stack: StackId) -> Vec<PageId> {
        (0..self.pages.len())
            .map(PageId)
            .filter(|&i| {
                let p = self.page(i);
                p.stacks.contains(&stack)
                    || p.embeds.contains(&Embed::Stack(stack))
                    || p.links_to.contains(&stack)
            })
            .collect()
    }
}

/// A criterion with its scale, least favourable level first.
#[derive(Debug, Clone, PartialEq)]
pub struct Criterion {
    pub id: String,
    pub name: String,
    pub description: String,
    pub levels: Vec<Level>,
}

/// A level on a criterion's scale.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Level {
    pub id: String,
    pub label: String,
    /// What a stack must show to earn this level.
    pub definition: Option<String>,
}

/// A kind of project.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectType {
    pub id: String,
    pub name: String,
    pub description: String,
    /// How much this kind of project weighs each criterion, in the order of `Site::criteria`:
    /// the default weights of its ranking (see the `score` module).
    pub weights: Vec<Weight>,
}

/// A stack's rating on one criterion.
#[derive(Debug, Clone, PartialEq)]
pub struct Rating {
    pub level: LevelIndex,
    pub reason: String,
    /// The evidence for the level; every one a web address.
    pub sources: Vec<Link>,
}

/// A release of a stack and its support window.
#[derive(Debug, Clone, PartialEq)]
pub struct Version {
    pub name: String,
    pub version: String,
    pub released: Date,
    /// The last day of free support; `None` for rolling releases.
    pub support_until: Option<Date>,
}

/// A dated change to a stack profile; a rating change names its criterion and levels.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub date: Date,
    pub note: String,
    pub criterion: Option<CriterionId>,
    pub from: Option<LevelIndex>,
    pub to: Option<LevelIndex>,
}

/// How well a stack fits one project type.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    pub level: FitLevel,
    pub note: Option<String>,
}

pub(crate) use crate::data::{FitLevel, Link, Weight};
pub(crate) use crate::routes::{compare_address, decision_address, stack_address};

/// A stack profile, resolved: one rating per criterion and one fit per project type, in the
/// order of `Site::criteria` and `Site::project_types`.
#[derive(Debug, Clone, PartialEq)]
pub struct Stack {
    pub id: String,
    pub file: PathBuf,
    pub name: String,
    pub language: String,
    pub runtime: String,
    pub frameworks: Vec<String>,
    pub summary: String,
    pub best_for: Vec<String>,
    /// The day the profile was last checked against its sources.
    pub reviewed: Date,
    pub versions: Vec<Version>,
    /// Oldest first, as written.
    pub history: Vec<Change>,
    pub ratings: Vec<Rating>,
    pub fit: Vec<Fit>,
    pub pros: Vec<String>,
    pub cons: Vec<String>,
    pub users: Vec<String>,
    pub example_language: String,
    /// The example as written (highlighted when its page is rendered).
    pub example_code: String,
    pub links: Vec<Link>,
    /// The long-form Markdown of `stacks/<id>.md`, when there is one.
    pub long_form: Option<Rendered>,
}

/// A directive block of a page, resolved to indices into the site's data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Embed {
    Stack(StackId),
    Compare { stacks: Vec<StackId>, criteria: Vec<CriterionId> },
    Decision(DecisionId),
}

/// A flowchart: nodes in a stable order (breadth first from the start), the start first.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub id: String,
    pub file: PathBuf,
    pub title: String,
    pub description: String,
    pub nodes: Vec<Node>,
}

/// A node of a flowchart: its index in `Decision::nodes`. Templates and the wizard see the
/// number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct NodeId(pub usize);

impl NodeId {
    /// The start of every flowchart.
    pub const START: NodeId = NodeId(0);
}

/// A node of a flowchart.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub id: String,
    pub kind: NodeKind,
}

/// A question leads on through its answers; a result recommends stacks.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    Question {
        text: String,
        help: Option<String>,
        answers: Vec<Answer>,
    },
    /// A result; its note is boxed, a rendered body being much larger than a question.
    Result {
        title: String,
        recommend: Vec<StackId>,
        note: Box<Rendered>,
    },
}

/// An answer and the node it leads to.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub label: String,
    pub next: NodeId,
    /// The project type the answer stands for, which holds for every result below it.
    pub project_type: Option<ProjectTypeId>,
}

/// The most paths through one flowchart that are listed.
pub(crate) const MAX_PATHS: usize = 1000;

/// One way through a flowchart: the (question, answer index) steps and the result node reached.
#[derive(Debug, Clone, PartialEq)]
pub struct Path {
    pub steps: Vec<(NodeId, usize)>,
    pub result: NodeId,
}

impl Decision {
    /// The node `id` of this flowchart.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.0]
    }

    /// Every node's id, in order.
    pub fn ids(&self) -> impl Iterator<Item = NodeId> {
        (0..self.nodes.len()).map(NodeId)
    }

    /// Every path from the start to a result, depth first in answer order; at most
    /// [`MAX_PATHS`], since a chart of many diamonds has exponentially many.
    pub fn paths(&self) -> Vec<Path> {
        fn walk(d: &Decision, node: NodeId, steps: &mut Vec<(NodeId, usize)>, out: &mut Vec<Path>) {
            if out.len() >= MAX_PATHS {
                return;
            }
            match &d.node(node).kind {
                NodeKind::Result { .. } => out.push(Path { steps: steps.clone(), result: node }),
                NodeKind::Question { answers, .. } => {
                    for (i, a) in answers.iter().enumerate() {
                        steps.push((node, i));
                        walk(d, a.next, steps, out);
                        steps.pop();
                    }
                }
            }
        }
        let mut out = Vec::new();
        if !self.nodes.is_empty() {
            walk(self, NodeId::START, &mut Vec::new(), &mut out);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 40 questions in a row, each with two answers to the next: 2^40 paths.
    #[test]
    fn paths_through_a_chart_of_diamonds_are_capped() {
        let mut nodes: Vec<Node> = (0..40)
            .map(|i| Node {
                id: format!("q{i}"),
                kind: NodeKind::Question {
                    text: "?".into(),
                    help: None,
                    answers: vec![
                        Answer { label: "a".into(), next: NodeId(i + 1), project_type: None },
                        Answer { label: "b".into(), next: NodeId(i + 1), project_type: None },
                    ],
                },
            })
            .collect();
        nodes.push(Node {
            id: "end".into(),
            kind: NodeKind::Result { title: "End".into(), recommend: vec![StackId(0)], note: Box::default() },
        });
        let d = Decision {
            id: "d".into(),
            file: "d.yaml".into(),
            title: "D".into(),
            description: String::new(),
            nodes,
        };
        assert_eq!(d.paths().len(), MAX_PATHS);
    }
}
