//! Views of a flowchart for templates: the SVG drawn at build time, the nested question list
//! that needs no JavaScript, and the data the wizard reads.

use std::collections::HashSet;

use serde::Serialize;

use super::priorities::{TypeLink, type_link};
use crate::flowchart;
use crate::model::{
    Decision, DecisionId, NodeId, NodeKind, ProjectTypeId, Site, StackId, decision_address, stack_address,
};
use crate::search::script_safe_json_of;

/// A node of the nested list; a node already shown higher up is only referred to.
#[derive(Debug, Serialize)]
pub(crate) struct ListNode<'a> {
    pub id: &'a str,
    pub kind: ListKind,
    pub text: &'a str,
    pub help: Option<&'a str>,
    pub answers: Vec<ListAnswer<'a>>,
    pub recommend: Vec<StackLink<'a>>,
    /// A result's note, where the list first reaches it (`None` where it is reached again).
    pub note: Option<&'a str>,
    /// A result reached again: it links to where its note is.
    pub again: bool,
    /// For a result: the rankings of the project types the answers on the way stand for.
    pub rankings: Vec<TypeLink<'a>>,
}

/// What a [`ListNode`] is; templates see `question`, `result` or `ref`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum ListKind {
    /// A question shown here with its answers.
    Question,
    /// A result, shown in full wherever it is reached.
    Result,
    /// A question already shown higher up in the list, only referred to.
    Ref,
}

/// An answer and what follows it.
#[derive(Debug, Serialize)]
pub(crate) struct ListAnswer<'a> {
    pub label: &'a str,
    pub next: ListNode<'a>,
}

/// A recommended stack.
#[derive(Debug, Serialize)]
pub(crate) struct StackLink<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub summary: &'a str,
    pub url: String,
}

/// Everything a template needs to show a flowchart.
#[derive(Debug, Serialize)]
pub(crate) struct DecisionView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub url: String,
    pub svg: String,
    pub list: ListNode<'a>,
    /// JSON for the wizard, safe to put inside a `<script>` element.
    pub json: String,
    pub questions: usize,
    pub results: usize,
}

/// The view of flowchart `i`; `prefix` keeps ids unique when a page shows several charts.
pub(crate) fn view<'a>(site: &'a Site, i: DecisionId, prefix: &str) -> DecisionView<'a> {
    let d = site.decision(i);
    let names: Vec<&str> = site.stacks.iter().map(|s| s.name.as_str()).collect();
    let urls: Vec<String> = site.stacks.iter().map(|s| site.base.link(&stack_address(&s.id))).collect();
    let mut seen = HashSet::new();
    DecisionView {
        id: &d.id,
        title: &d.title,
        description: &d.description,
        url: site.base.link(&decision_address(&d.id)),
        svg: flowchart::svg(d, &names, &urls, prefix),
        list: list(site, d, NodeId::START, &[], &mut seen),
        json: json(site, d),
        questions: d.nodes.iter().filter(|n| matches!(n.kind, NodeKind::Question { .. })).count(),
        results: d.nodes.iter().filter(|n| matches!(n.kind, NodeKind::Result { .. })).count(),
    }
}

/// Node `i` of the list, reached by answers that stand for the project types `types`.
fn list<'a>(
    site: &'a Site,
    d: &'a Decision,
    i: NodeId,
    types: &[ProjectTypeId],
    seen: &mut HashSet<NodeId>,
) -> ListNode<'a> {
    let node = d.node(i);
    let first = seen.insert(i);
    let mut out = ListNode {
        id: &node.id,
        kind: ListKind::Ref,
        text: "",
        help: None,
        answers: Vec::new(),
        recommend: Vec::new(),
        note: None,
        again: false,
        rankings: Vec::new(),
    };
    match &node.kind {
        NodeKind::Question { text, help, answers } => {
            out.text = text;
            if first {
                out.kind = ListKind::Question;
                out.help = help.as_deref();
                out.answers = answers
                    .iter()
                    .map(|a| {
                        let mut below = types.to_vec();
                        below.extend(a.project_type.filter(|t| !types.contains(t)));
                        ListAnswer { label: &a.label, next: list(site, d, a.next, &below, seen) }
                    })
                    .collect();
            }
        }
        NodeKind::Result { title, recommend, note } => {
            out.text = title;
            out.kind = ListKind::Result;
            out.recommend = recommend.iter().map(|&s| stack_link(site, s)).collect();
            // A result reached again shows its stacks again (that reads better than a jump)
            // but links to its note, given in full where it is first reached.
            out.note = first.then_some(note.html.as_str());
            out.again = !first;
            out.rankings = types.iter().map(|&t| type_link(site, t)).collect();
        }
    }
    out
}

