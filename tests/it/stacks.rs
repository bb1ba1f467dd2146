//! Stack profiles: the page of all stacks, one page per stack, every pairwise comparison, and the
//! ```stack and ```compare blocks.

use crate::support::{TestSite, messages, select, select_one};

#[test]
fn the_stacks_page_has_a_card_per_stack_and_the_matrix_and_links_the_fit_page() {
    let site = TestSite::built("base");
    let main = site.main_html("stacks/index.html");
    for name in ["Go + Gin", "Node.js + Express", "Ruby on Rails"] {
        assert_eq!(main.matches(&format!(">{name}</a>")).count(), 2, "{name}: card, matrix row");
    }
    // Ratings show their label, a visual level (drawn from the classes) and the level as text.
    let rating = &select(&main, "tr[data-language=\"Go\"] .rating")[0]; // Go + Gin's speed
    assert_eq!(rating.attr("class"), Some("rating v3 m3"));
    assert_eq!(rating.attr("style"), None, "no inline style for a short scale");
    assert_eq!(select_one(&rating.html, ".rating > span").text, " (3 of 3)");
    assert_eq!(rating.text, "Fast (3 of 3)", "label, then the level as text");
    // Rows carry what the filters need; the filter form only appears with JavaScript.
    assert!(main.contains("<tr data-language=\"Ruby\" data-good=\"mvp\">"), "{main}");
    assert!(main.contains("<tr data-language=\"Go\" data-good=\"saas\">"), "{main}");
    assert!(main.contains("<form class=\"matrix-filters\" hidden>"));
    assert!(main.contains("<option value=\"saas\">Good fit for SaaS</option>"));
    // The fit matrix has its own page; where it was, a link to it.
    assert!(!main.contains("fit-icon"), "no fit badges on /stacks/");
    let fit = select_one(&main, "#fit-matrix");
    assert_eq!(select_one(&fit.html, "a").attr("href"), Some("/stacks/fit/"));
    for id in stackguide::parts::STACK_INDEX_ANCHORS {
        assert!(main.contains(&format!("id=\"{id}\"")), "anchor {id}");
    }
}

#[test]
fn the_fit_page_shows_every_fit_with_its_note_and_the_project_types() {
    let site = TestSite::built("base");
    let main = site.main_html("stacks/fit/index.html");
    assert!(main.contains("<table class=\"matrix fit-matrix\">"));
    for name in ["Go + Gin", "Node.js + Express", "Ruby on Rails"] {
        assert_eq!(main.matches(&format!(">{name}</a>")).count(), 1, "{name}: one row");
    }
    // Each cell: the badge, then its note as text (no tooltip only a mouse can reach).
    assert!(main.contains("<span aria-hidden=\"true\" class=\"fit-icon\">✗</span> Poor fit"));
    assert!(main.contains("<p class=\"reason\">Go + Gin mvp note.</p>"), "{main}");
    assert!(!main.contains(" title=\""), "no title attributes: {main}");
    // The project types' descriptions are on the page.
    let types = select_one(&main, "#project-types dl");
    assert!(types.html.contains("<dt>SaaS</dt>"), "{}", types.html);
    for id in stackguide::parts::STACK_FIT_ANCHORS {
        assert!(main.contains(&format!("id=\"{id}\"")), "anchor {id}");
    }
    assert!(site.read("sitemap.xml").contains("<loc>https://example.org/stacks/fit/</loc>"));
}

#[test]
fn a_stack_page_shows_the_whole_profile() {
    let site = TestSite::built("base");
    let main = site.main_html("stacks/go-gin/index.html");
    for text in [
        "<h1>Go + Gin</h1>",
        "Go + Gin in one line.",
        "<dd>Go</dd>",
        "<dd>Go runtime</dd>",
        "<dd>Gin</dd>",
        "Go + Gin speed reason.",
        "Go + Gin hiring reason.",
        "Go + Gin mvp note.",
        "<li>Pro of Go + Gin</li>",
        "<li>Con of Go + Gin</li>",
        "<li>User of Go + Gin</li>",
        "<a href=\"https://example.org/Go\">Go + Gin docs</a>",
        "<pre class=\"code\" data-lang=\"go\" tabindex=\"0\"><code><span class=\"hl-k\">package </span>main",
        // The long-form text, with its links rewritten.
        "<h2 id=\"when-it-shines\">",
        "Go is <strong>fast</strong>. See <a href=\"/guide/choosing/\">the guide</a>.",
    ] {
        assert!(main.contains(text), "{text} in {main}");
    }
    for id in stackguide::parts::STACK_ANCHORS {
        assert!(main.contains(&format!("id=\"{id}\"")), "anchor {id}");
    }
}

