//! The SVG writer: draws a [`Layout`] as inline SVG, one small function per kind of box. Every
//! id starts with a prefix, so one page can show several charts.

use std::collections::HashSet;

use super::layout::{BoxKind, LaidBox, Layout, Row, layout, stack_lines};
use super::{FONT, LABEL_FONT, LINE_H, PAD_X, PAD_Y, ROW_PAD, round};
use crate::drawing;
use crate::markdown::escape;
use crate::model::{Decision, NodeId, NodeKind};

/// The chart as inline SVG. `stack_urls` and `stack_names` are by stack index; every id in the
/// SVG starts with `prefix`, so one page can show several charts.
pub(crate) fn svg(d: &Decision, stack_names: &[&str], stack_urls: &[String], prefix: &str) -> String {
    let prefix = escape(prefix);
    let l = layout(d, stack_names);
    let mut s = String::new();
    header(&mut s, &l, &d.title, &prefix);
    edges(&mut s, &l, &prefix);
    let mut w = Writer { d, stack_names, stack_urls, prefix: &prefix, drawn: HashSet::new(), s };
    for b in &l.boxes {
        match &b.kind {
            BoxKind::Bend => {}
            BoxKind::Label { .. } => w.label(b),
            BoxKind::Node(i) => w.node(b, *i),
            BoxKind::Panel { .. } => w.panel(b),
        }
    }
    w.s.push_str("</svg>");
    w.s
}

/// The opening `<svg>` tag, the title and the arrowhead marker.
fn header(s: &mut String, l: &Layout, title: &str, prefix: &str) {
    s.push_str(&drawing::open(
        "flowchart",
        (l.width, l.height),
        "group",
        &format!("{prefix}chart-title"),
        None,
        title,
    ));
    s.push_str(&format!("<defs><marker id=\"{prefix}arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0 0L10 5L0 10z\" class=\"fc-arrowhead\"/></marker></defs>\n"));
}

/// Every edge as a curve; those that end at a node get an arrowhead.
fn edges(s: &mut String, l: &Layout, prefix: &str) {
    for e in &l.edges {
        let ((x1, y1), (x2, y2)) = (e.points[0], e.points[1]);
        let (x1, y1, x2, y2) = (round(x1), round(y1), round(x2), round(y2));
        let ends_at_node = matches!(l[e.to].kind, BoxKind::Node(_));
        let marker =
            if ends_at_node { format!(" marker-end=\"url(#{prefix}arrow)\"") } else { String::new() };
        let my = round((y1 + y2) / 2.0);
        s.push_str(&format!(
            "<path class=\"fc-edge\" d=\"M{x1} {y1}C{x1} {my} {x2} {my} {x2} {y2}\"{marker}/>\n"
        ));
    }
}

/// Writes the boxes, remembering which nodes already carry their id.
struct Writer<'a> {
    d: &'a Decision,
    stack_names: &'a [&'a str],
    stack_urls: &'a [String],
    prefix: &'a str,
    /// Nodes drawn so far: a result drawn again under another answer carries no id, so ids stay
    /// unique.
    drawn: HashSet<NodeId>,
    s: String,
}

