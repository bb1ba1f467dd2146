//! A Markdown page as read from disk: its front matter and where its body starts.

use std::ops::Range;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_yaml::Value;

use super::frontmatter::{self, Unterminated};
use super::wording::in_writers_words;
use super::yaml::{self, Seg};
use crate::diagnostics::{Diagnostic, Span, did_you_mean};

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

/// The keys a front matter may hold, as [`FrontMatter`] names them.
const FIELDS: &[&str] = &["title", "description", "weight", "draft", "updated", "stacks"];

/// Parse `text` (the whole file) as a page with required front matter; every problem of the
/// front matter is reported, not only the first.
pub(super) fn parse(file: &Path, rel: &Path, text: &str) -> Result<RawPage, Vec<Diagnostic>> {
    let split = frontmatter::split(text).map_err(|Unterminated| {
        vec![
            Diagnostic::error(file, "front matter is not closed")
                .at(Some(Span { line: 1, col: 1, len: 3 }))
                .with_help("end the front matter with a line containing only `---`"),
        ]
    })?;
    let Some(range) = split.yaml else {
        return Err(vec![
            Diagnostic::error(file, "missing front matter")
                .at(Some(Span { line: 1, col: 1, len: 1 }))
                .with_help("start the file with `---`, then `title:` and `description:`, then `---`"),
        ]);
    };
    if text[range.clone()].trim().is_empty() {
        return Err(vec![
            Diagnostic::error(file, "front matter is empty")
                .at(Some(Span { line: 1, col: 1, len: 3 }))
                .with_help("a page needs at least `title:` and `description:`"),
        ]);
    }
    let front = front_matter(&Source { file, text, range: range.clone() })?;
    Ok(RawPage { file: file.to_path_buf(), rel: rel.to_path_buf(), front, yaml: range, body: split.body })
}

/// The front matter being decoded: its file, the file's text and where the YAML lies in it.
struct Source<'a> {
    file: &'a Path,
    text: &'a str,
    range: Range<usize>,
}

impl Source<'_> {
    fn value_at(&self, key: &str) -> Option<Span> {
        yaml::locate(self.text, self.range.clone(), &[Seg::Key(key)])
    }

    /// Decode one key's value, or report why it cannot be, at the value.
    fn decode<T: DeserializeOwned>(
        &self,
        key: &str,
        value: Value,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<T> {
        serde_yaml::from_value(value)
            .map_err(|e| {
                let message = in_writers_words(&format!("{key}: {e}"));
                problems.push(Diagnostic::error(self.file, message).at(self.value_at(key)));
            })
            .ok()
    }
}

/// Decode the front matter and check its values. When it does not decode, it is read again key
/// by key, so that an unknown key, a value of the wrong type, a date that is not one and a
/// missing title are all reported in one run, not one per run.
fn front_matter(src: &Source<'_>) -> Result<FrontMatter, Vec<Diagnostic>> {
    match yaml::parse::<FrontMatter>(src.file, src.text, src.range.clone()) {
        Ok(front) => {
            let problems = checks(src, Some(&front.title), front.updated.as_deref());
            if problems.is_empty() { Ok(front) } else { Err(problems) }
        }
        Err(first) => {
            let problems = every_problem(src);
            Err(if problems.is_empty() { vec![first] } else { problems })
        }
    }
}

/// Every problem of a front matter that does not decode, found key by key.
fn every_problem(src: &Source<'_>) -> Vec<Diagnostic> {
    let value: Value = match yaml::parse(src.file, src.text, src.range.clone()) {
        Ok(value) => value,
        Err(d) => return vec![d],
    };
    // Not `key: value` lines: the first error says what was found instead.
    let Value::Mapping(map) = value else { return Vec::new() };
    let first_key = map.keys().next().map(key_name).unwrap_or_default();
    let mut problems = Vec::new();
    let (mut title, mut description, mut updated) = (None, None, None);
    for (key, value) in map {
        let name = key_name(&key);
        let p = &mut problems;
        match name.as_str() {
            "title" => title = src.decode::<String>(&name, as_text(value), p),
            "description" => description = src.decode::<String>(&name, as_text(value), p),
            "updated" => updated = src.decode::<Option<String>>(&name, as_text(value), p).flatten(),
            "weight" => {
                src.decode::<i64>(&name, value, p);
            }
            "draft" => {
                src.decode::<bool>(&name, value, p);
            }
            "stacks" => {
                src.decode::<Vec<String>>(&name, as_text(value), p);
            }
            _ => problems.push(
                Diagnostic::error(src.file, format!("unknown field `{name}`"))
                    .at(yaml::locate_key(src.text, src.range.clone(), &name))
                    .with_help_opt(did_you_mean(&name, FIELDS.iter().copied())),
            ),
        }
    }
    for (field, value) in [("title", &title), ("description", &description)] {
        if value.is_none() && !problems.iter().any(|d| d.message.starts_with(&format!("{field}: "))) {
            problems.push(
                Diagnostic::error(src.file, format!("missing field `{field}`"))
                    .at(yaml::locate_key(src.text, src.range.clone(), &first_key))
                    .with_help(format!("add a line `{field}: …` to the front matter")),
            );
        }
    }
    problems.extend(checks(src, title.as_deref(), updated.as_deref()));
    problems
}

