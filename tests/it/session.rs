//! A session remembers across builds (as `serve` does) and must never change what is written:
//! after every kind of edit, a remembering rebuild gives exactly what a fresh build gives. The
//! highlight cache on disk keeps only what the last build used, and only its own site's code.

use std::fs;

use stackguide::Session;
use stackguide::{BuildOptions, render_site};

use crate::support::TestSite;

fn options(site: &TestSite) -> BuildOptions {
    BuildOptions {
        base_url: Some("http://127.0.0.1:1111/docs/".into()),
        drafts: true,
        today: Some(crate::support::TODAY.into()),
        ..BuildOptions::for_root(site.root())
    }
}

/// Apply `edit`, rebuild with the remembering `session` and from scratch, and compare.
fn step(
    site: &TestSite,
    session: &Session,
    previous: &mut Vec<stackguide::OutputFile>,
    what: &str,
    edit: impl FnOnce(),
) {
    edit();
    session.next_build();
    let remembered = render_site(&options(site), session);
    let fresh = render_site(&options(site), &Session::for_build());
    assert!(fresh.ok(), "{what}: {:?}", fresh.diagnostics.sorted());
    assert!(remembered.ok(), "{what}: {:?}", remembered.diagnostics.sorted());
    assert_ne!(&fresh.files, previous, "{what}: the edit changes the output");
    for (a, b) in remembered.files.iter().zip(&fresh.files) {
        assert_eq!(a.path, b.path, "{what}");
        assert!(a == b, "{what}: `{}` differs from a fresh build", a.path);
    }
    assert_eq!(remembered.files.len(), fresh.files.len(), "{what}");
    *previous = fresh.files;
}

#[test]
fn a_remembering_rebuild_writes_exactly_what_a_fresh_build_writes() {
    let theme =
        fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/templates/chapter.html"))
            .unwrap();
    let site = TestSite::fixture("base").file("themes/mine/templates/chapter.html", &theme);
    let site_yaml = site.root().join("content/site.yaml");
    let text = fs::read_to_string(&site_yaml).unwrap();
    fs::write(&site_yaml, format!("{text}theme: mine\n")).unwrap();
    let session = Session::for_rebuilds();
    let mut previous = Vec::new();
    let root = site.root().to_path_buf();
    let edit = |file: &str, from: &str, to: &str| {
        let path = root.join(file);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} has `{from}`");
        fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    step(&site, &session, &mut previous, "first build", || {});
    step(&site, &session, &mut previous, "a chapter's body", || {
        edit("content/guide/choosing.md", "Read about", "Now read about")
    });
    // Pages made from the site alone are remembered while only bodies change, but a body's
    // embeds and links are part of the site: a stack's page lists the chapters about it (Rails
    // stops being embedded, then is linked).
    step(&site, &session, &mut previous, "an embedded stack changed in a chapter's body", || {
        edit("content/guide/choosing.md", "```stack\nruby-rails", "```stack\nnode-express")
    });
    step(&site, &session, &mut previous, "a link to a stack added to a chapter's body", || {
        edit("content/guide/choosing.md", "Now read about", "Now read about [Rails](/stacks/ruby-rails/) and")
    });
    step(&site, &session, &mut previous, "a new word in a chapter's body", || {
        edit("content/guide/choosing.md", "Now read about", "Zanzibar aside, now read about")
    });
    step(&site, &session, &mut previous, "a chapter's title", || {
        edit("content/guide/choosing.md", "title: Choosing", "title: Choosing well")
    });
    // The search index numbers its pages: a chapter added before the stacks renumbers them all.
    step(&site, &session, &mut previous, "a chapter added", || {
        let text =
            "---\ntitle: Another\ndescription: More on Gin.\n---\nCompare Gin with Express; read about it.\n";
        fs::write(root.join("content/guide/another.md"), text).unwrap()
    });
    // A description is the excerpt a result shows: a word it shows gets no snippet.
    step(&site, &session, &mut previous, "a chapter's description", || {
        edit(
            "content/guide/choosing.md",
            "description: A chapter with data.",
            "description: Read about data.",
        )
    });
    // A section's title is shown with the results of every page in it.
    step(&site, &session, &mut previous, "a section's title", || {
        edit("content/guide/_index.md", "title: Guide", "title: Handbook")
    });
    step(&site, &session, &mut previous, "a chapter removed", || {
        fs::remove_file(root.join("content/guide/another.md")).unwrap()
    });
    step(&site, &session, &mut previous, "a stack's rating", || {
        edit("content/stacks/go-gin.yaml", "speed: { level: fast", "speed: { level: slow")
    });
    step(&site, &session, &mut previous, "a flowchart's question", || {
        edit("content/decisions/pick.yaml", "What are you building?", "What will you build?")
    });
    step(&site, &session, &mut previous, "a template", || {
        edit(
            "themes/mine/templates/chapter.html",
            "<article class=\"chapter\">",
            "<article class=\"chapter edited\">",
        )
    });
    step(&site, &session, &mut previous, "a file deleted", || {
        fs::remove_file(root.join("content/stacks/go-gin.md")).unwrap()
    });
    step(&site, &session, &mut previous, "the same edit undone", || {
        edit("content/guide/choosing.md", "Zanzibar aside, now read about", "Now read about")
    });
}

fn cache_of(site: &TestSite) -> String {
    fs::read_to_string(site.root().join(".stackguide-cache/highlight.json")).unwrap()
}

fn page_with_code(code: &str) -> String {
    format!("---\ntitle: Code\ndescription: Code.\n---\n```python\n{code}\n```\n")
}

#[test]
fn the_highlight_cache_keeps_only_what_the_last_build_used() {
    let site = TestSite::minimal()
        .file("content/a.md", &page_with_code("first_function_name = 1"))
        .file("content/b.md", &page_with_code("second_function_name = 2"));
    assert!(site.build().ok());
    assert!(
        cache_of(&site).contains("first_function_name") && cache_of(&site).contains("second_function_name")
    );
    fs::remove_file(site.root().join("content/a.md")).unwrap();
    assert!(site.build().ok());
    assert!(!cache_of(&site).contains("first_function_name"), "removed code leaves the cache");
    assert!(cache_of(&site).contains("second_function_name"), "code still used stays");

    // Two sites built by one process: each cache holds its own code only.
    let other = TestSite::minimal().file("content/c.md", &page_with_code("third_function_name = 3"));
    assert!(other.build().ok());
    assert!(site.build().ok());
    assert!(!cache_of(&other).contains("second_function_name"), "{}", cache_of(&other));
    assert!(!cache_of(&site).contains("third_function_name"));
}
