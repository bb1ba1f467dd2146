//! The profile chart of one to four stacks for a page: their ratings drawn at build time
//! (`crate::profile`), titled in words that name each stack's marks, and described by the table
//! of the same ratings on the page. Stack pages show one stack; comparison pages overlay two
//! (and a page of up to four stacks can overlay them all).

use crate::model::{Site, StackId};
use crate::profile::{self, Axis, MAX_SERIES, Series, Shape};

/// The chart of `stacks` (the first [`MAX_SERIES`]) on every criterion, described by the element
/// whose id is `described_by`; its ids start with `prefix`.
pub(crate) fn svg(site: &Site, stacks: &[StackId], described_by: &str, prefix: &str) -> String {
    let stacks = &stacks[..stacks.len().min(MAX_SERIES)];
    let axes: Vec<Axis<'_>> =
        site.criteria.iter().map(|c| Axis { name: &c.name, levels: c.levels.len() }).collect();
    let series: Vec<Series<'_>> = stacks
        .iter()
        .map(|&i| {
            let s = site.stack(i);
            Series { name: &s.name, levels: s.ratings.iter().map(|r| r.level.0).collect() }
        })
        .collect();
    svg_with(&axes, &series, described_by, prefix)
}

/// The chart of every criterion without stacks, on which `/compare/`'s script draws the stacks
/// a reader picks (see [`profile::canvas`]), described by the element whose id is
/// `described_by`.
pub(crate) fn canvas(site: &Site, described_by: &str, prefix: &str) -> String {
    let axes: Vec<Axis<'_>> =
        site.criteria.iter().map(|c| Axis { name: &c.name, levels: c.levels.len() }).collect();
    let title = format!("Profiles of the chosen stacks {}", scale(axes.len()));
    profile::canvas(&axes, &title, described_by, prefix)
}

/// Where a profile's marks stand, in words.
fn scale(criteria: usize) -> String {
    format!("on each of the {criteria} criteria, from the weakest level (left) to the strongest (right)")
}

fn svg_with(axes: &[Axis<'_>], series: &[Series<'_>], described_by: &str, prefix: &str) -> String {
    let scale = scale(axes.len());
    let title = match series {
        [one] => format!("Profile of {}: its rating {scale}", one.name),
        _ => {
            let named: Vec<String> =
                series.iter().enumerate().map(|(k, s)| format!("{} ({})", s.name, Shape::words(k))).collect();
            format!("Profiles of {} {scale}", join_and(&named))
        }
    };
    profile::svg(axes, series, &title, described_by, prefix)
}

/// `a`, `a and b`, `a, b and c`.
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_names_each_stack_and_its_marks() {
        let axes = [Axis { name: "Speed", levels: 3 }, Axis { name: "Hiring", levels: 4 }];
        let series = |names: &[&'static str]| -> Vec<Series<'static>> {
            names.iter().map(|n| Series { name: n, levels: vec![0, 1] }).collect()
        };
        let one = svg_with(&axes, &series(&["Go"]), "t", "");
        assert!(one.contains(
            "<title id=\"profile-title\">Profile of Go: its rating on each of the 2 criteria, from the weakest level (left) to the strongest (right)</title>"
        ));
        let three = svg_with(&axes, &series(&["A", "B", "C"]), "t", "");
        assert!(three.contains(
            "Profiles of A (circles joined by a solid line), B (squares joined by a dashed line) and C (triangles joined by a dotted line) on each"
        ));
    }
}
