//! The data to take away: `/data/stacks.json` and `/data/stacks.csv`, read back with real
//! parsers (serde_json, the csv crate), linked from `/stacks/`.

use crate::support::{TestSite, fixtures, select};

/// `base`, with a summary that needs CSV quoting: a comma, quotes and a line break.
fn site() -> TestSite {
    let file = "content/stacks/node-express.yaml";
    let yaml = std::fs::read_to_string(fixtures().join("base").join(file)).unwrap();
    let yaml = yaml.replace(
        "summary: Node.js + Express in one line.",
        "summary: \"Small, \\\"unopinionated\\\"\\nand everywhere.\"",
    );
    let site = TestSite::fixture("base").file(file, &yaml);
    let result = site.build();
    assert!(result.ok(), "{:?}", result.diagnostics.sorted());
    site
}

#[test]
fn the_json_holds_every_stack_with_every_field() {
    let site = site();
    let data: serde_json::Value = serde_json::from_str(&site.read("data/stacks.json")).unwrap();
    let ids: Vec<&str> =
        data["stacks"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["go-gin", "node-express", "ruby-rails"]);
    let criteria: Vec<&str> =
        data["criteria"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(criteria, ["speed", "hiring"]);
    assert_eq!(data["criteria"][0]["levels"][2]["label"], "Fast");
    assert_eq!(data["project_types"][1]["id"], "saas");
    let go = &data["stacks"][0];
    assert_eq!(go["name"], "Go + Gin");
    assert_eq!(go["url"], "https://example.org/stacks/go-gin/");
    assert_eq!(go["reviewed"], "2026-11-02");
    assert_eq!(
        go["ratings"][0],
        serde_json::json!({
            "criterion": "speed", "level": "fast", "label": "Fast", "value": 3, "max": 3,
            "reason": "Go + Gin speed reason.",
            "sources": [{ "title": "speed evidence", "url": "https://example.org/go-gin/speed" }]
        })
    );
    assert_eq!(
        go["fit"][0],
        serde_json::json!({ "project_type": "mvp", "fit": "ok", "note": "Go + Gin mvp note." })
    );
    assert_eq!(go["fit"][1]["note"], serde_json::Value::Null);
    assert_eq!(go["example"], serde_json::json!({ "language": "go", "code": "package main\n" }));
    for key in [
        "language",
        "runtime",
        "frameworks",
        "summary",
        "best_for",
        "versions",
        "history",
        "pros",
        "cons",
        "users",
        "links",
    ] {
        assert!(!go[key].is_null(), "{key}");
    }
    assert_eq!(data["stacks"][1]["summary"], "Small, \"unopinionated\"\nand everywhere.");
}

#[test]
fn the_csv_is_the_matrix_and_quotes_what_it_must() {
    let site = site();
    let text = site.read("data/stacks.csv");
    // RFC 4180: lines end in CRLF; a field with a comma, a quote or a line break is quoted, and
    // its quotes doubled.
    assert!(text.starts_with(
        "id,name,language,runtime,summary,url,Speed,Speed (1-3),Hiring,Hiring (1-2),Fit: MVP,Fit: SaaS\r\n"
    ));
    assert!(text.contains(",\"Small, \"\"unopinionated\"\"\nand everywhere.\","), "{text}");
    assert!(text.ends_with("\r\n"));
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    for row in &rows {
        assert_eq!(row.len(), header.len(), "every row has every column");
    }
    let get = |row: &csv::StringRecord, column: &str| {
        row[header.iter().position(|h| h == column).unwrap()].to_string()
    };
    assert_eq!(get(&rows[0], "name"), "Go + Gin");
    assert_eq!((get(&rows[0], "Speed"), get(&rows[0], "Speed (1-3)")), ("Fast".into(), "3".into()));
    assert_eq!((get(&rows[0], "Fit: MVP"), get(&rows[0], "Fit: SaaS")), ("ok".into(), "good".into()));
    assert_eq!(get(&rows[1], "summary"), "Small, \"unopinionated\"\nand everywhere.");
    assert_eq!(get(&rows[2], "url"), "https://example.org/stacks/ruby-rails/");
}

#[test]
fn the_stacks_page_links_both_and_a_site_without_stacks_has_neither() {
    let site = site();
    let links = select(&site.main_html("stacks/index.html"), ".data-links a");
    let hrefs: Vec<&str> = links.iter().map(|a| a.attr("href").unwrap()).collect();
    assert_eq!(hrefs, ["/data/stacks.json", "/data/stacks.csv"]);
    let bare = TestSite::minimal();
    assert!(bare.build().ok());
    assert!(!bare.public().join("data").exists());
}