#[test]
fn every_pair_has_one_comparison_page_linked_from_both_stacks() {
    let site = TestSite::built("base");
    let pairs = ["go-gin-vs-node-express", "go-gin-vs-ruby-rails", "node-express-vs-ruby-rails"];
    let compare_dirs: Vec<String> = std::fs::read_dir(site.public().join("compare"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().is_dir())
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut sorted = compare_dirs.clone();
    sorted.sort();
    assert_eq!(sorted, pairs);
    let sitemap = site.read("sitemap.xml");
    for pair in pairs {
        assert!(sitemap.contains(&format!("<loc>https://example.org/compare/{pair}/</loc>")));
        let (a, b) = pair.split_once("-vs-").unwrap();
        for stack in [a, b] {
            assert!(
                site.main_html(&format!("stacks/{stack}/index.html"))
                    .contains(&format!("href=\"/compare/{pair}/\"")),
                "{stack} links {pair}"
            );
        }
    }
}

#[test]
fn a_comparison_marks_the_stack_ahead_on_each_criterion_and_project_type() {
    let main = TestSite::built("base").main_html("compare/go-gin-vs-node-express/index.html");
    assert!(main.contains("<h1>Go + Gin vs Node.js + Express</h1>"));
    assert!(
        main.contains("Go + Gin is ahead on 1 criterion, Node.js + Express on 1; they are level on 0."),
        "{main}"
    );
    // Speed: Go (fast) is ahead of Node (fair); hiring: Node (easy) is ahead of Go (hard).
    let speed = &main[main.find("<th scope=\"row\">Speed</th>").unwrap()..];
    let speed = &speed[..speed.find("</tr>").unwrap()];
    let ahead = select_one(speed, "td.ahead");
    assert_eq!(ahead.attr("data-stack"), Some("Go + Gin"), "{speed}");
    assert_eq!(select_one(&ahead.html, ".rating").attr("class"), Some("rating v3 m3"));
    assert_eq!(speed.matches("▲ ahead").count(), 1);
    let hiring = &main[main.find("<th scope=\"row\">Hiring</th>").unwrap()..];
    let hiring = &hiring[..hiring.find("</tr>").unwrap()];
    let (go_cell, node_cell) = hiring.split_at(hiring.find("</td>").unwrap());
    assert!(!go_cell.contains("ahead-mark") && node_cell.contains("▲ ahead"), "{hiring}");
    // Fit: Node is better for an MVP, Go for SaaS.
    let mvp = &main[main.find("<th scope=\"row\">MVP</th>").unwrap()..];
    let mvp = &mvp[..mvp.find("</tr>").unwrap()];
    let (go_cell, node_cell) = mvp.split_at(mvp.find("</td>").unwrap());
    assert!(!go_cell.contains("▲ better") && node_cell.contains("▲ better"), "{mvp}");
    for id in stackguide::parts::COMPARE_ANCHORS {
        assert!(main.contains(&format!("id=\"{id}\"")), "anchor {id}");
    }
}

#[test]
fn directive_blocks_render_the_same_components_as_the_generated_pages() {
    let site = TestSite::built("base");
    let chapter = site.main_html("guide/choosing/index.html");
    let stacks_page = site.main_html("stacks/index.html");
    // ```stack ruby-rails: the same card as on /stacks/.
    let card = |html: &str, name: &str| {
        let href = format!("/stacks/{name}/");
        let mut cards = select(html, "div.stack-card").into_iter();
        cards.find(|c| select_one(&c.html, ".stack-card-title a").attr("href") == Some(&href)).unwrap().html
    };
    assert_eq!(card(&chapter, "ruby-rails"), card(&stacks_page, "ruby-rails"));
    // ```compare with two stacks and one criterion: a matrix of exactly that.
    let table = &chapter[chapter.find("<table class=\"matrix\" data-sortable").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    assert_eq!(table.matches("<tr data-language").count(), 2);
    assert!(table.contains(">Speed</th>") && !table.contains(">Hiring</th>"));
    assert!(!chapter.contains("<!--directive:"), "every placeholder is replaced");
}

/// The hand-off from Markdown to the embeds cannot be forged: a writer's own
/// `<!--directive:0-->` stays the writer's comment, and the card goes where the ```stack block is.
#[test]
fn a_literal_placeholder_comment_does_not_take_the_embed() {
    let site = TestSite::fixture("base").file(
        "content/guide/forged.md",
        "---\ntitle: Forged\ndescription: A page that writes the placeholder itself.\n---\n<!--directive:0-->\n\nBefore the card.\n\n```stack\nruby-rails\n```\n\nAfter the card.\n",
    );
    let result = site.build();
    assert!(result.ok(), "{:?}", result.diagnostics.sorted());
    let main = site.main_html("guide/forged/index.html");
    let at = |s: &str| main.find(s).unwrap_or_else(|| panic!("{s} in {main}"));
    let card =
        "<div class=\"stack-card\">\n  <h3 class=\"stack-card-title\"><a href=\"/stacks/ruby-rails/\">";
    assert!(at("<!--directive:0-->") < at("Before the card."), "{main}");
    assert!(at("Before the card.") < at(card) && at(card) < at("After the card."), "{main}");
    assert_eq!(main.matches("<div class=\"stack-card\">").count(), 1, "{main}");
}

#[test]
fn chapters_and_stacks_link_each_other() {
    let site = TestSite::built("base");
    // The chapter names go-gin in its front matter: a card for it.
    let chapter = site.main_html("guide/choosing/index.html");
    assert!(chapter.contains("<h2 id=\"chapter-stacks-heading\">Stacks in this chapter</h2>"));
    let cards = &chapter[chapter.find("chapter-stacks-heading").unwrap()..];
    assert!(cards.contains("href=\"/stacks/go-gin/\">Go + Gin</a>"));
    // Stack pages list the chapter: go-gin (front matter), node-express (a link), ruby-rails (a card).
    for stack in ["go-gin", "node-express", "ruby-rails"] {
        let main = site.main_html(&format!("stacks/{stack}/index.html"));
        let chapters = &main[main.find("id=\"chapters\"").unwrap()..];
        assert!(chapters.contains("<a href=\"/guide/choosing/\">Choosing</a>"), "{stack}");
    }
}

#[test]
fn a_stack_page_draws_its_profile_with_the_ratings_table_as_its_text() {
    let site = TestSite::built("base");
    let main = site.main_html("stacks/go-gin/index.html");
    let svg = select_one(&main, "svg.profile");
    assert_eq!(svg.attr("role"), Some("img"));
    assert_eq!(svg.attr("aria-describedby"), Some("ratings-table"));
    assert!(main.contains("<table class=\"ratings\" id=\"ratings-table\">"));
    assert!(svg.html.contains(
        "<title id=\"profile-title\">Profile of Go + Gin: its rating on each of the 2 criteria, from the weakest level (left) to the strongest (right)</title>"
    ));
    // One mark per criterion (speed: fast, 3 of 3, the right end; hiring: hard, 1 of 2, the left).
    let marks = select(&svg.html, "circle.pf-mark");
    assert_eq!(marks.len(), 2);
    let ticks = select(&svg.html, "circle.pf-tick");
    assert_eq!(ticks.len(), 3 + 2, "a tick per level of each scale");
    let x = |e: &crate::support::Element| e.attr("cx").unwrap().parse::<f64>().unwrap();
    assert_eq!(x(&marks[0]), x(&ticks[2]), "Fast is the last level of Speed");
    assert_eq!(x(&marks[1]), x(&ticks[3]), "Hard is the first level of Hiring");
    assert!(svg.html.contains("<text class=\"pf-criterion\"><tspan x=\"8\" y=\""));
}

#[test]
fn a_comparison_overlays_both_profiles_told_apart_by_shape() {
    let site = TestSite::built("base");
    let main = site.main_html("compare/go-gin-vs-node-express/index.html");
    let svg = select_one(&main, "svg.profile");
    assert_eq!(svg.attr("aria-describedby"), Some("versus-table"));
    assert!(main.contains("<table class=\"versus\" id=\"versus-table\">"));
    assert!(svg.html.contains("Profiles of Go + Gin (circles joined by a solid line) and Node.js + Express (squares joined by a dashed line)"));
    assert_eq!(select(&svg.html, "circle.pf-mark").len(), 2 + 1, "Go + Gin's marks and its legend");
    assert_eq!(select(&svg.html, "rect.pf-mark").len(), 2 + 1, "Node.js + Express's marks and its legend");
    assert_eq!(select(&svg.html, "text.pf-name").len(), 2, "a legend names both");
}

#[test]
fn an_example_in_an_unknown_language_warns_once_and_is_shown_as_written() {
    let site = TestSite::fixture("base");
    let file = "content/stacks/go-gin.yaml";
    let yaml = std::fs::read_to_string(site.root().join(file)).unwrap().replace(
        "  language: go\n  code: |\n    package main\n",
        "  language: klingon\n  code: |\n    qaStaH <nuq>\n",
    );
    let site = site.file(file, &yaml);
    let result = site.build();
    assert!(result.ok(), "a warning, not an error: {:?}", messages(&result));
    let warnings: Vec<String> = messages(&result).into_iter().filter(|m| m.contains("klingon")).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("no syntax highlighting for language `klingon`"), "{}", warnings[0]);
    assert!(warnings[0].contains("go-gin.yaml:17:"), "points at the language: {}", warnings[0]);
    // The stack page and the print page show the code escaped, without highlighting; the other
    // stacks' examples are still highlighted.
    let plain =
        "<pre class=\"code\" data-lang=\"klingon\" tabindex=\"0\"><code>qaStaH &lt;nuq&gt;\n</code></pre>";
    assert!(site.main_html("stacks/go-gin/index.html").contains(plain));
    let print = site.read("print/index.html");
    assert!(print.contains(plain), "{print}");
    assert!(print.contains("<span class=\"hl-"), "other examples highlighted");
}
