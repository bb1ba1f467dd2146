//! How wide text is drawn, for the SVG drawn at build time (flowcharts, profiles, the support
//! timeline): each character's advance in ems, from DejaVu Sans, the widest of the usual
//! system sans-serif faces, so a box sized with it holds its text in any of them.

/// The advance of `c`, in ems.
fn advance(c: char) -> f64 {
    match c {
        ' ' | '.' | ',' | '!' | '|' => 0.32,
        'i' | 'j' | 'l' | '\'' | 'I' | 'J' => 0.295,
        ':' | ';' | '/' => 0.337,
        'f' | '(' | ')' | '[' | ']' | '-' => 0.39,
        't' | 'r' => 0.411,
        's' | 'c' | 'z' => 0.55,
        'm' => 0.974,
        'w' => 0.818,
        'a'..='z' => 0.635,
        'M' | 'W' => 0.99,
        'C' | 'D' | 'G' | 'H' | 'N' | 'O' | 'Q' | 'U' => 0.787,
        'A'..='Z' => 0.7,
        '0'..='9' => 0.636,
        '#' | '+' | '=' | '<' | '>' | '→' | '%' | '&' | '@' => 0.838,
        _ => 0.7,
    }
}

/// The width of `text` set in `font` pixels.
pub(crate) fn width(text: &str, font: f64) -> f64 {
    text.chars().map(advance).sum::<f64>() * font
}

/// The width of the widest of `lines`.
pub(crate) fn widest(lines: &[String], font: f64) -> f64 {
    lines.iter().map(|l| width(l, font)).fold(0.0, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_and_wide_letters_take_more_room_than_narrow_ones() {
        assert!(width("MWMW", 10.0) > width("ilil", 10.0) * 3.0);
        assert!((width("a b", 14.0) - (0.635 + 0.32 + 0.635) * 14.0).abs() < 1e-9);
        assert_eq!(widest(&["ab".into(), "abc".into()], 1.0), width("abc", 1.0));
    }
}
