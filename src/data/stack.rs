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
    /// The day someone last checked the profile against its sources, `YYYY-MM-DD`. Required:
    /// `validate` reports it missing with the line to add, which serde's own error could not.
    #[serde(default)]
    pub reviewed: Option<String>,
    /// The releases a reader may meet, with their support windows.
    #[serde(default)]
    pub versions: Vec<Version>,
    /// Dated changes to the profile, oldest first.
    #[serde(default)]
    pub history: Vec<Change>,
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
    /// Where the evidence for the level is.
    #[serde(default)]
    pub sources: Vec<Link>,
}

/// A release of the stack's main framework or runtime and its support window.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Version {
    pub name: String,
    pub version: String,
    pub released: String,
    /// The last day of free support; absent for rolling releases.
    #[serde(default)]
    pub support_until: Option<String>,
}

/// A dated change to a profile, optionally a rating moving from one level to another.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    pub date: String,
    pub note: String,
    #[serde(default)]
    pub criterion: Option<String>,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FitLevel {
    /// The placeholder `stackguide new stack` writes; `validate` reports every one left.
    Todo,
    Poor,
    Ok,
    Good,
}

impl<'de> Deserialize<'de> for FitLevel {
    /// By hand, so that errors list the real values and not the placeholder. The check runs
    /// inside the visitor, so the YAML error keeps the value's position.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = FitLevel;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("good, ok or poor")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<FitLevel, E> {
                match s {
                    "good" => Ok(FitLevel::Good),
                    "ok" => Ok(FitLevel::Ok),
                    "poor" => Ok(FitLevel::Poor),
                    "todo" => Ok(FitLevel::Todo),
                    other => Err(E::unknown_variant(other, &["good", "ok", "poor"])),
                }
            }
        }
        d.deserialize_str(Visitor)
    }
}

impl FitLevel {
    pub fn label(self) -> &'static str {
        match self {
            FitLevel::Good => "Good fit",
            FitLevel::Ok => "Workable",
            FitLevel::Poor => "Poor fit",
            FitLevel::Todo => "Not rated yet",
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
