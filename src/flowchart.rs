//! Flowchart layout and SVG, done at build time: a layered, top-to-bottom drawing of one
//! `Decision`. Edge labels are laid out as boxes of their own between the layers, so no box,
//! label or line crosses another box, and the result is the same on every build.

use crate::markdown::escape;
use crate::model::{Decision, NodeKind};

const FONT: f64 = 14.0;
const LABEL_FONT: f64 = 12.5;
/// A generous average glyph width for the system sans-serif, so text never overflows its box.
const CHAR_W: f64 = 0.6;
const LINE_H: f64 = 1.35;
const PAD_X: f64 = 14.0;
const PAD_Y: f64 = 10.0;
const GAP_X: f64 = 16.0;
const GAP_Y: f64 = 26.0;
const MARGIN: f64 = 8.0;

/// What a box stands for.
#[derive(Debug, Clone, PartialEq)]
pub enum BoxKind {
    /// A question or result: the index of the node in `Decision::nodes`.
    Node(usize),
    /// The label of answer `answer` of node `node`.
    Label { node: usize, answer: usize },
    /// A bend point of a long edge.
    Bend,
}

/// A laid-out box: its rectangle and its wrapped text lines.
#[derive(Debug, Clone)]
pub struct LaidBox {
    pub kind: BoxKind,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub lines: Vec<String>,
    rank: usize,
}

/// A drawn edge: a polyline from the bottom of one box to the top of the next.
#[derive(Debug, Clone)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub points: Vec<(f64, f64)>,
}

/// The whole layout.
#[derive(Debug, Clone)]
pub struct Layout {
    pub boxes: Vec<LaidBox>,
    /// Segments between consecutive boxes of an answer's chain (node -> label -> bends -> node).
    pub edges: Vec<Edge>,
    pub width: f64,
    pub height: f64,
}

/// Wrap `text` into lines of at most `max` characters, breaking at spaces.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
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

fn sized(kind: BoxKind, lines: Vec<String>, font: f64, rank: usize) -> LaidBox {
    let longest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f64;
    let (w, h) = if kind == BoxKind::Bend {
        (2.0, 2.0)
    } else {
        (longest * font * CHAR_W + 2.0 * PAD_X, lines.len() as f64 * font * LINE_H + 2.0 * PAD_Y)
    };
    LaidBox { kind, x: 0.0, y: 0.0, w, h, lines, rank }
}

/// Result boxes list the recommended stacks' names under the title.
fn node_lines(d: &Decision, i: usize, stack_names: &[&str]) -> Vec<String> {
    match &d.nodes[i].kind {
        NodeKind::Question { text, .. } => wrap(text, 24),
        NodeKind::Result { title, recommend, .. } => {
            let mut lines = wrap(title, 20);
            lines.extend(
                recommend.iter().map(|&s| format!("→ {}", stack_names.get(s).copied().unwrap_or("?"))),
            );
            lines
        }
    }
}

