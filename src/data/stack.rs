//! `stacks/<id>.yaml`: one stack profile as written.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A stack profile; the id is the file stem.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StackFile {
    pub name: String,
    pub language: String,
    pub runtime: String,
    pub frameworks: Vec<String>,
    pub summary: String,
    pub best_for: Vec<String>,
    /// Criterion id -> rating.
    pub ratings: BTreeMap<String, Rating>,
    /// Project type id -> fit.
    pub fit: BTreeMap<String, Fit>,
    pub pros: Vec<String>,
    pub cons: Vec<String>,
    #[serde(default)]
    pub users: Vec<String>,
    pub example: CodeExample,
    #[serde(default)]
    pub links: Vec<Link>,
}

/// A level on a criterion's scale, with the reason for it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rating {
    pub level: String,
    pub reason: String,
}

/// How well a stack fits a project type.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fit {
    pub fit: FitLevel,
    #[serde(default)]
    pub note: Option<String>,
}

/// good / ok / poor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FitLevel {
    Poor,
    Ok,
    Good,
}

impl FitLevel {
    pub fn label(self) -> &'static str {
        match self {
            FitLevel::Good => "Good fit",
            FitLevel::Ok => "Workable",
            FitLevel::Poor => "Poor fit",
        }
    }
}

/// A short code sample and its language token.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeExample {
    pub language: String,
    pub code: String,
}

/// An external link.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub title: String,
    pub url: String,
}
