//! `stackguide new chapter|stack|decision NAME`: a new file with every field present and
//! explained. A chapter starts as a draft; a flowchart builds as written; what a stack profile
//! needs a writer for is a `TODO` placeholder that `check` points at one by one and `build`
//! refuses to publish. YAML files start with the line that points editors at their schema.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::data::{slug_problem, stack_id_problem};
use crate::date;
use crate::diagnostics::Diagnostics;
use crate::load;
use crate::load::placeholder::{self, PLACEHOLDER};
use crate::routes::Routes;
use crate::schema;
use crate::validate::{address_of, route_inputs};

/// What to scaffold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    Chapter,
    Stack,
    Decision,
}

/// What `new` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Created {
    pub kind: Kind,
    /// The file, relative to the site.
    pub rel: PathBuf,
    /// Its address in the built site, e.g. `/stacks/go-gin/`.
    pub address: String,
    /// How many `TODO` placeholders it holds.
    pub placeholders: usize,
    /// The schema its first line names, when the site does not have it yet.
    pub schema_missing: Option<PathBuf>,
}

impl Created {
    /// What to tell the writer: what was written, whether it is a draft and how to publish it.
    pub(crate) fn report(&self) -> Vec<String> {
        let rel = self.rel.display();
        let mut lines = match (self.kind, self.placeholders) {
            (Kind::Chapter, _) => vec![
                format!("created {rel}, a draft (`draft: true` in its front matter)"),
                "`stackguide serve` and `build --drafts` show it; `build` leaves it out".into(),
                format!("to publish it at {}, set `draft: false`", self.address),
            ],
            (_, 0) => vec![
                format!("created {rel}; it builds as it is"),
                format!("the next `stackguide build` publishes it at {}", self.address),
            ],
            (_, n) => vec![
                format!(
                    "created {rel}, a draft: it has {n} `{PLACEHOLDER}` placeholder{} still to be written",
                    if n == 1 { "" } else { "s" }
                ),
                "`stackguide check` lists each with its line and column; `serve` and `build --drafts` show it as it is".into(),
                format!("`build` refuses it until none is left; then it is published at {}", self.address),
            ],
        };
        if let Some(schema) = &self.schema_missing {
            lines.push(format!(
                "its first line points editors at {}, which this site does not have: write it with `stackguide schema --output {}`",
                schema.display(),
                schema.parent().map_or_else(|| ".".into(), |p| p.display().to_string())
            ));
        }
        lines
    }
}

/// Write the new file under `root`. Never replaces a file (or follows a symlink) that is
/// already there.
pub(crate) fn new(root: &Path, kind: Kind, name: &str) -> Result<Created, String> {
    let name = name.trim().trim_end_matches(".md").trim_end_matches(".yaml");
    let rel = relative_path(kind, name)?;
    let stem = rel.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    if !root.join("content").is_dir() {
        return Err(format!("{} has no content/ folder; run `stackguide init` first", root.display()));
    }
    let path = root.join(&rel);
    let exists = || format!("{} already exists; nothing was changed", rel.display());
    if fs::symlink_metadata(&path).is_ok() {
        return Err(exists());
    }
    address_free(root, kind, &rel, stem)?;
    let body = match kind {
        Kind::Chapter => chapter(stem),
        Kind::Stack => stack(root, stem),
        Kind::Decision => decision(root, stem),
    };
    let modeline = schema::modeline(&rel);
    let text = format!("{}{body}", modeline.as_deref().unwrap_or_default());
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let file = OpenOptions::new().write(true).create_new(true).open(&path);
    match file.and_then(|mut f| f.write_all(text.as_bytes())) {
        Ok(()) => Ok(created(root, kind, rel.clone(), stem, &text)),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(exists()),
        Err(e) => Err(format!("cannot write {}: {e}", rel.display())),
    }
}

fn created(root: &Path, kind: Kind, rel: PathBuf, stem: &str, text: &str) -> Created {
    let address = match kind {
        Kind::Chapter => format!("/{}", address_of(rel.strip_prefix("content").unwrap_or(&rel))),
        Kind::Stack => format!("/stacks/{stem}/"),
        Kind::Decision => format!("/decide/{stem}/"),
    };
    let yaml = match kind {
        Kind::Chapter => load::frontmatter::split(text).ok().and_then(|s| s.yaml).map_or("", |r| &text[r]),
        _ => text,
    };
    let schema_missing = schema::for_file(&rel)
        .map(|name| Path::new(schema::SCHEMA_DIR).join(format!("{name}.schema.json")))
        .filter(|path| !root.join(path).is_file());
    Created { kind, address, placeholders: placeholder::find(yaml).len(), schema_missing, rel }
}

