//! The reader's tools: `/priorities/` and its rankings per project type, `/compare/`, and the
//! flowchart results that link to the rankings.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{TestSite, copy_dir, select, select_one};

/// The rows of a built ranking: (stack id, rank, score).
fn ranking(site: &TestSite, page: &str) -> Vec<(String, String, u32)> {
    let main = site.main_html(page);
    select(&main, "#ranking tbody tr")
        .into_iter()
        .map(|tr| {
            let rank = select_one(&tr.html, ".rank").text;
            let score = select_one(&tr.html, "td.score").text.trim().parse().unwrap();
            (tr.attr("data-stack").unwrap().to_string(), rank.trim_end_matches('.').to_string(), score)
        })
        .collect()
}

fn yaml(path: &Path) -> serde_yaml::Value {
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The ranking the selection-process chapter teaches, worked out here from the YAML files
/// themselves: position on the scale (from 1) times the weight (none 0 ... high 3), summed;
/// highest first, ties by id. Returns (id, score) in order.
fn expected(content: &Path, weights: &BTreeMap<String, u32>) -> Vec<(String, u32)> {
    let criteria = yaml(&content.join("criteria.yaml"));
    let mut out: Vec<(String, u32)> = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(content.join("stacks"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    for file in files {
        let stack = yaml(&file);
        let mut total = 0;
        for c in criteria.as_sequence().unwrap() {
            let id = c["id"].as_str().unwrap();
            let level = stack["ratings"][id]["level"].as_str().unwrap();
            let scale = c["scale"].as_sequence().unwrap();
            let position = scale.iter().position(|l| l["id"].as_str() == Some(level)).unwrap() as u32 + 1;
            total += position * weights.get(id).copied().unwrap_or(0);
        }
        out.push((file.file_stem().unwrap().to_string_lossy().into_owned(), total));
    }
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

fn factor(word: &str) -> u32 {
    ["none", "low", "medium", "high"].iter().position(|w| *w == word).unwrap() as u32
}

/// Every pre-rendered ranking of the guide is the order the scoring rule gives for the
/// project type's default weights (and for equal weights on /priorities/).
#[test]
fn the_guides_rankings_follow_the_scoring_rule() {
    let site = TestSite::empty();
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    copy_dir(&content, &site.root().join("content"));
    assert!(site.build().ok());
    let types = yaml(&content.join("project-types.yaml"));
    let criteria = yaml(&content.join("criteria.yaml"));
    let every = |w: u32| -> BTreeMap<String, u32> {
        criteria.as_sequence().unwrap().iter().map(|c| (c["id"].as_str().unwrap().to_string(), w)).collect()
    };
    let mut cases = vec![("priorities/index.html".to_string(), every(2))];
    for t in types.as_sequence().unwrap() {
        let weights = t["weights"].as_mapping().expect("the guide gives every project type weights");
        let weights =
            weights.iter().map(|(k, v)| (k.as_str().unwrap().into(), factor(v.as_str().unwrap()))).collect();
        cases.push((format!("priorities/{}/index.html", t["id"].as_str().unwrap()), weights));
    }
    assert_eq!(cases.len(), 6);
    for (page, weights) in cases {
        let built: Vec<(String, u32)> = ranking(&site, &page).into_iter().map(|(id, _, s)| (id, s)).collect();
        assert_eq!(built, expected(&content, &weights), "{page}");
    }
}

/// Equal scores share a rank and keep the order of the stack list (by id); a criterion that
/// weighs none is not a column; a project type without weights weighs every criterion medium.
#[test]
fn ties_share_a_rank_and_keep_id_order() {
    let site = TestSite::fixture("base").file(
        "content/project-types.yaml",
        "- { id: mvp, name: MVP, description: A first version., weights: { hiring: high } }\n\
         - { id: saas, name: SaaS, description: A large platform. }\n",
    );
    assert!(site.build().ok());
    let rows = |page: &str| ranking(&site, page);
    let row = |id: &str, rank: &str, score| (id.to_string(), rank.to_string(), score);
    // hiring (hard 1, easy 2) x high 3; speed weighs none.
    assert_eq!(
        rows("priorities/mvp/index.html"),
        [row("node-express", "1", 6), row("ruby-rails", "1", 6), row("go-gin", "3", 3)]
    );
    // Everything medium: speed (slow 1, fair 2, fast 3) x 2 + hiring x 2.
    let equal = [row("go-gin", "1", 8), row("node-express", "1", 8), row("ruby-rails", "3", 6)];
    assert_eq!(rows("priorities/saas/index.html"), equal);
    assert_eq!(rows("priorities/index.html"), equal);
    let mvp = site.main_html("priorities/mvp/index.html");
    let heads: Vec<String> = select(&mvp, "#ranking thead th").into_iter().map(|t| t.text).collect();
    assert_eq!(heads, ["Rank and stack", "Score", "Hiring high ×3"]);
    let go = select_one(&mvp, "tr[data-stack=\"go-gin\"]").text;
    assert!(go.contains("3 Hard (1)"), "{go}");
    // The link to change the weights carries them all; only /priorities/ has the script.
    let adjust = select_one(&mvp, "#weights a[href^=\"/priorities/?\"]");
    assert_eq!(adjust.attr("href"), Some("/priorities/?speed=none&amp;hiring=high"));
    assert!(!mvp.contains("data-script"));
    let tool = site.main_html("priorities/index.html");
    let form = select_one(&tool, "#weights-form");
    assert_eq!(form.attr("data-script"), Some("priorities.js"));
    assert_eq!(select(&tool, "#weights-form select").len(), 2);
    assert!(select_one(&tool, "select[name=\"hiring\"]").html.contains("<option value=\"medium\" selected>"));
    let data = select_one(&tool, "#ranking-data").html;
    assert!(data.contains(r#""points":[3,1]"#), "go-gin: fast is 3 of speed, hard 1 of hiring: {data}");
}

/// A flowchart result links to the ranking of each project type an answer on the way to it
/// stands for, in the nested list and in the wizard's data.
#[test]
fn flowchart_results_link_to_the_rankings_of_their_project_types() {
    let site = TestSite::built("base");
    let main = site.main_html("decide/pick/index.html");
    let links: Vec<String> = select(&main, "#questions .dl-ranking a")
        .into_iter()
        .map(|a| format!("{} {}", a.attr("href").unwrap(), a.text))
        .collect();
    // MVP leads to the team question (JavaScript, Ruby, Go), A platform straight to Go.
    assert_eq!(
        links,
        [
            "/priorities/mvp/ Every stack ranked for MVP",
            "/priorities/mvp/ Every stack ranked for MVP",
            "/priorities/mvp/ Every stack ranked for MVP",
            "/priorities/saas/ Every stack ranked for SaaS",
        ]
    );
    let data = select_one(&main, "#decision-data").html;
    assert!(data.contains(r#"["An MVP",1,0]"#), "{data}");
    assert!(data.contains(r#""types":[["MVP","/priorities/mvp/"],["SaaS","/priorities/saas/"]]"#), "{data}");
    assert!(data.contains(r#"["JavaScript",3,null]"#), "{data}");
}

/// With more stacks than /compare/ can list the pairs of (their number grows with the square of
/// the stacks), it links each stack's own list of comparisons instead, and still has the chooser.
#[test]
fn the_compare_page_of_many_stacks_links_each_stacks_comparisons_instead_of_every_pair() {
    let mut site = TestSite::fixture("base");
    let template = std::fs::read_to_string(site.root().join("content/stacks/node-express.yaml")).unwrap();
    // 30 more stacks: 33 in all, 528 pairs.
    for i in 0..30 {
        let text = template.replace("Node.js + Express", &format!("Stack {i:02}"));
        site = site.file(&format!("content/stacks/s{i:02}.yaml"), &text);
    }
    let result = site.build();
    assert!(result.ok(), "{:?}", result.diagnostics.sorted());
    let page = site.read("compare/index.html");
    let main = site.main_html("compare/index.html");
    assert!(select(&main, ".pair-group").is_empty(), "no list of every pair");
    assert!(main.contains("528 comparisons"), "{main}");
    assert!(main.contains("listed on the page of each of the two stacks"), "{main}");
    let links: Vec<String> =
        select(&main, "#pairs li a").into_iter().map(|a| a.attr("href").unwrap().to_string()).collect();
    assert_eq!(links.len(), 33, "{links:?}");
    assert_eq!(links[0], "/stacks/go-gin/#comparisons");
    assert!(links.contains(&"/stacks/s29/#comparisons".to_string()), "{links:?}");
    // What a link leads to: the stack's 32 comparisons.
    let stack = site.main_html("stacks/s29/index.html");
    let compared = select(&select_one(&stack, "#comparisons").html, "a");
    assert_eq!(compared.len(), 32);
    assert!(compared.iter().any(|a| a.attr("href") == Some("/compare/go-gin-vs-s29/")), "{stack}");
    assert!(site.public().join("compare/go-gin-vs-s29/index.html").is_file());
    // The chooser is there, with every stack.
    assert_eq!(select(&main, "#chooser-form input[type=\"checkbox\"]").len(), 33);
    // The page holds a line per stack, not per pair: a few KiB for each stack, not 528 links.
    assert!(page.len() < 33 * 2048, "{} bytes", page.len());
}

/// One stack has no pair: /compare/ says so rather than sending the reader to the stack pages.
#[test]
fn the_compare_page_of_one_stack_lists_no_pair() {
    let base = crate::support::fixtures().join("base/content");
    let mut site = TestSite::minimal();
    for rel in ["criteria.yaml", "project-types.yaml", "stacks/go-gin.yaml"] {
        site = site.file(&format!("content/{rel}"), &std::fs::read_to_string(base.join(rel)).unwrap());
    }
    let result = site.build();
    assert!(result.ok(), "{:?}", result.diagnostics.sorted());
    let main = site.main_html("compare/index.html");
    assert!(
        main.contains("<p>0 comparisons, each with the reasons and sources behind every rating.</p>"),
        "{main}"
    );
    assert!(main.contains("listed below") && !main.contains("too many"), "{main}");
    assert!(select(&main, "#pairs li a").is_empty(), "{main}");
}

/// /compare/ lists every pair once, links them from the pair pages, and has the chooser.
#[test]
fn the_compare_page_lists_every_pair_and_the_pairs_link_to_it() {
    let site = TestSite::built("base");
    let main = site.main_html("compare/index.html");
    let pairs: Vec<String> =
        select(&main, "#pairs li a").into_iter().map(|a| a.attr("href").unwrap().to_string()).collect();
    assert_eq!(
        pairs,
        [
            "/compare/go-gin-vs-node-express/",
            "/compare/go-gin-vs-ruby-rails/",
            "/compare/node-express-vs-ruby-rails/"
        ]
    );
    // Each link is named "A vs B" by its group's heading and its own text.
    let links = select(&main, "#pairs li a");
    let named: Vec<(&str, &str)> =
        links.iter().map(|a| (a.attr("id").unwrap(), a.attr("aria-labelledby").unwrap())).collect();
    assert_eq!(named, [("pl1-1", "pg1 pl1-1"), ("pl1-2", "pg1 pl1-2"), ("pl2-1", "pg2 pl2-1")]);
    assert!(
        select_one(&main, "#pg1").html.contains(">Go + Gin</a> vs</h3>"),
        "{}",
        select_one(&main, "#pg1").html
    );
    let boxes: Vec<String> = select(&main, "#chooser-form input[type=\"checkbox\"]")
        .into_iter()
        .map(|i| i.attr("value").unwrap().to_string())
        .collect();
    assert_eq!(boxes, ["go-gin", "node-express", "ruby-rails"]);
    assert!(select_one(&main, "#chooser-form").attr("hidden").is_some(), "the form needs the script");
    let data = select_one(&main, "#chooser-data").html;
    assert!(data.contains(r#""ratings":[2,0]"#) && data.contains(r#""fits":{"good":"Good fit""#), "{data}");
    // The chart the script draws the chosen stacks on: a row of ticks per criterion (the base
    // site has two, of 3 and 2 levels), a mark per series defined once, and no stacks yet.
    let chart = select_one(&main, "#chooser-chart svg.profile").html;
    let rows: Vec<usize> = chart
        .split("<g class=\"pf-row\">")
        .skip(1)
        .map(|r| r.split("</g>").next().unwrap().matches("pf-tick").count())
        .collect();
    assert_eq!(rows, [3, 2], "{chart}");
    for k in 0..4 {
        assert!(chart.contains(&format!("<g id=\"chooser-pf-m{k}\">")), "{chart}");
    }
    assert!(chart.contains("<g class=\"pf-layers\"></g>") && !chart.contains("pf-line"), "{chart}");
    assert!(data.contains(r#""marks":["circles joined by a solid line","#), "{data}");
    let pair = site.main_html("compare/go-gin-vs-node-express/index.html");
    assert!(pair.contains("<a href=\"/compare/\">Compare</a>"));
    let stacks = site.main_html("stacks/index.html");
    assert!(stacks.contains("href=\"/compare/\"") && stacks.contains("href=\"/priorities/\""));
}
