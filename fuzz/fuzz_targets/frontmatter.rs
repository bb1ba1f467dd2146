//! Front matter splitting, YAML parsing with positioned errors, and the key-path locator.

#![no_main]

use std::ops::Range;
use std::path::Path;

use libfuzzer_sys::fuzz_target;
use stackguide::Span;
use stackguide::parts::FrontMatter;
use stackguide::parts::frontmatter;
use stackguide::parts::yaml::{self, Seg};
use stackguide::byte_range;

const PATHS: &[&[Seg<'static>]] = &[
    &[Seg::Key("stacks"), Seg::Index(0)],
    &[Seg::Key("stacks"), Seg::Index(2)],
    &[Seg::Key("title")],
    &[Seg::Key("description")],
    &[Seg::Index(0)],
    &[Seg::Index(1), Seg::Key("id")],
    &[Seg::Index(0), Seg::Key("scale"), Seg::Index(1), Seg::Key("id")],
    &[Seg::Key("ratings"), Seg::Key("speed"), Seg::Key("level")],
    &[Seg::Key("fit"), Seg::Key("mvp"), Seg::Key("fit")],
    &[Seg::Key("nodes"), Seg::Key("a"), Seg::Key("answers"), Seg::Index(0), Seg::Key("next")],
    &[Seg::Key("a"), Seg::Key("b"), Seg::Index(0), Seg::Index(1), Seg::Key("c")],
    &[Seg::Key(""), Seg::Key("")],
];

/// A span names a real line and column of `text`, and starts within `within`.
fn check_span(text: &str, span: Span, within: &Range<usize>, what: &str) {
    assert!(span.line >= 1 && span.col >= 1 && span.len >= 1, "{what}: {span:?}");
    let line = text.split('\n').nth(span.line - 1).unwrap_or_else(|| panic!("{what}: no line {span:?}"));
    assert!(span.col - 1 <= line.chars().count(), "{what}: column past the line end {span:?}");
    let at = byte_range(text, span);
    assert!(at.start <= at.end && at.end <= text.len(), "{what}: {span:?} -> {at:?}");
    assert!(
        within.start <= at.start && at.start <= within.end,
        "{what}: {span:?} at {at:?} outside {within:?}"
    );
}

fuzz_target!(|text: &str| {
    let Ok(split) = frontmatter::split(text) else {
        return;
    };
    assert!(split.body <= text.len() && text.is_char_boundary(split.body));
    let Some(range) = split.yaml else {
        assert_eq!(split.body, 0);
        return;
    };
    assert!(range.start <= range.end && range.end <= split.body, "{range:?} {}", split.body);
    assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));

    let file = Path::new("content/a.md");
    if let Err(d) = yaml::parse::<serde_yaml::Value>(file, text, range.clone()) {
        check_span(text, d.span.expect("YAML errors have a position"), &range, "parse Value");
    }
    if let Err(d) = yaml::parse::<FrontMatter>(file, text, range.clone()) {
        check_span(text, d.span.expect("YAML errors have a position"), &range, "parse FrontMatter");
    }
    for path in PATHS {
        if let Some(span) = yaml::locate(text, range.clone(), path) {
            check_span(text, span, &range, "locate");
        }
    }
});
