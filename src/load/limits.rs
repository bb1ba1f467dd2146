//! Bounds on what a YAML text may cost before it is decoded. libyaml's scanner slows down with
//! the square of flow nesting (`[[[[...`), and aliases can expand a small file into gigabytes
//! (`[*big, *big, ...]`): both are measured first, in time linear in what is allowed.

use std::cell::Cell;
use std::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
};

/// The deepest flow nesting (`[` and `{`) accepted; data files need a few levels.
pub(super) const MAX_DEPTH: usize = 100;

/// The most a YAML text may grow to once its aliases are expanded, in bytes of text (each
/// value counts at least [`NODE_COST`]), when the text itself is smaller.
pub(super) const MAX_EXPANDED: usize = 16 << 20;
const NODE_COST: usize = 16;
const TOO_LARGE: &str = "aliases expand this YAML";

/// A text that would cost too much to decode: where, and what to say.
#[derive(Debug)]
pub(super) enum Excess {
    /// Flow nesting deeper than [`MAX_DEPTH`], first at this byte offset.
    TooDeep(usize),
    /// Aliases expand to more than the budget; serde_yaml's error carries the position.
    TooLarge(serde_yaml::Error),
}

/// Check `yaml` against both bounds.
pub(super) fn check(yaml: &str) -> Result<(), Excess> {
    if let Some(at) = too_deep(yaml) {
        return Err(Excess::TooDeep(at));
    }
    // Only a text with a `*` where a node may begin can hold an alias; the rest (emphasis in
    // prose, `2 * 3`) are not decoded twice.
    if may_hold_alias(yaml) {
        let budget = Cell::new(MAX_EXPANDED.max(2 * yaml.len()));
        if let Err(e) = (Measure { left: &budget }).deserialize(serde_yaml::Deserializer::from_str(yaml))
            && e.to_string().contains(TOO_LARGE)
        {
            return Err(Excess::TooLarge(e));
        }
    }
    Ok(())
}

/// Whether `yaml` has a `*` where a node may begin, as an alias (`*name`) does: first on its
/// line, or after `-`, `:`, `?`, `[`, `{` or `,` and blanks. A line may also end with U+0085,
/// U+2028 or U+2029 (libyaml breaks lines there too), told by their last byte. Every alias is
/// such a `*`; some of them are not aliases (in a quoted or block text), which only costs
/// measuring.
fn may_hold_alias(yaml: &str) -> bool {
    let b = yaml.as_bytes();
    yaml.match_indices('*').any(|(at, _)| {
        let before = b[..at].iter().rposition(|&c| c != b' ' && c != b'\t');
        before.is_none_or(|i| {
            matches!(b[i], b'\n' | b'\r' | 0x85 | 0xA8 | 0xA9 | b'-' | b':' | b'?' | b'[' | b'{' | b',')
        })
    })
}

/// The length in bytes of the line break at byte `i` of `b`, 0 if there is none: libyaml ends a
/// line at `\n`, at `\r` (`\r\n` is taken as two breaks, which changes nothing here), and at
/// U+0085, U+2028 and U+2029.
fn break_at(b: &[u8], i: usize) -> usize {
    match &b[i..] {
        [b'\n' | b'\r', ..] => 1,
        [0xC2, 0x85, ..] => 2,
        [0xE2, 0x80, 0xA8 | 0xA9, ..] => 3,
        _ => 0,
    }
}

/// Where the line holding byte `i` of `b` ends (at its break), or the end of `b`.
fn line_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && break_at(b, i) == 0 {
        i += 1;
    }
    i
}

/// The byte offset where flow nesting first passes [`MAX_DEPTH`]. Quoted text, comments and
/// block scalars (`|`, `>`) are skipped; brackets inside a plain value (`a[1]`) do not count.
fn too_deep(yaml: &str) -> Option<usize> {
    let b = yaml.as_bytes();
    let (mut i, mut depth, mut value_start, mut line_indent) = (0, 0usize, true, 0);
    let spaced = |j: usize| j >= b.len() || matches!(b[j], b' ' | b'\t') || break_at(b, j) > 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b'\n' | b'\r' | 0xC2 | 0xE2 if break_at(b, i) > 0 => {
                i += break_at(b, i);
                line_indent = b[i..].iter().take_while(|&&c| c == b' ').count();
                value_start = depth == 0 || value_start;
                continue;
            }
            b' ' | b'\t' => {}
            b'#' if i == 0 || spaced(i - 1) => {
                i = line_end(b, i);
                continue;
            }
            b'"' | b'\'' if value_start || depth > 0 => {
                i = end_of_quoted(b, i);
                value_start = false;
                continue;
            }
            b'|' | b'>' if value_start && depth == 0 => {
                i = end_of_block_scalar(b, i, line_indent);
                continue;
            }
            b'[' | b'{' if value_start || depth > 0 => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(i);
                }
                value_start = true;
            }
            b']' | b'}' if depth > 0 => {
                depth -= 1;
                value_start = false;
            }
            b',' if depth > 0 => value_start = true,
            b':' if depth > 0 || spaced(i + 1) => value_start = true,
            b'-' | b'?' if value_start && spaced(i + 1) => {}
            _ => value_start = false,
        }
        i += 1;
    }
    None
}

/// The offset just after the quoted scalar opening at `start`.
fn end_of_quoted(b: &[u8], start: usize) -> usize {
    let quote = b[start];
    let mut i = start + 1;
    while i < b.len() {
        match b[i] {
            b'\\' if quote == b'"' => i += 1,
            q if q == quote && quote == b'\'' && b.get(i + 1) == Some(&b'\'') => i += 1,
            q if q == quote => return i + 1,
            _ => {}
        }
        i += 1;
    }
    b.len()
}

