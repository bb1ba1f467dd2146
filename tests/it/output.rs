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
