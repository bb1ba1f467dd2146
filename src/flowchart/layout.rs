//! The layered layout of one flowchart, one function per phase: which boxes are drawn
//! (`plan`), their layers (`layers`), the boxes and the chains of boxes each answer becomes
//! (`boxes_and_chains`), the order within each rank (`order_ranks`), x (`place_x`),
//! y (`place_y`) and the edges (`route_edges`).

use std::ops::{Index, IndexMut};

use super::{FONT, GAP_X, GAP_Y, LABEL_FONT, LINE_H, MARGIN, PAD_X, PAD_Y, ROW_INDENT, ROW_PAD, round};
use crate::glyphs;
use crate::model::{Decision, NodeId, NodeKind};

/// A box of a [`Layout`]: its index in `Layout::boxes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct BoxId(pub usize);

/// What a box stands for.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum BoxKind {
    /// A question or result.
    Node(NodeId),
    /// The label of answer `answer` (its index among the answers) of node `node`, and of the
    /// other answers of `node` that lead to the same node (one label lists them all).
    Label { node: NodeId, answer: usize },
    /// A bend point of a long edge.
    Bend,
    /// The answers of question `node` that lead straight to results, as rows of one panel:
    /// each answer above its result, one row under the other, so a wide fan of results reads
    /// as a list.
    Panel { node: NodeId },
}

/// One row of a panel: an answer and the result it leads to.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub result: NodeId,
    pub label: Vec<String>,
    pub lines: Vec<String>,
    /// Offset of the row from the panel's top, and its height.
    pub y: f64,
    pub h: f64,
}

/// A laid-out box: its rectangle and its wrapped text lines.
#[derive(Debug, Clone)]
pub(crate) struct LaidBox {
    pub kind: BoxKind,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub lines: Vec<String>,
    /// For a panel: its rows, and where the results start (from the panel's left).
    pub rows: Vec<Row>,
    pub result_x: f64,
    rank: usize,
}

/// A drawn edge: a polyline from the bottom of one box to the top of the next.
#[derive(Debug, Clone)]
pub(crate) struct Edge {
    #[cfg_attr(
        not(test),
        expect(dead_code, reason = "the property tests check that edges start on their box")
    )]
    pub from: BoxId,
    pub to: BoxId,
    pub points: Vec<(f64, f64)>,
}

/// The whole layout.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    pub boxes: Vec<LaidBox>,
    /// Segments between consecutive boxes of an answer's chain (node -> label -> bends -> node).
    pub edges: Vec<Edge>,
    pub width: f64,
    pub height: f64,
}

impl Index<BoxId> for Layout {
    type Output = LaidBox;

    fn index(&self, id: BoxId) -> &LaidBox {
        &self.boxes[id.0]
    }
}

/// The boxes while they are laid out, indexed by [`BoxId`].
struct Boxes(Vec<LaidBox>);

impl Boxes {
    fn push(&mut self, b: LaidBox) -> BoxId {
        self.0.push(b);
        BoxId(self.0.len() - 1)
    }

    fn len(&self) -> usize {
        self.0.len()
    }

    fn iter(&self) -> std::slice::Iter<'_, LaidBox> {
        self.0.iter()
    }

    fn iter_mut(&mut self) -> std::slice::IterMut<'_, LaidBox> {
        self.0.iter_mut()
    }
}

impl Index<BoxId> for Boxes {
    type Output = LaidBox;

    fn index(&self, id: BoxId) -> &LaidBox {
        &self.0[id.0]
    }
}

impl IndexMut<BoxId> for Boxes {
    fn index_mut(&mut self, id: BoxId) -> &mut LaidBox {
        &mut self.0[id.0]
    }
}

/// How much wider a result's lines are drawn than their regular widths: its title and stacks
/// are set bold.
const BOLD: f64 = 1.1;

/// For each box, the boxes next to it on its chains: above (`up`) or below (`down`).
type Neighbours = Vec<Vec<BoxId>>;