fn stack_link(site: &Site, s: StackId) -> StackLink<'_> {
    let st = site.stack(s);
    StackLink {
        id: &st.id,
        name: &st.name,
        summary: &st.summary,
        url: site.base.link(&stack_address(&st.id)),
    }
}

/// A node as the wizard reads it. A result's note is not repeated here: the wizard takes it
/// from the list on the page (`#r-<id>`), which already carries it.
#[derive(Serialize)]
struct WizardNode<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    question: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    /// (label, next node, the index in `types` of the project type the answer stands for).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    answers: Vec<(&'a str, NodeId, Option<usize>)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    result: Option<&'a str>,
    /// Indices in `stacks`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    recommend: Vec<usize>,
}

/// The wizard's data: the nodes, and once each the project types and stacks they name.
#[derive(Serialize)]
struct WizardData<'a> {
    nodes: Vec<WizardNode<'a>>,
    /// (name, address of its ranking).
    types: Vec<(&'a str, String)>,
    /// (name, address, summary).
    stacks: Vec<(&'a str, String, &'a str)>,
}

/// The index of `x` in `list`, added at the end the first time.
fn index_of<T: PartialEq + Copy>(list: &mut Vec<T>, x: T) -> usize {
    list.iter().position(|&y| y == x).unwrap_or_else(|| {
        list.push(x);
        list.len() - 1
    })
}

/// The flowchart as JSON for the wizard; `<`, `>` and `&` are escaped so no text can close the
/// `<script>` element it sits in.
fn json(site: &Site, d: &Decision) -> String {
    let (mut types, mut stacks): (Vec<ProjectTypeId>, Vec<StackId>) = (Vec::new(), Vec::new());
    let nodes: Vec<WizardNode<'_>> = d
        .nodes
        .iter()
        .map(|n| match &n.kind {
            NodeKind::Question { text, help, answers } => WizardNode {
                id: &n.id,
                question: Some(text),
                help: help.as_deref(),
                answers: answers
                    .iter()
                    .map(|a| (a.label.as_str(), a.next, a.project_type.map(|t| index_of(&mut types, t))))
                    .collect(),
                result: None,
                recommend: Vec::new(),
            },
            NodeKind::Result { title, recommend, .. } => WizardNode {
                id: &n.id,
                question: None,
                help: None,
                answers: Vec::new(),
                result: Some(title),
                recommend: recommend.iter().map(|&s| index_of(&mut stacks, s)).collect(),
            },
        })
        .collect();
    let data = WizardData {
        nodes,
        types: types
            .iter()
            .map(|&t| {
                let l = type_link(site, t);
                (l.name, l.url)
            })
            .collect(),
        stacks: stacks
            .iter()
            .map(|&s| {
                let l = stack_link(site, s);
                (l.name, l.url, l.summary)
            })
            .collect(),
    };
    script_safe_json_of(&data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_kinds_reach_templates_as_the_strings_they_compare() {
        let kinds =
            [ListKind::Question, ListKind::Result, ListKind::Ref].map(|k| serde_json::to_value(k).unwrap());
        assert_eq!(kinds, ["question", "result", "ref"]);
    }

    #[test]
    fn json_cannot_close_its_script_element() {
        let out = crate::search::script_safe_json(r#"{"t":"</script><script>alert(1)</script> & more"}"#);
        assert!(!out.contains("</script>"));
        assert!(!out.contains('<'));
        let back: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back["t"], "</script><script>alert(1)</script> & more");
    }
}
