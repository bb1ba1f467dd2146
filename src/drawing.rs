//! What every SVG drawn at build time (flowcharts, profiles, the support timeline) opens with:
//! its size and its accessible name.

use crate::markdown::escape;

/// An `<svg>` of class `class`, `w` by `h`, with `role`, named by its `<title>` (`title`, whose
/// element gets the id `title_id`, already safe in HTML) and described by the element whose id
/// is `described_by`, if any.
pub(crate) fn open(
    class: &str,
    (w, h): (f64, f64),
    role: &str,
    title_id: &str,
    described_by: Option<&str>,
    title: &str,
) -> String {
    let described = described_by.map(|d| format!(" aria-describedby=\"{}\"", escape(d))).unwrap_or_default();
    format!(
        "<svg class=\"{class}\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"{role}\" aria-labelledby=\"{title_id}\"{described}>\n<title id=\"{title_id}\">{}</title>\n",
        escape(title)
    )
}