/// Wrap `text` into lines of at most `max` characters, breaking at spaces.
pub(crate) fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > max {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A box for `lines` at `font`; `weight` widens text drawn bold (see [`BOLD`]).
fn sized(kind: BoxKind, lines: Vec<String>, font: f64, weight: f64, rank: usize) -> LaidBox {
    let (w, h) = if kind == BoxKind::Bend {
        (2.0, 2.0)
    } else {
        (
            glyphs::widest(&lines, font) * weight + 2.0 * PAD_X,
            lines.len() as f64 * font * LINE_H + 2.0 * PAD_Y,
        )
    };
    LaidBox { kind, x: 0.0, y: 0.0, w, h, lines, rows: Vec::new(), result_x: 0.0, rank }
}

/// A panel of answer -> result rows for question `node`: each answer above its result, so the
/// panel is as narrow as its longest line and a wide fan of results reads as a list.
fn panel(d: &Decision, node: NodeId, answers: &[usize], stack_names: &[&str], rank: usize) -> LaidBox {
    let NodeKind::Question { answers: all, .. } = &d.node(node).kind else {
        return sized(BoxKind::Bend, Vec::new(), FONT, 1.0, rank);
    };
    let mut rows: Vec<Row> = answers
        .iter()
        .map(|&a| {
            let label = wrap(&all[a].label, 22);
            let lines = node_lines(d, all[a].next, stack_names);
            let h = (label.len() as f64 * LABEL_FONT + lines.len() as f64 * FONT) * LINE_H + 2.0 * ROW_PAD;
            Row { result: all[a].next, label, lines, y: 0.0, h }
        })
        .collect();
    let label_w = rows.iter().map(|r| glyphs::widest(&r.label, LABEL_FONT)).fold(0.0, f64::max);
    let result_w = rows.iter().map(|r| glyphs::widest(&r.lines, FONT) * BOLD).fold(0.0, f64::max);
    let mut y = PAD_Y / 2.0;
    for r in &mut rows {
        r.y = y;
        y += r.h;
    }
    let mut b = sized(BoxKind::Panel { node }, Vec::new(), FONT, 1.0, rank);
    b.w = PAD_X + label_w.max(ROW_INDENT + result_w) + PAD_X;
    b.h = y + PAD_Y / 2.0;
    b.result_x = PAD_X + ROW_INDENT;
    b.rows = rows;
    b
}

/// A recommended stack's lines in a result: its name after an arrow, a long name wrapped.
pub(super) fn stack_lines(name: &str) -> Vec<String> {
    wrap(&format!("→ {name}"), 24)
}

/// Result boxes list the recommended stacks' names under the title.
fn node_lines(d: &Decision, id: NodeId, stack_names: &[&str]) -> Vec<String> {
    match &d.node(id).kind {
        NodeKind::Question { text, .. } => wrap(text, 24),
        NodeKind::Result { title, recommend, .. } => {
            let mut lines = wrap(title, 20);
            lines.extend(
                recommend.iter().flat_map(|&s| stack_lines(stack_names.get(s.0).copied().unwrap_or("?"))),
            );
            lines
        }
    }
}

/// Lay out `d`. `stack_names` are the site's stack names, by index.
pub(crate) fn layout(d: &Decision, stack_names: &[&str]) -> Layout {
    let plan = plan(d);
    let layer = layers(plan.drawn.len(), &plan.arrows);
    let (mut boxes, chains) = boxes_and_chains(d, &plan, &layer, stack_names);
    let (up, down) = neighbours(boxes.len(), &chains);
    let order = order_ranks(&boxes, &up, &down);
    place_x(&mut boxes, &order, &up, &down);
    let height = place_y(&mut boxes, &order);
    let width = boxes.iter().map(|b| b.x + b.w).fold(0.0, f64::max) + MARGIN;
    let edges = route_edges(&boxes, &chains, &up, &down);
    Layout { boxes: boxes.0, edges, width: round(width), height: round(height) }
}

/// An answer drawn as an edge: from the box of its question to the box of its next node. Answers
/// of one question that lead to the same node share one edge and one label.
struct Arrow {
    from: BoxId,
    answers: Vec<usize>,
    to: BoxId,
}

/// Which nodes are drawn where. Node box `k` (the first boxes of the layout) shows `drawn[k]`.
struct Plan {
    drawn: Vec<NodeId>,
    arrows: Vec<Arrow>,
    panels: Vec<Panel>,
}

/// The answers of a question that lead to results, shown as one panel under the question's box.
struct Panel {
    question: BoxId,
    answers: Vec<usize>,
}

/// A question whose answers lead to two or more results shows those as one panel of rows.
/// Any other result reached by several answers is drawn once under each of them, so the
/// chart reads as a tree, without long edges crossing the page. Questions are drawn once.
fn plan(d: &Decision) -> Plan {
    let is_result = |n: NodeId| matches!(d.node(n).kind, NodeKind::Result { .. });
    let drawn: Vec<NodeId> = d.ids().filter(|&i| !is_result(i) || i == NodeId::START).collect();
    let mut plan = Plan { drawn, arrows: Vec::new(), panels: Vec::new() };
    // The box of each node drawn once (questions and the start).
    let mut once: Vec<Option<BoxId>> = vec![None; d.nodes.len()];
    for (k, &i) in plan.drawn.iter().enumerate() {
        once[i.0] = Some(BoxId(k));
    }
    for (i, node) in d.ids().zip(&d.nodes) {
        let NodeKind::Question { answers, .. } = &node.kind else {
            continue;
        };
        let Some(from) = once[i.0] else {
            continue;
        };
        let leaves: Vec<usize> = (0..answers.len()).filter(|&a| is_result(answers[a].next)).collect();
        let paneled = leaves.len() >= 2;
        if paneled {
            plan.panels.push(Panel { question: from, answers: leaves });
        }
        for (answer, a) in answers.iter().enumerate() {
            let to = if !is_result(a.next) {
                once[a.next.0]
            } else if paneled {
                None
            } else {
                plan.drawn.push(a.next);
                Some(BoxId(plan.drawn.len() - 1))
            };
            match (to, plan.arrows.iter_mut().find(|a| a.from == from && Some(a.to) == to)) {
                (Some(_), Some(shared)) => shared.answers.push(answer),
                (Some(to), None) => plan.arrows.push(Arrow { from, answers: vec![answer], to }),
                (None, _) => {}
            }
        }
    }
    plan
}

/// The layer of each node box: its longest path from the start.
fn layers(drawn: usize, arrows: &[Arrow]) -> Vec<usize> {
    let mut layer = vec![0usize; drawn];
    for _ in 0..drawn {
        let mut changed = false;
        for a in arrows {
            if layer[a.to.0] < layer[a.from.0] + 1 {
                layer[a.to.0] = layer[a.from.0] + 1;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    layer
}

/// Every box, and the chain of boxes each answer is drawn as: node -> label -> bends... -> next
/// node; a panel hangs straight under its question. Ranks are layers doubled, so that labels
/// and panels sit on the odd ranks between.
fn boxes_and_chains(
    d: &Decision,
    plan: &Plan,
    layer: &[usize],
    stack_names: &[&str],
) -> (Boxes, Vec<Vec<BoxId>>) {
    let mut boxes = Boxes(
        plan.drawn
            .iter()
            .enumerate()
            .map(|(k, &i)| {
                let weight = if matches!(d.node(i).kind, NodeKind::Result { .. }) { BOLD } else { 1.0 };
                sized(BoxKind::Node(i), node_lines(d, i, stack_names), FONT, weight, layer[k] * 2)
            })
            .collect(),
    );
    let mut chains: Vec<Vec<BoxId>> = Vec::new();
    for p in &plan.panels {
        let q = p.question;
        let rows = boxes.push(panel(d, plan.drawn[q.0], &p.answers, stack_names, layer[q.0] * 2 + 1));
        chains.push(vec![q, rows]);
    }
    for arrow in &plan.arrows {
        let question = plan.drawn[arrow.from.0];
        let NodeKind::Question { answers, .. } = &d.node(question).kind else {
            continue;
        };
        let label_rank = layer[arrow.from.0] * 2 + 1;
        let mut label = Vec::new();
        for (k, &a) in arrow.answers.iter().enumerate() {
            if k > 0 {
                label.push("or".to_string());
            }
            label.extend(wrap(&answers[a].label, 12));
        }
        let label_kind = BoxKind::Label { node: question, answer: arrow.answers[0] };
        let mut chain = vec![arrow.from, boxes.push(sized(label_kind, label, LABEL_FONT, 1.0, label_rank))];
        for rank in label_rank + 1..layer[arrow.to.0] * 2 {
            chain.push(boxes.push(sized(BoxKind::Bend, Vec::new(), FONT, 1.0, rank)));
        }
        chain.push(arrow.to);
        chains.push(chain);
    }
    (boxes, chains)
}

/// The boxes above (`up`) and below (`down`) each box on the chains.
fn neighbours(n: usize, chains: &[Vec<BoxId>]) -> (Neighbours, Neighbours) {
    let mut up: Neighbours = vec![Vec::new(); n];
    let mut down: Neighbours = vec![Vec::new(); n];
    for chain in chains {
        for w in chain.windows(2) {
            down[w[0].0].push(w[1]);
            up[w[1].0].push(w[0]);
        }
    }
    (up, down)
}

/// The boxes of each rank, left to right: a few barycenter sweeps down and up; ties keep the
/// previous order.
fn order_ranks(boxes: &Boxes, up: &Neighbours, down: &Neighbours) -> Vec<Vec<BoxId>> {
    let ranks = boxes.iter().map(|b| b.rank).max().unwrap_or(0) + 1;
    let mut order: Vec<Vec<BoxId>> = vec![Vec::new(); ranks];
    for (i, b) in boxes.iter().enumerate() {
        order[b.rank].push(BoxId(i));
    }
    for sweep in 0..8 {
        let (range, neighbours): (Vec<usize>, &Neighbours) = if sweep % 2 == 0 {
            ((1..ranks).collect(), up)
        } else {
            ((0..ranks.saturating_sub(1)).rev().collect(), down)
        };
        for r in range {
            let pos = position_map(&order, boxes.len());
            order[r] = sort_rank(boxes, &order[r], &pos, neighbours, up, down);
        }
    }
    order
}

/// One rank sorted by the mean position of each box's `neighbours`. Labels and panels stay
/// grouped under their question, ordered by where their answers lead.
fn sort_rank(
    boxes: &Boxes,
    rank: &[BoxId],
    pos: &[usize],
    neighbours: &Neighbours,
    up: &Neighbours,
    down: &Neighbours,
) -> Vec<BoxId> {
    let bary = |ns: &[BoxId], fallback: usize| {
        if ns.is_empty() {
            fallback as f64
        } else {
            ns.iter().map(|&x| pos[x.0] as f64).sum::<f64>() / ns.len() as f64
        }
    };
    let mut keyed: Vec<(f64, f64, usize, BoxId)> = rank
        .iter()
        .enumerate()
        .map(|(k, &b)| match boxes[b].kind {
            BoxKind::Label { .. } | BoxKind::Panel { .. } => (bary(&up[b.0], k), bary(&down[b.0], k), k, b),
            _ => (bary(&neighbours[b.0], k), 0.0, k, b),
        })
        .collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2)));
    keyed.into_iter().map(|(_, _, _, b)| b).collect()
}

/// Each box's position within its rank.
fn position_map(order: &[Vec<BoxId>], n: usize) -> Vec<usize> {
    let mut pos = vec![0; n];
    for rank in order {
        for (k, &b) in rank.iter().enumerate() {
            pos[b.0] = k;
        }
    }
    pos
}

/// X: pack each rank, then pull boxes toward their neighbours without breaking order or gaps,
/// then shift everything into view.
fn place_x(boxes: &mut Boxes, order: &[Vec<BoxId>], up: &Neighbours, down: &Neighbours) {
    for rank in order {
        let mut x = 0.0;
        for &b in rank {
            boxes[b].x = x;
            x += boxes[b].w + GAP_X;
        }
    }
    for sweep in 0..12 {
        let neighbours = if sweep % 2 == 0 { up } else { down };
        let ranks: Vec<usize> =
            if sweep % 2 == 0 { (0..order.len()).collect() } else { (0..order.len()).rev().collect() };
        for r in ranks {
            pull_rank(boxes, &order[r], neighbours);
        }
    }
    let min_x = boxes.iter().map(|b| b.x).fold(f64::INFINITY, f64::min);
    for b in boxes.iter_mut() {
        b.x = round(b.x - min_x + MARGIN);
    }
}

/// Move the boxes of one rank toward the centres of their neighbours, keeping order and gaps.
fn pull_rank(boxes: &mut Boxes, ids: &[BoxId], neighbours: &Neighbours) {
    let centre = |b: &LaidBox| b.x + b.w / 2.0;
    let desired: Vec<f64> = ids
        .iter()
        .map(|&b| {
            let ns = &neighbours[b.0];
            if ns.is_empty() {
                centre(&boxes[b])
            } else {
                ns.iter().map(|&x| centre(&boxes[x])).sum::<f64>() / ns.len() as f64
            }
        })
        .collect();
    // Two packings that keep order and gaps, one from each side; their average does too.
    let mut xl = vec![0.0; ids.len()];
    let mut left = f64::NEG_INFINITY;
    for (k, &b) in ids.iter().enumerate() {
        xl[k] = (desired[k] - boxes[b].w / 2.0).max(left);
        left = xl[k] + boxes[b].w + GAP_X;
    }
    let mut right = f64::INFINITY;
    for (k, &b) in ids.iter().enumerate().rev() {
        let xr = (desired[k] - boxes[b].w / 2.0).min(right - boxes[b].w);
        right = xr - GAP_X;
        boxes[b].x = (xl[k] + xr) / 2.0;
    }
}

/// Y: rank by rank, each box centred in its rank's height. Returns the height of the chart.
fn place_y(boxes: &mut Boxes, order: &[Vec<BoxId>]) -> f64 {
    let mut y = MARGIN;
    for rank in order {
        let h = rank.iter().map(|&b| boxes[b].h).fold(0.0, f64::max);
        for &b in rank {
            boxes[b].y = round(y + (h - boxes[b].h) / 2.0);
        }
        y += h + GAP_Y;
    }
    y - GAP_Y + MARGIN
}

/// One edge per consecutive pair of boxes on a chain.
fn route_edges(boxes: &Boxes, chains: &[Vec<BoxId>], up: &Neighbours, down: &Neighbours) -> Vec<Edge> {
    let mut edges = Vec::new();
    for chain in chains {
        for w in chain.windows(2) {
            let (from, to) = (w[0], w[1]);
            let (a, b) = (&boxes[from], &boxes[to]);
            let start = (port(boxes, from, &down[from.0], to), a.y + a.h);
            let end = (port(boxes, to, &up[to.0], from), b.y);
            edges.push(Edge { from, to, points: vec![start, end] });
        }
    }
    edges
}

/// Where on box `b` the edge to `other` (one of `others`) meets it. Edges leave a box spread
/// along its bottom and enter spread along the top, in the order of the boxes at their other
/// ends, so they fan out instead of meeting in one point.
fn port(boxes: &Boxes, b: BoxId, others: &[BoxId], other: BoxId) -> f64 {
    let centre = |b: &LaidBox| b.x + b.w / 2.0;
    let mut sorted = others.to_vec();
    sorted.sort_by(|&p, &q| centre(&boxes[p]).total_cmp(&centre(&boxes[q])).then(p.cmp(&q)));
    let k = sorted.iter().position(|&o| o == other).unwrap_or(0) as f64;
    let n = sorted.len() as f64;
    let b = &boxes[b];
    let usable = (b.w - 2.0 * PAD_X).max(0.0).min(n * 28.0);
    round(centre(b) - usable / 2.0 + usable * (k + 0.5) / n)
}
