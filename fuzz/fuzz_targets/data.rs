//! Loading data files (stacks, criteria, project types, decisions) and printing their diagnostics.
//! Input: one byte choosing the file, three bytes for the line, column and length of one more
//! diagnostic at an arbitrary position, then the file's text.

#![no_main]

use std::path::{Path, PathBuf};

use libfuzzer_sys::fuzz_target;
use stackguide::parts::{RawData, load_file};
use stackguide::{MessageFormat, emit};
use stackguide::SourceMap;
use stackguide::{Diagnostic, Diagnostics, Span};

const FILES: &[&str] =
    &["stacks/x.yaml", "criteria.yaml", "project-types.yaml", "decisions/x.yaml", "stacks/x.md"];

fuzz_target!(|data: &[u8]| {
    let [which, line, col, len, rest @ ..] = data else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let rel = Path::new(FILES[usize::from(*which) % FILES.len()]);
    let file = Path::new("content").join(rel);
    let mut raw = RawData::default();
    let mut d = Diagnostics::new();
    load_file(&mut raw, &file, rel, text, &mut d);
    for diag in &d.sorted() {
        if let Some(span) = diag.span {
            assert!(span.line >= 1 && span.col >= 1 && span.len >= 1, "{diag:?}");
            let line =
                text.split('\n').nth(span.line - 1).unwrap_or_else(|| panic!("no such line: {diag:?}"));
            assert!(span.col - 1 <= line.chars().count(), "column past the line end: {diag:?}");
        }
    }
    // Spans can be stale (the file changed since), so printing must cope with any position.
    let span = Span { line: usize::from(*line), col: usize::from(*col), len: usize::from(*len) };
    d.push(Diagnostic::warning(&file, "anywhere").at(Some(span)));
    let diagnostics = d.sorted();
    let mut sources = SourceMap::default();
    sources.insert(PathBuf::from(&file), text.to_string());
    for format in [MessageFormat::Human, MessageFormat::Json, MessageFormat::Github] {
        let mut out = Vec::new();
        emit(&mut out, &diagnostics, &sources, format, which & 0x80 != 0).expect("writing to a Vec");
        assert!(!out.is_empty());
    }
});
