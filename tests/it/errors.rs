//! Broken input: one fixture per kind of mistake under tests/fixtures/errors/, each a new test.
//! The whole stderr is a snapshot; every case exits with 1, never panics, and keeps public/.

use crate::support::{TestSite, tree};

#[test]
fn every_broken_fixture_is_reported_with_its_position() {
    // Each case is the base site plus its overlay/ and remove list (see tests/fixtures/README.md).
    insta::glob!("../fixtures/errors", "?*", |case| {
        let name = case.file_name().and_then(|n| n.to_str()).expect("case folder name");
        let site = TestSite::overlay(&format!("errors/{name}"));
        // A previous build's output: a file and the manifest that names it.
        site.write("public/keep.txt", b"previous build");
        let manifest = format!("{}\nkeep.txt\n", stackguide::parts::MANIFEST_HEADER);
        site.write(&format!("public/{}", stackguide::parts::MANIFEST), manifest.as_bytes());
        let before = tree(&site.public());
        let run = site.cli(&["build"]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        assert_eq!(tree(&site.public()), before, "public/ is untouched");
        insta::assert_snapshot!(run.stderr);
    });
}

#[test]
fn all_problems_are_reported_together() {
    let site = TestSite::minimal()
        .file("content/a.md", "---\ntitle: A\ndescription: A\nwieght: 1\n---\n")
        .file("content/b.md", "---\ntitle: B\n---\n")
        .file("content/site.yaml", "title: T\ndescription: D\nbase_url: https://example.org/\nauthor: [x]\n");
    let result = site.build();
    let messages = crate::support::messages(&result);
    assert_eq!(messages.len(), 3, "{messages:#?}");
    assert!(messages[0].starts_with("content/a.md:4:1: error: unknown field `wieght`"), "{messages:#?}");
    assert!(messages[1].starts_with("content/b.md:2:1: error: missing field `description`"), "{messages:#?}");
    assert!(
        messages[2].starts_with(
            "content/site.yaml:4:9: error: author: found a list, expected text, like `author: Some text`"
        ),
        "{messages:#?}"
    );
}

/// `updated:` must name a day that exists: month 13 and February 30 are errors at the value, with
/// the message a date of the wrong shape gets; February 29 of a leap year is fine.
#[test]
fn impossible_dates_are_errors_at_the_field() {
    let site = TestSite::minimal()
        .file("content/a.md", "---\ntitle: A\ndescription: A\nupdated: 2026-13-45\n---\n")
        .file("content/b.md", "---\ntitle: B\ndescription: B\nweight: 2\nupdated:   2026-02-30\n---\n")
        .file("content/c.md", "---\ntitle: C\ndescription: C\nupdated: 2024-02-29\n---\n");
    assert_eq!(
        crate::support::messages(&site.build()),
        [
            "content/a.md:4:10: error: `updated: 2026-13-45` is not a date (help: write the date as YYYY-MM-DD, e.g. 2026-11-01)",
            "content/b.md:5:12: error: `updated: 2026-02-30` is not a date (help: write the date as YYYY-MM-DD, e.g. 2026-11-01)",
        ]
    );
    let run = site.cli(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error: `updated: 2026-13-45` is not a date\n --> content/a.md:4:10\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn link_errors_in_several_pages_are_all_reported() {
    let site =
        TestSite::minimal().file("content/a.md", "---\ntitle: A\ndescription: A\n---\n[x](nope.md)\n").file(
            "content/b.md",
            "---\ntitle: B\ndescription: B\n---\n## Here\n[y](a.md#nowhere) [z](#here) [w](#there)\n",
        );
    let messages = crate::support::messages(&site.build());
    assert_eq!(messages.len(), 3, "{messages:#?}");
    assert!(messages[1].contains("`/a/` has no heading or anchor `#nowhere`"), "{messages:#?}");
    assert!(
        messages[2].starts_with("content/b.md:6:30: error: `/b/` has no heading or anchor `#there`"),
        "{messages:#?}"
    );
    assert!(messages[2].contains("did you mean `here`?"), "{messages:#?}");
}

#[test]
fn non_utf8_and_oversized_files_are_refused_without_panicking() {
    let site = TestSite::minimal();
    site.write("content/bad.md", b"---\ntitle: A\ndescription: \xff\xfe\n---\n");
    let messages = crate::support::messages(&site.build());
    assert_eq!(
        messages,
        ["content/bad.md:3:14: error: file is not valid UTF-8 (help: save the file as UTF-8)"]
    );
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_site_are_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), "---\ntitle: S\ndescription: S\n---\nsecret\n").unwrap();
    let site = TestSite::minimal();
    std::os::unix::fs::symlink(outside.path().join("secret.md"), site.root().join("content/secret.md"))
        .unwrap();
    let result = site.build();
    let messages = crate::support::messages(&result);
    assert_eq!(messages.len(), 1, "{messages:#?}");
    assert!(
        messages[0].starts_with("content/secret.md: error: symlink points outside the site folder"),
        "{messages:#?}"
    );
    assert!(!site.public().join("secret").exists());
    // The same for a theme.
    let site = TestSite::minimal()
        .file("content/site.yaml", "title: T\ndescription: D\nbase_url: https://example.org/\ntheme: mine\n");
    std::fs::create_dir_all(site.root().join("themes/mine/templates")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.md"),
        site.root().join("themes/mine/templates/base.html"),
    )
    .unwrap();
    let messages = crate::support::messages(&site.build());
    assert_eq!(messages.len(), 1, "{messages:#?}");
    assert!(
        messages[0]
            .starts_with("themes/mine/templates/base.html: error: symlink points outside the site folder"),
        "{messages:#?}"
    );
}

/// Regression tests for the safety issue: a theme is a name under themes/, never a path.
#[test]
fn a_theme_is_a_folder_name_under_themes_never_a_path() {
    for theme in ["/usr", "../..", "../outside", "a/b", "..", "C:\\\\Windows"] {
        let site = TestSite::minimal().file(
            "content/site.yaml",
            &format!("title: T\ndescription: D\nbase_url: https://example.org/\ntheme: \"{theme}\"\n"),
        );
        let result = site.build();
        let messages = crate::support::messages(&result);
        assert_eq!(messages.len(), 1, "{theme}: {messages:#?}");
        assert!(
            messages[0].starts_with(&format!(
                "content/site.yaml:4:8: error: `theme: {}` is not a theme name",
                theme.replace("\\\\", "\\")
            )),
            "{messages:#?}"
        );
        assert!(!site.public().exists(), "{theme}: nothing was written");
    }
}

#[cfg(unix)]
#[test]
fn folders_symlinked_out_of_the_site_are_refused_and_not_read() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(outside.path().join("templates")).unwrap();
    std::fs::create_dir_all(outside.path().join("static")).unwrap();
    std::fs::write(outside.path().join("static/secret.txt"), "the secret").unwrap();
    std::fs::write(outside.path().join("page.md"), "---\ntitle: S\ndescription: S\n---\nthe secret\n")
        .unwrap();
    let site = TestSite::minimal()
        .file("content/site.yaml", "title: T\ndescription: D\nbase_url: https://example.org/\ntheme: mine\n");
    std::fs::create_dir_all(site.root().join("themes")).unwrap();
    std::os::unix::fs::symlink(outside.path(), site.root().join("themes/mine")).unwrap();
    let messages = crate::support::messages(&site.build());
    assert_eq!(
        messages,
        [
            "content/site.yaml:4:8: error: `themes/mine` is a symlink to a folder outside the site (help: copy the theme into themes/; stackguide reads nothing outside the site folder)"
        ]
    );
    // A folder of content/ linked outside: refused, and nothing under it is read.
    let site = TestSite::minimal();
    std::os::unix::fs::symlink(outside.path(), site.root().join("content/linked")).unwrap();
    let result = site.build();
    let messages = crate::support::messages(&result);
    assert_eq!(messages.len(), 1, "{messages:#?}");
    assert!(
        messages[0].starts_with("content/linked: error: symlink points outside the site folder"),
        "{messages:#?}"
    );
    assert!(result.sources.get(std::path::Path::new("content/linked/page.md")).is_none(), "not read");
    // A theme inside the site reached through a symlink is fine.
    let site = TestSite::minimal()
        .file("content/site.yaml", "title: T\ndescription: D\nbase_url: https://example.org/\ntheme: mine\n")
        .file("shared-theme/static/extra.txt", "extra");
    std::fs::create_dir_all(site.root().join("themes")).unwrap();
    std::os::unix::fs::symlink(site.root().join("shared-theme"), site.root().join("themes/mine")).unwrap();
    assert!(site.build().ok());
    assert_eq!(site.read("extra.txt"), "extra");
}

