//! `/print/`: the whole guide on one page, chapters in reading order then the stacks, with ids
//! made unique and links between chapters turned into links within the page.

use std::collections::BTreeSet;

use crate::support::{TestSite, main_of, select};

fn ids(html: &str) -> Vec<String> {
    html.split(" id=\"").skip(1).map(|s| s[..s.find('"').unwrap()].to_string()).collect()
}

#[test]
fn the_print_page_holds_every_chapter_in_reading_order_then_every_stack() {
    let site = TestSite::built("base");
    let html = site.read("print/index.html");
    let sections: Vec<String> =
        select(&html, "section.print-chapter").iter().map(|s| s.attr("id").unwrap().to_string()).collect();
    assert_eq!(sections, ["p", "p.guide", "p.guide.choosing"]);
    let stacks: Vec<String> =
        select(&html, "section.print-stack").iter().map(|s| s.attr("id").unwrap().to_string()).collect();
    assert_eq!(stacks, ["p.stacks.go-gin", "p.stacks.node-express", "p.stacks.ruby-rails"]);
    // The chapter's body is there, its headings one level down under the chapter's title.
    assert!(html.contains("<h2 id=\"p.guide.choosing_title\">Choosing</h2>"));
    assert!(
        html.contains("<h3 id=\"p.guide.choosing_compare\">"),
        "## Compare becomes an h3 with a prefixed id"
    );
    // A stack's profile: its long form, its chart and its ratings, ids prefixed with its anchor.
    assert!(html.contains("Go is <strong>fast</strong>."));
    assert!(html.contains("<h4 id=\"p.stacks.go-gin_when-it-shines\">"));
    assert!(html.contains(
        "aria-labelledby=\"p.stacks.go-gin_profile-title\" aria-describedby=\"p.stacks.go-gin_ratings-table\""
    ));
    assert!(html.contains("<table class=\"ratings\" id=\"p.stacks.go-gin_ratings-table\">"));
    // Paper: no sidebar, no site header.
    assert!(!html.contains("class=\"sidebar\"") && !html.contains("class=\"site-header\""));
    assert!(site.read("sitemap.xml").contains("<loc>https://example.org/print/</loc>"));
}

#[test]
fn ids_are_unique_and_every_link_within_the_page_finds_its_target() {
    let site = TestSite::built("base");
    let html = site.read("print/index.html");
    let all = ids(&html);
    let unique: BTreeSet<&String> = all.iter().collect();
    assert_eq!(unique.len(), all.len(), "duplicate ids in {all:?}");
    let targets: Vec<String> =
        html.split("href=\"#").skip(1).map(|s| s[..s.find('"').unwrap()].to_string()).collect();
    assert!(targets.len() > 10);
    for t in &targets {
        assert!(unique.contains(t), "#{t} has no target");
    }
    for r in html.split("url(#").skip(1).map(|s| &s[..s.find(')').unwrap()]) {
        assert!(unique.contains(&r.to_string()), "url(#{r}) has no target");
    }
    // The chapter's links to a stack and to a comparison: the stack is on the page, the
    // comparison is not, so it keeps its full address (shown on paper).
    assert!(html.contains("href=\"#p.stacks.node-express_ratings\">Express</a>"));
    assert!(html.contains("href=\"https://example.org/compare/go-gin-vs-node-express/\">the pair</a>"));
}

#[test]
fn every_chapter_links_the_print_page_from_its_footer() {
    let site = TestSite::built("base");
    for (page, anchor) in [("guide/choosing/index.html", "p.guide.choosing"), ("guide/index.html", "p.guide")]
    {
        let main = main_of(&site.read(page));
        let link = select(&main, ".chapter-footer a");
        assert_eq!(link.len(), 1, "{page}");
        assert_eq!(link[0].attr("href"), Some(format!("/print/#{anchor}").as_str()));
    }
}

#[test]
fn a_broken_print_template_fails_the_build_and_keeps_the_old_output() {
    let site = TestSite::built("base");
    let before = crate::support::tree(&site.public());
    let config = std::fs::read_to_string(site.root().join("content/site.yaml")).unwrap();
    let site = site
        .file("themes/mine/templates/print.html", "{{ nope }}")
        .file("content/site.yaml", &config.replace("title:", "theme: mine\ntitle:"));
    let result = site.build();
    assert!(!result.ok());
    let messages = crate::support::messages(&result);
    assert!(messages.iter().any(|m| m.contains("nope")), "{messages:?}");
    assert_eq!(crate::support::tree(&site.public()), before, "the previous output is whole");
}
