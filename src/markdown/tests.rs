use super::*;

fn md(body: &str) -> Rendered {
    render(body, &|dest: &str| format!("REWRITTEN({dest})"), &super::Highlighter::default())
}

#[test]
fn headings_get_unique_ids_self_links_and_a_toc() {
    let r = md("# Title\n\n## Read replicas\n\n### Read replicas\n\n## Custom {#mine}\n\n## Main\n");
    assert!(r.html.contains("<h2 id=\"read-replicas\"><a class=\"heading-link\" href=\"#read-replicas\">Read replicas</a></h2>"), "{}", r.html);
    assert!(r.html.contains("<h3 id=\"read-replicas-1\">"));
    assert!(r.html.contains("<h2 id=\"mine\">"));
    // Ids the template uses are never given to headings.
    assert!(r.html.contains("<h2 id=\"main-1\">"));
    let toc: Vec<_> = r.toc.iter().map(|t| (t.level, t.id.as_str())).collect();
    assert_eq!(toc, [(2, "read-replicas"), (3, "read-replicas-1"), (2, "mine"), (2, "main-1")]);
    assert!(r.anchors.contains("title"));
}

#[test]
fn links_are_rewritten_and_recorded_with_positions() {
    let body = "See [a](../a.md#x) and ![img](pic.png).\n";
    let r = md(body);
    assert!(r.html.contains("href=\"REWRITTEN(../a.md#x)\""), "{}", r.html);
    assert!(r.html.contains("src=\"REWRITTEN(pic.png)\""));
    assert_eq!(r.links.len(), 2);
    assert_eq!(&body[r.links[0].offset..r.links[0].offset + r.links[0].len], "[a](../a.md#x)");
}

#[test]
fn extensions_are_on() {
    let r =
        md("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ and a note[^1]\n\n[^1]: The note.\n\n- [x] done\n");
    // A table scrolls sideways on a phone: the keyboard reaches it.
    assert!(r.html.contains("<table tabindex=\"0\"><thead>"), "{}", r.html);
    assert!(r.html.contains("<del>old</del>"));
    assert!(r.html.contains("footnote-definition"));
    assert!(r.html.contains("type=\"checkbox\""));
}

#[test]
fn code_is_highlighted_and_unknown_languages_reported() {
    let r = md("```go\npackage main\n```\n\n```klingon\nqapla'\n```\n");
    assert!(r.html.contains("data-lang=\"go\""));
    assert!(r.html.contains("hl-"));
    assert_eq!(r.unknown_languages.len(), 1);
    assert_eq!(r.unknown_languages[0].lang, "klingon");
    assert!(r.html.contains("qapla"));
}

#[test]
fn directive_blocks_keep_their_places() {
    let body = "Intro\n\n```stack\ngo-gin\n```\n\n```compare\nstacks: [a, b]\n```\n";
    let r = md(body);
    assert_eq!(r.directives.len(), 2);
    assert_eq!(r.directives[0].kind, DirectiveKind::Stack);
    assert_eq!(r.directives[0].body, "go-gin\n");
    assert_eq!(&body[r.directives[0].offset..r.directives[0].offset + 6], "go-gin");
    let segments: Vec<Segment<'_>> = r.segments().collect();
    assert_eq!(
        segments,
        [
            Segment::Html("<p>Intro</p>\n"),
            Segment::Embed(0),
            Segment::Html("\n"),
            Segment::Embed(1),
            Segment::Html("\n")
        ]
    );
    assert!(!r.html.contains("go-gin"));
}

/// A writer's own HTML comment that looks like the old placeholder is the writer's HTML, never
/// an embed: the embed goes where the block is.
#[test]
fn literal_placeholder_text_cannot_take_an_embed() {
    let body = "<!--directive:0-->\n\nSee `<!--directive:0-->` here.\n\n```stack\ngo-gin\n```\n\nAfter.\n";
    let r = md(body);
    let segments: Vec<Segment<'_>> = r.segments().collect();
    assert_eq!(
        segments,
        [
            Segment::Html("<!--directive:0-->\n<p>See <code>&lt;!--directive:0--&gt;</code> here.</p>\n"),
            Segment::Embed(0),
            Segment::Html("\n<p>After.</p>\n"),
        ]
    );
}

