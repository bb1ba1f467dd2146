//! The pages built from the evidence: stack pages' review date, versions and numbered sources,
//! the same sources on comparisons, `/methodology/`, `/changes/` and its Atom feed (read back by
//! a real feed parser), and `/support/` with its timeline and table. Built on the day
//! `support::TODAY` (2026-12-01) from `tests/fixtures/pages/evidence/`.

use crate::support::{TestSite, internal_links_resolve, select, select_one};

fn site() -> (TestSite, stackguide::BuildResult) {
    let site = TestSite::overlay("pages/evidence");
    let result = site.build();
    assert!(result.ok(), "{:?}", result.diagnostics.sorted());
    (site, result)
}

/// The ids of the entries of the page of changes, in page order.
fn change_ids(html: &str) -> Vec<String> {
    select(html, "li.change").iter().map(|e| e.attr("id").unwrap().to_string()).collect()
}

#[test]
fn a_stack_page_shows_its_review_versions_and_numbered_sources() {
    let (site, _) = site();
    let main = site.main_html("stacks/go-gin/index.html");
    assert!(main.contains("<dt>Reviewed</dt><dd><time datetime=\"2026-11-02\">2026-11-02</time></dd>"));
    // Every reason is followed by numbered links to its sources, listed under the ratings.
    let speed = &select(&main, "table.ratings tbody tr")[0];
    let cite = select_one(&speed.html, "sup.cite a");
    assert_eq!(cite.attr("href"), Some("#source-1"));
    assert_eq!(cite.text, "Source: speed evidence [1]", "the accessible name says which source");
    let sources = select(&main, "ol.sources li");
    let listed: Vec<(Option<&str>, &str)> =
        sources.iter().map(|li| (li.attr("id"), li.text.as_str())).collect();
    assert_eq!(
        listed,
        [(Some("source-1"), "speed evidence (Speed)"), (Some("source-2"), "hiring evidence (Hiring)")]
    );
    assert!(sources[1].html.contains("<a href=\"https://example.org/go-gin/hiring\">"));
    assert!(main.contains("<a href=\"/methodology/\">Methodology</a>"), "the ratings link the methodology");
    // Versions as listed, with where their support stands on the build day.
    let rows: Vec<String> = select(&main, "#versions tbody tr").iter().map(|r| r.text.clone()).collect();
    assert_eq!(
        rows,
        [
            "Go 1.242025-02-112026-02-11ended",
            "Go 1.252025-08-12rollingsupported (rolling)",
            "Gin 1.112025-09-202026-12-31ends in 30 days"
        ]
    );
    assert!(main.contains("<a href=\"/support/\">"), "the versions link the timeline");
    for id in stackguide::parts::STACK_ANCHORS {
        assert!(main.contains(&format!("id=\"{id}\"")), "anchor {id}");
    }
}

#[test]
fn the_status_of_a_version_follows_the_build_day() {
    let site = TestSite::overlay("pages/evidence");
    assert!(site.build_with(|o| o.today = Some("2027-01-15".into())).ok());
    let main = site.main_html("stacks/go-gin/index.html");
    let status: Vec<String> = select(&main, "#versions .status").iter().map(|s| s.text.clone()).collect();
    assert_eq!(status, ["ended", "supported (rolling)", "ended"]);
}

#[test]
fn a_comparison_numbers_the_sources_of_both_stacks_in_reading_order() {
    let (site, _) = site();
    let main = site.main_html("compare/go-gin-vs-node-express/index.html");
    let cites: Vec<String> = select(&main, "table.versus sup.cite a")
        .iter()
        .map(|a| a.attr("href").unwrap().to_string())
        .collect();
    assert_eq!(cites, ["#source-1", "#source-2", "#source-3", "#source-4"]);
    let listed: Vec<String> = select(&main, "#sources li").iter().map(|li| li.text.clone()).collect();
    assert_eq!(
        listed,
        [
            "speed evidence (Go + Gin, Speed)",
            "speed evidence (Node.js + Express, Speed)",
            "hiring evidence (Go + Gin, Hiring)",
            "hiring evidence (Node.js + Express, Hiring)"
        ]
    );
    assert!(select_one(&main, "#source-2").html.contains("href=\"https://example.org/node-express/speed\""));
}

