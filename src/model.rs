//! The validated site: every reference in it resolves. Built by `validate`, read by `render`.

use std::path::PathBuf;

use serde::Serialize;

use crate::config::{BaseUrl, SiteConfig};
use crate::markdown::Rendered;

/// What a Markdown page is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    Home,
    Section,
    Chapter,
}

/// A Markdown page, with its body rendered and its place in the tree known.
#[derive(Debug, Clone)]
pub struct Page {
    /// Source file relative to the site root.
    pub file: PathBuf,
    /// Source file relative to `content/`.
    pub rel: PathBuf,
    /// Address relative to the site, e.g. `guide/intro/` (`` for the home page).
    pub address: String,
    pub kind: PageKind,
    pub title: String,
    pub description: String,
    pub weight: i64,
    pub draft: bool,
    pub updated: Option<String>,
    /// Ids of the stacks the front matter names; each exists.
    pub stacks: Vec<String>,
    pub body: Rendered,
    /// The section this page belongs to (an index into `Site::pages`).
    pub parent: Option<usize>,
    /// Sections and chapters under a section, in weight order.
    pub children: Vec<usize>,
    pub prev: Option<usize>,
    pub next: Option<usize>,
}

/// The whole site, validated.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: SiteConfig,
    pub base: BaseUrl,
    pub pages: Vec<Page>,
    /// Top-level sections and chapters (children of the home page), in weight order.
    pub roots: Vec<usize>,
    /// Files copied as they are: (address, path on disk).
    pub assets: Vec<(String, PathBuf)>,
}

impl Site {
    pub fn home(&self) -> Option<&Page> {
        self.pages.iter().find(|p| p.kind == PageKind::Home)
    }
}
