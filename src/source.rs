//! Source texts of the site's input files, and byte offset <-> line:column conversion.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// A position in a source file: 1-based line and column (in characters), and a length in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Span {
    pub line: usize,
    pub col: usize,
    pub len: usize,
}

/// Every input file read during a build, by path relative to the site root.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    files: BTreeMap<PathBuf, String>,
}

impl SourceMap {
    pub fn insert(&mut self, rel: PathBuf, text: String) {
        self.files.insert(rel, text);
    }

    /// Add every file of `other`.
    pub(crate) fn append(&mut self, mut other: SourceMap) {
        self.files.append(&mut other.files);
    }

    pub fn get(&self, rel: &Path) -> Option<&str> {
        self.files.get(rel).map(String::as_str)
    }

    /// Let the texts of `files` go, except those of files in `keep`.
    pub(crate) fn forget<'a>(&mut self, files: impl Iterator<Item = &'a Path>, keep: &HashSet<&Path>) {
        for file in files.filter(|f| !keep.contains(f)) {
            self.files.remove(file);
        }
    }

    /// A hash of every file's path and text.
    pub(crate) fn digest(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        self.files.hash(&mut h);
        h.finish()
    }

    /// Every file with its text, in path order.
    pub fn iter(&self) -> impl Iterator<Item = (&Path, &str)> {
        self.files.iter().map(|(p, t)| (p.as_path(), t.as_str()))
    }
}

/// The span of `len` bytes starting at byte `offset` of `text`, in 1-based lines and char columns.
pub(crate) fn span_at(text: &str, offset: usize, len: usize) -> Span {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..offset].matches('\n').count() + 1;
    let col = text[line_start..offset].chars().count() + 1;
    let end = floor_char_boundary(text, (offset + len).min(text.len()));
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let len = text[offset..end.min(line_end).max(offset)].chars().count().max(1);
    Span { line, col, len }
}

/// The byte range of `span` in `text`, clamped to the span's line.
pub fn byte_range(text: &str, span: Span) -> std::ops::Range<usize> {
    let mut line_start = 0;
    for _ in 1..span.line {
        match text[line_start..].find('\n') {
            Some(i) => line_start += i + 1,
            None => return text.len()..text.len(),
        }
    }
    let line_end = text[line_start..].find('\n').map_or(text.len(), |i| line_start + i);
    let line = &text[line_start..line_end];
    let char_offset = |n: usize| line.char_indices().nth(n).map_or(line.len(), |(i, _)| i);
    let start = line_start + char_offset(span.col.saturating_sub(1));
    let end = line_start + char_offset(span.col.saturating_sub(1) + span.len);
    start..end.max(start)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_char_columns() {
        let text = "ab\ncdé f\n";
        assert_eq!(span_at(text, 0, 1), Span { line: 1, col: 1, len: 1 });
        assert_eq!(span_at(text, 3, 2), Span { line: 2, col: 1, len: 2 });
        // `f` comes after a two-byte character: column counts characters, not bytes.
        assert_eq!(span_at(text, 8, 1), Span { line: 2, col: 5, len: 1 });
        assert_eq!(span_at(text, 999, 1).line, 3);
    }

    #[test]
    fn spans_round_trip_to_byte_ranges() {
        let text = "ab\ncdé f\n";
        let span = span_at(text, 8, 1);
        assert_eq!(&text[byte_range(text, span)], "f");
        assert_eq!(byte_range(text, Span { line: 9, col: 1, len: 1 }), text.len()..text.len());
    }
}
