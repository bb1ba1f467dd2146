//! Flowcharts: every `next` names a node, every node is reachable from `start`, there are no
//! cycles and no dead ends, every recommended stack exists.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::path::Path;

use crate::data::{DecisionFile, NodeFile};
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::load::Located;
use crate::load::yaml::Seg;
use crate::markdown::Rendered;
use crate::model::{Answer, Decision, Node, NodeId, NodeKind, ProjectTypeId, StackId};
use crate::source::SourceMap;
use crate::validate::data::at;

/// The ids a flowchart may name: stacks, and project types (`None` when project-types.yaml is
/// missing or broken, so its own error stands alone).
pub(super) struct Names<'a> {
    pub(super) stacks: &'a [&'a str],
    pub(super) types: Option<&'a [&'a str]>,
}

/// Check one flowchart and resolve it; `None` when it has errors.
pub(super) fn resolve(
    id: &str,
    located: &Located<DecisionFile>,
    names: &Names<'_>,
    sources: &SourceMap,
    d: &mut Diagnostics,
    render_md: &dyn Fn(&Path, &str) -> Rendered,
) -> Option<Decision> {
    let f = located.file.as_path();
    let file = &located.value;
    match sound_order(located, names, sources) {
        Err(problems) => {
            d.extend(problems.into_vec());
            None
        }
        Ok(order) => Some(Decision {
            id: id.to_string(),
            file: f.to_path_buf(),
            title: file.title.clone(),
            description: file.description.clone(),
            nodes: nodes(file, &order, names, f, render_md),
        }),
    }
}

/// The chart's node ids breadth first from the start, when every check passes. The checks run
/// in passes (size; start and nodes; reachability and cycles; depth) and a pass runs only when
/// the ones before it found nothing, so one mistake is reported once.
fn sound_order<'a>(
    located: &'a Located<DecisionFile>,
    names: &Names<'_>,
    sources: &SourceMap,
) -> Result<Vec<&'a str>, Diagnostics> {
    let f = located.file.as_path();
    let file = &located.value;
    let mut d = Diagnostics::new();
    let node_at = |node: &str, rest: &[Seg<'_>]| {
        let mut path = vec![Seg::Key("nodes"), Seg::Key(node)];
        path.extend_from_slice(rest);
        at(sources, f, &path)
    };
    if file.nodes.len() > MAX_NODES {
        d.push(
            Diagnostic::error(
                f,
                format!("the flowchart has {} nodes; at most {MAX_NODES} are allowed", file.nodes.len()),
            )
            .at(at(sources, f, &[Seg::Key("nodes")]).map(|s| key_only(s, "nodes")))
            .with_help("split it into several flowcharts, each a file of its own"),
        );
        return Err(d);
    }
    let ids = names;
    let names: Vec<&str> = file.nodes.keys().map(String::as_str).collect();
    if !file.nodes.contains_key(&file.start) {
        d.push(
            Diagnostic::error(f, format!("`start` names `{}`, which is not a node", file.start))
                .at(at(sources, f, &[Seg::Key("start")]))
                .with_help_opt(did_you_mean(&file.start, names.iter().copied())),
        );
    }
    for (name, node) in &file.nodes {
        check_node(name, node, &names, ids.stacks, f, &mut d, &node_at);
        if let Some(types) = ids.types {
            check_project_types(name, node, types, f, &mut d, &node_at);
        }
    }
    if d.has_errors() {
        return Err(d);
    }
    let order = breadth_first(file);
    for name in &names {
        if !order.contains(name) {
            d.push(
                Diagnostic::error(f, format!("node `{name}` cannot be reached from `start`"))
                    .at(node_at(name, &[]).map(|s| key_only(s, name)))
                    .with_help("point an answer's `next` at it, or remove it"),
            );
        }
    }
    if let Some((from, answer, cycle)) = find_cycle(&file.start, &file.nodes) {
        d.push(
            Diagnostic::error(f, format!("the flowchart has a cycle: {}", cycle.join(" -> ")))
                .at(node_at(&from, &[Seg::Key("answers"), Seg::Index(answer), Seg::Key("next")]))
                .with_help("every path must end in a result; point this answer at a later node"),
        );
    }
    if d.has_errors() {
        return Err(d);
    }
    if let Some((name, depth)) = too_many_questions(&order, &file.nodes) {
        d.push(
            Diagnostic::error(
                f,
                format!("`{name}` is question {depth} on a path from `start`; a path may ask at most {MAX_QUESTIONS}"),
            )
            .at(node_at(name, &[]).map(|s| key_only(s, name)))
            .with_help("readers give up long before; split the chart, or let an earlier answer skip ahead"),
        );
        return Err(d);
    }
    Ok(order)
}

/// The node names in order: breadth first from the start, so the start is node 0 and the
/// layout is stable.
fn breadth_first(file: &DecisionFile) -> Vec<&str> {
    let mut order: Vec<&str> = vec![file.start.as_str()];
    let mut queue = VecDeque::from([file.start.as_str()]);
    while let Some(n) = queue.pop_front() {
        for next in successors(&file.nodes[n]) {
            if !order.contains(&next) {
                order.push(next);
                queue.push_back(next);
            }
        }
    }
    order
}

