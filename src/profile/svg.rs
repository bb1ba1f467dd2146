//! The SVG writer of the profile chart. Colours are CSS classes (`pf-s0`...`pf-s3` take the
//! page's custom properties), so the chart follows light and dark mode; every id starts with a
//! prefix, so one page can hold several charts.

use std::cell::RefCell;
use std::fmt::Write;
use std::hash::{Hash, Hasher};

use rustc_hash::FxHashMap as HashMap;

use super::layout::{Layout, Row, layout};
use super::{Axis, FONT, LINE_H, MARGIN, MARK_R, MAX_SERIES, SAMPLE_W, Series, Shape, round};
use crate::drawing::{self, Num};
use crate::markdown::escape;
use crate::memo::KeyHasher;

/// About the size of a comparison's chart: most are written without growing the string.
const CAPACITY: usize = 8 << 10;

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
        drawn(&mut s, series_key(&l, k), |s| draw_series(s, &l, k));
    }
    s.push_str("</svg>");
    s
}

/// Series `k`'s line and marks.
fn draw_series(s: &mut String, l: &Layout, k: usize) {
    if l.rows.len() > 1 {
        let _ = write!(s, "<path class=\"pf-line pf-s{k}\" d=\"M");
        for (i, r) in l.rows.iter().enumerate() {
            let (x, y) = r.marks[k];
            let _ = write!(s, "{}{} {}", if i > 0 { "L" } else { "" }, Num(x), Num(y));
        }
        s.push_str("\"/>\n");
    }
    for r in &l.rows {
        mark(s, Shape::of(k), r.marks[k], k);
    }
    s.push('\n');
}

/// Append to `s` the part `draw` draws, taken from what this thread drew before when `key`, a
/// hash of everything the part is drawn from, is the same: the comparisons of a guide all draw
/// the same rows of criteria, and each stack's line and marks again in each of its comparisons.
/// At most [`KEEP`] parts are kept per thread (all are let go when it is full).
fn drawn(s: &mut String, key: u64, draw: impl FnOnce(&mut String)) {
    const KEEP: usize = 2048;
    thread_local! {
        static DRAWN: RefCell<HashMap<u64, Box<str>>> = RefCell::new(HashMap::default());
    }
    DRAWN.with_borrow_mut(|parts| {
        if parts.len() >= KEEP && !parts.contains_key(&key) {
            parts.clear();
        }
        s.push_str(parts.entry(key).or_insert_with(|| {
            let mut part = String::new();
            draw(&mut part);
            part.into()
        }));
    });
}

/// What the rows of `l` are drawn from (see [`draw_row`]).
fn rows_key(l: &Layout) -> u64 {
    let mut h = KeyHasher::new();
    h.write_u8(0);
    for v in [l.x0, l.x1, l.width] {
        h.write_u64(v.to_bits());
    }
    for r in &l.rows {
        h.write_u64(r.y.to_bits());
        h.write_u64(r.centre.to_bits());
        r.lines.hash(&mut h);
        h.write_usize(r.ticks.len());
        for t in &r.ticks {
            h.write_u64(t.to_bits());
        }
    }
    h.digest()
}

/// What series `k`'s line and marks are drawn from (see [`draw_series`]).
fn series_key(l: &Layout, k: usize) -> u64 {
    let mut h = KeyHasher::new();
    h.write_u8(1);
    h.write_usize(k);
    h.write_usize(l.rows.len());
    for r in &l.rows {
        let (x, y) = r.marks[k];
        h.write_u64(x.to_bits());
        h.write_u64(y.to_bits());
    }
    h.digest()
}

