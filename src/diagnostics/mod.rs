//! Diagnostics: the one user-facing error type, and the collector every stage reports into.
//!
//! A [`Diagnostic`] names a file relative to the site root, an optional position in it, a message
//! and an optional hint. Stages push into [`Diagnostics`]; the driver decides when to stop.

mod emit;
mod suggest;

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

pub(crate) use emit::{MAX_SHOWN, counted};
pub use emit::{MessageFormat, emit};
pub(crate) use suggest::{did_you_mean, nearest};

pub use crate::source::Span;

/// How serious a diagnostic is: errors fail the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in the input, positioned where the writer can fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, relative to the site root, with `/` separators.
    pub file: PathBuf,
    pub span: Option<Span>,
    pub message: String,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.as_ref().to_path_buf(),
            span: None,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(file: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(file, message) }
    }

    pub fn at(mut self, span: Option<Span>) -> Self {
        self.span = span;
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    /// `path:line:col`, or just `path` when there is no position.
    pub fn location(&self) -> String {
        let file = self.file.to_string_lossy().replace('\\', "/");
        match self.span {
            Some(s) => format!("{file}:{}:{}", s.line, s.col),
            None => file,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {kind}: {}", self.location(), self.message)?;
        if let Some(help) = &self.help {
            write!(f, " (help: {help})")?;
        }
        Ok(())
    }
}

/// The collector: every stage pushes here, nothing is printed from deep code.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Every diagnostic, in the order they were pushed.
    pub(crate) fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(ds);
    }

    /// Every diagnostic so far, in the order they were pushed.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// The files diagnostics were reported in (with repeats).
    pub(crate) fn files(&self) -> impl Iterator<Item = &Path> {
        self.items.iter().map(|d| d.file.as_path())
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The diagnostics in a stable order: by file, then position, then message; duplicates removed.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut items = self.items.clone();
        items.sort_by(|a, b| {
            (&a.file, a.span, a.severity, &a.message).cmp(&(&b.file, b.span, b.severity, &b.message))
        });
        items.dedup();
        items
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_names_path_line_and_column() {
        let d = Diagnostic::error("content/guide/intro.md", "bad").at(Some(Span { line: 3, col: 8, len: 1 }));
        assert_eq!(d.location(), "content/guide/intro.md:3:8");
        assert_eq!(Diagnostic::error("content/site.yaml", "x").location(), "content/site.yaml");
    }

    #[test]
    fn sorted_orders_by_file_then_position_and_dedups() {
        let mut ds = Diagnostics::new();
        let at = |l| Some(Span { line: l, col: 1, len: 1 });
        ds.push(Diagnostic::error("b.md", "x").at(at(1)));
        ds.push(Diagnostic::error("a.md", "y").at(at(9)));
        ds.push(Diagnostic::error("a.md", "z").at(at(2)));
        ds.push(Diagnostic::error("a.md", "z").at(at(2)));
        let order: Vec<_> = ds.sorted().into_iter().map(|d| d.location()).collect();
        assert_eq!(order, ["a.md:2:1", "a.md:9:1", "b.md:1:1"]);
        assert_eq!(ds.error_count(), 4);
    }
}
