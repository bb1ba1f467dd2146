//! `criteria.yaml` and `project-types.yaml`: the yardsticks and the kinds of project.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A yardstick the stacks are rated on, with its scale from least to most favourable.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub id: String,
    pub name: String,
    pub description: String,
    /// The levels, from the least to the most favourable.
    pub scale: Vec<Level>,
}

/// One step on a criterion's scale.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub id: String,
    pub label: String,
    /// What a stack must show to earn this level: the rubric.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<String>,
}

/// A kind of project a stack can fit well or badly.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectType {
    pub id: String,
    pub name: String,
    pub description: String,
}
