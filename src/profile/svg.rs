//! The SVG writer of the profile chart. Colours are CSS classes (`pf-s0`...`pf-s3` take the
//! page's custom properties), so the chart follows light and dark mode; every id starts with a
//! prefix, so one page can hold several charts.

use super::layout::{Layout, Row, layout};
use super::{Axis, FONT, LINE_H, MARGIN, MARK_R, MAX_SERIES, SAMPLE_W, Series, Shape, round};
use crate::drawing;
use crate::markdown::escape;

/// The profile of the first [`MAX_SERIES`] of `series` on `axes`, as inline SVG with
/// `role="img"`, named by `title` and described by the element whose id is `described_by`
/// (the table of the same ratings).
pub(crate) fn svg(
    axes: &[Axis<'_>],
    series: &[Series<'_>],
    title: &str,
    described_by: &str,
    prefix: &str,
) -> String {
    let series = &series[..series.len().min(MAX_SERIES)];
    let l = layout(axes, series);
    let mut s = frame(&l, title, described_by, prefix);
    for k in 0..series.len() {
        let points: Vec<String> =
            l.rows.iter().map(|r| format!("{} {}", r.marks[k].0, r.marks[k].1)).collect();
        if points.len() > 1 {
            s.push_str(&format!("<path class=\"pf-line pf-s{k}\" d=\"M{}\"/>\n", points.join("L")));
        }
        for r in &l.rows {
            s.push_str(&mark(Shape::of(k), r.marks[k], k));
        }
        s.push('\n');
    }
    s.push_str("</svg>");
    s
}

/// The chart without stacks, for a page's script to draw chosen stacks on: each series' mark
/// is defined once (`<prefix>pf-m<k>`, centred on 0 0, to be placed with `<use>`), and the
/// stacks go into the empty `pf-layers` group; each row's ticks are in its `pf-row` group.
pub(crate) fn canvas(axes: &[Axis<'_>], title: &str, described_by: &str, prefix: &str) -> String {
    let mut s = frame(&layout(axes, &[]), title, described_by, prefix);
    s.push_str("<defs>");
    for k in 0..MAX_SERIES {
        s.push_str(&format!("<g id=\"{}pf-m{k}\">{}</g>", escape(prefix), mark(Shape::of(k), (0.0, 0.0), k)));
    }
    s.push_str("</defs><g class=\"pf-layers\"></g></svg>");
    s
}

/// The chart's opening, legend, scale and rows: everything but the stacks' lines and marks.
fn frame(l: &Layout, title: &str, described_by: &str, prefix: &str) -> String {
    let id = format!("{}profile-title", escape(prefix));
    let mut s = drawing::open("profile", (l.width, l.height), "img", &id, Some(described_by), title);
    legend(&mut s, l);
    s.push_str(&format!(
        "<text class=\"pf-scale\" x=\"{}\" y=\"{y}\">weakest</text><text class=\"pf-scale pf-end\" x=\"{}\" y=\"{y}\">strongest</text>\n",
        round(l.x0 - MARK_R),
        round(l.x1 + MARK_R),
        y = l.scale_y,
    ));
    for (i, row) in l.rows.iter().enumerate() {
        draw_row(&mut s, l, row, i);
    }
    s
}

/// The legend: a sample of each stack's mark and line, and its name.
fn legend(s: &mut String, l: &Layout) {
    for e in &l.legend {
        let (x, y) = (MARGIN, e.y);
        s.push_str(&format!(
            "<path class=\"pf-line pf-s{k}\" d=\"M{x} {y}H{}\"/>{}<text class=\"pf-name\" x=\"{}\" y=\"{}\">{}</text>\n",
            x + SAMPLE_W,
            mark(Shape::of(e.k), (round(x + SAMPLE_W / 2.0), y), e.k),
            x + SAMPLE_W + 8.0,
            round(y + FONT * 0.35),
            escape(&e.name),
            k = e.k,
        ));
    }
}

/// A criterion's row: a rule above, its name, its track and a tick per level.
fn draw_row(s: &mut String, l: &Layout, row: &Row, i: usize) {
    if i > 0 {
        s.push_str(&format!("<path class=\"pf-rule\" d=\"M{MARGIN} {}H{}\"/>", row.y, l.width - MARGIN));
    }
    s.push_str("<text class=\"pf-criterion\">");
    let top = row.centre - row.lines.len() as f64 * FONT * LINE_H / 2.0;
    for (k, line) in row.lines.iter().enumerate() {
        let y = round(top + FONT * LINE_H * (k as f64 + 0.5) + FONT * 0.35);
        s.push_str(&format!("<tspan x=\"{MARGIN}\" y=\"{y}\">{}</tspan>", escape(line)));
    }
    s.push_str("</text>");
    s.push_str(&format!(
        "<path class=\"pf-track\" d=\"M{} {c}H{}\"/><g class=\"pf-row\">",
        l.x0,
        l.x1,
        c = row.centre
    ));
    for x in &row.ticks {
        s.push_str(&format!("<circle class=\"pf-tick\" cx=\"{x}\" cy=\"{}\" r=\"2.5\"/>", row.centre));
    }
    s.push_str("</g>\n");
}

/// One mark of series `k`, centred on `(x, y)`.
fn mark(shape: Shape, (x, y): (f64, f64), k: usize) -> String {
    let r = MARK_R;
    let class = format!("pf-mark pf-s{k}");
    match shape {
        Shape::Circle => format!("<circle class=\"{class}\" cx=\"{x}\" cy=\"{y}\" r=\"{r}\"/>"),
        Shape::Square => {
            let side = round(r * 1.7);
            let (left, top) = (round(x - side / 2.0), round(y - side / 2.0));
            format!("<rect class=\"{class}\" x=\"{left}\" y=\"{top}\" width=\"{side}\" height=\"{side}\"/>")
        }
        Shape::Triangle => format!(
            "<path class=\"{class}\" d=\"M{x} {}L{} {}L{} {}z\"/>",
            round(y - r),
            round(x + r),
            round(y + r * 0.8),
            round(x - r),
            round(y + r * 0.8)
        ),
        Shape::Diamond => format!(
            "<path class=\"{class}\" d=\"M{x} {}L{} {y}L{x} {}L{} {y}z\"/>",
            round(y - r),
            round(x + r),
            round(y + r),
            round(x - r)
        ),
    }
}
