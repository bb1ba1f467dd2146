//! Where everything of a profile chart goes: the legend (when several stacks are overlaid), the
//! scale's ends, and per criterion its wrapped name, its track, its ticks and the marks.

use super::{
    Axis, FONT, GAP_X, LINE_H, MARGIN, MARK_R, ROW_PAD, SAMPLE_W, SMALL_FONT, SPREAD, Series, TRACK_W, round,
    text_w,
};
use crate::flowchart::wrap;

/// One criterion's row.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    /// Top and height of the row.
    pub y: f64,
    #[cfg_attr(not(test), expect(dead_code, reason = "the property tests check that rows do not overlap"))]
    pub h: f64,
    /// The criterion's name, wrapped.
    pub lines: Vec<String>,
    /// The row's middle: the track's height.
    pub centre: f64,
    /// The x of each level of the scale, weakest first.
    pub ticks: Vec<f64>,
    /// The centre of each stack's mark, in series order.
    pub marks: Vec<(f64, f64)>,
}

/// A line of the legend: a sample of series `k`'s mark and line, then its name.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub k: usize,
    /// Middle of the line.
    pub y: f64,
    pub name: String,
}

#[derive(Debug, Clone)]
pub(crate) struct Layout {
    pub width: f64,
    pub height: f64,
    pub legend: Vec<Entry>,
    /// Baseline of the scale's ends ("weakest", "strongest").
    pub scale_y: f64,
    /// The track's ends.
    pub x0: f64,
    pub x1: f64,
    pub rows: Vec<Row>,
}

/// The height of one line of text at `font`.
fn line_h(font: f64) -> f64 {
    font * LINE_H
}

pub(crate) fn layout(axes: &[Axis<'_>], series: &[Series<'_>]) -> Layout {
    let names: Vec<Vec<String>> = axes.iter().map(|a| wrap(a.name, super::NAME_CHARS)).collect();
    let name_w = names.iter().flatten().map(|l| text_w(l, FONT)).fold(0.0, f64::max);
    let x0 = round(MARGIN + name_w + GAP_X + MARK_R);
    let x1 = round(x0 + TRACK_W);
    let mut y = MARGIN;
    let mut legend = Vec::new();
    if series.len() > 1 {
        for (k, s) in series.iter().enumerate() {
            legend.push(Entry { k, y: round(y + line_h(FONT) / 2.0), name: s.name.to_string() });
            y += line_h(FONT) + 4.0;
        }
        y += 6.0;
    }
    let scale_y = round(y + SMALL_FONT);
    y = round(y + line_h(SMALL_FONT) + 2.0);
    let n = series.len() as f64;
    let mut rows = Vec::with_capacity(axes.len());
    for (i, (axis, lines)) in axes.iter().zip(names).enumerate() {
        let marks_h = (n - 1.0).max(0.0) * SPREAD + 2.0 * MARK_R;
        // Rounded before it is added up, so each row starts where the one above ends.
        let h = round((lines.len() as f64 * line_h(FONT)).max(marks_h) + 2.0 * ROW_PAD);
        let centre = y + h / 2.0;
        let at = |level: usize| match axis.levels {
            0 | 1 => (x0 + x1) / 2.0,
            m => x0 + TRACK_W * level.min(m - 1) as f64 / (m - 1) as f64,
        };
        let marks = series
            .iter()
            .enumerate()
            .map(|(k, s)| {
                let level = s.levels.get(i).copied().unwrap_or(0);
                (round(at(level)), round(centre + (k as f64 - (n - 1.0) / 2.0) * SPREAD))
            })
            .collect();
        let ticks = (0..axis.levels.max(1)).map(|l| round(at(l))).collect();
        rows.push(Row { y, h, lines, centre: round(centre), ticks, marks });
        y = round(y + h);
    }
    let legend_w =
        legend.iter().map(|e| MARGIN + SAMPLE_W + 8.0 + text_w(&e.name, FONT) + MARGIN).fold(0.0, f64::max);
    Layout {
        width: round((x1 + MARK_R + MARGIN).max(legend_w)),
        height: round(y + MARGIN),
        legend,
        scale_y,
        x0,
        x1,
        rows,
    }
}
