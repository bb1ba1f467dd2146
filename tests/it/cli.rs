//! The binary: exit codes, the summary line, init.

use crate::support::TestSite;

#[test]
fn build_prints_one_summary_line() {
    let site = TestSite::fixture("build/basic");
    let run = site.cli(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    let words: Vec<&str> = lines[0].split(' ').collect();
    assert_eq!(
        (words[0], words[1], words[2], words[3], words[5]),
        ("built", "12", "pages", "in", "ms"),
        "{}",
        lines[0]
    );
    assert!(words[4].parse::<u64>().is_ok());
    assert_eq!(run.stderr, "");
}

#[test]
fn init_writes_a_site_that_builds_and_refuses_to_overwrite() {
    let site = TestSite::empty();
    let run = site.cli(&["init", "mysite"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = site.cli(&["build", "--root", "mysite"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.root().join("mysite/public/guide/getting-started/index.html").is_file());
    let before = std::fs::read(site.root().join("mysite/content/site.yaml")).unwrap();
    let again = site.cli(&["init", "mysite"]);
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("already has a content/ folder; nothing was changed"), "{}", again.stderr);
    assert_eq!(std::fs::read(site.root().join("mysite/content/site.yaml")).unwrap(), before);
}

#[test]
fn usage_errors_exit_with_2() {
    let run = TestSite::empty().cli(&["build", "--message-format", "xml"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("invalid value 'xml'"), "{}", run.stderr);
}

#[test]
fn a_folder_without_content_is_explained() {
    let run = TestSite::empty().cli(&["build"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("error: the site has no `content/` folder"), "{}", run.stderr);
    assert!(run.stderr.contains("stackguide init"), "{}", run.stderr);
}

/// Every line of stdout, parsed as JSON; panics on a line that is not.
fn json_lines(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

#[test]
fn json_output_is_only_json_lines_ending_with_a_summary_object() {
    let site = TestSite::fixture("build/basic")
        .file("content/guide/wip.md", "---\ntitle: W\ndescription: D\n---\n```nosuchlang\nx\n```\n");
    for command in ["build", "check"] {
        let run = site.cli(&[command, "--message-format", "json"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let lines = json_lines(&run.stdout);
        let summary = lines.last().unwrap();
        assert_eq!(summary["type"], "summary");
        assert_eq!(summary["command"], command);
        assert_eq!(summary["success"], true);
        assert_eq!(summary["errors"], 0);
        assert!(summary["pages"].as_u64().unwrap() > 5, "{summary}");
        assert!(lines[..lines.len() - 1].iter().all(|l| l["type"] == "diagnostic"), "{}", run.stdout);
        assert_eq!(summary["warnings"].as_u64().unwrap() as usize, lines.len() - 1);
    }
    let broken = site.file("content/guide/intro.md", "---\ntitle: [\n---\n");
    let run = broken.cli(&["build", "--message-format", "json"]);
    assert_eq!(run.code, 1);
    let lines = json_lines(&run.stdout);
    let summary = lines.last().unwrap();
    assert_eq!((summary["type"].as_str(), summary["success"].as_bool()), (Some("summary"), Some(false)));
    assert_eq!(summary["errors"], 1);
    assert_eq!(lines[0]["file"], "content/guide/intro.md");
}

#[test]
fn a_flood_of_errors_is_cut_short_with_a_count() {
    let links: String = (0..80).map(|i| format!("[x](missing-{i}.md)\n")).collect();
    let site = TestSite::fixture("build/basic")
        .file("content/guide/intro.md", &format!("---\ntitle: I\ndescription: D\n---\n{links}"));
    let run = site.cli(&["build"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr.matches("error: link").count(), 50, "{}", run.stderr);
    assert!(run.stderr.contains("... and 30 more not shown"), "{}", run.stderr);
    assert!(run.stderr.trim_end().ends_with("80 errors"), "{}", run.stderr);
    let run = site.cli(&["build", "--message-format", "json"]);
    let lines = json_lines(&run.stdout);
    assert_eq!(lines.len(), 51);
    assert_eq!((lines[50]["errors"].as_u64(), lines[50]["shown"].as_u64()), (Some(80), Some(50)));
}

/// Issue: `init` in a folder that has a `.gitignore` keeps it byte for byte and says which lines
/// to add; the site it writes builds.
#[test]
fn init_keeps_an_existing_gitignore_and_says_what_to_add() {
    let mine = "# my project\nnode_modules/\n*.log\n";
    let site = TestSite::empty().file("mysite/.gitignore", mine);
    let run = site.cli(&["init", "mysite"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(std::fs::read(site.root().join("mysite/.gitignore")).unwrap(), mine.as_bytes());
    let kept = format!("kept the existing {} as it is; add these lines to it:\n", "mysite/.gitignore");
    assert!(
        run.stdout.contains(&format!("{kept}    public/\n    .public.*\n    .stackguide-cache/\n")),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("created a new site in mysite (15 files)"), "{}", run.stdout);
    let build = site.cli(&["build", "--root", "mysite"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(site.root().join("mysite/public/guide/getting-started/index.html").is_file());
}

/// A `.gitignore` that is a symlink is neither followed nor replaced.
#[cfg(unix)]
#[test]
fn init_does_not_write_through_a_symlinked_gitignore() {
    let site = TestSite::empty().file("elsewhere.txt", "not to be touched\n");
    std::fs::create_dir(site.root().join("mysite")).unwrap();
    std::os::unix::fs::symlink(site.root().join("elsewhere.txt"), site.root().join("mysite/.gitignore"))
        .unwrap();
    let run = site.cli(&["init", "mysite"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(site.root().join("elsewhere.txt")).unwrap(), "not to be touched\n");
    assert!(
        std::fs::symlink_metadata(site.root().join("mysite/.gitignore")).unwrap().file_type().is_symlink()
    );
    assert!(run.stdout.contains("kept the existing mysite/.gitignore as it is"), "{}", run.stdout);
}

/// `init` on a path that is a file refuses and leaves the file alone.
#[test]
fn init_refuses_a_file() {
    let site = TestSite::empty().file("notes.txt", "my notes\n");
    let run = site.cli(&["init", "notes.txt"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("error: notes.txt is a file, not a folder; nothing was changed"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_to_string(site.root().join("notes.txt")).unwrap(), "my notes\n");
    assert_eq!(crate::support::tree(site.root()).len(), 1);
}

/// A progress line is for terminals only: piped, or with --quiet, stderr stays empty and the
/// summary line is the only output.
#[test]
fn no_progress_line_when_piped_or_quiet() {
    let site = TestSite::fixture("build/basic");
    for args in [&["build"][..], &["build", "--quiet"][..]] {
        let run = site.cli(args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(run.stderr, "", "{args:?}");
        assert!(run.stdout.starts_with("built ") && run.stdout.lines().count() == 1, "{}", run.stdout);
    }
}
