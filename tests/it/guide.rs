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
    internal_links_resolve(&site.public(), &result.site.as_ref().expect("a site").base);
}

/// Issue 7: every page has its own title and description, a canonical address, Open Graph
/// tags and a language, and is in the sitemap.
#[test]
fn every_page_of_the_guide_is_findable_and_described() {
    let site = TestSite::empty();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"), &site.root().join("content"));
    assert!(site.build().ok());
    let sitemap = site.read("sitemap.xml");
    let attr = |html: &str, start: &str| -> String {
        let i = html.find(start).unwrap_or_else(|| panic!("missing {start}")) + start.len();
        html[i..i + html[i..].find('"').unwrap()].to_string()
    };
    let mut titles = std::collections::HashMap::new();
    let mut descriptions = std::collections::HashMap::new();
    for (path, bytes) in crate::support::tree(&site.public()) {
        if !path.ends_with(".html") || path == "404.html" {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let title = &html[html.find("<title>").unwrap() + 7..html.find("</title>").unwrap()];
        if let Some(other) = titles.insert(title.to_string(), path.clone()) {
            panic!("{path} and {other} share the title {title}");
        }
        let description = attr(&html, "<meta name=\"description\" content=\"");
        assert!(description.len() > 20, "{path}: {description}");
        if let Some(other) = descriptions.insert(description.clone(), path.clone()) {
            panic!("{path} and {other} share the description {description}");
        }
        let canonical = attr(&html, "<link rel=\"canonical\" href=\"");
        assert!(canonical.starts_with("https://"), "{path}: {canonical}");
        assert_eq!(attr(&html, "<meta property=\"og:url\" content=\""), canonical);
        for tag in ["og:title", "og:description", "og:type", "og:site_name"] {
            assert!(html.contains(&format!("<meta property=\"{tag}\" content=\"")), "{path}: {tag}");
        }
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"), "{path}");
        assert!(sitemap.contains(&format!("<loc>{canonical}</loc>")), "{path} is in the sitemap");
    }
    assert!(titles.len() > 100);
}
