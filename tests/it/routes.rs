//! Every address is claimed once: pages, generated pages, copied files and the theme's files
//! share one route table, and two claims on one address are an error naming both.

use std::collections::BTreeSet;

use crate::support::{TestSite, messages, tree};

/// Build `base` with one more file; the build must fail with exactly `expected`, and the
/// previous output must be left as it was.
fn refused(path: &str, text: &str, expected: &str) {
    let site = TestSite::built("base");
    let before = tree(&site.public());
    let site = site.file(path, text);
    let m = messages(&site.build());
    assert_eq!(m, [expected], "{path}");
    assert_eq!(tree(&site.public()), before, "{path}: the previous output is untouched");
}

const PAGE: &str = "---\ntitle: Mine\ndescription: Mine.\n---\nMine.\n";

#[test]
fn a_content_page_at_a_generated_address_is_an_error_naming_both() {
    let help = |a: &str| format!("(help: stackguide makes `/{a}` itself; rename or move this file)");
    refused(
        "content/stacks.md",
        PAGE,
        &format!(
            "content/stacks.md: error: `content/stacks.md` and the page of all stacks would both be written to `/stacks/` {}",
            help("stacks/")
        ),
    );
    refused(
        "content/search.md",
        PAGE,
        &format!(
            "content/search.md: error: `content/search.md` and the search page would both be written to `/search/` {}",
            help("search/")
        ),
    );
    refused(
        "content/compare/go-gin-vs-node-express.md",
        PAGE,
        &format!(
            "content/compare/go-gin-vs-node-express.md: error: `content/compare/go-gin-vs-node-express.md` and the comparison of `go-gin` and `node-express` would both be written to `/compare/go-gin-vs-node-express/` {}",
            help("compare/go-gin-vs-node-express/")
        ),
    );
    refused(
        "content/stacks/go-gin/_index.md",
        PAGE,
        &format!(
            "content/stacks/go-gin/_index.md: error: `content/stacks/go-gin/_index.md` and the page of stack `go-gin` would both be written to `/stacks/go-gin/` {}",
            help("stacks/go-gin/")
        ),
    );
    refused(
        "content/decide/pick.md",
        PAGE,
        &format!(
            "content/decide/pick.md: error: `content/decide/pick.md` and the page of flowchart `pick` would both be written to `/decide/pick/` {}",
            help("decide/pick/")
        ),
    );
}

#[test]
fn a_page_or_file_at_an_address_of_the_evidence_pages_is_an_error_naming_both() {
    let help = |a: &str| format!("(help: stackguide makes `/{a}` itself; rename or move this file)");
    for (file, what, address) in [
        ("content/methodology.md", "the methodology page", "methodology/"),
        ("content/changes.md", "the page of changes", "changes/"),
        ("content/support/_index.md", "the page of support windows", "support/"),
    ] {
        refused(
            file,
            PAGE,
            &format!(
                "{file}: error: `{file}` and {what} would both be written to `/{address}` {}",
                help(address)
            ),
        );
    }
    refused(
        "content/atom.xml",
        "<feed/>",
        &format!(
            "content/atom.xml: error: `content/atom.xml` and the feed of changes would both be written to `/atom.xml` {}",
            help("atom.xml")
        ),
    );
}

#[test]
fn a_copied_file_never_replaces_a_generated_or_theme_file() {
    for generated in ["robots.txt", "sitemap.xml", "search/index/manifest.json", "404.html"] {
        let what = match generated {
            "robots.txt" => "robots.txt",
            "sitemap.xml" => "the sitemap",
            "search/index/manifest.json" => "the search index",
            _ => "the 404 page",
        };
        refused(
            &format!("content/{generated}"),
            "mine",
            &format!(
                "content/{generated}: error: `content/{generated}` and {what} would both be written to `/{generated}` (help: stackguide makes `/{generated}` itself; rename or move this file)"
            ),
        );
    }
    // The folder of word shards is the build's, whatever files it holds this time.
    refused(
        "content/search/index/words/mine.json",
        "{}",
        "content/search/index/words/mine.json: error: `content/search/index/words/mine.json` would be written to `/search/index/words/mine.json`, in the folder of the search index's words (`/search/index/words/`) (help: stackguide writes the files of `/search/index/words/` itself; rename or move this file)",
    );
    refused(
        "content/search/index/pages/0.json",
        "[]",
        "content/search/index/pages/0.json: error: `content/search/index/pages/0.json` and part 0 of the search index would both be written to `/search/index/pages/0.json` (help: stackguide makes `/search/index/pages/0.json` itself; rename or move this file)",
    );
    refused(
        "content/style.css",
        "body {}",
        "content/style.css: error: `content/style.css` and the theme's `(default theme)/static/style.css` would both be written to `/style.css` (help: files of content/ may not replace the theme's; to change `style.css`, put it in themes/<name>/static/)",
    );
    refused(
        "content/guide/choosing/index.html",
        "<p>mine</p>",
        "content/guide/choosing/index.html: error: `content/guide/choosing/index.html` and `content/guide/choosing.md` would both be written to `/guide/choosing/` (help: rename one of them)",
    );
}

