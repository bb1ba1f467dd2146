//! What every SVG drawn at build time (flowcharts, profiles, the support timeline) opens with:
//! its size and its accessible name; and how it writes a number.

use std::fmt;

use crate::markdown::escape;

/// A coordinate as `{}` writes an `f64`, without formatting a float when it is a whole number of
/// tenths (what `flowchart::round` makes), which most of a chart's numbers are.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Num(pub f64);

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.0;
        let tenths = (v * 10.0).round();
        // The shortest text of a number of tenths is its tenths; -0 and the rest as Rust has it.
        if tenths.abs() >= 1e15 || tenths / 10.0 != v || (v == 0.0 && v.is_sign_negative()) {
            return fmt::Display::fmt(&v, f);
        }
        // At most 15 digits, a sign, a point and a tenth: written right to left into a buffer
        // and handed to the formatter in one piece (a `write!` per number costs more than the
        // rest of drawing a chart).
        let t = tenths as i64;
        let mut digits = t.unsigned_abs();
        let mut buf = [0u8; 20];
        let mut at = buf.len();
        let mut put = |b: u8| {
            at -= 1;
            buf[at] = b;
        };
        if !digits.is_multiple_of(10) {
            put(b'0' + (digits % 10) as u8);
            put(b'.');
        }
        digits /= 10;
        loop {
            put(b'0' + (digits % 10) as u8);
            digits /= 10;
            if digits == 0 {
                break;
            }
        }
        if t < 0 {
            put(b'-');
        }
        // Only ASCII digits, '-' and '.' were written.
        f.write_str(std::str::from_utf8(&buf[at..]).unwrap_or_default())
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_is_written_as_rust_writes_it() {
        let mut cases =
            vec![0.0, -0.0, 0.5, -0.5, -1.5, 8.0, 12.3, 44.0, 1e15, 1e20, 0.30000000000000004, 1.0 / 3.0];
        cases.extend((-3000..3000).map(|t| f64::from(t) / 10.0));
        cases.extend((0..500).map(|i| f64::from(i) * 0.37 + 0.01));
        for v in cases {
            assert_eq!(Num(v).to_string(), v.to_string(), "{v:?}");
        }
    }
}
