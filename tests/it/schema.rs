//! The JSON Schemas that `stackguide schema` writes, checked with a real validator against every
//! YAML file and front matter of the guide, the starter and the fixtures; and every shape error
//! the build finds in the error fixtures (unknown key, wrong type, missing field) is a schema
//! error too.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;
use stackguide::parts::frontmatter;

use crate::support::{TestSite, fixtures};

/// The schemas, written by the real binary, by file name.
fn schemas() -> BTreeMap<String, jsonschema::Validator> {
    let site = TestSite::empty();
    let run = site.cli(&["schema", "--output", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut out = BTreeMap::new();
    for entry in fs::read_dir(site.root().join("out")).unwrap() {
        let path = entry.unwrap().path();
        let schema: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#", "{}", path.display());
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        out.insert(name, jsonschema::validator_for(&schema).unwrap());
    }
    assert_eq!(out.len(), 6, "{:?}", out.keys());
    out
}

/// The schema for a file at `rel` under content/, and the YAML in it; `None` for other files.
fn yaml_of(rel: &Path, text: &str) -> Option<(&'static str, String)> {
    let rel = rel.to_string_lossy().replace('\\', "/");
    let (folder, name) = rel.rsplit_once('/').unwrap_or(("", &rel));
    let schema = match (folder, name) {
        ("", "site.yaml") => "site.schema.json",
        ("", "criteria.yaml") => "criteria.schema.json",
        ("", "project-types.yaml") => "project-types.schema.json",
        ("stacks", n) if n.ends_with(".yaml") => "stack.schema.json",
        ("decisions", n) if n.ends_with(".yaml") => "decision.schema.json",
        ("stacks", _) => return None,
        (_, n) if n.ends_with(".md") => {
            let range = frontmatter::split(text).ok()?.yaml?;
            return Some(("front-matter.schema.json", text[range].to_string()));
        }
        _ => return None,
    };
    Some((schema, text.to_string()))
}

/// The schema errors of every file under `content` that has a schema, by path under content/.
fn schema_errors(
    content: &Path,
    schemas: &BTreeMap<String, jsonschema::Validator>,
) -> BTreeMap<PathBuf, Vec<String>> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(content).sort_by_file_name() {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(content).unwrap().to_path_buf();
        let Ok(text) = fs::read_to_string(entry.path()) else { continue };
        let Some((schema, yaml)) = yaml_of(&rel, &text) else { continue };
        let errors = match serde_yaml::from_str::<Value>(&yaml) {
            Ok(value) => {
                schemas[schema].iter_errors(&value).map(|e| format!("{e} at {}", e.instance_path())).collect()
            }
            Err(e) => vec![format!("not YAML: {e}")],
        };
        out.insert(rel, errors);
    }
    out
}

fn assert_valid(content: &Path, schemas: &BTreeMap<String, jsonschema::Validator>) -> usize {
    let checked = schema_errors(content, schemas);
    let wrong: Vec<String> = checked
        .iter()
        .filter(|(_, e)| !e.is_empty())
        .map(|(f, e)| format!("{}/{}: {}", content.display(), f.display(), e.join("; ")))
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    checked.len()
}

#[test]
fn every_file_of_the_guide_the_starter_and_the_valid_fixtures_fits_its_schema() {
    let schemas = schemas();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let guide = assert_valid(&root.join("content"), &schemas);
    assert!(guide > 30, "{guide} files of the guide checked");
    // The site `init` writes, with the reviewed date it fills in.
    let site = TestSite::empty();
    assert_eq!(site.cli(&["init", "s"]).code, 0);
    assert_eq!(assert_valid(&site.root().join("s/content"), &schemas), 8);
    let mut folders = vec!["base".to_string(), "build/basic".into(), "xss".into()];
    for kind in ["warnings", "pages"] {
        for entry in fs::read_dir(fixtures().join(kind)).unwrap() {
            folders.push(format!("{kind}/{}", entry.unwrap().file_name().to_string_lossy()));
        }
    }
    for name in folders {
        let site = if fixtures().join(&name).join("overlay").is_dir() {
            TestSite::overlay(&name)
        } else {
            TestSite::fixture(&name)
        };
        assert!(assert_valid(&site.root().join("content"), &schemas) > 1, "{name}");
    }
}

/// Whether `line` of the file at `path` is YAML: a data file, or the front matter of a page (a
/// directive block's keys in a page's body are no file's schema).
fn in_yaml(path: &Path, line: usize) -> bool {
    let text = fs::read_to_string(path).unwrap_or_default();
    match (path.extension().is_some_and(|e| e == "md"), frontmatter::split(&text)) {
        (true, Ok(split)) => line <= text[..split.body].lines().count(),
        _ => true,
    }
}

/// Whether a build error is about the shape of a file: what a schema can say too.
fn is_shape_error(message: &str) -> bool {
    [
        "unknown field",
        "missing field",
        "invalid type",
        "unknown variant",
        "has no `reviewed` date",
        "file is empty",
    ]
    .iter()
    .any(|m| message.contains(m))
        // A wrong type in a writer's words: "weight: found the text "ten", expected a whole number".
        || (message.contains(": found ") && message.contains(", expected "))
}

#[test]
fn every_shape_error_of_the_error_fixtures_is_a_schema_error_and_no_other_file_is() {
    let schemas = schemas();
    let mut shape_cases = 0;
    let mut wrong = Vec::new();
    for entry in fs::read_dir(fixtures().join("errors")).unwrap() {
        let case = format!("errors/{}", entry.unwrap().file_name().to_string_lossy());
        let site = TestSite::overlay(&case);
        let result = site.build();
        let shape: BTreeSet<PathBuf> = result
            .diagnostics
            .sorted()
            .iter()
            .filter(|d| d.is_error() && is_shape_error(&d.message))
            .filter(|d| in_yaml(&site.root().join(&d.file), d.span.map_or(1, |s| s.line)))
            .filter_map(|d| d.file.strip_prefix("content").ok().map(Path::to_path_buf))
            .collect();
        let checked = schema_errors(&site.root().join("content"), &schemas);
        let refused: BTreeSet<PathBuf> =
            checked.iter().filter(|(_, e)| !e.is_empty()).map(|(f, _)| f.clone()).collect();
        // A file the YAML parser refuses outright is not a shape error; the schema check cannot
        // read it either.
        let unreadable: BTreeSet<PathBuf> = checked
            .iter()
            .filter(|(_, e)| e.iter().any(|e| e.starts_with("not YAML")))
            .map(|(f, _)| f.clone())
            .collect();
        let refused: BTreeSet<PathBuf> = refused.difference(&unreadable).cloned().collect();
        if refused != shape {
            wrong.push(format!(
                "{case}: schema errors in {refused:?}, shape errors from the build in {shape:?}; schema errors: {:?}",
                checked.iter().filter(|(_, e)| !e.is_empty()).collect::<Vec<_>>()
            ));
        }
        shape_cases += usize::from(!shape.is_empty());
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(shape_cases >= 8, "{shape_cases} fixtures with shape errors");
}

#[test]
fn schema_refuses_a_file_as_its_output_folder() {
    let site = TestSite::empty().file("taken", "notes\n");
    let run = site.cli(&["schema", "--output", "taken"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, "error: taken is a file, not a folder; nothing was written\n");
    assert_eq!(fs::read_to_string(site.root().join("taken")).unwrap(), "notes\n");
    let run = site.cli(&["schema"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("wrote 6 JSON Schemas to schemas:\n"), "{}", run.stdout);
    assert!(run.stdout.contains("stack.schema.json            content/stacks/*.yaml"), "{}", run.stdout);
}
