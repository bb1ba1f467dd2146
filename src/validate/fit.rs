//! Flowcharts against the stacks' fit: a result must not recommend a stack whose fit is `poor`
//! for a project type that an answer on some path to the result stands for. Such a guide
//! contradicts itself, so it is an error.

use std::collections::BTreeMap;

use crate::data::FitLevel;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::yaml::Seg;
use crate::model::{Decision, NodeId, NodeKind, ProjectTypeId, Site};
use crate::source::SourceMap;
use crate::validate::data::at;

/// The answer that set a project type: (question, answer index).
type SetBy = (NodeId, usize);

/// For every node, the project types in force when it is reached on some path from the start,
/// each with the first answer (in node order) that sets it. An answer's `project_type` holds
/// for everything below it; a node reached on several paths gets the union.
pub(super) fn project_types_reaching(d: &Decision) -> Vec<BTreeMap<ProjectTypeId, SetBy>> {
    let mut reach: Vec<BTreeMap<ProjectTypeId, SetBy>> = vec![BTreeMap::new(); d.nodes.len()];
    for id in topological(d) {
        let NodeKind::Question { answers, .. } = &d.node(id).kind else { continue };
        for (i, a) in answers.iter().enumerate() {
            let mut here = reach[id.0].clone();
            if let Some(t) = a.project_type {
                let set = here.entry(t).or_insert((id, i));
                *set = (*set).min((id, i));
            }
            let below = &mut reach[a.next.0];
            for (t, by) in here {
                let set = below.entry(t).or_insert(by);
                *set = (*set).min(by);
            }
        }
    }
    reach
}

/// The nodes in an order where every node comes after all that lead to it (the chart has no
/// cycles: `graph` made sure).
fn topological(d: &Decision) -> Vec<NodeId> {
    let mut waiting = vec![0usize; d.nodes.len()];
    for n in &d.nodes {
        if let NodeKind::Question { answers, .. } = &n.kind {
            for a in answers {
                waiting[a.next.0] += 1;
            }
        }
    }
    let mut ready: Vec<NodeId> = d.ids().filter(|n| waiting[n.0] == 0).collect();
    let mut order = Vec::with_capacity(d.nodes.len());
    while let Some(n) = ready.pop() {
        order.push(n);
        if let NodeKind::Question { answers, .. } = &d.node(n).kind {
            for a in answers {
                waiting[a.next.0] -= 1;
                if waiting[a.next.0] == 0 {
                    ready.push(a.next);
                }
            }
        }
    }
    order
}

/// Report every recommendation that contradicts a stack's fit.
pub(super) fn check(site: &Site, sources: &SourceMap, d: &mut Diagnostics) {
    for dec in &site.decisions {
        let reach = project_types_reaching(dec);
        for (id, node) in dec.ids().zip(&dec.nodes) {
            let NodeKind::Result { recommend, .. } = &node.kind else { continue };
            for (i, &s) in recommend.iter().enumerate() {
                for (&t, &by) in &reach[id.0] {
                    if site.stack(s).fit[t.0].level == FitLevel::Poor {
                        d.push(contradiction(site, dec, (id, i), t, by, sources));
                    }
                }
            }
        }
    }
}

/// The error for result `at.0` recommending, as its `at.1`-th stack, one whose fit for `t` is
/// poor, when answer `by` set `t`.
fn contradiction(
    site: &Site,
    dec: &Decision,
    at_: (NodeId, usize),
    t: ProjectTypeId,
    by: SetBy,
    sources: &SourceMap,
) -> Diagnostic {
    let f = dec.file.as_path();
    let result = &dec.node(at_.0).id;
    let NodeKind::Result { recommend, .. } = &dec.node(at_.0).kind else {
        return Diagnostic::error(f, "internal: not a result");
    };
    let stack = site.stack(recommend[at_.1]);
    let ty = &site.project_types[t.0].id;
    let question = &dec.node(by.0).id;
    let label = match &dec.node(by.0).kind {
        NodeKind::Question { answers, .. } => answers[by.1].label.as_str(),
        NodeKind::Result { .. } => "",
    };
    let answer_at = at(
        sources,
        f,
        &[
            Seg::Key("nodes"),
            Seg::Key(question),
            Seg::Key("answers"),
            Seg::Index(by.1),
            Seg::Key("project_type"),
        ],
    );
    let fit_at = at(sources, &stack.file, &[Seg::Key("fit"), Seg::Key(ty), Seg::Key("fit")]);
    let place = |file: &std::path::Path, span: Option<crate::diagnostics::Span>| {
        let file = file.to_string_lossy().replace('\\', "/");
        span.map_or(file.clone(), |s| format!("{file}:{}:{}", s.line, s.col))
    };
    Diagnostic::error(
        f,
        format!("result `{result}` recommends `{}`, whose fit for `{ty}` is poor", stack.id),
    )
    .at(at(sources, f, &[Seg::Key("nodes"), Seg::Key(result), Seg::Key("recommend"), Seg::Index(at_.1)]))
    .with_help(format!(
        "the answer \"{label}\" of `{question}` ({}) sets `project_type: {ty}` on the way here, and {} rates the fit `poor`; recommend another stack, or correct the fit",
        place(f, answer_at),
        place(&stack.file, fit_at),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Answer, Node, StackId};

    fn q(id: &str, answers: &[(usize, Option<usize>)]) -> Node {
        let answers = answers
            .iter()
            .map(|&(next, t)| Answer {
                label: "a".into(),
                next: NodeId(next),
                project_type: t.map(ProjectTypeId),
            })
            .collect();
        Node { id: id.into(), kind: NodeKind::Question { text: "?".into(), help: None, answers } }
    }

    fn r(id: &str) -> Node {
        let note = Box::default();
        Node { id: id.into(), kind: NodeKind::Result { title: id.into(), recommend: vec![StackId(0)], note } }
    }

    /// start -(type 0)-> a -> shared; start -(type 1)-> b -> shared, b -(type 2)-> only-b;
    /// a -> untyped end is reached with type 0 only.
    #[test]
    fn types_flow_down_every_path_and_merge_where_paths_meet() {
        let d = Decision {
            id: "d".into(),
            file: "d.yaml".into(),
            title: "D".into(),
            description: String::new(),
            nodes: vec![
                q("start", &[(1, Some(0)), (2, Some(1))]),
                q("a", &[(3, None), (5, None)]),
                q("b", &[(3, None), (4, Some(2))]),
                r("shared"),
                r("only-b"),
                r("end"),
            ],
        };
        let reach = project_types_reaching(&d);
        let types = |n: usize| reach[n].keys().map(|t| t.0).collect::<Vec<_>>();
        assert_eq!(types(0), Vec::<usize>::new(), "nothing is set above the start");
        assert_eq!(types(3), [0, 1], "both paths' types meet at the shared result");
        assert_eq!(types(4), [1, 2], "a type set higher up still holds below a second one");
        assert_eq!(types(5), [0]);
        assert_eq!(reach[4][&ProjectTypeId(2)], (NodeId(2), 1), "the answer that set it");
        assert_eq!(reach[3][&ProjectTypeId(1)], (NodeId(0), 1));
    }
}