/// Where a `kind` called `name` goes, relative to the site, or why the build would not read it
/// as one.
fn relative_path(kind: Kind, name: &str) -> Result<PathBuf, String> {
    let segments: Vec<&str> = name.split('/').collect();
    let last = segments.last().copied().unwrap_or_default();
    if segments.iter().any(|seg| seg.is_empty() || *seg == "." || *seg == "..") {
        return Err(invalid_name(name));
    }
    let rel = match (kind, segments.as_slice()) {
        (Kind::Stack | Kind::Decision, [_, _, ..]) => return Err(nested_data(kind, name, last)),
        (Kind::Chapter, ["stacks", id]) => {
            return Err(format!(
                "`{name}` cannot be a chapter: content/stacks/{id}.md is the long-form text of the stack `{id}`, shown on its page; put the chapter in another folder, e.g. `guide/{id}`"
            ));
        }
        (Kind::Chapter, ["decisions", id]) => {
            return Err(format!(
                "`{name}` cannot be a chapter: content/decisions/ holds the flowcharts, one YAML file each named by its id; put the chapter in another folder, e.g. `guide/{id}`"
            ));
        }
        (Kind::Chapter, [_]) => PathBuf::from("content/guide").join(format!("{name}.md")),
        (Kind::Chapter, _) => PathBuf::from("content").join(format!("{name}.md")),
        (Kind::Stack, _) => PathBuf::from("content/stacks").join(format!("{name}.yaml")),
        (Kind::Decision, _) => PathBuf::from("content/decisions").join(format!("{name}.yaml")),
    };
    if kind == Kind::Stack
        && let Some(problem) = stack_id_problem(last).filter(|_| slug_problem(last).is_none())
    {
        return Err(format!("`{last}` is not a valid stack id: {problem}"));
    }
    if slug_problem(last).is_some() {
        return Err(invalid_name(name));
    }
    Ok(rel)
}

/// Refuse a new file whose addresses another input of the site already claims: the same route
/// table the build uses is made with and without it, and whatever clash it adds is the reason.
fn address_free(root: &Path, kind: Kind, rel: &Path, stem: &str) -> Result<(), String> {
    let (_, raw) = load::load(root, None, &mut Diagnostics::new());
    let clashes = |with_new: bool| {
        let mut inputs = route_inputs(&raw.data, &raw.assets, raw.pages.iter(), Vec::new());
        if with_new {
            match kind {
                Kind::Chapter => {
                    let under_content = rel.strip_prefix("content").unwrap_or(rel);
                    inputs.pages.push((rel, address_of(under_content)));
                }
                Kind::Stack => inputs.stacks.push((stem, rel)),
                Kind::Decision => inputs.decisions.push((stem, rel)),
            }
            inputs.stacks.sort_unstable();
            inputs.decisions.sort_unstable();
        }
        let mut d = Diagnostics::new();
        Routes::build(&inputs, &mut d);
        d.sorted()
    };
    let before = clashes(false);
    match clashes(true).into_iter().find(|c| !before.contains(c)) {
        Some(clash) => {
            Err(format!("{} cannot be created: {}; nothing was changed", rel.display(), clash.message))
        }
        None => Ok(()),
    }
}

fn invalid_name(name: &str) -> String {
    format!(
        "`{name}` is not a valid name: use lowercase letters, digits and `-`, e.g. `caching` or `guide/data/caching`"
    )
}

/// Why a stack or flowchart cannot sit in a subfolder.
fn nested_data(kind: Kind, name: &str, last: &str) -> String {
    let (what, folder) = match kind {
        Kind::Decision => ("flowchart", "decisions"),
        _ => ("stack profile", "stacks"),
    };
    format!(
        "`{name}` cannot be the name of a {what}: {what}s sit directly in content/{folder}/ and the file name is the id, so the name cannot contain `/` (the build does not read a {what} in a subfolder); try `{last}`"
    )
}