#[test]
fn very_large_files_are_refused_with_their_size() {
    let site = TestSite::minimal();
    let big = format!("---\ntitle: Big\ndescription: Big.\n---\n{}", "word ".repeat(2_000_000));
    site.write("content/big.md", big.as_bytes());
    site.write("public/keep.txt", b"previous");
    let messages = crate::support::messages(&site.build());
    assert_eq!(messages.len(), 1, "{messages:#?}");
    assert!(
        messages[0].starts_with("content/big.md: error: file is too large (10000037 bytes)"),
        "{messages:#?}"
    );
    assert!(messages[0].contains("at most 8 MiB"), "{messages:#?}");
    assert_eq!(std::fs::read(site.public().join("keep.txt")).unwrap(), b"previous");
}

#[test]
fn very_deep_nesting_is_an_error_or_text_never_a_crash() {
    // YAML nested 10,000 deep: the parser's depth limit answers with a position.
    let deep_yaml = format!("---\ntitle: Deep\ndescription: Deep.\nstacks: {}\n---\n", "[".repeat(10_000));
    let site = TestSite::minimal().file("content/deep.md", &deep_yaml);
    let messages = crate::support::messages(&site.build());
    assert_eq!(messages.len(), 1, "{messages:#?}");
    assert!(messages[0].starts_with("content/deep.md:4:"), "{messages:#?}");
    // Markdown nested 5,000 deep (quotes in lists in quotes): rendered, not overflowed.
    let deep_md = format!("---\ntitle: Deep\ndescription: Deep.\n---\n{}text\n", "> - ".repeat(5_000));
    let site = TestSite::minimal().file("content/deep.md", &deep_md);
    let run = site.cli(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.read("deep/index.html").contains("text"));
}

/// Sections nested deeper than the sidebar shows are an error at the first page too deep, not a
/// template error in the theme.
#[test]
fn sections_nested_too_deep_are_an_error_at_the_page() {
    let mut site = TestSite::minimal();
    let mut dir = String::from("content");
    for i in 1..=14 {
        dir.push_str(&format!("/s{i}"));
        site = site.file(&format!("{dir}/_index.md"), &format!("---\ntitle: S{i}\ndescription: D\n---\n"));
    }
    let m = crate::support::messages(&site.build());
    assert_eq!(
        m,
        [
            "content/s1/s2/s3/s4/s5/s6/s7/s8/s9/s10/s11/s12/s13/_index.md: error: this page is nested 13 sections deep; at most 12 levels are allowed (help: readers find their way in a few levels; move the folder up)"
        ]
    );
    std::fs::remove_dir_all(site.root().join("content/s1/s2/s3/s4/s5/s6/s7/s8/s9/s10/s11/s12/s13")).unwrap();
    assert!(site.build().ok(), "12 levels build");
}
