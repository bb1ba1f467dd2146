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
    /// The answers of question `node` that lead straight to results, as rows of one panel:
    /// answer -> result, one under the other, so a wide fan of results reads as a list.
    Panel { node: usize },
}

/// One row of a panel: an answer and the result it leads to.
#[derive(Debug, Clone)]
pub struct Row {
    pub answer: usize,
    pub result: usize,
    pub label: Vec<String>,
    pub lines: Vec<String>,
    /// Offset of the row from the panel's top, and its height.
    pub y: f64,
    pub h: f64,
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
    /// For a panel: its rows, and where its result column starts (from the panel's left).
    pub rows: Vec<Row>,
    pub result_x: f64,
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
    LaidBox { kind, x: 0.0, y: 0.0, w, h, lines, rows: Vec::new(), result_x: 0.0, rank }
}

const ROW_PAD: f64 = 7.0;
const ARROW_W: f64 = 26.0;

/// A panel of answer -> result rows for question `node`.
fn panel(d: &Decision, node: usize, answers: &[usize], stack_names: &[&str], rank: usize) -> LaidBox {
    let NodeKind::Question { answers: all, .. } = &d.nodes[node].kind else {
        return sized(BoxKind::Bend, Vec::new(), FONT, rank);
    };
    let width = |lines: &[String], font: f64| {
        lines.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f64 * font * CHAR_W
    };
    let mut rows: Vec<Row> = answers
        .iter()
        .map(|&a| {
            let label = wrap(&all[a].label, 16);
            let lines = node_lines(d, all[a].next, stack_names);
            let h = (label.len() as f64 * LABEL_FONT).max(lines.len() as f64 * FONT) * LINE_H + 2.0 * ROW_PAD;
            Row { answer: a, result: all[a].next, label, lines, y: 0.0, h }
        })
        .collect();
    let label_w = rows.iter().map(|r| width(&r.label, LABEL_FONT)).fold(0.0, f64::max);
    let result_w = rows.iter().map(|r| width(&r.lines, FONT)).fold(0.0, f64::max);
    let mut y = PAD_Y / 2.0;
    for r in &mut rows {
        r.y = y;
        y += r.h;
    }
    let mut b = sized(BoxKind::Panel { node }, Vec::new(), FONT, rank);
    b.w = PAD_X + label_w + ARROW_W + result_w + PAD_X;
    b.h = y + PAD_Y / 2.0;
    b.result_x = PAD_X + label_w + ARROW_W;
    b.rows = rows;
    b
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
    // A question whose answers lead to two or more results shows those as one panel of rows.
    // Any other result reached by several answers is drawn once under each of them, so the
    // chart reads as a tree, without long edges crossing the page. Questions are drawn once.
    let is_result = |n: usize| matches!(d.nodes[n].kind, NodeKind::Result { .. });
    let mut panels: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut arrows: Vec<(usize, usize, usize)> = Vec::new();
    let mut drawn: Vec<usize> = (0..d.nodes.len()).filter(|&i| !is_result(i) || i == 0).collect();
    let mut index: Vec<usize> = vec![usize::MAX; d.nodes.len()];
    for (k, &i) in drawn.iter().enumerate() {
        index[i] = k;
    }
    for (i, node) in d.nodes.iter().enumerate() {
        if let NodeKind::Question { answers, .. } = &node.kind {
            let leaves: Vec<usize> = (0..answers.len()).filter(|&a| is_result(answers[a].next)).collect();
            let paneled = leaves.len() >= 2;
            if paneled {
                panels.push((i, leaves));
            }
            for (ai, a) in answers.iter().enumerate() {
                if paneled && is_result(a.next) {
                    continue;
                }
                let target = if is_result(a.next) {
                    drawn.push(a.next);
                    drawn.len() - 1
                } else {
                    index[a.next]
                };
                arrows.push((index[i], ai, target));
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
    // Each answer becomes a chain: node -> label -> bends... -> next node; a panel hangs
    // straight under its question.
    let mut chains: Vec<Vec<usize>> = Vec::new();
    for (node, leaves) in &panels {
        let q = index[*node];
        boxes.push(panel(d, *node, leaves, stack_names, layer[q] * 2 + 1));
        chains.push(vec![q, boxes.len() - 1]);
    }
    for &(from, ai, to) in &arrows {
        let NodeKind::Question { answers, .. } = &d.nodes[drawn[from]].kind else {
            continue;
        };
        let mut chain = vec![from];
        let label_rank = layer[from] * 2 + 1;
        boxes.push(sized(
            BoxKind::Label { node: drawn[from], answer: ai },
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
                    BoxKind::Label { .. } | BoxKind::Panel { .. } => {
                        (bary(&up[b], k), bary(&down[b], k), k, b)
                    }
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
    // A result drawn again under another answer carries no id: ids stay unique.
    let mut id_for = |i: usize| {
        if drawn_once.insert(i) {
            format!(" id=\"{prefix}chart-{}\"", escape(&d.nodes[i].id))
        } else {
            String::new()
        }
    };
    for b in &l.boxes {
        let rect = |rx: f64| {
            format!(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{rx}\"/>",
                b.x,
                b.y,
                round(b.w),
                round(b.h)
            )
        };
        match &b.kind {
            BoxKind::Bend => {}
            BoxKind::Label { .. } => {
                s.push_str(&format!("<g class=\"fc-label\">{}", rect(round(b.h.min(24.0) / 2.0))));
                let centre = round(b.x + b.w / 2.0);
                text_lines(&mut s, &b.lines, centre, b.y + PAD_Y, LABEL_FONT, &[]);
                s.push_str("</g>\n");
            }
            BoxKind::Node(i) => {
                let class = match d.nodes[*i].kind {
                    NodeKind::Question { .. } => "fc-question",
                    NodeKind::Result { .. } => "fc-result",
                };
                s.push_str(&format!("<g class=\"{class}\"{}>{}", id_for(*i), rect(8.0)));
                let links = result_links(d, *i, b.lines.len(), stack_urls);
                text_lines(&mut s, &b.lines, round(b.x + b.w / 2.0), b.y + PAD_Y, FONT, &links);
                s.push_str("</g>\n");
            }
            BoxKind::Panel { .. } => {
                s.push_str(&format!("<g class=\"fc-panel\">{}", rect(8.0)));
                for (k, row) in b.rows.iter().enumerate() {
                    let top = b.y + row.y;
                    if k > 0 {
                        s.push_str(&format!(
                            "<path class=\"fc-rule\" d=\"M{} {}H{}\"/>",
                            round(b.x + PAD_X / 2.0),
                            round(top),
                            round(b.x + b.w - PAD_X / 2.0)
                        ));
                    }
                    s.push_str("<g class=\"fc-row-label\">");
                    text_lines(&mut s, &row.label, round(b.x + PAD_X), top + ROW_PAD, LABEL_FONT, &[]);
                    s.push_str("</g>");
                    let arrow_x = round(b.x + b.result_x - ARROW_W + 4.0);
                    let arrow_y = round(top + ROW_PAD + FONT * LINE_H * 0.5 + FONT * 0.35);
                    s.push_str(&format!(
                        "<text class=\"fc-row-arrow\" x=\"{arrow_x}\" y=\"{arrow_y}\">→</text>"
                    ));
                    s.push_str(&format!("<g class=\"fc-row-result\"{}>", id_for(row.result)));
                    let links = result_links(d, row.result, row.lines.len(), stack_urls);
                    text_lines(&mut s, &row.lines, round(b.x + b.result_x), top + ROW_PAD, FONT, &links);
                    s.push_str("</g>");
                }
                s.push_str("</g>\n");
            }
        }
    }
    s.push_str("</svg>");
    s
}

/// For a result's text lines, which lines link to which stack page (the last ones).
fn result_links<'a>(
    d: &Decision,
    node: usize,
    lines: usize,
    stack_urls: &'a [String],
) -> Vec<(usize, &'a str)> {
    match &d.nodes[node].kind {
        NodeKind::Result { recommend, .. } => {
            let first = lines.saturating_sub(recommend.len());
            recommend
                .iter()
                .enumerate()
                .map(|(k, &st)| (first + k, stack_urls.get(st).map_or("", String::as_str)))
                .collect()
        }
        NodeKind::Question { .. } => Vec::new(),
    }
}

/// Lines of text from `top`, each at `x` (the CSS decides whether `x` is the middle or start).
fn text_lines(s: &mut String, lines: &[String], x: f64, top: f64, font: f64, links: &[(usize, &str)]) {
    for (k, line) in lines.iter().enumerate() {
        let y = round(top + font * LINE_H * (k as f64 + 0.5) + font * 0.35);
        let text = format!("<text x=\"{x}\" y=\"{y}\">{}</text>", escape(line));
        match links.iter().find(|(i, _)| *i == k) {
            Some((_, url)) => {
                s.push_str(&format!("<a href=\"{}\" class=\"fc-stack\">{text}</a>", escape(url)))
            }
            None => s.push_str(&text),
        }
    }
}

#[cfg(test)]
mod tests;