fn title_of(id: &str) -> String {
    let words = id.replace('-', " ");
    let mut c = words.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

fn chapter(id: &str) -> String {
    format!(
        r#"---
# Shown as the page heading, in the sidebar, the browser tab and search results.
title: {title}
# One sentence: shown under the title, on cards and as the page's meta description.
description: What a reader will be able to decide after reading this chapter.
# Chapters and sections are ordered by weight (smallest first), then by title.
weight: 100
# A draft is left out of `stackguide build` unless --drafts is given; `serve` shows it, marked.
draft: true
# When the facts in this chapter were last checked, as YYYY-MM-DD.
updated: {today}
# Ids of the stacks this chapter is about (file names in content/stacks/): they get cards at
# the end of the chapter, and their pages link back here.
stacks: []
---

Start with the question this chapter answers, in a sentence or two.

## A first section

Link to other chapters by their file, as on GitHub (`../basics/what-is-a-backend.md`), and to
generated pages by address (`/stacks/`, `/decide/which-stack/`). Every link is checked.
"#,
        title = title_of(id),
        today = date::today()
    )
}

fn stack(root: &Path, id: &str) -> String {
    let mut d = Diagnostics::new();
    let (_, raw) = load::load(root, None, &mut d);
    let mut ratings = String::new();
    for c in raw.data.criteria.iter().flat_map(|c| &c.value) {
        let levels: Vec<&str> = c.scale.iter().map(|l| l.id.as_str()).collect();
        ratings.push_str(&format!(
            "  # {}: {}\n  {}: {{ level: {PLACEHOLDER}, reason: {PLACEHOLDER}, sources: [] }}\n",
            c.name,
            levels.join(" < "),
            c.id
        ));
    }
    let mut fit = String::new();
    for t in raw.data.project_types.iter().flat_map(|t| &t.value) {
        fit.push_str(&format!("  # {}\n  {}: {{ fit: {PLACEHOLDER} }}\n", t.name, t.id));
    }
    format!(
        r#"# A stack profile. The file name ({id}) is the stack's id and its address: /stacks/{id}/.
# Write long-form text for the stack page in content/stacks/{id}.md (optional).

# The name shown everywhere, e.g. "Go + Gin".
name: {title}
# The programming language, e.g. Go.
language: TODO
# What runs the code, e.g. "Native binary (Go runtime, goroutines)".
runtime: TODO
# The main framework first, then the usual companions (ORM, test tools, ...).
frameworks: [TODO]
# One line that says what this stack is.
summary: TODO
# Two to four kinds of product it suits best.
best_for:
  - TODO
# The day you last checked this profile against its sources (YYYY-MM-DD). `check` warns when
# it is older than `review_after` days (content/site.yaml, 365 by default).
reviewed: {today}
# The releases readers meet, with their support windows; leave out `support_until` for a rolling
# release. `check` warns when a listed release is past its support.
#   - {{ name: Gin, version: "1.11", released: 2025-09-20, support_until: 2026-09-30 }}
versions: []
# Dated changes to this profile, oldest first; a rating change also names its criterion and
# levels, and `check` warns when the latest `to` is not the rating below.
#   - {{ date: 2026-03-01, note: "Faster JSON encoding", criterion: performance, from: solid, to: high }}
history: []
# One rating per criterion of content/criteria.yaml: a level from its scale, weakest first,
# a one-line reason, and the sources that show it (`check` warns about a rating without one):
#   sources: [{{ title: "Benchmark round 23", url: "https://example.org/round-23" }}]
# `{PLACEHOLDER}` marks what is still to be written: `check` lists each one, and `build` refuses
# the profile until none is left (`serve` and `build --drafts` show it as it is).
ratings:
{ratings}# How well it fits each project type of content/project-types.yaml: good, ok or poor,
# with an optional one-line `note` on why.
fit:
{fit}# Strengths and weaknesses, a line each.
pros:
  - TODO
cons:
  - TODO
# Well-known public users (optional).
users: []
# A short, real code example and its language (go, python, js, ts, java, cs, php, ruby, ...).
example:
  language: {PLACEHOLDER}
  code: |
    {PLACEHOLDER}
# Official links, e.g. {{ title: Official site, url: "https://example.org/" }}.
links: []
"#,
        title = title_of(id),
        // The build day, so a site that pins STACKGUIDE_TODAY gets a profile reviewed that day.
        today = date::build_day(None).map_or_else(|_| date::today(), date::format)
    )
}

fn decision(root: &Path, id: &str) -> String {
    let mut d = Diagnostics::new();
    let (_, raw) = load::load(root, None, &mut d);
    let first = raw.data.stacks.first().map_or(PLACEHOLDER, |(id, _)| id.as_str());
    let last = raw.data.stacks.last().map_or(PLACEHOLDER, |(id, _)| id.as_str());
    format!(
        r#"# A decision flowchart. The file name ({id}) is its id and its address: /decide/{id}/.
# Embed it in a chapter with a fenced block: ```decision, then `{id}` on the next line.

# The question the whole chart answers, and one or two sentences about it.
title: {title}
description: A few questions that lead to the stacks that fit.
# The node the chart starts at.
start: first
# The nodes, by id. A question has `question`, optional `help`, and two or more `answers`,
# each naming the node it leads to with `next`. A result has `result` (its title),
# `recommend` (stack ids from content/stacks/) and a Markdown `note`.
# An answer may add `project_type: <id>` (from content/project-types.yaml) when it stands for a
# kind of project; every result below it must then recommend stacks whose fit for that type is
# not `poor`, or the build fails.
# Every node must be reachable from `start`, and every path must end in a result.
nodes:
  first:
    question: What matters most for this project?
    help: "Optional: one line that helps the reader answer."
    answers:
      - {{ label: "Shipping quickly", next: quick }}
      - {{ label: "Running at scale", next: scale }}
  quick:
    result: Ship quickly
    recommend: [{first}]
    note: Why this recommendation fits; **Markdown** and [links](/stacks/) work here.
  scale:
    result: Run at scale
    recommend: [{last}]
    note: Why this recommendation fits.
"#,
        title = title_of(id)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_checked() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        for bad in ["Caching", "../x", "guide//x", "a b", ""] {
            assert!(new(dir.path(), Kind::Chapter, bad).is_err(), "{bad}");
        }
        assert_eq!(
            new(dir.path(), Kind::Chapter, "guide/data/caching").unwrap().rel,
            Path::new("content/guide/data/caching.md")
        );
        assert!(new(dir.path(), Kind::Chapter, "guide/data/caching").unwrap_err().contains("already exists"));
    }
}
