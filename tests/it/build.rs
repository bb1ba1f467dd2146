//! Building a site: addresses, navigation, Markdown, links, drafts, themes and feeds.

use crate::support::{TestSite, main_of, select, select_one};

#[test]
fn pages_get_pretty_addresses() {
    let site = TestSite::built("build/basic");
    for page in [
        "index.html",
        "guide/index.html",
        "guide/intro/index.html",
        "guide/data/index.html",
        "guide/data/sql/index.html",
        "about/index.html",
    ] {
        assert!(site.public().join(page).is_file(), "{page}");
    }
    assert!(site.public().join("guide/data/pic.png").is_file(), "assets are copied beside their pages");
    for file in [
        "style.css",
        "site.js",
        "syntax-light.css",
        "syntax-dark.css",
        "404.html",
        "sitemap.xml",
        "robots.txt",
    ] {
        assert!(site.public().join(file).is_file(), "{file}");
    }
}

#[test]
fn sidebar_follows_weight_then_title_and_pager_follows_the_sidebar() {
    let site = TestSite::built("build/basic");
    let html = site.read("guide/intro/index.html");
    let sidebar = &html[html.find("class=\"sidebar\"").unwrap()..html.find("<main").unwrap()];
    let order: Vec<&str> =
        ["/docs/guide/\"", "intro/", "data/\"", "data/sql/", "alpha/", "beta/", "/docs/about/"]
            .into_iter()
            .filter(|_| true)
            .collect();
    let mut last = 0;
    for needle in order {
        let at = sidebar[last..].find(needle).unwrap_or_else(|| panic!("{needle} after {last} in {sidebar}"));
        last += at;
    }
    assert!(sidebar.contains("aria-current=\"page\">Introduction"));
    let main = site.main_html("guide/intro/index.html");
    assert!(main.contains("rel=\"prev\"><span>Previous</span> Guide</a>"), "{main}");
    assert!(main.contains("href=\"/docs/guide/data/\" rel=\"next\""), "{main}");
    let last_page = site.main_html("about/index.html");
    assert!(last_page.contains("href=\"/docs/guide/beta/\" rel=\"prev\""));
    assert!(!last_page.contains("rel=\"next\""));
}

#[test]
fn markdown_extensions_headings_and_toc() {
    let main = TestSite::built("build/basic").main_html("guide/intro/index.html");
    assert!(main.contains("<table tabindex=\"0\">"), "a table that scrolls can be reached with the keyboard");
    assert!(main.contains("<del>an old one</del>"));
    assert!(main.contains("class=\"footnote-definition\""));
    assert!(main.contains("type=\"checkbox\""));
    // A heading has an id and is wholly a link to itself.
    let heading = select_one(&main, "h2#why-it-matters");
    let link = select_one(&heading.html, "a.heading-link");
    assert_eq!(link.attr("href"), Some("#why-it-matters"));
    assert_eq!((heading.text.as_str(), link.text.as_str()), ("Why it matters", "Why it matters"));
    assert!(main.contains("<li class=\"toc-level-3\"><a href=\"#code\">Code</a></li>"), "{main}");
    // Highlighted: each token carries the one class of its colour.
    assert!(
        main.contains("<pre class=\"code\" data-lang=\"go\" tabindex=\"0\"><code><span class=\"hl-k\">package </span>main"),
        "{main}"
    );
    assert!(main.contains("<span class=\"hl-k\">func </span><span class=\"hl-e\">main</span>"), "{main}");
    assert!(main.contains("datetime=\"2026-11-01\""));
}

