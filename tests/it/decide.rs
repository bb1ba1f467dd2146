//! Flowcharts: the chart drawn at build time, the list form, the wizard's data, embedding.

use crate::support::{TestSite, main_of, messages, select};

const NODES: [&str; 5] = ["kind", "team", "node", "rails", "go"];

#[test]
fn the_flowchart_page_has_the_svg_the_list_and_the_wizard() {
    let main = TestSite::built("base").main_html("decide/pick/index.html");
    let svg = &main[main.find("<svg class=\"flowchart\"").unwrap()..main.find("</svg>").unwrap()];
    for id in NODES {
        assert!(svg.contains(&format!("id=\"chart-{id}\"")), "{id} drawn");
    }
    for label in ["An MVP", "A platform", "JavaScript", "Ruby", "Go"] {
        assert!(svg.contains(&format!(">{label}</text>")), "answer {label} labelled");
    }
    assert!(svg.contains("<a href=\"/stacks/ruby-rails/\" class=\"fc-stack\">"), "results link to stacks");
    // The list form needs no JavaScript and shows every question, answer and result.
    let list = &main[main.find("id=\"questions\"").unwrap()..];
    for text in [
        "What are you building?",
        "What does the team know?",
        "Pick the closest.",
        "An MVP",
        "JavaScript",
        "Rails is <strong>quick</strong>.",
    ] {
        assert!(list.contains(text), "{text} in the list");
    }
    assert!(list.contains("<a href=\"/stacks/go-gin/\">Go + Gin</a>"));
    // The wizard is hidden until the script shows it, and its data is script-safe JSON.
    assert!(main.contains("<section id=\"wizard\" class=\"wizard\" hidden"));
    let json = &main[main.find("<script type=\"application/json\" id=\"decision-data\">").unwrap()..];
    let json = &json[json.find('>').unwrap() + 1..json.find("</script>").unwrap()];
    let data: serde_json::Value = serde_json::from_str(json).unwrap();
    let nodes = &data["nodes"];
    assert_eq!(nodes.as_array().unwrap().len(), 5);
    assert_eq!(nodes[0]["question"], "What are you building?");
    assert_eq!(nodes[0]["answers"][0][0], "An MVP");
    // A result names its stacks by index; each stack is in the data once; its note is not
    // repeated there, since the list on the page carries it under `#r-<id>`.
    let go = nodes.as_array().unwrap().iter().find(|n| n["result"] == "Go").unwrap();
    let go = &data["stacks"][go["recommend"][0].as_u64().unwrap() as usize];
    assert_eq!((go[0].as_str(), go[1].as_str()), (Some("Go + Gin"), Some("/stacks/go-gin/")), "{data}");
    assert!(!json.contains("scales"), "{json}");
    assert!(list.contains("<div class=\"dl-result\" id=\"r-go\">"), "{list}");
}

#[test]
fn a_result_reached_again_in_the_list_links_to_its_note() {
    let main = TestSite::built("base").main_html("decide/pick/index.html");
    let list = &main[main.find("id=\"questions\"").unwrap()..];
    // Go is reached from "Go" under the team question first, then from "A platform".
    let results: Vec<_> =
        select(list, ".dl-result").into_iter().filter(|r| r.text.contains("Go + Gin")).collect();
    assert_eq!(results.len(), 2, "{list}");
    assert_eq!(results[0].attr("id"), Some("r-go"));
    assert!(results[0].html.contains("<p>Go scales.</p>"), "{}", results[0].html);
    assert_eq!(results[1].attr("id"), None);
    assert!(!results[1].html.contains("scales"), "the note once: {}", results[1].html);
    assert!(
        results[1].html.contains("<p class=\"dl-ref\">Why: see <a href=\"#r-go\">Go</a> above.</p>"),
        "{}",
        results[1].html
    );
}

#[test]
fn the_home_page_shows_the_main_chart_and_a_chapter_embeds_one() {
    let site = TestSite::built("base");
    let home = site.main_html("index.html");
    assert!(home.contains("<h2 id=\"home-decision-heading\">Pick a stack</h2>"));
    assert!(home.contains("id=\"home-chart-kind\""));
    assert!(home.contains("href=\"/decide/pick/#wizard\""));
    let chapter = site.main_html("guide/choosing/index.html");
    assert!(chapter.contains("<figure class=\"decision-embed\">"));
    assert!(chapter.contains("id=\"embed2-chart-kind\""), "ids in an embedded chart are prefixed");
}

#[test]
fn stack_pages_list_the_paths_that_recommend_them() {
    let main = TestSite::built("base").main_html("stacks/go-gin/index.html");
    let paths = &main[main.find("id=\"paths\"").unwrap()..main.find("id=\"chapters\"").unwrap()];
    assert_eq!(paths.matches("<li>").count(), 2, "{paths}");
    // Each path: the chart, its questions with the answer in bold, the result in italics.
    let items: Vec<String> = select(paths, "ul.paths > li").into_iter().map(|li| li.html).collect();
    insta::assert_snapshot!(items.join("\n"));
    let rails = TestSite::built("base").main_html("stacks/ruby-rails/index.html");
    assert!(rails.contains("<strong>Ruby</strong> → <em>Rails</em>"));
}

#[test]
fn flowchart_pages_are_identical_on_rebuild() {
    let site = TestSite::built("base");
    let first = site.read("decide/pick/index.html");
    assert!(site.build().ok());
    assert_eq!(site.read("decide/pick/index.html"), first);
    assert!(main_of(&first).contains("<svg"));
}

/// A chart of `n` questions in a row: each "yes" leads to the next, each "no" to the end.
fn chain(n: usize) -> String {
    let mut s = String::from("title: Deep\ndescription: D\nstart: q0\nnodes:\n");
    for i in 0..n {
        let next = if i + 1 < n { format!("q{}", i + 1) } else { "end".into() };
        s.push_str(&format!(
            "  q{i}:\n    question: Q{i}?\n    answers:\n      - {{ label: yes, next: {next} }}\n      - {{ label: no, next: end }}\n"
        ));
    }
    s + "  end:\n    result: End\n    recommend: [go-gin]\n    note: N\n"
}

#[test]
fn a_chart_too_deep_for_readers_is_an_error_at_the_question_not_in_the_theme() {
    let site = TestSite::fixture("base").file("content/decisions/deep.yaml", &chain(16));
    assert!(site.build().ok(), "16 questions in a row are fine");
    assert!(site.main_html("decide/deep/index.html").contains("Q15?"));
    for n in [17, 21, 60] {
        let site = TestSite::fixture("base").file("content/decisions/deep.yaml", &chain(n));
        let m = messages(&site.build());
        // q16 is the 17th question; its key is on line 5 + 5 * 16.
        assert_eq!(
            m,
            [
                "content/decisions/deep.yaml:85:3: error: `q16` is question 17 on a path from `start`; a path may ask at most 16 (help: readers give up long before; split the chart, or let an earlier answer skip ahead)"
            ],
            "{n}"
        );
    }
    let site = TestSite::fixture("base").file("content/decisions/deep.yaml", &chain(600));
    let m = messages(&site.build());
    assert_eq!(m.len(), 1, "{m:#?}");
    assert!(
        m[0].starts_with(
            "content/decisions/deep.yaml:4:1: error: the flowchart has 601 nodes; at most 500 are allowed"
        ),
        "{m:#?}"
    );
}
