//! `decisions/<id>.yaml`: one flowchart as written.

use std::collections::BTreeMap;

use serde::Deserialize;

/// A flowchart; the id is the file stem.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionFile {
    pub title: String,
    pub description: String,
    pub start: String,
    pub nodes: BTreeMap<String, NodeFile>,
}

/// A node as written: either a question (`question`, `answers`) or a result (`result`,
/// `recommend`, `note`). Which one it is gets checked in `validate`, with a clear message.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NodeFile {
    #[serde(default)]
    pub question: Option<String>,
    #[serde(default)]
    pub help: Option<String>,
    #[serde(default)]
    pub answers: Option<Vec<Answer>>,
    #[serde(default)]
    pub result: Option<String>,
    #[serde(default)]
    pub recommend: Option<Vec<String>>,
    #[serde(default)]
    pub note: Option<String>,
}

/// One answer to a question and the node it leads to.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub label: String,
    pub next: String,
    /// The project type this answer stands for; it holds for every result below it.
    #[serde(default)]
    pub project_type: Option<String>,
}
