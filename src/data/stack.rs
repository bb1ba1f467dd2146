//! `stacks/<id>.yaml`: one stack profile as written.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A stack profile; the id is the file stem.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StackFile {
    /// The name shown everywhere, e.g. "Go + Gin".
    pub name: String,
    /// The programming language, e.g. Go.
    pub language: String,
    /// What runs the code, e.g. "Native binary (Go runtime, goroutines)".
    pub runtime: String,
    /// The main framework first, then the usual companions.
    pub frameworks: Vec<String>,
    /// One line that says what this stack is.
    pub summary: String,
    /// The kinds of product it suits best.
    pub best_for: Vec<String>,
    /// The day someone last checked the profile against its sources, YYYY-MM-DD. Required:
    /// the build reports it missing with the line to add.
    #[serde(default)]
    #[schemars(with = "String")]
    pub reviewed: Option<String>,
    /// The releases a reader may meet, with their support windows.
    #[serde(default)]
    pub versions: Vec<Version>,
    /// Dated changes to the profile, oldest first.
    #[serde(default)]
    pub history: Vec<Change>,
    /// One rating for every criterion of content/criteria.yaml, by criterion id.
    pub ratings: BTreeMap<String, Rating>,
    /// How well it fits each project type of content/project-types.yaml, by project type id.
    pub fit: BTreeMap<String, Fit>,
    /// Strengths, a line each.
    pub pros: Vec<String>,
    /// Weaknesses, a line each.
    pub cons: Vec<String>,
    /// Well-known public users.
    #[serde(default)]
    pub users: Vec<String>,
    /// A short code example.
    pub example: CodeExample,
    /// Official links.
    #[serde(default)]
    pub links: Vec<Link>,
}

/// A level on a criterion's scale, with the reason for it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rating {
    /// A level id from the criterion's scale in content/criteria.yaml.
    pub level: String,
    /// One line: why this level.
    pub reason: String,
    /// Where the evidence for the level is; `check` warns about a rating without one.
    #[serde(default)]
    pub sources: Vec<Link>,
}

/// A release of the stack's main framework or runtime and its support window.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Version {
    pub name: String,
    pub version: String,
    /// YYYY-MM-DD.
    pub released: String,
    /// The last day of free support, YYYY-MM-DD; left out for a rolling release.
    #[serde(default)]
    pub support_until: Option<String>,
}

/// A dated change to a profile, optionally a rating moving from one level to another.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// YYYY-MM-DD.
    pub date: String,
    pub note: String,
    /// For a rating change: the criterion, with the levels it moved `from` and `to`.
    #[serde(default)]
    pub criterion: Option<String>,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
}

/// How well a stack fits a project type.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
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
                    "todo" | "TODO" => Ok(FitLevel::Todo),
                    other => Err(E::unknown_variant(other, &["good", "ok", "poor"])),
                }
            }
        }
        d.deserialize_str(Visitor)
    }
}

impl JsonSchema for FitLevel {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "FitLevel".into()
    }

    /// The real values only: the placeholder `todo` is accepted by the parser only to be
    /// reported with a better message, so editors flag it as the build does.
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "How well the stack fits this kind of project.",
            "type": "string",
            "enum": ["good", "ok", "poor"]
        })
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
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeExample {
    /// A highlighting language token: go, rust, python, js, ts, java, cs, php, rb, ex, ...
    pub language: String,
    pub code: String,
}

/// An external link.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub title: String,
    pub url: String,
}
