//! `stackguide new chapter|stack|decision NAME`: a new file with every field present and
//! explained. Chapters and flowcharts build as written; a stack's ratings and fits are
//! placeholders that `check` points at one by one.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::data::{slug_problem, stack_id_problem};
use crate::date;
use crate::diagnostics::Diagnostics;
use crate::load;
use crate::routes::Routes;
use crate::validate::{PLACEHOLDER, address_of, route_inputs};

/// What to scaffold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    Chapter,
    Stack,
    Decision,
}

/// Write the new file under `root`; returns its path relative to `root`. Never replaces a file
/// (or follows a symlink) that is already there.
pub(crate) fn new(root: &Path, kind: Kind, name: &str) -> Result<PathBuf, String> {
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
    let text = match kind {
        Kind::Chapter => chapter(stem),
        Kind::Stack => stack(root, stem),
        Kind::Decision => decision(root, stem),
    };
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let file = OpenOptions::new().write(true).create_new(true).open(&path);
    match file.and_then(|mut f| f.write_all(text.as_bytes())) {
        Ok(()) => Ok(rel),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(exists()),
        Err(e) => Err(format!("cannot write {}: {e}", rel.display())),
    }
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
            "  # {}: {}\n  {}: {{ level: {PLACEHOLDER}, reason: \"One line: why this level.\", sources: [] }}\n",
            c.name,
            levels.join(" < "),
            c.id
        ));
    }
    let mut fit = String::new();
    for t in raw.data.project_types.iter().flat_map(|t| &t.value) {
        fit.push_str(&format!(
            "  # {}\n  {}: {{ fit: {PLACEHOLDER}, note: \"Optional: one line on why.\" }}\n",
            t.name, t.id
        ));
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
# `{PLACEHOLDER}` marks a rating still to be decided; `check` lists them.
ratings:
{ratings}# How well it fits each project type of content/project-types.yaml: good, ok or poor.
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
  language: text
  code: |
    TODO
# Official links.
links:
  - {{ title: Official site, url: "https://example.org/" }}
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
            new(dir.path(), Kind::Chapter, "guide/data/caching").unwrap(),
            Path::new("content/guide/data/caching.md")
        );
        assert!(new(dir.path(), Kind::Chapter, "guide/data/caching").unwrap_err().contains("already exists"));
    }
}