/// Lay out `d`. `stack_names` are the site's stack names, by index.
pub fn layout(d: &Decision, stack_names: &[&str]) -> Layout {
    // A result reached by several answers is drawn once under each of them: the chart reads as
    // a tree, without long edges crossing the page. Questions are drawn once.
    let mut drawn: Vec<usize> = (0..d.nodes.len()).collect();
    let mut entered = vec![false; d.nodes.len()];
    let mut arrows: Vec<(usize, usize, usize)> = Vec::new();
    for (i, node) in d.nodes.iter().enumerate() {
        if let NodeKind::Question { answers, .. } = &node.kind {
            for (ai, a) in answers.iter().enumerate() {
                let is_result = matches!(d.nodes[a.next].kind, NodeKind::Result { .. });
                let target = if is_result && entered[a.next] {
                    drawn.push(a.next);
                    drawn.len() - 1
                } else {
                    a.next
                };
                entered[a.next] = true;
                arrows.push((i, ai, target));
            }
        }
    }
    // Ranks: longest path from the start, doubled so that labels sit on the odd ranks between.
    let mut layer = vec![0usize; drawn.len()];
    for _ in 0..drawn.len() {
        let mut changed = false;
        for &(from, _, to) in &arrows {
            if layer[to] < layer[from] + 1 {
                layer[to] = layer[from] + 1;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let mut boxes: Vec<LaidBox> = drawn
        .iter()
        .enumerate()
        .map(|(k, &i)| sized(BoxKind::Node(i), node_lines(d, i, stack_names), FONT, layer[k] * 2))
        .collect();
    // Each answer becomes a chain: node -> label -> bends... -> next node.
    let mut chains: Vec<Vec<usize>> = Vec::new();
    for &(from, ai, to) in &arrows {
        let NodeKind::Question { answers, .. } = &d.nodes[from].kind else {
            continue;
        };
        let mut chain = vec![from];
        let label_rank = layer[from] * 2 + 1;
        boxes.push(sized(
            BoxKind::Label { node: from, answer: ai },
            wrap(&answers[ai].label, 14),
            LABEL_FONT,
            label_rank,
        ));
        chain.push(boxes.len() - 1);
        for rank in label_rank + 1..layer[to] * 2 {
            boxes.push(sized(BoxKind::Bend, Vec::new(), FONT, rank));
            chain.push(boxes.len() - 1);
        }
        chain.push(to);
        chains.push(chain);
    }
    let ranks = boxes.iter().map(|b| b.rank).max().unwrap_or(0) + 1;
    let mut order: Vec<Vec<usize>> = vec![Vec::new(); ranks];
    for (i, b) in boxes.iter().enumerate() {
        order[b.rank].push(i);
    }
    let mut up: Vec<Vec<usize>> = vec![Vec::new(); boxes.len()];
    let mut down: Vec<Vec<usize>> = vec![Vec::new(); boxes.len()];
    for chain in &chains {
        for w in chain.windows(2) {
            down[w[0]].push(w[1]);
            up[w[1]].push(w[0]);
        }
    }
    // Order within ranks: a few barycenter sweeps down and up; ties keep the previous order.
    for sweep in 0..8 {
        let (range, neighbours): (Vec<usize>, &Vec<Vec<usize>>) = if sweep % 2 == 0 {
            ((1..ranks).collect(), &up)
        } else {
            ((0..ranks.saturating_sub(1)).rev().collect(), &down)
        };
        for r in range {
            let pos = position_map(&order, boxes.len());
            let bary = |ns: &[usize], fallback: usize| {
                if ns.is_empty() {
                    fallback as f64
                } else {
                    ns.iter().map(|&x| pos[x] as f64).sum::<f64>() / ns.len() as f64
                }
            };
            // Labels stay grouped under their question, ordered by where their answers lead.
            let mut keyed: Vec<(f64, f64, usize, usize)> = order[r]
                .iter()
                .enumerate()
                .map(|(k, &b)| match boxes[b].kind {
                    BoxKind::Label { node, .. } => (pos[node] as f64, bary(&down[b], k), k, b),
                    _ => (bary(&neighbours[b], k), 0.0, k, b),
                })
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2)));
            order[r] = keyed.into_iter().map(|(_, _, _, b)| b).collect();
        }
    }
    // X: pack each rank, then pull boxes toward their neighbours without breaking order or gaps.
    for rank in &order {
        let mut x = 0.0;
        for &b in rank {
            boxes[b].x = x;
            x += boxes[b].w + GAP_X;
        }
    }
    for sweep in 0..12 {
        let neighbours = if sweep % 2 == 0 { &up } else { &down };
        let ranks_iter: Vec<usize> =
            if sweep % 2 == 0 { (0..ranks).collect() } else { (0..ranks).rev().collect() };
        for r in ranks_iter {
            let ids = order[r].clone();
            // Desired centres, then a left-to-right pass that keeps the minimum gaps.
            let desired: Vec<f64> = ids
                .iter()
                .map(|&b| {
                    let ns = &neighbours[b];
                    if ns.is_empty() {
                        boxes[b].x + boxes[b].w / 2.0
                    } else {
                        ns.iter().map(|&x| boxes[x].x + boxes[x].w / 2.0).sum::<f64>() / ns.len() as f64
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
    }
    // Shift everything into view.
    let min_x = boxes.iter().map(|b| b.x).fold(f64::INFINITY, f64::min);
    for b in &mut boxes {
        b.x = round(b.x - min_x + MARGIN);
    }
    // Y: rank by rank.
    let mut y = MARGIN;
    for rank in &order {
        let h = rank.iter().map(|&b| boxes[b].h).fold(0.0, f64::max);
        for &b in rank {
            boxes[b].y = round(y + (h - boxes[b].h) / 2.0);
        }
        y += h + GAP_Y;
    }
    let width = boxes.iter().map(|b| b.x + b.w).fold(0.0, f64::max) + MARGIN;
    let height = y - GAP_Y + MARGIN;
    // Edges leave a box spread along its bottom and enter spread along the top, in the order
    // of the boxes at their other ends, so they fan out instead of meeting in one point.
    let centre = |b: &LaidBox| b.x + b.w / 2.0;
    let port = |b: &LaidBox, others: &[usize], other: usize, boxes: &[LaidBox]| {
        let mut sorted = others.to_vec();
        sorted.sort_by(|&p, &q| centre(&boxes[p]).total_cmp(&centre(&boxes[q])).then(p.cmp(&q)));
        let k = sorted.iter().position(|&o| o == other).unwrap_or(0) as f64;
        let n = sorted.len() as f64;
        let usable = (b.w - 2.0 * PAD_X).max(0.0).min(n * 28.0);
        round(centre(b) - usable / 2.0 + usable * (k + 0.5) / n)
    };
    let mut edges = Vec::new();
    for chain in &chains {
        for w in chain.windows(2) {
            let (a, b) = (&boxes[w[0]], &boxes[w[1]]);
            let start = (port(a, &down[w[0]], w[1], &boxes), a.y + a.h);
            let end = (port(b, &up[w[1]], w[0], &boxes), b.y);
            edges.push(Edge { from: w[0], to: w[1], points: vec![start, end] });
        }
    }
    Layout { boxes, edges, width: round(width), height: round(height) }
}

fn position_map(order: &[Vec<usize>], n: usize) -> Vec<usize> {
    let mut pos = vec![0; n];
    for rank in order {
        for (k, &b) in rank.iter().enumerate() {
            pos[b] = k;
        }
    }
    pos
}

fn round(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The chart as inline SVG. `stack_urls` and `stack_names` are by stack index; every id in the
/// SVG starts with `prefix`, so one page can show several charts.
pub fn svg(d: &Decision, stack_names: &[&str], stack_urls: &[String], prefix: &str) -> String {
    let prefix = escape(prefix);
    let l = layout(d, stack_names);
    let mut s = format!(
        "<svg class=\"flowchart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"group\" aria-labelledby=\"{t}\">\n<title id=\"{t}\">{title}</title>\n",
        w = l.width,
        h = l.height,
        t = format!("{prefix}chart-title"),
        title = escape(&d.title),
    );
    s.push_str(&format!("<defs><marker id=\"{prefix}arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0 0L10 5L0 10z\" class=\"fc-arrowhead\"/></marker></defs>\n"));
    for e in &l.edges {
        let ((x1, y1), (x2, y2)) = (e.points[0], e.points[1]);
        let ends_at_node = matches!(l.boxes[e.to].kind, BoxKind::Node(_));
        let marker =
            if ends_at_node { format!(" marker-end=\"url(#{prefix}arrow)\"") } else { String::new() };
        let my = round((y1 + y2) / 2.0);
        s.push_str(&format!(
            "<path class=\"fc-edge\" d=\"M{x1} {y1}C{x1} {my} {x2} {my} {x2} {y2}\"{marker}/>\n"
        ));
    }
    let mut drawn_once = std::collections::HashSet::new();
    for b in &l.boxes {
        match &b.kind {
            BoxKind::Bend => {}
            BoxKind::Label { .. } => {
                s.push_str(&format!(
                    "<g class=\"fc-label\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\"/>",
                    b.x,
                    b.y,
                    round(b.w),
                    round(b.h),
                    round(b.h.min(24.0) / 2.0)
                ));
                text_lines(&mut s, b, LABEL_FONT, None);
                s.push_str("</g>\n");
            }
            BoxKind::Node(i) => {
                let node = &d.nodes[*i];
                let class = match node.kind {
                    NodeKind::Question { .. } => "fc-question",
                    NodeKind::Result { .. } => "fc-result",
                };
                // A result drawn again under another answer carries no id: ids stay unique.
                let id = if drawn_once.insert(*i) {
                    format!(" id=\"{prefix}chart-{}\"", escape(&node.id))
                } else {
                    String::new()
                };
                s.push_str(&format!(
                    "<g class=\"{class}\"{id}><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"8\"/>",
                    b.x,
                    b.y,
                    round(b.w),
                    round(b.h)
                ));
                let links: Option<Vec<(usize, &str)>> = match &node.kind {
                    NodeKind::Result { recommend, .. } => {
                        let first = b.lines.len() - recommend.len();
                        Some(
                            recommend
                                .iter()
                                .enumerate()
                                .map(|(k, &st)| (first + k, stack_urls.get(st).map_or("", String::as_str)))
                                .collect(),
                        )
                    }
                    NodeKind::Question { .. } => None,
                };
                text_lines(&mut s, b, FONT, links.as_deref());
                s.push_str("</g>\n");
            }
        }
    }
    s.push_str("</svg>");
    s
}

fn text_lines(s: &mut String, b: &LaidBox, font: f64, links: Option<&[(usize, &str)]>) {
    let cx = round(b.x + b.w / 2.0);
    for (k, line) in b.lines.iter().enumerate() {
        let y = round(b.y + PAD_Y + font * LINE_H * (k as f64 + 0.5) + font * 0.35);
        let text = format!("<text x=\"{cx}\" y=\"{y}\">{}</text>", escape(line));
        match links.and_then(|ls| ls.iter().find(|(i, _)| *i == k)) {
            Some((_, url)) => {
                s.push_str(&format!("<a href=\"{}\" class=\"fc-stack\">{text}</a>", escape(url)))
            }
            None => s.push_str(&text),
        }
    }
}

#[cfg(test)]
mod tests;