#[test]
fn links_are_rewritten_to_addresses_under_the_base_path() {
    let site = TestSite::built("build/basic");
    let main = site.main_html("guide/intro/index.html");
    assert!(main.contains("href=\"/docs/guide/data/sql/#indexes\""), "{main}");
    assert!(main.contains("href=\"#why-it-matters\""));
    assert!(main.contains("href=\"https://example.com/\""));
    let sql = site.main_html("guide/data/sql/index.html");
    assert!(sql.contains("src=\"/docs/guide/data/pic.png\""), "{sql}");
    assert!(sql.contains("href=\"/docs/guide/intro/\""));
    let html = site.read("guide/intro/index.html");
    assert!(html.contains("<link rel=\"canonical\" href=\"https://example.org/docs/guide/intro/\">"));
    assert!(html.contains("<link rel=\"stylesheet\" href=\"/docs/style.css\">"));
    assert!(html.contains("<a href=\"/docs/guide/\">Guide</a>"), "nav links get the base path");
    assert!(html.contains("<a href=\"https://example.com/\">Elsewhere</a>"));
    assert!(main.contains("href=\"https://github.com/org/repo/edit/main/content/guide/intro.md\""));
}

/// GitHub writes a space in a link as `%20`: such links resolve to the page or file, and a
/// file's name keeps its space encoded in the href, which `check` follows back to the file.
#[test]
fn percent_encoded_links_resolve_like_on_github() {
    let site = TestSite::minimal()
        .file("content/guide/My Chapter.md", "---\ntitle: Mine\ndescription: M\n---\n## Why\n")
        .file(
            "content/guide/a.md",
            "---\ntitle: A\ndescription: A\n---\n[x](My%20Chapter.md#why) [y](<My Chapter.md>) ![d](My%20Diagram.png)\n",
        );
    site.write("content/guide/My Diagram.png", b"png");
    let result = site.build();
    assert!(result.ok(), "{:#?}", crate::support::messages(&result));
    let main = site.main_html("guide/a/index.html");
    assert!(main.contains("href=\"/guide/my-chapter/#why\""), "{main}");
    assert!(main.contains("href=\"/guide/my-chapter/\""), "{main}");
    assert!(main.contains("src=\"/guide/My%20Diagram.png\""), "{main}");
    assert!(site.public().join("guide/My Diagram.png").is_file());
    let run = site.cli(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// `> [!NOTE]` and its four siblings (tests/fixtures/pages/callouts/): each an aside with the
/// role of a note, its kind as a visible word and an icon screen readers skip.
#[test]
fn github_alerts_render_as_accessible_callouts() {
    let site = TestSite::overlay("pages/callouts");
    let result = site.build();
    assert!(result.ok(), "{:#?}", crate::support::messages(&result));
    let main = site.main_html("guide/callouts/index.html");
    let callouts = select(&main, "aside.callout");
    let kinds: Vec<String> = callouts
        .iter()
        .map(|c| format!("{} / {}", c.attr("class").unwrap_or_default(), c.attr("role").unwrap_or_default()))
        .collect();
    assert_eq!(
        kinds,
        ["note", "tip", "important", "warning", "caution"].map(|k| format!("callout callout-{k} / note"))
    );
    let titles: Vec<String> =
        select(&main, "aside.callout > p.callout-title").into_iter().map(|t| t.text).collect();
    assert_eq!(titles, ["Note", "Tip", "Important", "Warning", "Caution"]);
    for icon in select(&main, "p.callout-title > svg") {
        assert_eq!(icon.attr("aria-hidden"), Some("true"));
    }
    assert_eq!(select(&main, "aside.callout-warning > p").len(), 3, "title and two paragraphs");
    assert!(callouts[1].html.contains("<a href=\"/decide/pick/\">flowchart</a>"), "{}", callouts[1].html);
    assert!(!main.contains("[!"), "{main}");
    assert_eq!(select_one(&main, "blockquote").text.trim(), "A plain quote stays a quote.");
    insta::assert_snapshot!(select_one(&main, ".prose").html);
}

#[test]
fn base_url_flag_overrides_site_yaml() {
    let site = TestSite::fixture("build/basic");
    let result = site.build_with(|o| o.base_url = Some("https://preview.example.net/pr-7".into()));
    assert!(result.ok());
    let html = site.read("guide/intro/index.html");
    assert!(html.contains("href=\"https://preview.example.net/pr-7/guide/intro/\""));
    assert!(html.contains("href=\"/pr-7/guide/data/sql/#indexes\""));
    assert!(site.read("sitemap.xml").contains("<loc>https://preview.example.net/pr-7/about/</loc>"));
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = TestSite::built("build/basic");
    assert!(!site.public().join("guide/wip").exists());
    assert!(!site.read("sitemap.xml").contains("wip"));
    let result = site.build_with(|o| o.drafts = true);
    assert!(result.ok());
    assert!(site.main_html("guide/wip/index.html").contains("<span class=\"badge\">Draft</span>"));
}

#[test]
fn text_from_yaml_is_escaped() {
    let html = TestSite::built("build/basic").read("index.html");
    assert!(html.contains("Basic &lt;Site&gt;"), "the site title is escaped");
    assert!(!html.contains("Basic <Site>"));
}

#[test]
fn sitemap_robots_and_404() {
    let site = TestSite::built("build/basic");
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    assert!(sitemap.contains(
        "<url><loc>https://example.org/docs/guide/intro/</loc><lastmod>2026-11-01</lastmod></url>"
    ));
    assert!(sitemap.contains("<loc>https://example.org/docs/</loc>"));
    assert!(!sitemap.contains("404"));
    assert_eq!(
        site.read("robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://example.org/docs/sitemap.xml\n"
    );
    let not_found = main_of(&site.read("404.html"));
    assert!(not_found.contains("Page not found"));
    assert!(not_found.contains("href=\"/docs/\""));
}

#[test]
fn a_site_theme_overrides_templates_and_static_files_one_by_one() {
    let site = TestSite::fixture("build/basic")
        .file("themes/custom/templates/chapter.html", "{% extends \"base.html\" %}{% block main %}<p class=\"custom\">{{ page.title }}</p>{% endblock main %}")
        .file("themes/custom/static/style.css", "body { color: red }")
        .file("themes/custom/static/extra.txt", "extra");
    let yaml = std::fs::read_to_string(site.root().join("content/site.yaml")).unwrap();
    let site = site.file("content/site.yaml", &format!("{yaml}theme: custom\n"));
    let result = site.build();
    assert!(result.ok(), "{:?}", result.diagnostics.sorted());
    assert!(site.main_html("guide/intro/index.html").contains("<p class=\"custom\">Introduction</p>"));
    assert!(
        site.main_html("guide/index.html").contains("Read in order."),
        "other templates stay the default"
    );
    assert_eq!(site.read("style.css"), "body { color: red }");
    assert_eq!(site.read("extra.txt"), "extra");
    assert!(site.read("site.js").contains("use strict"));
}

/// The theme is loaded beside the content by the name a plain `theme:` line gives; written any
/// other way YAML allows, or named by no such line, it is the theme the configuration names.
#[test]
fn the_theme_site_yaml_names_is_used_however_it_is_written() {
    let site = TestSite::fixture("build/basic")
        .file("themes/custom/templates/chapter.html", "{% extends \"base.html\" %}{% block main %}<p class=\"custom\">{{ page.title }}</p>{% endblock main %}");
    let yaml = std::fs::read_to_string(site.root().join("content/site.yaml")).unwrap();
    for (line, custom) in [
        ("theme: custom", true),
        ("\"theme\": custom", true),
        ("theme: 'custom' # a comment", true),
        ("theme: default", false),
        ("# theme: custom", false),
    ] {
        site.write("content/site.yaml", format!("{yaml}{line}\n").as_bytes());
        let result = site.build();
        assert!(
            result.ok() && result.diagnostics.sorted().is_empty(),
            "{line}: {:?}",
            result.diagnostics.sorted()
        );
        let page = site.main_html("guide/intro/index.html");
        assert_eq!(page.contains("<p class=\"custom\">Introduction</p>"), custom, "{line}: {page}");
    }
}

/// On a large site an open section lists every subsection, however many: only chapters are
/// cut to those around the reader's.
#[test]
fn large_sites_list_every_subsection_of_an_open_section() {
    let mut site =
        TestSite::minimal().file("content/top/_index.md", "---\ntitle: Top\ndescription: D.\n---\n");
    for sub in 0..14 {
        site = site.file(
            &format!("content/top/sub{sub:02}/_index.md"),
            &format!("---\ntitle: Sub {sub:02}\ndescription: D.\n---\n"),
        );
        for n in 0..11 {
            site = site.file(
                &format!("content/top/sub{sub:02}/page-{n:02}.md"),
                &format!("---\ntitle: Page {sub:02} {n:02}\ndescription: D.\n---\nText.\n"),
            );
        }
    }
    assert!(site.build().ok());
    let html = site.read("top/sub00/page-00/index.html");
    let sidebar = &html[html.find("id=\"sidebar\"").unwrap()..html.find("<main").unwrap()];
    for sub in 0..14 {
        assert!(sidebar.contains(&format!("href=\"/top/sub{sub:02}/\"")), "subsection {sub} is listed");
    }
    assert!(!sidebar.contains("All 14 pages of Top"), "{sidebar}");
}

/// On a large site each page lists the sections and, of its own section, the chapters next to
/// it and a link to the section's page, so a page's size does not grow with its section; a
/// small site lists everything everywhere.
#[test]
fn large_sites_show_only_the_current_branch_in_the_sidebar() {
    let mut site = TestSite::minimal();
    for (section, pages) in [("alpha", 80), ("beta", 160)] {
        site = site.file(
            &format!("content/{section}/_index.md"),
            &format!("---\ntitle: Section {section}\ndescription: D.\n---\n"),
        );
        for n in 0..pages {
            site = site.file(
                &format!("content/{section}/page-{n:03}.md"),
                &format!("---\ntitle: {section} {n:03}\ndescription: D.\n---\nText.\n"),
            );
        }
    }
    assert!(site.build().ok());
    let sidebar_of = |page: &str| {
        let html = site.read(page);
        html[html.find("id=\"sidebar\"").unwrap()..html.find("<main").unwrap()].to_string()
    };
    let sidebar = sidebar_of("alpha/page-040/index.html");
    assert!(sidebar.contains(">Section alpha</a>") && sidebar.contains(">Section beta</a>"));
    for n in 35..=45 {
        assert!(sidebar.contains(&format!("href=\"/alpha/page-{n:03}/\"")), "neighbour {n} is listed");
    }
    assert!(!sidebar.contains("href=\"/alpha/page-034/\"") && !sidebar.contains("href=\"/alpha/page-046/\""));
    assert!(sidebar.contains("<a href=\"/alpha/\">All 80 pages of Section alpha</a>"), "{sidebar}");
    assert!(!sidebar.contains("href=\"/beta/page-000/\""), "other sections are closed");
    // At either end of a section the window stays eleven chapters wide.
    assert!(sidebar_of("alpha/page-000/index.html").contains("href=\"/alpha/page-010/\""));
    assert!(sidebar_of("beta/page-159/index.html").contains("href=\"/beta/page-149/\""));
    // The sidebar is as long in a section twice the size.
    let links = |s: &str| s.matches("<a href").count();
    assert_eq!(links(&sidebar), links(&sidebar_of("beta/page-080/index.html")));
    let section = site.read("alpha/index.html");
    assert!(section.contains("href=\"/alpha/page-079/\""), "the section's page lists every chapter");
    // The search page's A-Z lists the sections, not every chapter.
    let search = site.read("search/index.html");
    let a_z = &search[search.find("id=\"a-z\"").unwrap()..];
    assert!(a_z.contains("href=\"/alpha/\"") && a_z.contains("href=\"/beta/\""), "{a_z}");
    assert!(!a_z.contains("href=\"/alpha/page-"), "chapters are left to their sections' pages");
    assert!(a_z.contains("each section's page lists its chapters"));
}
