//! The commands for a writer's tools, through the real binary: `help content`, `completions`,
//! and the schemas and editor settings `init` writes.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::support::TestSite;

#[test]
fn help_content_prints_the_content_format_reference() {
    let site = TestSite::empty();
    let run = site.cli(&["help", "content"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/content-format.md")).unwrap();
    assert_eq!(run.stdout, doc);
    assert!(site.cli(&["--help"]).stdout.contains("`stackguide help content`"));
    let build = site.cli(&["help", "build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(build.stdout.contains("Usage: stackguide build [OPTIONS]"), "{}", build.stdout);
    let unknown = site.cli(&["help", "contents"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.starts_with("error: there is no help on `contents`; ask for `content` (the format of the files writers edit) or a command: `build`, `check`,"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn no_message_points_at_documentation_without_saying_where() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut vague = Vec::new();
    for dir in ["src", "starter", "themes"] {
        for entry in walkdir::WalkDir::new(root.join(dir)).into_iter().filter_map(Result::ok) {
            let text = fs::read_to_string(entry.path()).unwrap_or_default();
            for (i, line) in text.lines().enumerate() {
                let lower = line.to_lowercase();
                let points = [
                    "see the doc",
                    "in the documentation",
                    "stackguide documentation",
                    "docs/content-format",
                ]
                .iter()
                .any(|p| lower.contains(p));
                if points && !line.contains("include_str!") && !line.trim_start().starts_with("///") {
                    vague.push(format!("{}:{}: {line}", entry.path().display(), i + 1));
                }
            }
        }
    }
    assert!(vague.is_empty(), "say `stackguide help content` instead:\n{}", vague.join("\n"));
}

#[test]
fn completions_for_each_shell_name_the_subcommands() {
    let site = TestSite::empty();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let run = site.cli(&["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        for command in ["build", "check", "serve", "init", "new", "schema", "completions"] {
            assert!(run.stdout.contains(command), "{shell} lacks {command}");
        }
        assert!(run.stdout.contains("message-format"), "{shell}");
    }
    let bash = site.cli(&["completions", "bash"]);
    site.write("stackguide.bash", bash.stdout.as_bytes());
    let check = std::process::Command::new("bash")
        .arg("-n")
        .arg(site.root().join("stackguide.bash"))
        .output()
        .unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    let unknown = site.cli(&["completions", "tcsh"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("invalid value 'tcsh'"), "{}", unknown.stderr);
    assert!(
        unknown.stderr.contains("[possible values: bash, elvish, fish, powershell, zsh]"),
        "{}",
        unknown.stderr
    );
}

/// `init` writes the schemas and maps each to its files for the YAML language server; every
/// YAML file of the new site and every file `new` writes names an existing schema in its first
/// line, by a path relative to itself.
#[test]
fn init_maps_the_schemas_to_their_files_and_new_files_name_theirs() {
    let site = TestSite::empty();
    assert_eq!(site.cli(&["init", "s"]).code, 0);
    let s = site.root().join("s");
    let settings: Value =
        serde_json::from_str(&fs::read_to_string(s.join(".vscode/settings.json")).unwrap()).unwrap();
    let map = settings["yaml.schemas"].as_object().unwrap();
    assert_eq!(map.len(), 5, "{map:?}");
    for (schema, globs) in map {
        assert!(s.join(schema).is_file(), "{schema}");
        for glob in globs.as_array().unwrap() {
            let glob = glob.as_str().unwrap();
            let (dir, name) = glob.rsplit_once('/').unwrap();
            let matched = fs::read_dir(s.join(dir)).unwrap().filter_map(Result::ok).any(|e| {
                name == "*.yaml" && e.path().extension().is_some_and(|x| x == "yaml") || e.file_name() == name
            });
            assert!(matched, "{glob} matches no file of the new site");
        }
    }
    assert!(s.join("schemas/front-matter.schema.json").is_file());
    for new in [["new", "stack", "go-gin"], ["new", "decision", "pick"]] {
        let run = site.cli(&[new[0], new[1], new[2], "--root", "s"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let yaml: Vec<_> = walkdir::WalkDir::new(s.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        .collect();
    assert_eq!(yaml.len(), 7);
    for entry in yaml {
        let text = fs::read_to_string(entry.path()).unwrap();
        let first = text.lines().next().unwrap();
        let target =
            first.strip_prefix("# yaml-language-server: $schema=").unwrap_or_else(|| panic!("{first}"));
        assert!(
            entry.path().parent().unwrap().join(target).is_file(),
            "{}: {target}",
            entry.path().display()
        );
    }
}

#[test]
fn init_into_a_folder_with_editor_settings_keeps_them_and_says_what_to_add() {
    let site = TestSite::empty()
        .file("s/.vscode/settings.json", "{ \"editor.tabSize\": 2 }\n")
        .file("s/notes.txt", "mine\n");
    let run = site.cli(&["init", "s"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        fs::read_to_string(site.root().join("s/.vscode/settings.json")).unwrap(),
        "{ \"editor.tabSize\": 2 }\n"
    );
    assert!(
        run.stdout.contains("kept the existing s/.vscode/settings.json as it is; to have editors check the YAML files against the schemas, add:\n    {\n      \"yaml.schemas\": {\n"),
        "{}",
        run.stdout
    );
    assert_eq!(fs::read_to_string(site.root().join("s/notes.txt")).unwrap(), "mine\n");
    assert_eq!(site.cli(&["build", "--root", "s"]).code, 0);
}