impl Writer<'_> {
    /// The `id` attribute of node `i`'s first drawing; empty for later ones.
    fn id_for(&mut self, i: NodeId) -> String {
        if self.drawn.insert(i) {
            format!(" id=\"{}chart-{}\"", self.prefix, escape(&self.d.node(i).id))
        } else {
            String::new()
        }
    }

    /// An answer's label on its edge.
    fn label(&mut self, b: &LaidBox) {
        self.s.push_str(&format!("<g class=\"fc-label\">{}", rect(b, round(b.h.min(24.0) / 2.0))));
        let centre = round(b.x + b.w / 2.0);
        text_lines(&mut self.s, &b.lines, centre, b.y + PAD_Y, LABEL_FONT, &[]);
        self.s.push_str("</g>\n");
    }

    /// A question or result box.
    fn node(&mut self, b: &LaidBox, i: NodeId) {
        let class = match self.d.node(i).kind {
            NodeKind::Question { .. } => "fc-question",
            NodeKind::Result { .. } => "fc-result",
        };
        let id = self.id_for(i);
        self.s.push_str(&format!("<g class=\"{class}\"{id}>{}", rect(b, 8.0)));
        let links = result_links(self.d, i, b.lines.len(), self.stack_names, self.stack_urls);
        text_lines(&mut self.s, &b.lines, round(b.x + b.w / 2.0), b.y + PAD_Y, FONT, &links);
        self.s.push_str("</g>\n");
    }

    /// A panel: its rows separated by rules.
    fn panel(&mut self, b: &LaidBox) {
        self.s.push_str(&format!("<g class=\"fc-panel\">{}", rect(b, 8.0)));
        for (k, row) in b.rows.iter().enumerate() {
            if k > 0 {
                self.s.push_str(&format!(
                    "<path class=\"fc-rule\" d=\"M{} {}H{}\"/>",
                    round(b.x + PAD_X / 2.0),
                    round(b.y + row.y),
                    round(b.x + b.w - PAD_X / 2.0)
                ));
            }
            self.row(b, row);
        }
        self.s.push_str("</g>\n");
    }

    /// One row of panel `b`: the answer, and under it, indented, the result.
    fn row(&mut self, b: &LaidBox, row: &Row) {
        let top = b.y + row.y + ROW_PAD;
        self.s.push_str("<g class=\"fc-row-label\">");
        text_lines(&mut self.s, &row.label, round(b.x + PAD_X), top, LABEL_FONT, &[]);
        self.s.push_str("</g>");
        let id = self.id_for(row.result);
        self.s.push_str(&format!("<g class=\"fc-row-result\"{id}>"));
        let links = result_links(self.d, row.result, row.lines.len(), self.stack_names, self.stack_urls);
        let result_top = top + row.label.len() as f64 * LABEL_FONT * LINE_H;
        text_lines(&mut self.s, &row.lines, round(b.x + b.result_x), result_top, FONT, &links);
        self.s.push_str("</g>");
    }
}

/// The rectangle of box `b`, with corner radius `rx`.
fn rect(b: &LaidBox, rx: f64) -> String {
    format!(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{rx}\"/>",
        b.x,
        b.y,
        round(b.w),
        round(b.h)
    )
}

/// For a result's text lines, the runs of lines that link to a stack page (the last ones, one
/// run per stack): (first line, number of lines, address).
fn result_links<'a>(
    d: &Decision,
    node: NodeId,
    lines: usize,
    stack_names: &[&str],
    stack_urls: &'a [String],
) -> Vec<(usize, usize, &'a str)> {
    let NodeKind::Result { recommend, .. } = &d.node(node).kind else { return Vec::new() };
    let runs: Vec<usize> = recommend
        .iter()
        .map(|&st| stack_lines(stack_names.get(st.0).copied().unwrap_or("?")).len())
        .collect();
    let mut first = lines.saturating_sub(runs.iter().sum());
    recommend
        .iter()
        .zip(runs)
        .map(|(&st, n)| {
            let run = (first, n, stack_urls.get(st.0).map_or("", String::as_str));
            first += n;
            run
        })
        .collect()
}

/// Lines of text from `top`, each at `x` (the CSS decides whether `x` is the middle or start);
/// each run of `links` (first line, lines, address) is one link.
fn text_lines(s: &mut String, lines: &[String], x: f64, top: f64, font: f64, links: &[(usize, usize, &str)]) {
    for (k, line) in lines.iter().enumerate() {
        let y = round(top + font * LINE_H * (k as f64 + 0.5) + font * 0.35);
        let link = links.iter().find(|(first, n, _)| (*first..first + n).contains(&k));
        if let Some((_, _, url)) = link.filter(|(first, ..)| *first == k) {
            s.push_str(&format!("<a href=\"{}\" class=\"fc-stack\">", escape(url)));
        }
        s.push_str(&format!("<text x=\"{x}\" y=\"{y}\">{}</text>", escape(line)));
        if link.is_some_and(|(first, n, _)| k + 1 == first + n) {
            s.push_str("</a>");
        }
    }
}