#[test]
fn stack_ids_that_would_share_a_comparison_address_are_refused_with_the_reason() {
    let site = TestSite::fixture("base");
    let profile = std::fs::read_to_string(site.root().join("content/stacks/go-gin.yaml")).unwrap();
    let site = site.file("content/stacks/a-vs.yaml", &profile).file("content/stacks/vs-b.yaml", &profile);
    let m = messages(&site.build());
    let reason = "(help: `-vs-` joins two stacks in a comparison's address (/compare/a-vs-b/), so a stack id may not contain `-vs-`, start with `vs-` or end with `-vs`)";
    assert_eq!(
        m,
        [
            format!(
                "content/stacks/a-vs.yaml: error: `a-vs` is not a valid id: the file name is the id {reason}"
            ),
            format!(
                "content/stacks/vs-b.yaml: error: `vs-b` is not a valid id: the file name is the id {reason}"
            ),
        ]
    );
    // A flowchart or chapter may say "vs": only stack ids make comparison addresses.
    let site = TestSite::fixture("base");
    let chart = std::fs::read_to_string(site.root().join("content/decisions/pick.yaml")).unwrap();
    let site =
        site.file("content/decisions/sql-vs-nosql.yaml", &chart).file("content/guide/sql-vs-nosql.md", PAGE);
    assert!(site.build().ok(), "{:#?}", messages(&site.build()));
}

#[test]
fn the_route_table_is_the_output_and_the_sitemap_lists_each_page_once() {
    let site = TestSite::built("base");
    let result = site.build();
    let routes: BTreeSet<String> =
        result.site.as_ref().unwrap().routes.iter().map(|(p, _)| p.to_string()).collect();
    // A folder the build fills (a path ending in `/`) stands for the files written in it.
    let folders: Vec<&String> = routes.iter().filter(|p| p.ends_with('/')).collect();
    assert_eq!(folders, ["search/index/words/"]);
    let written: BTreeSet<String> = tree(&site.public())
        .into_iter()
        .map(|(p, _)| folders.iter().find(|f| p.starts_with(f.as_str())).map_or(p, |f| f.to_string()))
        .filter(|p| p != ".stackguide-manifest")
        .collect();
    assert_eq!(written, routes, "the build writes exactly the route table");
    let sitemap = site.read("sitemap.xml");
    let locs: Vec<&str> = sitemap.split("<loc>").skip(1).map(|s| &s[..s.find("</loc>").unwrap()]).collect();
    let unique: BTreeSet<&str> = locs.iter().copied().collect();
    assert_eq!(unique.len(), locs.len(), "no address twice");
    let pages = routes.iter().filter(|p| p.ends_with("index.html")).count();
    assert_eq!(locs.len(), pages, "every page, and not the 404 page");
}

#[test]
fn new_refuses_a_file_whose_address_is_taken() {
    let site = TestSite::fixture("base").file("content/stacks/deno/_index.md", PAGE);
    for (args, expected) in [
        (
            ["new", "chapter", "compare/go-gin-vs-node-express"],
            "content/compare/go-gin-vs-node-express.md cannot be created: `content/compare/go-gin-vs-node-express.md` and the comparison of `go-gin` and `node-express` would both be written to `/compare/go-gin-vs-node-express/`; nothing was changed",
        ),
        (
            ["new", "stack", "deno"],
            "content/stacks/deno.yaml cannot be created: `content/stacks/deno/_index.md` and the page of stack `deno` would both be written to `/stacks/deno/`; nothing was changed",
        ),
    ] {
        let before = tree(site.root());
        let run = site.cli(&args);
        assert_eq!(run.code, 1, "{args:?}: {}", run.stdout);
        assert_eq!(run.stderr.trim(), format!("error: {expected}"), "{args:?}");
        assert_eq!(tree(site.root()), before, "{args:?}: nothing was written");
    }
    let run = site.cli(&["new", "chapter", "stacks-explained"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}
