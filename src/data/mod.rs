//! The guide's data files as written: criteria, project types, stack profiles and flowcharts.
//! Each is decoded into a typed struct with unknown keys refused; cross-references are checked
//! later, in `validate`.

mod criteria;
mod decision;
mod stack;

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

pub use criteria::{Criterion, Level, ProjectType};
pub use decision::{Answer, DecisionFile, NodeFile};
pub use stack::{CodeExample, Fit, FitLevel, Link, Rating, StackFile};

use crate::diagnostics::{Diagnostic, Diagnostics, Span};
use crate::load::{frontmatter, yaml};

/// A value read from `file`, which stays known so later errors can point into it.
#[derive(Debug, Clone)]
pub struct Located<T> {
    pub file: PathBuf,
    pub value: T,
}

/// Every data file of the site, decoded.
#[derive(Debug, Default)]
pub struct RawData {
    pub criteria: Option<Located<Vec<Criterion>>>,
    pub project_types: Option<Located<Vec<ProjectType>>>,
    /// Stack profiles by id (the file stem), sorted by id.
    pub stacks: Vec<(String, Located<StackFile>)>,
    /// Long-form Markdown for a stack: (id, file, byte offset of the body).
    pub stack_texts: Vec<(String, PathBuf, usize)>,
    pub decisions: Vec<(String, Located<DecisionFile>)>,
}

/// Decode one data file (path `rel` under content/) into `data`.
pub fn load_file(data: &mut RawData, file: &Path, rel: &Path, text: &str, d: &mut Diagnostics) {
    let stem = rel.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
    let is_md = rel.extension().is_some_and(|e| e == "md");
    let folder = rel.parent().and_then(|p| p.to_str()).unwrap_or_default();
    let problem = match folder {
        "stacks" => stack_id_problem(&stem),
        "decisions" => slug_problem(&stem),
        _ => None,
    };
    if let Some(problem) = problem {
        d.push(
            Diagnostic::error(file, format!("`{stem}` is not a valid id: the file name is the id"))
                .with_help(problem),
        );
        return;
    }
    match (folder, stem.as_str(), is_md) {
        ("", "criteria", _) => {
            if let Some(v) = parse_nonempty(file, text, d) {
                data.criteria = Some(Located { file: file.to_path_buf(), value: v });
            }
        }
        ("", "project-types", _) => {
            if let Some(v) = parse_nonempty(file, text, d) {
                data.project_types = Some(Located { file: file.to_path_buf(), value: v });
            }
        }
        ("stacks", _, true) => match frontmatter::split(text) {
            Ok(split) => data.stack_texts.push((stem, file.to_path_buf(), split.body)),
            Err(_) => d.push(
                Diagnostic::error(file, "front matter is not closed")
                    .at(Some(Span { line: 1, col: 1, len: 3 }))
                    .with_help("end the front matter with a line containing only `---`, or remove it"),
            ),
        },
        ("stacks", _, false) => {
            if let Some(v) = parse_nonempty(file, text, d) {
                data.stacks.push((stem, Located { file: file.to_path_buf(), value: v }));
            }
        }
        ("decisions", _, _) => {
            if let Some(v) = parse_nonempty(file, text, d) {
                data.decisions.push((stem, Located { file: file.to_path_buf(), value: v }));
            }
        }
        _ => {}
    }
}

fn parse_nonempty<T: DeserializeOwned>(file: &Path, text: &str, d: &mut Diagnostics) -> Option<T> {
    if text.trim().is_empty() {
        d.push(
            Diagnostic::error(file, "file is empty")
                .with_help("docs/content-format.md shows what this file holds"),
        );
        return None;
    }
    yaml::parse(file, text, 0..text.len()).map_err(|e| d.push(e)).ok()
}

/// Why `slug` cannot name a file that becomes an address, if it cannot: lowercase ASCII
/// letters, digits and single dashes between them.
pub fn slug_problem(slug: &str) -> Option<&'static str> {
    let plain = !slug.is_empty()
        && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--");
    (!plain).then_some("use lowercase letters, digits and single `-` between them, e.g. `go-gin`")
}

/// Why `id` cannot be a stack's id, if it cannot: a slug that also splits comparison addresses
/// one way only, so no two pairs of stacks share `/compare/a-vs-b/`.
pub fn stack_id_problem(id: &str) -> Option<&'static str> {
    slug_problem(id).or_else(|| {
        (id.contains("-vs-") || id.starts_with("vs-") || id.ends_with("-vs")).then_some(
            "`-vs-` joins two stacks in a comparison's address (/compare/a-vs-b/), so a stack id may not contain `-vs-`, start with `vs-` or end with `-vs`",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_address_safe() {
        assert_eq!(stack_id_problem("go-gin"), None);
        assert_eq!(stack_id_problem("node2"), None);
        assert_eq!(slug_problem("sql-vs-nosql"), None, "chapters and flowcharts may say vs");
        for bad in ["", "Go", "go_gin", "-x", "x-", "a--b", "a b", "a-vs-b", "vs-b", "a-vs"] {
            assert!(stack_id_problem(bad).is_some(), "{bad}");
        }
    }
}