#[test]
fn the_methodology_lists_every_criterion_and_level_in_scale_order() {
    let (site, _) = site();
    let main = site.main_html("methodology/index.html");
    let criteria: Vec<String> =
        select(&main, "section.criterion h3").iter().map(|h| h.text.clone()).collect();
    assert_eq!(criteria, ["Speed", "Hiring"]);
    let levels: Vec<String> =
        select(&main, "#criterion-speed ol.levels li").iter().map(|li| li.text.clone()).collect();
    assert_eq!(
        levels,
        [
            "Slow: Slower than most stacks in this guide.",
            "Fair: About as fast as most.",
            "Fast: Among the fastest &lt;measured&gt; stacks."
        ]
    );
    let hiring: Vec<String> =
        select(&main, "#criterion-hiring ol.levels li").iter().map(|li| li.text.clone()).collect();
    assert_eq!(hiring, ["Hard", "Easy: Many applicants for every opening."], "a level without a definition");
    assert!(
        main.contains("Today 6 of the 6 ratings of the 3 stacks cite at least one source, 6 sources in all.")
    );
    assert!(main.contains("A review is due every 365 days."));
    for link in ["/changes/", "/atom.xml", "/support/"] {
        assert!(main.contains(&format!("href=\"{link}\"")), "{link}");
    }
    assert!(site.main_html("stacks/index.html").contains("<a href=\"/methodology/\">Methodology</a>"));
}

#[test]
fn changes_are_listed_newest_first_by_month() {
    let (site, _) = site();
    let main = site.main_html("changes/index.html");
    assert_eq!(
        change_ids(&main),
        [
            "change-go-gin-2026-11-02-1",
            "change-go-gin-2026-11-02-2",
            "reviewed-go-gin-2026-11-02",
            "reviewed-node-express-2026-11-02",
            "reviewed-ruby-rails-2026-11-02",
            "updated-guide/choosing/2026-10-15",
            "change-go-gin-2025-06-01-1",
        ]
    );
    let months: Vec<String> = select(&main, "section.month h3").iter().map(|h| h.text.clone()).collect();
    assert_eq!(months, ["November 2026", "October 2026", "June 2025"]);
    let rating = select_one(&main, "#change-go-gin-2025-06-01-1");
    assert_eq!(rating.text, "2025-06-01 Go + Gin: Speed: Fair → Fast. Faster JSON encoding.");
    assert!(rating.html.contains("<a href=\"/stacks/go-gin/\">Go + Gin</a>"));
    let chapter = select_one(&main, "[id=\"updated-guide/choosing/2026-10-15\"]");
    assert_eq!(chapter.text, "2026-10-15 Choosing updated: A chapter with data.");
    assert!(site.read("index.html").contains("<a href=\"/changes/\">Changes</a>"), "the footer links it");
}

