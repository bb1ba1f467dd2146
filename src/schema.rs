//! JSON Schemas of the files writers edit, generated from the very types `load` decodes them
//! into (`schemars` reads the same field names, defaults and `deny_unknown_fields`), so an
//! editor's checks and the build's cannot drift apart. `stackguide schema` and `init` write them;
//! `init` also maps them to their files for editors that use the YAML language server.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};
use serde_json::{Value, json};

use crate::config::SiteConfig;
use crate::data::{Criterion, DecisionFile, ProjectType, StackFile};
use crate::load::FrontMatter;

/// The folder of a site that `init` writes the schemas into.
pub(crate) const SCHEMA_DIR: &str = "schemas";

/// One schema: its file name, the site's files it describes (globs relative to the site) and
/// its text.
#[derive(Debug, Clone)]
pub(crate) struct SchemaFile {
    pub name: &'static str,
    pub files: &'static [&'static str],
    pub text: String,
}

/// Every schema, in a fixed order.
pub(crate) fn all() -> Vec<SchemaFile> {
    vec![
        make::<SiteConfig>("site", &["content/site.yaml"], "The site's settings: content/site.yaml."),
        make::<Vec<Criterion>>(
            "criteria",
            &["content/criteria.yaml"],
            "The criteria stacks are rated on, each with its scale from least to most favourable: content/criteria.yaml.",
        ),
        make::<Vec<ProjectType>>(
            "project-types",
            &["content/project-types.yaml"],
            "The kinds of project a stack can fit well or badly: content/project-types.yaml.",
        ),
        required(
            make::<StackFile>(
                "stack",
                &["content/stacks/*.yaml"],
                "A stack profile: content/stacks/<id>.yaml (the file name is the id).",
            ),
            "reviewed",
        ),
        make::<DecisionFile>(
            "decision",
            &["content/decisions/*.yaml"],
            "A decision flowchart: content/decisions/<id>.yaml (the file name is the id).",
        ),
        make::<FrontMatter>(
            "front-matter",
            &[],
            "The front matter of a chapter, section or home page: the YAML between the two `---` lines at the top of a Markdown file under content/.",
        ),
    ]
}

fn make<T: JsonSchema>(name: &'static str, files: &'static [&'static str], what: &str) -> SchemaFile {
    let mut schema: Schema = SchemaSettings::draft07().into_generator().into_root_schema_for::<T>();
    schema.insert("title".into(), Value::String(format!("stackguide {name}")));
    schema.insert("description".into(), Value::String(what.into()));
    let text = serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n";
    SchemaFile { name, files, text }
}

/// `s` with the top-level property `key` required: a key the type decodes as optional only so
/// that the build can report it missing with a better message (`reviewed`: the line to add).
fn required(s: SchemaFile, key: &str) -> SchemaFile {
    let Ok(mut schema) = serde_json::from_str::<Value>(&s.text) else { return s };
    if let Some(list) = schema.get_mut("required").and_then(Value::as_array_mut) {
        list.push(Value::String(key.into()));
    }
    if let Some(property) = schema.pointer_mut(&format!("/properties/{key}")).and_then(Value::as_object_mut) {
        property.remove("default");
    }
    let text = serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n";
    SchemaFile { text, ..s }
}

impl SchemaFile {
    /// `stack.schema.json`.
    pub(crate) fn file_name(&self) -> String {
        format!("{}.schema.json", self.name)
    }
}

/// The schema that describes the YAML file at `rel` (relative to the site), if one does.
pub(crate) fn for_file(rel: &Path) -> Option<&'static str> {
    let rel = rel.to_string_lossy().replace('\\', "/");
    let (folder, name) = rel.rsplit_once('/').unwrap_or(("", &rel));
    match (folder, name) {
        ("content", "site.yaml") => Some("site"),
        ("content", "criteria.yaml") => Some("criteria"),
        ("content", "project-types.yaml") => Some("project-types"),
        ("content/stacks", n) if n.ends_with(".yaml") => Some("stack"),
        ("content/decisions", n) if n.ends_with(".yaml") => Some("decision"),
        _ => None,
    }
}

/// The first line of a new YAML file at `rel` (relative to the site): a comment that tells the
/// YAML language server which schema of `schemas/` checks it.
pub(crate) fn modeline(rel: &Path) -> Option<String> {
    let name = for_file(rel)?;
    let depth = rel.components().count().saturating_sub(1);
    let up = "../".repeat(depth);
    Some(format!("# yaml-language-server: $schema={up}{SCHEMA_DIR}/{name}.schema.json\n"))
}

/// `.vscode/settings.json`: each schema of `schemas/` mapped to its files by glob.
pub(crate) fn vscode_settings() -> String {
    let mut map = serde_json::Map::new();
    for s in all().iter().filter(|s| !s.files.is_empty()) {
        map.insert(format!("./{SCHEMA_DIR}/{}", s.file_name()), json!(s.files));
    }
    serde_json::to_string_pretty(&json!({ "yaml.schemas": map })).unwrap_or_default() + "\n"
}

/// Write every schema into `dir` (created if missing; schemas already there are replaced,
/// nothing else is touched). Returns the paths written.
pub(crate) fn write(dir: &Path) -> io::Result<Vec<PathBuf>> {
    if dir.exists() && !dir.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} is a file, not a folder; nothing was written", dir.display()),
        ));
    }
    fs::create_dir_all(dir)
        .map_err(|e| io::Error::new(e.kind(), format!("cannot create {}: {e}", dir.display())))?;
    let mut written = Vec::new();
    for s in all() {
        let path = dir.join(s.file_name());
        fs::write(&path, &s.text)
            .map_err(|e| io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display())))?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_yaml_file_finds_its_schema_by_a_relative_path() {
        assert_eq!(
            modeline(Path::new("content/stacks/go-gin.yaml")).unwrap(),
            "# yaml-language-server: $schema=../../schemas/stack.schema.json\n"
        );
        assert_eq!(
            modeline(Path::new("content/site.yaml")).unwrap(),
            "# yaml-language-server: $schema=../schemas/site.schema.json\n"
        );
        assert_eq!(modeline(Path::new("content/guide/intro.md")), None);
        assert_eq!(for_file(Path::new("content/stacks/sub/x.yaml")), None);
    }

    #[test]
    fn schemas_refuse_unknown_keys_and_name_required_fields() {
        let stack: Value = serde_json::from_str(&all()[3].text).unwrap();
        assert_eq!(stack["additionalProperties"], false);
        let required: Vec<&str> =
            stack["required"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
        assert!(required.contains(&"ratings") && !required.contains(&"users"), "{required:?}");
        let settings: Value = serde_json::from_str(&vscode_settings()).unwrap();
        assert_eq!(settings["yaml.schemas"]["./schemas/stack.schema.json"], json!(["content/stacks/*.yaml"]));
    }
}
