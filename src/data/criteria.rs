//! `criteria.yaml` and `project-types.yaml`: the yardsticks, the kinds of project and how much
//! each kind of project weighs each criterion.

use std::collections::BTreeMap;

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
    /// Criterion id -> how much this kind of project cares about it; `None` when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weights: Option<BTreeMap<String, Weight>>,
}

/// How much a reader (or a kind of project) cares about a criterion: none, low, medium or
/// high. Its [`factor`](Weight::factor) multiplies a rating's points (see the `score` module).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Weight {
    None,
    Low,
    Medium,
    High,
}

impl Weight {
    /// Every weight, lightest first.
    pub const ALL: [Weight; 4] = [Weight::None, Weight::Low, Weight::Medium, Weight::High];

    /// What the weight multiplies a rating's points by: 0, 1, 2 or 3.
    pub fn factor(self) -> u32 {
        self as u32
    }

    /// The word writers and addresses use: `none`, `low`, `medium`, `high`.
    pub fn id(self) -> &'static str {
        match self {
            Weight::None => "none",
            Weight::Low => "low",
            Weight::Medium => "medium",
            Weight::High => "high",
        }
    }
}
