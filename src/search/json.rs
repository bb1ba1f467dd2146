//! JSON that is safe inside a `<script>` element and in any file the site serves: what could
//! end the element or a JavaScript line is escaped as the JSON is written.

use std::io::{BufWriter, Write};

use serde::Serialize;

/// JSON that is safe inside `<script>`: `<`, `>`, `&` and the line separators are \u-escaped.
pub(crate) fn script_safe_json(json: &str) -> String {
    let mut out = ScriptSafe(Vec::with_capacity(json.len() + json.len() / 64));
    let _ = out.write_all(json.as_bytes());
    out.into_string()
}

/// `value` as script-safe JSON, escaped as it is written: a large index is held once.
pub(crate) fn script_safe_json_of<T: Serialize>(value: &T) -> String {
    let mut out = ScriptSafe(Vec::new());
    // serde_json writes a few bytes at a time; the escaping reads runs of a few kilobytes.
    let mut buffered = BufWriter::with_capacity(8 << 10, &mut out);
    let written = serde_json::to_writer(&mut buffered, value).is_ok() && buffered.flush().is_ok();
    drop(buffered);
    if written { out.into_string() } else { "[]".into() }
}

/// What each byte adds to the length of a script-safe JSON string: an escape is longer than
/// the byte (`\n` two bytes, `\u003c` six).
const EXTRA: [u8; 256] = {
    let mut extra = [0; 256];
    let mut b = 0;
    while b < 0x20 {
        extra[b] = 5;
        b += 1;
    }
    let short: [u8; 7] = [b'"', b'\\', 0x08, b'\t', b'\n', 0x0c, b'\r'];
    let mut i = 0;
    while i < short.len() {
        extra[short[i] as usize] = 1;
        i += 1;
    }
    extra[b'<' as usize] = 5;
    extra[b'>' as usize] = 5;
    extra[b'&' as usize] = 5;
    extra
};

/// The length of `text` as a script-safe JSON string (quotes included), counted without
/// writing it: what [`script_safe_json_of`] would make of it.
pub(crate) fn string_len(text: &str) -> usize {
    const RUN: usize = 32;
    let bytes = text.as_bytes();
    let mut extra = 0;
    for (n, run) in bytes.chunks(RUN).enumerate() {
        // Most runs hold nothing to escape, which comparing all their bytes at once (a loop
        // without branches, which the compiler vectorises) tells; the others are counted byte
        // by byte.
        if run.iter().fold(0, |marked, &b| marked | marks(b)) == 0 {
            continue;
        }
        for (i, &b) in run.iter().enumerate() {
            extra += usize::from(EXTRA[usize::from(b)]);
            // U+2028 and U+2029 (E2 80 A8 or A9, found by their last byte as the escaping finds
            // them; the first bytes may be in the run before) are written as six bytes.
            let at = n * RUN + i;
            if b & 0xFE == 0xA8 && at >= 2 && bytes[at - 2..at] == [0xE2, 0x80] {
                extra += 3;
            }
        }
    }
    2 + text.len() + extra
}

/// 1 for a byte that may be escaped (in [`EXTRA`], or the last byte of a line separator).
fn marks(b: u8) -> u8 {
    u8::from(b < 0x20)
        | u8::from(b == b'"')
        | u8::from(b == b'\\')
        | u8::from(b == b'<')
        | u8::from(b == b'>')
        | u8::from(b == b'&')
        | u8::from(b & 0xFE == 0xA8)
}

/// Where the first byte of `bytes` that [`ScriptSafe::escape`] may change is. As in
/// [`string_len`], runs of bytes are tested whole, without a branch per byte (the compiler
/// vectorises the test), and only a run that holds one is searched byte by byte.
fn first_to_escape(bytes: &[u8]) -> Option<usize> {
    const RUN: usize = 32;
    let escaped =
        |b: u8| u8::from(b == b'<') | u8::from(b == b'>') | u8::from(b == b'&') | u8::from(b & 0xFE == 0xA8);
    bytes.chunks(RUN).enumerate().find_map(|(n, run)| {
        if run.iter().fold(0, |marked, &b| marked | escaped(b)) == 0 {
            return None;
        }
        run.iter().position(|&b| escaped(b) == 1).map(|i| n * RUN + i)
    })
}

/// Bytes of JSON with what could end a `<script>` element escaped on the way in.
struct ScriptSafe(Vec<u8>);

