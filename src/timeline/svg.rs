//! The SVG writer of the timeline. Colours come from the page's CSS variables (classes only),
//! so the chart follows light and dark mode; ended support is hatched as well as labelled, and
//! a rolling release's bar ends in an arrow.

use time::Date;

use super::layout::{Kind, Laid, Layout, layout};
use super::{ARROW_W, FONT, LINE_H, MARGIN, Row, Status, round};
use crate::drawing;
use crate::markdown::escape;

/// The timeline of `rows` on the day `today`, as inline SVG with `role="img"`, named by
/// `title` and described by the element whose id is `described_by` (the table of the same
/// data).
pub(crate) fn svg(rows: &[Row], today: Date, title: &str, described_by: &str) -> String {
    let l = layout(rows, today);
    let mut s = drawing::open("timeline", (l.width, l.height), "img", "tl-title", Some(described_by), title);
    s.push_str("<defs><pattern id=\"tl-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect class=\"tl-hatch-bg\" width=\"6\" height=\"6\"/><path class=\"tl-hatch-line\" d=\"M0 0V6\"/></pattern></defs>\n");
    grid(&mut s, &l);
    for b in &l.boxes {
        match b.kind {
            Kind::Bar(status) => bar(&mut s, b, status),
            Kind::Name => text(&mut s, b, "tl-name"),
            Kind::Label => text(&mut s, b, "tl-label"),
            Kind::Year => text(&mut s, b, "tl-year"),
            Kind::Today => text(&mut s, b, "tl-today-label"),
        }
    }
    s.push_str(&format!(
        "<path class=\"tl-today\" d=\"M{x} {top}V{bottom}\"/>\n</svg>",
        x = l.today_x,
        top = round(l.top - 6.0),
        bottom = l.bottom,
    ));
    s
}

/// The ticks of the years and the rules between stacks.
fn grid(s: &mut String, l: &Layout) {
    for x in &l.ticks {
        s.push_str(&format!("<path class=\"tl-tick\" d=\"M{x} {}V{}\"/>", l.top, round(l.bottom + 4.0)));
    }
    for y in &l.rules {
        s.push_str(&format!("<path class=\"tl-rule\" d=\"M{} {y}H{}\"/>", MARGIN, l.x1));
    }
    s.push('\n');
}

/// A support window; a rolling one ends in an arrow, an ended one is hatched.
fn bar(s: &mut String, b: &Laid, status: Status) {
    let class = format!("tl-bar tl-{}", status.class());
    let fill = if status == Status::Ended { " fill=\"url(#tl-hatch)\"" } else { "" };
    if status == Status::Rolling {
        let body = round(b.w - ARROW_W);
        let (tip, mid, bottom) = (round(b.x + b.w), round(b.y + b.h / 2.0), round(b.y + b.h));
        s.push_str(&format!(
            "<path class=\"{class}\" d=\"M{x} {y}h{body}L{tip} {mid}L{end} {bottom}H{x}z\"/>\n",
            x = b.x,
            y = b.y,
            end = round(b.x + body),
        ));
    } else {
        s.push_str(&format!(
            "<rect class=\"{class}\"{fill} x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\"/>\n",
            b.x, b.y, b.w, b.h
        ));
    }
}

/// The lines of a text box, from its top-left corner.
fn text(s: &mut String, b: &Laid, class: &str) {
    s.push_str(&format!("<text class=\"{class}\">"));
    for (k, line) in b.lines.iter().enumerate() {
        let y = round(b.y + FONT * LINE_H * (k as f64 + 0.5) + FONT * 0.35);
        s.push_str(&format!("<tspan x=\"{}\" y=\"{y}\">{}</tspan>", b.x, escape(line)));
    }
    s.push_str("</text>\n");
}
