//! `decisions/<id>.yaml`: one flowchart as written.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;

/// A flowchart; the id is the file stem.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionFile {
    /// The question the whole chart answers.
    pub title: String,
    pub description: String,
    /// The id of the node the chart starts at.
    pub start: String,
    /// The nodes by id: each a question (`question`, `answers`) or a result (`result`, `recommend`, `note`).
    pub nodes: BTreeMap<String, NodeFile>,
}

/// A node as written: either a question (`question`, `answers`) or a result (`result`,
/// `recommend`, `note`). Which one it is gets checked in `validate`, with a clear message.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NodeFile {
    /// A question node: the question, with two or more `answers`.
    #[serde(default)]
    pub question: Option<String>,
    /// One line of extra context for a question.
    #[serde(default)]
    pub help: Option<String>,
    #[serde(default)]
    pub answers: Option<Vec<Answer>>,
    /// A result node: its title, with `recommend` and `note`.
    #[serde(default)]
    pub result: Option<String>,
    /// Stack ids (file names in content/stacks/) this result recommends.
    #[serde(default)]
    pub recommend: Option<Vec<String>>,
    /// Markdown that explains the recommendation.
    #[serde(default)]
    pub note: Option<String>,
}

/// One answer to a question and the node it leads to.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub label: String,
    /// The id of the node this answer leads to.
    pub next: String,
    /// The project type this answer stands for; it holds for every result below it.
    #[serde(default)]
    pub project_type: Option<String>,
}
