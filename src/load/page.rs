//! A Markdown page as read from disk: its front matter and where its body starts.

use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::Deserialize;

use super::frontmatter::{self, Unterminated};
use super::yaml;
use crate::diagnostics::{Diagnostic, Span};

/// The front matter of a chapter, section or home page.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// The page heading, also shown in the sidebar, the browser tab and search results.
    pub title: String,
    /// One sentence: shown under the title, on cards and as the meta description.
    pub description: String,
    /// Sections and chapters are ordered by weight (smallest first), then by title.
    #[serde(default)]
    pub weight: i64,
    /// A draft is left out of `build` unless `--drafts` is given; `serve` shows it, marked.
    #[serde(default)]
    pub draft: bool,
    /// When the facts were last checked, as YYYY-MM-DD.
    #[serde(default)]
    pub updated: Option<String>,
    /// Ids of the stacks this page is about (file names in content/stacks/): their cards are shown and their pages link back.
    #[serde(default)]
    pub stacks: Vec<String>,
}

/// A Markdown file under `content/`, parsed up to its front matter.
#[derive(Debug, Clone)]
pub(crate) struct RawPage {
    /// Path relative to the site root, e.g. `content/guide/intro.md`.
    pub file: PathBuf,
    /// Path relative to `content/`, e.g. `guide/intro.md`.
    pub rel: PathBuf,
    pub front: FrontMatter,
    /// Byte range of the front matter YAML in the file, for locating errors found later.
    pub yaml: std::ops::Range<usize>,
    /// Byte offset of the Markdown body in the file.
    pub body: usize,
}

/// Parse `text` (the whole file) as a page with required front matter.
pub(super) fn parse(file: &Path, rel: &Path, text: &str) -> Result<RawPage, Diagnostic> {
    let split = frontmatter::split(text).map_err(|Unterminated| {
        Diagnostic::error(file, "front matter is not closed")
            .at(Some(Span { line: 1, col: 1, len: 3 }))
            .with_help("end the front matter with a line containing only `---`")
    })?;
    let Some(range) = split.yaml else {
        return Err(Diagnostic::error(file, "missing front matter")
            .at(Some(Span { line: 1, col: 1, len: 1 }))
            .with_help("start the file with `---`, then `title:` and `description:`, then `---`"));
    };
    if text[range.clone()].trim().is_empty() {
        return Err(Diagnostic::error(file, "front matter is empty")
            .at(Some(Span { line: 1, col: 1, len: 3 }))
            .with_help("a page needs at least `title:` and `description:`"));
    }
    let front: FrontMatter = yaml::parse(file, text, range.clone())?;
    Ok(RawPage { file: file.to_path_buf(), rel: rel.to_path_buf(), front, yaml: range, body: split.body })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> Diagnostic {
        parse(Path::new("content/a.md"), Path::new("a.md"), text).unwrap_err()
    }

    #[test]
    fn reads_front_matter_and_body_offset() {
        let text = "---\ntitle: A\ndescription: B\nweight: 3\nstacks: [go-gin]\n---\nBody";
        let page = parse(Path::new("content/a.md"), Path::new("a.md"), text).unwrap();
        assert_eq!(page.front.title, "A");
        assert_eq!(page.front.weight, 3);
        assert_eq!(page.front.stacks, ["go-gin"]);
        assert_eq!(&text[page.body..], "Body");
    }

    #[test]
    fn reports_missing_unterminated_and_incomplete_front_matter() {
        assert_eq!(err("# Hi").message, "missing front matter");
        assert_eq!(err("---\ntitle: A\n").message, "front matter is not closed");
        assert_eq!(err("---\n---\n").message, "front matter is empty");
        let d = err("---\ntitle: A\n---\n");
        assert_eq!(d.message, "missing field `description`");
        assert_eq!(d.location(), "content/a.md:2:1");
    }
}