#[test]
fn the_atom_feed_parses_and_carries_the_same_changes() {
    let (site, _) = site();
    let xml = site.read("atom.xml");
    let feed: atom_syndication::Feed = xml.parse().expect("a valid Atom feed");
    assert_eq!(feed.title().as_str(), "Data site: changes");
    assert_eq!(feed.id(), "https://example.org/changes/");
    assert_eq!(feed.updated().to_rfc3339(), "2026-11-02T00:00:00+00:00", "the newest entry's date");
    assert_eq!(feed.authors().iter().map(|a| a.name()).collect::<Vec<_>>(), ["Data site"]);
    let links: Vec<(&str, &str)> = feed.links().iter().map(|l| (l.rel(), l.href())).collect();
    assert_eq!(
        links,
        [("self", "https://example.org/atom.xml"), ("alternate", "https://example.org/changes/")]
    );
    let page = site.main_html("changes/index.html");
    let ids: Vec<String> =
        change_ids(&page).iter().map(|id| format!("https://example.org/changes/#{id}")).collect();
    assert_eq!(feed.entries().iter().map(|e| e.id().to_string()).collect::<Vec<_>>(), ids);
    let first = &feed.entries()[0];
    assert_eq!(first.title().as_str(), "Go + Gin: Added the example.");
    assert_eq!(first.updated().to_rfc3339(), "2026-11-02T00:00:00+00:00");
    assert_eq!(first.links()[0].href(), "https://example.org/stacks/go-gin/");
    let rating = feed.entries().last().unwrap();
    assert_eq!(rating.title().as_str(), "Go + Gin: Speed: Fair → Fast");
    assert_eq!(rating.summary().unwrap().as_str(), "Go + Gin: Speed: Fair → Fast: Faster JSON encoding.");
    assert_eq!(rating.updated().to_rfc3339(), "2025-06-01T00:00:00+00:00");
    let chapter = &feed.entries()[5];
    assert_eq!(
        (chapter.title().as_str(), chapter.links()[0].href()),
        ("Choosing updated", "https://example.org/guide/choosing/")
    );
    // Every page names the feed in its head.
    for page in ["index.html", "stacks/go-gin/index.html", "guide/choosing/index.html", "404.html"] {
        assert!(
            site.read(page).contains(
                "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Data site: changes\" href=\"/atom.xml\">"
            ),
            "{page}"
        );
    }
}

#[test]
fn the_support_page_draws_every_version_and_tables_it() {
    let (site, _) = site();
    let main = site.main_html("support/index.html");
    let svg = select_one(&main, "svg.timeline");
    assert_eq!(
        (svg.attr("role"), svg.attr("aria-describedby")),
        (Some("img"), Some("versions-table")),
        "the chart is an image described by its table"
    );
    assert_eq!(select(&svg.html, ".tl-bar").len(), 3);
    assert_eq!(select(&svg.html, ".tl-ended").len(), 1);
    assert!(svg.html.contains("Today, 2026-12-01"));
    let table = select_one(&main, "table#versions-table");
    let rows: Vec<String> = select(&table.html, "tbody tr").iter().map(|r| r.text.clone()).collect();
    assert_eq!(
        rows,
        [
            "Go + GinGo 1.242025-02-112026-02-11ended",
            "Go 1.252025-08-12rollingsupported (rolling)",
            "Gin 1.112025-09-202026-12-31ends in 30 days"
        ]
    );
    assert!(main.contains("No versions are listed yet for <a href=\"/stacks/node-express/\">Node.js + Express</a>, <a href=\"/stacks/ruby-rails/\">Ruby on Rails</a>."));
}

#[test]
fn the_new_pages_are_in_the_sitemap_the_a_to_z_and_every_link_resolves() {
    let (site, result) = site();
    let sitemap = site.read("sitemap.xml");
    for address in ["methodology/", "changes/", "support/"] {
        assert!(sitemap.contains(&format!("<loc>https://example.org/{address}</loc>")), "{address}");
    }
    assert!(!sitemap.contains("atom.xml"), "the feed is no page");
    let a_to_z = site.main_html("search/index.html");
    for (title, address) in
        [("Methodology", "methodology/"), ("Changes", "changes/"), ("Support windows", "support/")]
    {
        assert!(a_to_z.contains(&format!("<a href=\"/{address}\">{title}</a>")), "{title}");
    }
    internal_links_resolve(&site.public(), &result.site.as_ref().expect("a site").base);
}

