//! `TODO` placeholders left in the data files and the front matter of the pages being built:
//! each is reported at its position, as an error (a build publishes no placeholder) or, when
//! drafts are built (`--drafts`, `serve`), as a warning.

use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::placeholder::{self, PLACEHOLDER};
use crate::load::{RawData, RawPage};
use crate::source::{SourceMap, span_at};

/// Report every placeholder in `data`'s files and in `pages`' front matter, except where a more
/// specific message (a rating or a fit still to be chosen) already points.
pub(super) fn check(
    data: &RawData,
    pages: &[RawPage],
    sources: &SourceMap,
    drafts: bool,
    d: &mut Diagnostics,
) {
    let reported: HashSet<(&Path, usize, usize)> =
        d.iter().filter_map(|x| x.span.map(|s| (x.file.as_path(), s.line, s.col))).collect();
    let mut files: Vec<(&Path, Option<Range<usize>>)> = Vec::new();
    files.extend(data.criteria.iter().map(|c| (c.file.as_path(), None)));
    files.extend(data.project_types.iter().map(|c| (c.file.as_path(), None)));
    files.extend(data.stacks.iter().map(|(_, s)| (s.file.as_path(), None)));
    files.extend(data.decisions.iter().map(|(_, s)| (s.file.as_path(), None)));
    files.extend(pages.iter().map(|p| (p.file.as_path(), Some(p.yaml.clone()))));
    let mut found = Vec::new();
    for (file, range) in files {
        let Some(text) = sources.get(file) else { continue };
        let range = range.unwrap_or(0..text.len());
        for offset in placeholder::find(&text[range.clone()]) {
            let span = span_at(text, range.start + offset, PLACEHOLDER.len());
            if !reported.contains(&(file, span.line, span.col)) {
                found.push(diagnostic(file, drafts).at(Some(span)));
            }
        }
    }
    d.extend(found);
}

/// A placeholder: an error, or a warning in a build of drafts.
pub(super) fn diagnostic(file: &Path, drafts: bool) -> Diagnostic {
    let message = format!("`{PLACEHOLDER}` is a placeholder still to be written");
    if drafts {
        Diagnostic::warning(file, message).with_help("a build without --drafts refuses it")
    } else {
        Diagnostic::error(file, message).with_help(
            "write the real value; `stackguide serve` and `build --drafts` show the site with placeholders",
        )
    }
}
