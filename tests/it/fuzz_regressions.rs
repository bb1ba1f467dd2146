//! Inputs the fuzz targets (`fuzz/`, see the README's "Fuzzing") once failed on. Every file under
//! `tests/fixtures/fuzz/<target>/` goes through the same API as its target and must give a
//! sensible result; the tests below also pin what each one must produce.

use std::fs;
use std::ops::Range;
use std::path::Path;

use stackguide::byte_range;
use stackguide::parts::frontmatter;
use stackguide::parts::yaml::{self, Seg};
use stackguide::{Diagnostic, Span};

use crate::support::fixtures;

/// The kept inputs of `target`, sorted by name.
fn inputs(target: &str) -> Vec<(String, String)> {
    let dir = fixtures().join("fuzz").join(target);
    let mut files: Vec<(String, String)> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| {
            let path = e.unwrap().path();
            (path.file_name().unwrap().to_string_lossy().into_owned(), fs::read_to_string(&path).unwrap())
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no inputs in {}", dir.display());
    files
}

fn input(target: &str, name: &str) -> String {
    inputs(target).into_iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no {target}/{name}")).1
}

/// The span lies on a real line and column of `text` and starts within `within`.
fn assert_span_within(text: &str, span: Span, within: &Range<usize>, name: &str) {
    assert!(span.line >= 1 && span.col >= 1 && span.len >= 1, "{name}: {span:?}");
    let line = text.split('\n').nth(span.line - 1).unwrap_or_else(|| panic!("{name}: no line {span:?}"));
    assert!(span.col - 1 <= line.chars().count(), "{name}: {span:?}");
    let at = byte_range(text, span);
    assert!((within.start..=within.end).contains(&at.start), "{name}: {span:?} at {at:?}, not in {within:?}");
}

/// What the `frontmatter` target does: split, parse the YAML, locate key paths.
fn front_matter_error(name: &str, text: &str) -> Option<Diagnostic> {
    let range = frontmatter::split(text).ok()?.yaml?;
    let file = Path::new("content/a.md");
    let error = yaml::parse::<serde_yaml::Value>(file, text, range.clone()).err();
    if let Some(d) = &error {
        assert_span_within(text, d.span.expect("YAML errors have a position"), &range, name);
    }
    for path in [&[Seg::Key("stacks"), Seg::Index(0)][..], &[Seg::Key("title")], &[Seg::Index(0)]] {
        if let Some(span) = yaml::locate(text, range.clone(), path) {
            assert_span_within(text, span, &range, name);
        }
    }
    error
}

#[test]
fn frontmatter_inputs_give_positioned_results() {
    for (name, text) in inputs("frontmatter") {
        front_matter_error(&name, &text);
    }
}

/// libyaml ends a line at a lone `\r` (and at U+0085, U+2028, U+2029) as well as at `\n`; its
/// positions were converted counting `\n` only, so errors pointed lines too far, past the front
/// matter and here past the end of the file.
#[test]
fn yaml_errors_after_a_lone_carriage_return_point_at_the_right_line() {
    let text = input("frontmatter", "lone-cr-line-break.md");
    assert_eq!(text, "---\n-\rg\n---");
    let d = front_matter_error("lone-cr-line-break.md", &text).expect("an error");
    assert!(d.message.contains("could not find expected ':'"), "{}", d.message);
    // libyaml's line 3 starts after `g\n`: the closing `---`, where the front matter ends.
    assert_eq!(d.location(), "content/a.md:3:1");

    let text = "---\ntitle: a\r  b: [x\n---\n";
    let d = yaml::parse::<serde_yaml::Value>(Path::new("a.md"), text, 4..21).unwrap_err();
    assert!(d.message.contains("mapping values are not allowed"), "{}", d.message);
    assert_eq!(d.location(), "a.md:2:13", "at the `:` after `b`, past the lone \\r");

    let text = "title: a\u{2028}  b: [x\n";
    let d = yaml::parse::<serde_yaml::Value>(Path::new("a.md"), text, 0..text.len()).unwrap_err();
    assert_eq!(d.location(), "a.md:1:13", "past the U+2028 line separator");
}