/// The resolved nodes, in `order`; every `next` and stack is known to exist.
fn nodes(
    file: &DecisionFile,
    order: &[&str],
    names: &Names<'_>,
    f: &Path,
    render_md: &dyn Fn(&Path, &str) -> Rendered,
) -> Vec<Node> {
    let index: HashMap<&str, NodeId> = order.iter().enumerate().map(|(i, n)| (*n, NodeId(i))).collect();
    order
        .iter()
        .map(|name| {
            let node = &file.nodes[*name];
            let kind = match (&node.question, &node.result) {
                (Some(q), _) => NodeKind::Question {
                    text: q.clone(),
                    help: node.help.clone(),
                    answers: node
                        .answers
                        .iter()
                        .flatten()
                        .map(|a| Answer {
                            label: a.label.clone(),
                            next: index[a.next.as_str()],
                            project_type: a
                                .project_type
                                .as_ref()
                                .and_then(|t| names.types?.iter().position(|x| x == t).map(ProjectTypeId)),
                        })
                        .collect(),
                },
                (None, r) => NodeKind::Result {
                    title: r.clone().unwrap_or_default(),
                    recommend: node
                        .recommend
                        .iter()
                        .flatten()
                        .filter_map(|s| names.stacks.iter().position(|x| x == s).map(StackId))
                        .collect(),
                    note: Box::new(render_md(f, node.note.as_deref().unwrap_or_default())),
                },
            };
            Node { id: (*name).to_string(), kind }
        })
        .collect()
}

/// The most nodes a flowchart may have; charts people read have a few dozen.
pub(super) const MAX_NODES: usize = 500;
/// The most questions on one path from the start to a result.
pub(super) const MAX_QUESTIONS: usize = 16;

/// The first node (in `order`, breadth first from the start) that is a question further than
/// [`MAX_QUESTIONS`] along some path, with its position on the longest path. The chart has no
/// cycles, so each node's longest path is known once its predecessors' are.
fn too_many_questions<'a>(
    order: &[&'a str],
    nodes: &'a BTreeMap<String, NodeFile>,
) -> Option<(&'a str, usize)> {
    let mut waiting: HashMap<&str, usize> = HashMap::new();
    for n in order {
        for next in successors(&nodes[*n]) {
            *waiting.entry(next).or_default() += 1;
        }
    }
    let mut depth: HashMap<&str, usize> = HashMap::new();
    let mut ready: Vec<&str> = order.iter().copied().filter(|n| !waiting.contains_key(n)).collect();
    let mut worst: Option<(usize, &str, usize)> = None;
    while let Some(n) = ready.pop() {
        let question = nodes[n].question.is_some();
        let here = depth.get(n).copied().unwrap_or(0) + usize::from(question);
        if question && here > MAX_QUESTIONS {
            let position = order.iter().position(|o| *o == n).unwrap_or(usize::MAX);
            if worst.is_none_or(|(p, _, _)| position < p) {
                worst = Some((position, n, here));
            }
        }
        for next in successors(&nodes[n]) {
            let d = depth.entry(next).or_default();
            *d = (*d).max(here);
            let left = waiting.entry(next).or_default();
            *left -= 1;
            if *left == 0 {
                ready.push(next);
            }
        }
    }
    worst.map(|(_, name, depth)| (name, depth))
}

fn key_only(mut s: crate::diagnostics::Span, name: &str) -> crate::diagnostics::Span {
    s.len = name.chars().count().max(1);
    s
}

fn successors(node: &NodeFile) -> impl Iterator<Item = &str> {
    node.answers.iter().flatten().map(|a| a.next.as_str())
}

/// Where a key of a node is in the file: (node, key path under it).
type NodeAt<'a> = dyn Fn(&str, &[Seg<'_>]) -> Option<crate::diagnostics::Span> + 'a;

fn check_node(
    name: &str,
    node: &NodeFile,
    names: &[&str],
    stacks: &[&str],
    f: &Path,
    d: &mut Diagnostics,
    node_at: &NodeAt<'_>,
) {
    match (&node.question, &node.result) {
        (Some(_), None) => check_question(name, node, names, f, d, node_at),
        (None, Some(_)) => check_result(name, node, stacks, f, d, node_at),
        _ => {
            let what = if node.question.is_some() {
                "both a question and a result"
            } else {
                "neither a question nor a result"
            };
            d.push(
                Diagnostic::error(f, format!("node `{name}` is {what}"))
                    .at(node_at(name, &[]).map(|s| key_only(s, name)))
                    .with_help(
                        "a node has either `question` and `answers`, or `result`, `recommend` and `note`",
                    ),
            );
        }
    }
}