impl ScriptSafe {
    fn into_string(self) -> String {
        // Valid UTF-8 went in, and only ASCII replaced whole characters.
        String::from_utf8(self.0).unwrap_or_default()
    }
}

impl Write for ScriptSafe {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut rest = buf;
        // Runs of ordinary bytes are copied whole; only the few bytes that may need escaping
        // are looked at one by one.
        while let Some(at) = first_to_escape(rest) {
            self.0.extend_from_slice(&rest[..at]);
            self.escape(rest[at]);
            rest = &rest[at + 1..];
        }
        self.0.extend_from_slice(rest);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl ScriptSafe {
    /// Write `b`, or its escape; U+2028 and U+2029 (E2 80 A8 and E2 80 A9, which end a line in
    /// JavaScript) are recognised at their last byte, so even when split between writes.
    fn escape(&mut self, b: u8) {
        match b {
            b'<' => self.0.extend_from_slice(b"\\u003c"),
            b'>' => self.0.extend_from_slice(b"\\u003e"),
            b'&' => self.0.extend_from_slice(b"\\u0026"),
            _ => {
                self.0.push(b);
                if let [.., 0xE2, 0x80, last @ (0xA8 | 0xA9)] = self.0[..] {
                    let escaped: &[u8] = if last == 0xA8 { b"\\u2028" } else { b"\\u2029" };
                    self.0.truncate(self.0.len() - 3);
                    self.0.extend_from_slice(escaped);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_string_is_measured_as_it_would_be_written() {
        for text in [
            "",
            "plain",
            "a \"quote\" \\ and </b> & co",
            "tab\tnew\nline\r\u{1}\u{7f}\u{8}\u{c}\u{1f}",
            "caf\u{e9} \u{2028}\u{2029} \u{1f600}",
            // Bytes A8 and A9 that end other characters; a separator first and last.
            "\u{2028}dagger \u{2020} diaeresis \u{a8} copyright \u{a9} \u{28a8}\u{2029}",
        ] {
            assert_eq!(string_len(text), script_safe_json_of(&text).len(), "{text:?}");
        }
        // A run is counted byte by byte only when `marks` finds a byte in it that EXTRA lengthens.
        for b in 0..=u8::MAX {
            assert!(EXTRA[usize::from(b)] == 0 || marks(b) == 1, "byte {b:#04x}");
        }
        // Long texts are measured in runs of bytes: escapes and separators on either side of
        // a run's end, and across it.
        for at in 28..36 {
            for middle in ["\u{2028}", "\u{2029}", "<", "\"", "\n", "\u{2026}", "\u{e8}"] {
                let text = format!("{}{middle}{}", "a".repeat(at), "b".repeat(70));
                assert_eq!(string_len(&text), script_safe_json_of(&text).len(), "{text:?}");
            }
        }
    }

    #[test]
    fn json_is_escaped_for_scripts_as_it_is_written_even_across_writes() {
        let value = vec!["</script>", "a & b > c", "line\u{2028}sep\u{2029}end", "caf\u{e9}"];
        let whole = script_safe_json(&serde_json::to_string(&value).unwrap());
        assert_eq!(script_safe_json_of(&value), whole);
        assert!(!whole.contains('<') && !whole.contains('\u{2028}') && whole.contains("\\u2028"));
        // Bytes to escape at every place in and around a run of bytes tested whole, and after
        // it: each is found, and nothing else is changed.
        for at in 0..70 {
            for middle in ["<", ">", "&", "\u{2028}", "\u{2029}", "\u{e9}", "\u{2026}"] {
                let text = format!("{}{middle}{}", "a".repeat(at), "b".repeat(at % 7));
                let expected = text
                    .replace('<', "\\u003c")
                    .replace('>', "\\u003e")
                    .replace('&', "\\u0026")
                    .replace('\u{2028}', "\\u2028")
                    .replace('\u{2029}', "\\u2029");
                assert_eq!(script_safe_json(&text), expected, "{text:?}");
            }
        }
        // A separator split between two writes is still escaped.
        let mut out = ScriptSafe(Vec::new());
        let bytes = "x\u{2029}y".as_bytes();
        out.write_all(&bytes[..2]).unwrap();
        out.write_all(&bytes[2..]).unwrap();
        assert_eq!(out.into_string(), "x\\u2029y");
    }
}