#[test]
fn a_body_without_directives_is_one_segment() {
    assert_eq!(md("Hi\n").segments().collect::<Vec<_>>(), [Segment::Html("<p>Hi</p>\n")]);
    assert_eq!(md("").segments().count(), 0);
    let r = md("```decision\nx\n```\n");
    assert_eq!(r.segments().collect::<Vec<_>>(), [Segment::Embed(0), Segment::Html("\n")]);
}

#[test]
fn raw_text_is_collected_for_search() {
    let r = md("## Caching\n\nUse *Redis* for `sessions`.\n\n```python\nimport redis\n```\n");
    assert!(r.text.contains("Caching"));
    assert!(r.text.contains("Use Redis for sessions."));
    assert!(!r.text.contains("import"), "code blocks are not prose");
}

#[test]
fn one_escaper_for_text_attributes_and_plain_code() {
    assert_eq!(
        escape("<a href=\"x\">Tom's & Jerry's</a>"),
        "&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; Jerry&#39;s&lt;/a&gt;"
    );
    let r = md("```text\n<script>alert(\"x\")</script>\n```\n\n```\"><b>\nx\n```\n");
    assert!(
        r.html.contains("<code>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;\n</code>"),
        "{}",
        r.html
    );
    assert!(r.html.contains("data-lang=\"&quot;&gt;&lt;b&gt;\""), "{}", r.html);
}

#[test]
fn an_outline_finds_what_a_rendering_finds_without_the_html() {
    let highlighter = super::Highlighter::default();
    let mut bodies: Vec<String> = walkdir::WalkDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    assert!(bodies.len() > 20, "the guide's chapters are read");
    bodies.push("# T\n\n```nosuchlang\nx\n```\n\n```stack\ngo-gin\n```\n\n[a](b.md#c) ![i](p.png)\n".into());
    for body in &bodies {
        let (full, outline) =
            (render(body, &|d: &str| d.to_string(), &highlighter), outline(body, &highlighter));
        assert!(outline.html.is_empty() && outline.embed_at.is_empty());
        assert_eq!(outline.toc, full.toc);
        assert_eq!(outline.anchors, full.anchors);
        assert_eq!(outline.links, full.links);
        assert_eq!(outline.directives, full.directives);
        assert_eq!(outline.unknown_languages, full.unknown_languages);
        assert_eq!(outline.text, full.text);
    }
}

#[test]
fn github_alerts_become_callouts_with_a_visible_title() {
    let r = md("> [!WARNING]\n> Back up *first*.\n\n> [!TIP]\n> Use `check`.\n\n> A quote.\n");
    assert!(
        r.html.starts_with(
            "<aside class=\"callout callout-warning\" role=\"note\">\n<p class=\"callout-title\"><svg class=\"callout-icon\" aria-hidden=\"true\""
        ),
        "{}",
        r.html
    );
    assert!(r.html.contains("</svg>Warning</p>\n<p>Back up <em>first</em>.</p>\n</aside>\n"), "{}", r.html);
    assert!(r.html.contains("</svg>Tip</p>\n<p>Use <code>check</code>.</p>\n</aside>\n"), "{}", r.html);
    assert!(r.html.contains("<blockquote>\n<p>A quote.</p>\n</blockquote>"), "{}", r.html);
    assert!(!r.html.contains("[!"), "the marker is not shown: {}", r.html);
    for kind in ["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"] {
        let html = md(&format!("> [!{kind}]\n> x\n")).html;
        let title = format!("{}{}", &kind[..1], kind[1..].to_lowercase());
        assert!(html.contains(&format!("callout-{}\"", kind.to_lowercase())), "{html}");
        assert!(html.contains(&format!("</svg>{title}</p>")), "{html}");
    }
    // The outline sees the callout's text, for search.
    assert_eq!(outline("> [!NOTE]\n> Read this.\n", &super::Highlighter::default()).text, "Read this.\n");
}