/// A question has two or more answers, each leading to a node, and no result's keys.
fn check_question(
    name: &str,
    node: &NodeFile,
    names: &[&str],
    f: &Path,
    d: &mut Diagnostics,
    node_at: &NodeAt<'_>,
) {
    let answers = node.answers.as_deref().unwrap_or_default();
    if answers.len() < 2 {
        let plural = if answers.len() == 1 { "" } else { "s" };
        d.push(
            Diagnostic::error(
                f,
                format!(
                    "question `{name}` has {} answer{plural}; a question needs at least two",
                    answers.len()
                ),
            )
            .at(node_at(name, &[Seg::Key("answers")]).or_else(|| node_at(name, &[Seg::Key("question")])))
            .with_help("add answers, or make the node a result"),
        );
    }
    for (i, a) in answers.iter().enumerate() {
        if !names.contains(&a.next.as_str()) {
            d.push(
                Diagnostic::error(
                    f,
                    format!("answer `{}` leads to `{}`, which is not a node", a.label, a.next),
                )
                .at(node_at(name, &[Seg::Key("answers"), Seg::Index(i), Seg::Key("next")]))
                .with_help_opt(did_you_mean(&a.next, names.iter().copied())),
            );
        }
    }
    for (key, present) in [("recommend", node.recommend.is_some()), ("note", node.note.is_some())] {
        if present {
            d.push(
                Diagnostic::error(f, format!("question `{name}` has `{key}`, which only results have"))
                    .at(node_at(name, &[Seg::Key(key)])),
            );
        }
    }
}

/// Every answer's `project_type` names a project type of project-types.yaml.
fn check_project_types(
    name: &str,
    node: &NodeFile,
    types: &[&str],
    f: &Path,
    d: &mut Diagnostics,
    node_at: &NodeAt<'_>,
) {
    for (i, a) in node.answers.iter().flatten().enumerate() {
        let Some(t) = a.project_type.as_deref().filter(|t| !types.contains(t)) else { continue };
        d.push(
            Diagnostic::error(f, format!("answer `{}` names unknown project type `{t}`", a.label))
                .at(node_at(name, &[Seg::Key("answers"), Seg::Index(i), Seg::Key("project_type")]))
                .with_help_opt(
                    did_you_mean(t, types.iter().copied())
                        .or_else(|| Some("project types are defined in content/project-types.yaml".into())),
                ),
        );
    }
}

/// A result recommends one or more known stacks, and has no answers.
fn check_result(
    name: &str,
    node: &NodeFile,
    stacks: &[&str],
    f: &Path,
    d: &mut Diagnostics,
    node_at: &NodeAt<'_>,
) {
    let recommend = node.recommend.as_deref().unwrap_or_default();
    if recommend.is_empty() {
        d.push(
            Diagnostic::error(f, format!("result `{name}` recommends no stack"))
                .at(node_at(name, &[Seg::Key("recommend")]).or_else(|| node_at(name, &[Seg::Key("result")])))
                .with_help("add `recommend: [stack-id, ...]`"),
        );
    }
    for (i, s) in recommend.iter().enumerate() {
        if !stacks.contains(&s.as_str()) {
            d.push(
                Diagnostic::error(f, format!("result `{name}` recommends unknown stack `{s}`"))
                    .at(node_at(name, &[Seg::Key("recommend"), Seg::Index(i)]))
                    .with_help_opt(did_you_mean(s, stacks.iter().copied())),
            );
        }
    }
    if node.answers.is_some() {
        d.push(
            Diagnostic::error(f, format!("result `{name}` has `answers`, which only questions have"))
                .at(node_at(name, &[Seg::Key("answers")])),
        );
    }
}

/// The first cycle reachable from `start`: (node, answer index closing it, the cycle's nodes).
fn find_cycle(start: &str, nodes: &BTreeMap<String, NodeFile>) -> Option<(String, usize, Vec<String>)> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Open,
        Done,
    }
    fn visit(
        n: &str,
        nodes: &BTreeMap<String, NodeFile>,
        state: &mut HashMap<String, State>,
        stack: &mut Vec<String>,
    ) -> Option<(String, usize, Vec<String>)> {
        state.insert(n.to_string(), State::Open);
        stack.push(n.to_string());
        for (i, a) in nodes.get(n).and_then(|x| x.answers.as_ref()).into_iter().flatten().enumerate() {
            match state.get(&a.next) {
                Some(State::Open) => {
                    let from = stack.iter().position(|s| *s == a.next).unwrap_or(0);
                    let mut cycle = stack[from..].to_vec();
                    cycle.push(a.next.clone());
                    return Some((n.to_string(), i, cycle));
                }
                Some(State::Done) => {}
                None if nodes.contains_key(&a.next) => {
                    if let Some(c) = visit(&a.next, nodes, state, stack) {
                        return Some(c);
                    }
                }
                None => {}
            }
        }
        stack.pop();
        state.insert(n.to_string(), State::Done);
        None
    }
    visit(start, nodes, &mut HashMap::new(), &mut Vec::new())
}