#[test]
fn a_site_without_stacks_has_changes_but_no_methodology_or_support() {
    let site = TestSite::built("build/basic");
    assert!(site.public().join("changes/index.html").is_file() && site.public().join("atom.xml").is_file());
    assert!(!site.public().join("methodology").exists() && !site.public().join("support").exists());
    let feed: atom_syndication::Feed = site.read("atom.xml").parse().expect("a valid Atom feed");
    let ids: Vec<&str> = feed.entries().iter().map(|e| e.id()).collect();
    assert_eq!(
        ids,
        ["https://example.org/docs/changes/#updated-guide/intro/2026-11-01"],
        "only chapters' updates"
    );
}

#[test]
fn the_page_of_changes_lists_the_newest_hundred_and_the_feed_fifty() {
    let mut site = TestSite::minimal();
    for i in 0..150 {
        let day = 1 + i % 28;
        let month = 1 + i / 28;
        site = site.file(
            &format!("content/p{i:03}.md"),
            &format!("---\ntitle: P{i:03}\ndescription: D.\nupdated: 2026-{month:02}-{day:02}\n---\nText.\n"),
        );
    }
    assert!(site.build().ok());
    let main = site.main_html("changes/index.html");
    let ids = change_ids(&main);
    assert_eq!(ids.len(), 100);
    assert_eq!((ids[0].as_str(), ids[99].as_str()), ("updated-p149/2026-06-10", "updated-p050/2026-02-23"));
    assert!(main.contains("<p>The newest 100 of 150 changes.</p>"));
    let feed: atom_syndication::Feed = site.read("atom.xml").parse().expect("a valid Atom feed");
    assert_eq!(feed.entries().len(), 50);
    assert_eq!(feed.entries()[49].id(), "https://example.org/changes/#updated-p100/2026-04-17");
}

/// The newest `reviewed:` of a stack profile or `updated:` of a page in the site's content.
fn newest_date_in(root: &std::path::Path) -> String {
    walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.path().extension().is_some_and(|x| x == "yaml" || x == "md"))
        .flat_map(|e| {
            let text = std::fs::read_to_string(e.path()).unwrap();
            text.lines()
                .filter_map(|l| l.strip_prefix("reviewed: ").or_else(|| l.strip_prefix("updated: ")))
                .map(|d| d.trim().to_string())
                .collect::<Vec<_>>()
        })
        .max()
        .unwrap()
}

/// The line that says when the guide was last reviewed, on `page`: (datetime, text, links).
fn last_review(site: &TestSite, page: &str) -> (String, String, Vec<String>) {
    let line = select_one(&site.main_html(page), "p.last-review");
    let time = select_one(&line.html, "time");
    let links =
        select(&line.html, "a").iter().map(|a| format!("{} {}", a.attr("href").unwrap(), a.text)).collect();
    (time.attr("datetime").unwrap().to_string(), time.text, links)
}

#[test]
fn the_home_page_and_the_stacks_page_say_when_the_guide_was_last_reviewed() {
    let (site, _) = site();
    let newest = newest_date_in(site.root());
    let links = ["/methodology/ How we rate", "/changes/ What changed"];
    for page in ["index.html", "stacks/index.html"] {
        let (date, _, shown) = last_review(&site, page);
        assert_eq!(date, newest, "{page}: the newest date in the data");
        assert_eq!(shown, links, "{page}");
    }
    // A chapter updated later than every review moves the date, written out in words.
    let chapter = std::fs::read_to_string(site.root().join("content/guide/choosing.md")).unwrap();
    assert!(chapter.contains("updated: 2026-10-15"), "{chapter}");
    let site = site
        .file("content/guide/choosing.md", &chapter.replace("updated: 2026-10-15", "updated: 2026-11-05"));
    assert!(site.build().ok());
    assert_eq!(newest_date_in(site.root()), "2026-11-05");
    for page in ["index.html", "stacks/index.html"] {
        let (date, text, _) = last_review(&site, page);
        assert_eq!((date.as_str(), text.as_str()), ("2026-11-05", "5 November 2026"), "{page}");
    }
}