/// The offset of the first line after a block scalar's header at `start` that is not indented
/// deeper than the line the header is on (blank lines belong to the scalar).
fn end_of_block_scalar(b: &[u8], start: usize, indent: usize) -> usize {
    let next_line = |i: usize| {
        let end = line_end(b, i);
        if end < b.len() { end + break_at(b, end) } else { end }
    };
    let mut line = next_line(start);
    while line < b.len() {
        let spaces = b[line..].iter().take_while(|&&c| c == b' ').count();
        let rest = line + spaces;
        let blank = rest >= b.len() || break_at(b, rest) > 0;
        if !blank && spaces <= indent {
            return line;
        }
        line = next_line(line);
    }
    b.len()
}

/// Walks a YAML document as serde_yaml replays it, aliases expanded, spending a budget on every
/// value; fails once the budget is spent, before anything large is built.
struct Measure<'a> {
    left: &'a Cell<usize>,
}

impl Measure<'_> {
    fn again(&self) -> Self {
        Measure { left: self.left }
    }

    fn spend<E: de::Error>(&self, bytes: usize) -> Result<(), E> {
        let cost = bytes.max(NODE_COST);
        match self.left.get().checked_sub(cost) {
            Some(left) => {
                self.left.set(left);
                Ok(())
            }
            None => Err(E::custom(TOO_LARGE)),
        }
    }
}

impl<'de> DeserializeSeed<'de> for Measure<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Measure<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.spend(0)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.spend(0)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.spend(0)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.spend(0)
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<(), E> {
        self.spend(s.len())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.spend(0)
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.spend(0)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.spend(0)?;
        while seq.next_element_seed(self.again())?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.spend(0)?;
        while map.next_key_seed(self.again())?.is_some() {
            map.next_value_seed(self.again())?;
        }
        Ok(())
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        let ((), variant) = data.variant_seed(self.again())?;
        variant.newtype_variant_seed(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_flow_brackets_only() {
        let deep = format!("a: {}", "[".repeat(MAX_DEPTH + 1));
        assert_eq!(too_deep(&deep), Some(3 + MAX_DEPTH));
        assert_eq!(too_deep(&format!("a: {}", "{b: ".repeat(MAX_DEPTH + 1))), Some(3 + 4 * MAX_DEPTH));
        let fine = [
            format!("a: {}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH)),
            format!("title: x{}\n", "[".repeat(500)),
            format!("a: \"{}\"\n", "[".repeat(500)),
            format!("a: '{}''s'\n", "{".repeat(500)),
            format!("# {}\na: 1\n", "[".repeat(500)),
            format!("code: |\n  {}\n  {}\nb: [1]\n", "{".repeat(500), "[".repeat(500)),
        ];
        for text in fine {
            assert_eq!(too_deep(&text), None, "{text}");
        }
        // After a block scalar ends, brackets count again.
        let after = format!("code: >\n  x\nb: {}", "[".repeat(MAX_DEPTH + 1));
        assert!(too_deep(&after).is_some());
        // Every line break libyaml knows ends a comment and a block scalar's line.
        for br in ["\n", "\r", "\r\n", "\u{85}", "\u{2028}", "\u{2029}"] {
            let deep = "[".repeat(MAX_DEPTH + 1);
            let after_comment = format!("a: 1 # note{br}b: {deep}");
            assert!(too_deep(&after_comment).is_some(), "{after_comment:?}");
            let after_block = format!("code: |{br}  x{br}{br}b: {deep}");
            assert!(too_deep(&after_block).is_some(), "{after_block:?}");
            let inside_block = format!("code: |{br}  {deep}{br}b: [1]{br}");
            assert_eq!(too_deep(&inside_block), None, "{inside_block:?}");
        }
    }

    #[test]
    fn alias_expansion_is_bounded_and_ordinary_aliases_pass() {
        let big = "x".repeat(100_000);
        let bomb = format!("a: &a \"{big}\"\nb: [{}]\n", vec!["*a"; 500].join(", "));
        assert!(matches!(check(&bomb), Err(Excess::TooLarge(_))));
        assert!(check("base: &base {level: good}\nother: *base\nlist: [*base, *base]\n").is_ok());
        assert!(check("a: 2 * 3\n").is_ok());
    }

    #[test]
    fn every_place_an_alias_can_stand_is_measured() {
        for yaml in [
            "*a",
            "  *a : key",
            "k: *a",
            "k:\t*a",
            "k:\n  *a",
            "k:\r\n  *a",
            "- *a",
            "-  *a",
            "[*a]",
            "[ x, *a ]",
            "[x,*a]",
            "{k: *a}",
            "{? *a}",
            "? *a\n: v",
            "--- *a",
            "k: [\n  # comment\n  *a]",
            "k:\u{2028}  *a",
            "k:\u{2029}*a",
            "k:\u{85} *a",
        ] {
            assert!(may_hold_alias(yaml), "{yaml:?}");
        }
        for prose in ["reason: Fast *and* safe", "a: 2 * 3", "k: \"x\" * 2", "note: a*b", "none"] {
            assert!(!may_hold_alias(prose), "{prose:?}");
        }
        // What is measured is what the parser finds: an alias bomb behind a `- `.
        let big = "x".repeat(100_000);
        let bomb = format!("a: &a \"{big}\"\nb:\n{}", "- *a\n".repeat(500));
        assert!(matches!(check(&bomb), Err(Excess::TooLarge(_))));
    }
}
