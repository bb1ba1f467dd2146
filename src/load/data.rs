//! Decoding the data files (criteria, project types, stack profiles and their long-form text,
//! flowcharts) into their typed structs, each remembered with the file it came from.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use super::{frontmatter, yaml};
use crate::data::{Criterion, DecisionFile, ProjectType, StackFile, slug_problem, stack_id_problem};
use crate::diagnostics::Span;
use crate::diagnostics::{Diagnostic, Diagnostics};

/// A value read from `file`, which stays known so later errors can point into it.
#[derive(Debug, Clone)]
pub struct Located<T> {
    pub file: PathBuf,
    pub value: T,
}

/// Every data file of the site, decoded.
#[derive(Debug, Default, Clone)]
pub struct RawData {
    pub criteria: Option<Located<Vec<Criterion>>>,
    pub project_types: Option<Located<Vec<ProjectType>>>,
    /// Stack profiles by id (the file stem), sorted by id.
    pub stacks: Vec<(String, Located<StackFile>)>,
    /// Long-form Markdown for a stack: (id, file, byte offset of the body).
    pub stack_texts: Vec<(String, PathBuf, usize)>,
    pub decisions: Vec<(String, Located<DecisionFile>)>,
}

impl RawData {
    /// Add what `other` (decoded from files after this one's) holds.
    pub(crate) fn append(&mut self, other: RawData) {
        self.criteria = other.criteria.or(self.criteria.take());
        self.project_types = other.project_types.or(self.project_types.take());
        self.stacks.extend(other.stacks);
        self.stack_texts.extend(other.stack_texts);
        self.decisions.extend(other.decisions);
    }
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
                .with_help("`stackguide help content` shows what this file holds"),
        );
        return None;
    }
    yaml::parse(file, text, 0..text.len()).map_err(|e| d.push(e)).ok()
}
