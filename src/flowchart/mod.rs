//! Flowchart layout and SVG, done at build time: a layered, top-to-bottom drawing of one
//! `Decision`. Edge labels are laid out as boxes of their own between the layers, so no box,
//! label or line crosses another box, and the result is the same on every build.
//! `layout` places the boxes and edges; `svg` draws them. This module holds the measures both
//! share.

mod layout;
mod svg;

pub(crate) use layout::wrap;
pub(crate) use svg::svg;

const FONT: f64 = 14.0;
const LABEL_FONT: f64 = 12.5;
/// Line height, in ems.
pub(crate) const LINE_H: f64 = 1.35;
const PAD_X: f64 = 12.0;
const PAD_Y: f64 = 10.0;
const GAP_X: f64 = 14.0;
const GAP_Y: f64 = 26.0;
const MARGIN: f64 = 8.0;
/// Padding above and below a row of a panel.
const ROW_PAD: f64 = 7.0;
/// How far a panel row's result is indented under its answer.
const ROW_INDENT: f64 = 12.0;

/// Coordinates are written with one decimal.
pub(crate) fn round(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests;
