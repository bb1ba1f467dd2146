//! The guide in this repository's content/ builds cleanly and every link in it resolves.

use std::path::Path;

use crate::support::{TestSite, copy_dir, internal_links_resolve};

#[test]
fn the_guide_builds_without_errors_or_warnings() {
    let site = TestSite::empty();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"), &site.root().join("content"));
    let result = site.build();
    let problems = crate::support::messages(&result);
    assert!(problems.is_empty(), "{problems:#?}");
    let stacks = std::fs::read_dir(site.root().join("content/stacks"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "yaml"))
        .count();
    assert!(stacks >= 12);
    let compare = std::fs::read_dir(site.public().join("compare")).unwrap().count();
    assert_eq!(compare, stacks * (stacks - 1) / 2);
    internal_links_resolve(&site.public());
}
