//! The profile chart of one to four stacks, drawn at build time: a row per criterion, each with
//! a track from the weakest level (left) to the strongest (right), a tick per level, and one
//! mark per stack at its level. Stacks differ by the shape of their marks (circle, square,
//! triangle, diamond), the dash of the line joining them and their place within the row, so
//! colour is never the only difference; colours come from CSS classes, so the chart follows
//! light and dark mode. `layout` places everything, `svg` draws it. The text equivalent is the
//! table of the same ratings beside the chart (`aria-describedby`).

mod layout;
mod svg;

pub(crate) use svg::{canvas, svg};

use crate::flowchart::{LINE_H, round};
use crate::glyphs;

/// The most stacks one chart overlays.
pub(crate) const MAX_SERIES: usize = 4;

/// One criterion: its name and how many levels its scale has.
#[derive(Debug, Clone)]
pub(crate) struct Axis<'a> {
    pub name: &'a str,
    pub levels: usize,
}

/// One stack: its name and its level on each axis (0 = the least favourable), in axis order.
#[derive(Debug, Clone)]
pub(crate) struct Series<'a> {
    pub name: &'a str,
    pub levels: Vec<usize>,
}

/// How the marks of the stack drawn `k`-th look, in words (for the chart's title) and as a
/// shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Circle,
    Square,
    Triangle,
    Diamond,
}

impl Shape {
    /// The shape of series `k`.
    pub(crate) fn of(k: usize) -> Shape {
        [Shape::Circle, Shape::Square, Shape::Triangle, Shape::Diamond][k % MAX_SERIES]
    }

    /// The marks and line of series `k` in words: "circles joined by a solid line".
    pub(crate) fn words(k: usize) -> &'static str {
        [
            "circles joined by a solid line",
            "squares joined by a dashed line",
            "triangles joined by a dotted line",
            "diamonds joined by a dash-dot line",
        ][k % MAX_SERIES]
    }
}

const FONT: f64 = 13.0;
const SMALL_FONT: f64 = 12.0;
const MARGIN: f64 = 8.0;
/// Criterion names wrap at this many characters.
const NAME_CHARS: usize = 18;
const GAP_X: f64 = 16.0;
/// The width of the track from the weakest level to the strongest.
const TRACK_W: f64 = 180.0;
/// Half the size of a mark.
const MARK_R: f64 = 5.5;
/// Vertical distance between the marks of two stacks in one row.
const SPREAD: f64 = 8.0;
const ROW_PAD: f64 = 6.0;
/// The legend's sample of a mark and its line.
const SAMPLE_W: f64 = 36.0;

/// How wide `text` is drawn at `font`.
fn text_w(text: &str, font: f64) -> f64 {
    glyphs::width(text, font)
}

#[cfg(test)]
mod tests;