/// The chart without stacks, for a page's script to draw chosen stacks on: each series' mark
/// is defined once (`<prefix>pf-m<k>`, centred on 0 0, to be placed with `<use>`), and the
/// stacks go into the empty `pf-layers` group; each row's ticks are in its `pf-row` group.
pub(crate) fn canvas(axes: &[Axis<'_>], title: &str, described_by: &str, prefix: &str) -> String {
    let mut s = frame(&layout(axes, &[]), title, described_by, prefix);
    s.push_str("<defs>");
    for k in 0..MAX_SERIES {
        let _ = write!(s, "<g id=\"{}pf-m{k}\">", escape(prefix));
        mark(&mut s, Shape::of(k), (0.0, 0.0), k);
        s.push_str("</g>");
    }
    s.push_str("</defs><g class=\"pf-layers\"></g></svg>");
    s
}

/// The chart's opening, legend, scale and rows: everything but the stacks' lines and marks.
fn frame(l: &Layout, title: &str, described_by: &str, prefix: &str) -> String {
    let id = format!("{}profile-title", escape(prefix));
    let mut s = String::with_capacity(CAPACITY);
    s.push_str(&drawing::open("profile", (l.width, l.height), "img", &id, Some(described_by), title));
    legend(&mut s, l);
    let _ = writeln!(
        s,
        "<text class=\"pf-scale\" x=\"{}\" y=\"{y}\">weakest</text><text class=\"pf-scale pf-end\" x=\"{}\" y=\"{y}\">strongest</text>",
        Num(round(l.x0 - MARK_R)),
        Num(round(l.x1 + MARK_R)),
        y = Num(l.scale_y),
    );
    drawn(&mut s, rows_key(l), |s| {
        for (i, row) in l.rows.iter().enumerate() {
            draw_row(s, l, row, i);
        }
    });
    s
}

/// The legend: a sample of each stack's mark and line, and its name.
fn legend(s: &mut String, l: &Layout) {
    for e in &l.legend {
        let (x, y) = (MARGIN, e.y);
        let _ = write!(
            s,
            "<path class=\"pf-line pf-s{k}\" d=\"M{} {}H{}\"/>",
            Num(x),
            Num(y),
            Num(x + SAMPLE_W),
            k = e.k
        );
        mark(s, Shape::of(e.k), (round(x + SAMPLE_W / 2.0), y), e.k);
        let _ = writeln!(
            s,
            "<text class=\"pf-name\" x=\"{}\" y=\"{}\">{}</text>",
            Num(x + SAMPLE_W + 8.0),
            Num(round(y + FONT * 0.35)),
            escape(&e.name),
        );
    }
}

/// A criterion's row: a rule above, its name, its track and a tick per level.
fn draw_row(s: &mut String, l: &Layout, row: &Row, i: usize) {
    if i > 0 {
        let _ = write!(
            s,
            "<path class=\"pf-rule\" d=\"M{} {}H{}\"/>",
            Num(MARGIN),
            Num(row.y),
            Num(l.width - MARGIN)
        );
    }
    s.push_str("<text class=\"pf-criterion\">");
    let top = row.centre - row.lines.len() as f64 * FONT * LINE_H / 2.0;
    for (k, line) in row.lines.iter().enumerate() {
        let y = round(top + FONT * LINE_H * (k as f64 + 0.5) + FONT * 0.35);
        let _ = write!(s, "<tspan x=\"{}\" y=\"{}\">{}</tspan>", Num(MARGIN), Num(y), escape(line));
    }
    s.push_str("</text>");
    let c = Num(row.centre);
    let _ =
        write!(s, "<path class=\"pf-track\" d=\"M{} {c}H{}\"/><g class=\"pf-row\">", Num(l.x0), Num(l.x1));
    for &x in &row.ticks {
        let _ = write!(s, "<circle class=\"pf-tick\" cx=\"{}\" cy=\"{c}\" r=\"2.5\"/>", Num(x));
    }
    s.push_str("</g>\n");
}

/// One mark of series `k`, centred on `(x, y)`.
fn mark(s: &mut String, shape: Shape, (x, y): (f64, f64), k: usize) {
    let (r, class) = (MARK_R, format_args!("pf-mark pf-s{k}"));
    let _ = match shape {
        Shape::Circle => {
            write!(s, "<circle class=\"{class}\" cx=\"{}\" cy=\"{}\" r=\"{}\"/>", Num(x), Num(y), Num(r))
        }
        Shape::Square => {
            let side = round(r * 1.7);
            let (left, top) = (round(x - side / 2.0), round(y - side / 2.0));
            write!(
                s,
                "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{side}\" height=\"{side}\"/>",
                Num(left),
                Num(top),
                side = Num(side)
            )
        }
        Shape::Triangle => write!(
            s,
            "<path class=\"{class}\" d=\"M{} {}L{} {}L{} {}z\"/>",
            Num(x),
            Num(round(y - r)),
            Num(round(x + r)),
            Num(round(y + r * 0.8)),
            Num(round(x - r)),
            Num(round(y + r * 0.8))
        ),
        Shape::Diamond => write!(
            s,
            "<path class=\"{class}\" d=\"M{x} {}L{} {y}L{x} {}L{} {y}z\"/>",
            Num(round(y - r)),
            Num(round(x + r)),
            Num(round(y + r)),
            Num(round(x - r)),
            x = Num(x),
            y = Num(y)
        ),
    };
}
