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
