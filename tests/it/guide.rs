//! The guide in this repository's content/ builds cleanly and every link in it resolves.

use std::path::Path;

use crate::support::{TestSite, copy_dir, internal_links_resolve};

/// The stack profiles of the guide whose every rating names its sources.
const FULLY_SOURCED: &[&str] =
    &["content/stacks/java-spring-boot.yaml", "content/stacks/csharp-aspnet-core.yaml"];

/// The guide builds without errors, and its only warnings are the profiles whose ratings are
/// not sourced yet: one per profile, never for a profile that is fully sourced. Sourcing the
/// rest is work on the content; any other warning is a regression.
#[test]
fn the_guide_builds_without_errors_and_warns_only_about_unsourced_ratings() {
    let site = TestSite::empty();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"), &site.root().join("content"));
    let result = site.build();
    let problems = crate::support::messages(&result);
    let unsourced = |m: &String| {
        m.contains(": warning: ") && (m.contains(" ratings has a source") || m.contains(" no source: "))
    };
    let other: Vec<&String> = problems.iter().filter(|m| !unsourced(m)).collect();
    assert!(other.is_empty(), "{other:#?}");
    for sourced in FULLY_SOURCED {
        assert!(!problems.iter().any(|m| m.contains(sourced)), "{sourced}: {problems:#?}");
    }
    let profiles: Vec<&str> = problems.iter().filter_map(|m| m.split(':').next()).collect();
    let mut distinct = profiles.clone();
    distinct.dedup();
    assert_eq!(profiles, distinct, "one warning per profile");
    let stacks = std::fs::read_dir(site.root().join("content/stacks"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "yaml"))
        .count();
    assert!(stacks >= 12);
    let compare = std::fs::read_dir(site.public().join("compare"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().is_dir())
        .count();
    assert_eq!(compare, stacks * (stacks - 1) / 2, "a page per pair, beside /compare/ itself");
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
