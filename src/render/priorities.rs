//! Views of the rankings for templates: every stack ranked by weighted score (`crate::score`),
//! with what each criterion adds, for `/priorities/` (equal weights, and the reader's own with
//! JavaScript) and for `/priorities/<project-type>/` (the type's default weights). The page's
//! script gets the levels' positions as JSON and repeats the same arithmetic.

use serde::Serialize;

use crate::model::{ProjectTypeId, Site, Weight, stack_address};
use crate::routes::{Route, priorities_address};
use crate::score::{self, points};
use crate::search::script_safe_json_of;

/// A criterion as a column of the ranking: its weight, and the weight's factor.
#[derive(Debug, Serialize)]
pub(crate) struct Column<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub weight: &'static str,
    pub factor: u32,
}

/// What one criterion adds to a stack's score: the level, its points and the product.
#[derive(Debug, Serialize)]
pub(crate) struct Part<'a> {
    pub label: &'a str,
    pub points: u32,
    pub value: u32,
}

/// A stack in the ranking. Equal scores share a rank.
#[derive(Debug, Serialize)]
pub(crate) struct Row<'a> {
    pub rank: usize,
    pub id: &'a str,
    pub name: &'a str,
    pub url: String,
    pub total: u32,
    /// One per weighted column, in the columns' order.
    pub parts: Vec<Part<'a>>,
}

/// A project type and the address of its ranking.
#[derive(Debug, Serialize)]
pub(crate) struct TypeLink<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    pub url: String,
}

/// `ranking` on a page of rankings.
#[derive(Debug, Serialize)]
pub(crate) struct Ranking<'a> {
    /// The project type whose default weights these are; `None` for equal weights.
    pub project_type: Option<TypeLink<'a>>,
    /// Every criterion with its weight, in the criteria's order (the form shows them all).
    pub criteria: Vec<Column<'a>>,
    /// The criteria that count (weight above none): the ranking's columns.
    pub columns: Vec<Column<'a>>,
    pub rows: Vec<Row<'a>>,
    pub types: Vec<TypeLink<'a>>,
    /// `/priorities/` with these weights in its address, for the reader to change them.
    pub adjust_url: String,
    /// The weights' words, lightest first, for the form.
    pub weights: [&'static str; 4],
    /// The data the page's script ranks with, safe inside `<script>`; `None` on the rankings
    /// of project types, which need no script.
    pub json: Option<String>,
}

/// The ranking `route` shows: equal (medium) weights for [`Route::Priorities`], the project
/// type's own for [`Route::PrioritiesFor`].
pub(crate) fn ranking(site: &Site, route: Route) -> Ranking<'_> {
    let (weights, project_type) = match route {
        Route::PrioritiesFor(t) => (site.project_types[t.0].weights.clone(), Some(type_link(site, t))),
        _ => (vec![Weight::Medium; site.criteria.len()], None),
    };
    let criteria: Vec<Column<'_>> = site.criteria.iter().zip(&weights).map(|(c, &w)| column(c, w)).collect();
    let counted: Vec<usize> = (0..criteria.len()).filter(|&c| weights[c] != Weight::None).collect();
    let ranked = score::rank(site, &weights);
    let rows = ranked
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let stack = site.stack(s.stack);
            // Competition ranking: a stack level with the one above shares its rank.
            let rank = ranked[..i].iter().position(|o| o.total == s.total).map_or(i, |first| first) + 1;
            let parts = counted
                .iter()
                .map(|&c| {
                    let level = stack.ratings[c].level;
                    let label = site.criteria[c].levels.get(level.0).map_or("", |l| l.label.as_str());
                    Part { label, points: points(level), value: s.parts[c] }
                })
                .collect();
            let url = site.base.link(&stack_address(&stack.id));
            Row { rank, id: &stack.id, name: &stack.name, url, total: s.total, parts }
        })
        .collect();
    let query: Vec<String> = criteria.iter().map(|c| format!("{}={}", c.id, c.weight)).collect();
    Ranking {
        json: project_type.is_none().then(|| json(site)),
        project_type,
        columns: counted.iter().map(|&c| column(&site.criteria[c], weights[c])).collect(),
        criteria,
        rows,
        types: (0..site.project_types.len()).map(|t| type_link(site, ProjectTypeId(t))).collect(),
        adjust_url: format!("{}?{}", site.url(Route::Priorities), query.join("&")),
        weights: Weight::ALL.map(Weight::id),
    }
}

fn column(c: &crate::model::Criterion, w: Weight) -> Column<'_> {
    Column { id: &c.id, name: &c.name, weight: w.id(), factor: w.factor() }
}

pub(crate) fn type_link(site: &Site, t: ProjectTypeId) -> TypeLink<'_> {
    let p = &site.project_types[t.0];
    TypeLink {
        id: &p.id,
        name: &p.name,
        description: &p.description,
        url: site.base.link(&priorities_address(&p.id)),
    }
}

/// What the script of `/priorities/` ranks with: the weights' words (a word's index is its
/// factor), each criterion's levels, and each stack's points on every criterion.
#[derive(Serialize)]
struct Data<'a> {
    weights: [&'static str; 4],
    criteria: Vec<DataCriterion<'a>>,
    stacks: Vec<DataStack<'a>>,
}

#[derive(Serialize)]
struct DataCriterion<'a> {
    id: &'a str,
    name: &'a str,
    levels: Vec<&'a str>,
}

#[derive(Serialize)]
struct DataStack<'a> {
    id: &'a str,
    name: &'a str,
    url: String,
    points: Vec<u32>,
}

fn json(site: &Site) -> String {
    script_safe_json_of(&Data {
        weights: Weight::ALL.map(Weight::id),
        criteria: site
            .criteria
            .iter()
            .map(|c| DataCriterion {
                id: &c.id,
                name: &c.name,
                levels: c.levels.iter().map(|l| l.label.as_str()).collect(),
            })
            .collect(),
        stacks: site
            .stacks
            .iter()
            .map(|s| DataStack {
                id: &s.id,
                name: &s.name,
                url: site.base.link(&stack_address(&s.id)),
                points: s.ratings.iter().map(|r| points(r.level)).collect(),
            })
            .collect(),
    })
}
