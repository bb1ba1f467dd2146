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
        ("built", "10", "pages", "in", "ms"),
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