/// What the types cannot say: a title that is blank, an `updated` that is not a date.
fn checks(src: &Source<'_>, title: Option<&str>, updated: Option<&str>) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    if title.is_some_and(|t| t.trim().is_empty()) {
        problems.push(Diagnostic::error(src.file, "`title` is empty").at(src.value_at("title")));
    }
    if let Some(updated) = updated.filter(|u| crate::date::parse(u).is_none()) {
        problems.push(crate::date::not_a_date(src.file, "updated", updated).at(src.value_at("updated")));
    }
    problems
}

/// A number or `true` read as text, as decoding the file's text reads it where text is wanted
/// (`title: 1984`); in a list too.
fn as_text(value: Value) -> Value {
    match value {
        Value::Number(n) => Value::String(n.to_string()),
        Value::Bool(b) => Value::String(b.to_string()),
        Value::Sequence(items) => Value::Sequence(items.into_iter().map(as_text).collect()),
        other => other,
    }
}

/// A key as written: text, or a number or other scalar written as YAML would.
fn key_name(key: &Value) -> String {
    match key {
        Value::String(s) => s.clone(),
        other => serde_yaml::to_string(other).unwrap_or_default().trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errs(text: &str) -> Vec<Diagnostic> {
        parse(Path::new("content/a.md"), Path::new("a.md"), text).unwrap_err()
    }

    fn err(text: &str) -> Diagnostic {
        let mut all = errs(text);
        assert_eq!(all.len(), 1, "{all:#?}");
        all.remove(0)
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

    /// The keys read one by one are the fields of [`FrontMatter`], no more, no fewer.
    #[test]
    fn the_keys_read_one_by_one_are_the_fields_of_the_front_matter() {
        let e = serde_yaml::from_str::<FrontMatter>("zzz: 1").unwrap_err().to_string();
        let listed: Vec<&str> = e.split('`').skip(3).step_by(2).collect();
        assert_eq!(listed, FIELDS, "{e}");
    }

    #[test]
    fn every_problem_of_a_front_matter_is_reported_at_once() {
        let text = "---\ndescription: [x]\nweight: ten\ndraft: yes\nupdated: 1 Nov 2026\nstacks: go-gin\nwieght: 3\n---\n";
        let found: Vec<String> =
            errs(text).iter().map(|d| format!("{}: {}", d.location(), d.message)).collect();
        assert_eq!(
            found,
            [
                "content/a.md:2:14: description: found a list, expected text, like `description: Some text`",
                "content/a.md:3:9: weight: found the text \"ten\", expected a whole number, like `weight: 10`",
                "content/a.md:4:8: draft: found the text \"yes\", expected `true` or `false`, like `draft: true`",
                "content/a.md:6:9: stacks: found the text \"go-gin\", expected a list, like `stacks: [go-gin]`",
                "content/a.md:7:1: unknown field `wieght`",
                "content/a.md:2:1: missing field `title`",
                "content/a.md:5:10: `updated: 1 Nov 2026` is not a date",
            ]
        );
        // Numbers where text belongs are text, as when the whole front matter decodes.
        let found: Vec<String> =
            errs("---\ntitle: 1984\ndescription: 42\nstacks: [7]\nupdated: 2026-1-1\nweight: x\n---\n")
                .iter()
                .map(|d| d.message.clone())
                .collect();
        assert_eq!(
            found,
            [
                "weight: found the text \"x\", expected a whole number, like `weight: 10`",
                "`updated: 2026-1-1` is not a date"
            ]
        );
        let ok =
            parse(Path::new("content/a.md"), Path::new("a.md"), "---\ntitle: 1984\ndescription: 42\n---\n");
        assert_eq!(ok.unwrap().front.title, "1984");
        let d = err("---\ntitle: \" \"\ndescription: x\n---\n");
        assert_eq!((d.location(), d.message.as_str()), ("content/a.md:2:8".into(), "`title` is empty"));
    }
}
