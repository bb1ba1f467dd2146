//! Printing diagnostics: rustc-style snippets for people, JSON lines and GitHub annotations for CI.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use super::{Diagnostic, Severity};
use crate::source::{SourceMap, byte_range};

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum MessageFormat {
    #[default]
    Human,
    Json,
    Github,
}

/// The most diagnostics printed; the rest are counted. A file broken in one way a thousand
/// times is fixed after reading the first few.
pub(crate) const MAX_SHOWN: usize = 50;

/// Print the first [`MAX_SHOWN`] diagnostics in `format`, then (for humans) a count line.
pub fn emit(
    out: &mut dyn Write,
    diagnostics: &[Diagnostic],
    sources: &SourceMap,
    format: MessageFormat,
    color: bool,
) -> io::Result<()> {
    for d in diagnostics.iter().take(MAX_SHOWN) {
        match format {
            MessageFormat::Human => writeln!(out, "{}\n", human(d, sources, color))?,
            MessageFormat::Json => writeln!(out, "{}", json(d))?,
            MessageFormat::Github => writeln!(out, "{}", github(d))?,
        }
    }
    let hidden = diagnostics.len().saturating_sub(MAX_SHOWN);
    match format {
        _ if hidden == 0 => {}
        MessageFormat::Human => writeln!(out, "... and {hidden} more not shown\n")?,
        MessageFormat::Github => writeln!(out, "::notice::... and {hidden} more problems not shown")?,
        // The JSON summary line counts them.
        MessageFormat::Json => {}
    }
    if format == MessageFormat::Human {
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        let warnings = diagnostics.len() - errors;
        match (errors, warnings) {
            (0, 0) => {}
            (0, w) => writeln!(out, "{}", counted(w, "warning"))?,
            (e, 0) => writeln!(out, "{}", counted(e, "error"))?,
            (e, w) => writeln!(out, "{}, {}", counted(e, "error"), counted(w, "warning"))?,
        }
    }
    Ok(())
}

/// `n` and `word`, with an `s` unless `n` is 1: "1 error", "3 warnings".
pub(crate) fn counted(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// A rustc-style report: the message, `--> path:line:col`, the source line with a caret, the hint.
pub(super) fn human(d: &Diagnostic, sources: &SourceMap, color: bool) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let path = d.file.to_string_lossy().replace('\\', "/");
    let title = level.primary_title(d.message.as_str());
    let source = sources.get(&d.file);
    let group = match (d.span, source) {
        (Some(span), Some(text)) if span.line > 0 => {
            let range = byte_range(text, span);
            title.element(
                Snippet::source(text)
                    .path(path.as_str())
                    .fold(true)
                    .annotation(AnnotationKind::Primary.span(range)),
            )
        }
        _ => {
            let mut origin = Origin::path(path.as_str());
            if let Some(s) = d.span {
                origin = origin.line(s.line).char_column(s.col.saturating_sub(1));
            }
            title.element(origin)
        }
    };
    let mut report = vec![group];
    if let Some(help) = &d.help {
        report.push(Group::with_title(Level::HELP.secondary_title(help.as_str())));
    }
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    renderer.render(&report)
}

/// One JSON object per line.
pub(super) fn json(d: &Diagnostic) -> String {
    let value = serde_json::json!({
        "type": "diagnostic",
        "severity": d.severity,
        "file": d.file.to_string_lossy().replace('\\', "/"),
        "line": d.span.map(|s| s.line),
        "column": d.span.map(|s| s.col),
        "message": d.message,
        "help": d.help,
    });
    value.to_string()
}

/// A GitHub Actions workflow command, shown as an annotation on the file.
pub(super) fn github(d: &Diagnostic) -> String {
    let kind = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut props = format!("file={}", escape_property(&d.file.to_string_lossy().replace('\\', "/")));
    if let Some(s) = d.span {
        props.push_str(&format!(",line={},col={}", s.line, s.col));
    }
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str(&format!(" (help: {help})"));
    }
    format!("::{kind} {props}::{}", escape_data(&message))
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Span;
    use std::path::PathBuf;

    fn sample() -> (Diagnostic, SourceMap) {
        let mut sources = SourceMap::default();
        sources.insert(PathBuf::from("content/a.md"), "---\ntitle: x\nwieght: 3\n---\n".into());
        let d = Diagnostic::error("content/a.md", "unknown field `wieght`")
            .at(Some(Span { line: 3, col: 1, len: 6 }))
            .with_help("did you mean `weight`?");
        (d, sources)
    }

    #[test]
    fn human_output_shows_location_source_line_caret_and_help() {
        let (d, sources) = sample();
        let text = human(&d, &sources, false);
        assert!(text.contains("error: unknown field `wieght`"), "{text}");
        assert!(text.contains("--> content/a.md:3:1"), "{text}");
        assert!(text.contains("3 | wieght: 3"), "{text}");
        assert!(text.contains("^^^^^^"), "{text}");
        assert!(text.contains("help: did you mean `weight`?"), "{text}");
    }

    #[test]
    fn github_and_json_formats() {
        let (d, _) = sample();
        assert_eq!(
            github(&d),
            "::error file=content/a.md,line=3,col=1::unknown field `wieght` (help: did you mean `weight`?)"
        );
        let v: serde_json::Value = serde_json::from_str(&json(&d)).unwrap();
        assert_eq!(v["line"], 3);
        assert_eq!(v["file"], "content/a.md");
    }
}
