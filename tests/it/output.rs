//! Guarantees of the output: untouched on failure, byte-identical on rebuild, whatever the folder.

use crate::support::{TestSite, tree};

#[test]
fn a_failed_build_leaves_the_previous_output_byte_for_byte() {
    let site = TestSite::fixture("build/basic");
    assert!(site.build().ok());
    let before = tree(&site.public());
    let site = site.file("content/guide/intro.md", "---\ntitle: Broken\ndescription: [unclosed\n---\n");
    let result = site.build();
    assert!(!result.ok());
    assert_eq!(tree(&site.public()), before);
    let leftovers: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public") && n != ".public.lock")
        .collect();
    assert!(leftovers.is_empty(), "no staging folders are left behind: {leftovers:?}");
}

#[test]
fn rebuilds_are_byte_identical() {
    let site = TestSite::fixture("build/basic");
    assert!(site.build().ok());
    let first = tree(&site.public());
    assert!(site.build().ok());
    assert_eq!(tree(&site.public()), first);
}

#[test]
fn output_does_not_depend_on_the_folder_built_from() {
    let a = TestSite::fixture("build/basic");
    let b = TestSite::fixture("build/basic");
    assert!(a.build().ok());
    // Build b from inside its folder with a relative root, through the binary.
    let run = b.cli(&["build", "--root", "."]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(tree(&a.public()), tree(&b.public()));
}

#[test]
fn output_can_go_elsewhere() {
    let site = TestSite::fixture("build/basic");
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("site");
    let result = site.build_with(|o| o.output = Some(target.clone()));
    assert!(result.ok());
    assert!(target.join("guide/intro/index.html").is_file());
    assert!(!site.public().exists());
}

#[test]
fn output_may_not_overwrite_the_content() {
    let site = TestSite::fixture("build/basic");
    let content = site.root().join("content");
    let result = site.build_with(|o| o.output = Some(content.clone()));
    assert!(!result.ok());
    assert!(content.join("site.yaml").is_file(), "nothing was lost");
}

#[test]
fn the_highlight_cache_never_changes_the_output() {
    let site = TestSite::fixture("build/basic");
    assert!(site.build().ok());
    let cache = site.root().join(stackguide::CACHE_DIR).join("highlight.json");
    assert!(cache.is_file(), "the first build keeps its highlighted code");
    let first = tree(&site.public());
    assert!(site.build().ok());
    assert_eq!(tree(&site.public()), first, "a build from the cache is the same");
    std::fs::write(&cache, "{ not json").unwrap();
    assert!(site.build().ok(), "a broken cache is ignored");
    assert_eq!(tree(&site.public()), first);
}

/// Files are written in batches as they are rendered; a template error in a later batch still
/// leaves the previous output whole, with no staging folder behind.
#[test]
fn a_site_of_many_batches_is_written_whole_and_a_late_failure_keeps_the_old_output() {
    let mut site = TestSite::minimal();
    for i in 0..600 {
        site = site.file(
            &format!("content/many/p{i:04}.md"),
            &format!("---\ntitle: P{i}\ndescription: D.\n---\nText {i}.\n"),
        );
    }
    let result = site.build();
    assert!(result.ok(), "{:?}", result.diagnostics.sorted());
    assert_eq!(result.pages, 600 + 5, "every chapter, the home, search, changes, print and 404");
    let before = tree(&site.public());
    assert_eq!(before.iter().filter(|(p, _)| p.ends_with("index.html")).count(), 600 + 4);
    // The last page in route order fails to render.
    let theme = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/themes/default/templates/chapter.html"
    ))
    .unwrap();
    let broken = theme.replacen(
        "{{ page.title }}",
        "{% if page.title == \"P590\" %}{{ page.nope }}{% endif %}{{ page.title }}",
        1,
    );
    let site = site
        .file("themes/mine/templates/chapter.html", &broken)
        .file("content/site.yaml", "title: T\ndescription: D\nbase_url: https://example.org/\ntheme: mine\n");
    let result = site.build();
    assert!(!result.ok());
    assert!(crate::support::messages(&result)[0].contains("nope"), "{:?}", crate::support::messages(&result));
    assert_eq!(tree(&site.public()), before, "the previous output is whole");
    assert!(!site.root().join(".public.staging").exists(), "and nothing is left beside it");
}
