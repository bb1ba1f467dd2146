//! The palette must colour every character as the stylesheets of one nested span per scope
//! did: each code block of the guide, and samples of every language, are highlighted both ways
//! and the cascade of each stylesheet is worked out character by character.

use std::path::Path;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::util::LinesWithEndings;

use crate::markdown::highlight::{Highlighter, syntax_for, syntaxes};

/// The stylesheets as they were before the palette, for the scope-per-span HTML.
const OLD_LIGHT: &str = r#"
.hl-comment { color: #57606a; font-style: italic; }
.hl-string { color: #0a3069; }
.hl-constant, .hl-support { color: #0550ae; }
.hl-keyword, .hl-storage { color: #b3261e; }
.hl-entity.hl-name, .hl-entity.hl-other.hl-inherited-class { color: #6639ba; }
.hl-variable.hl-parameter, .hl-variable.hl-other.hl-member { color: #953800; }
.hl-entity.hl-name.hl-tag { color: #116329; }
.hl-invalid { color: #82071e; text-decoration: underline wavy; }
"#;
const OLD_DARK: &str = r#"
.hl-comment { color: #9198a1; font-style: italic; }
.hl-string { color: #a5d6ff; }
.hl-constant, .hl-support { color: #79c0ff; }
.hl-keyword, .hl-storage { color: #ff7b72; }
.hl-entity.hl-name, .hl-entity.hl-other.hl-inherited-class { color: #d2a8ff; }
.hl-variable.hl-parameter, .hl-variable.hl-other.hl-member { color: #ffa657; }
.hl-entity.hl-name.hl-tag { color: #7ee787; }
.hl-invalid { color: #ffa198; text-decoration: underline wavy; }
"#;

/// A rule of a stylesheet: its compound selectors and what it sets.
struct Rule {
    selectors: Vec<Vec<String>>,
    color: Option<String>,
    italic: bool,
    underline: bool,
}

fn parse_css(css: &str) -> Vec<Rule> {
    let mut text = css.to_string();
    while let Some(start) = text.find("/*") {
        let end = text[start..].find("*/").map_or(text.len(), |e| start + e + 2);
        text.replace_range(start..end, "");
    }
    text.split('}')
        .filter_map(|block| block.split_once('{'))
        .map(|(sel, props)| Rule {
            selectors: sel
                .split(',')
                .map(|s| s.trim().split('.').filter(|c| !c.is_empty()).map(str::to_string).collect())
                .collect(),
            color: props
                .split(';')
                .find_map(|p| p.trim().strip_prefix("color:").map(|c| c.trim().to_string())),
            italic: props.contains("font-style: italic"),
            underline: props.contains("text-decoration"),
        })
        .collect()
}

/// What a character looks like.
#[derive(Debug, PartialEq)]
struct Look {
    color: Option<String>,
    italic: bool,
    underline: bool,
}

/// Each character of highlighted `html` with its look under `rules`, worked out as CSS would.
fn looks(html: &str, rules: &[Rule]) -> Vec<(char, Look)> {
    // The rule that applies to an element: of those matching its classes, the most specific,
    // then the last.
    let best = |classes: &[String], wants: &dyn Fn(&Rule) -> bool| {
        rules
            .iter()
            .enumerate()
            .filter(|(_, r)| wants(r))
            .flat_map(|(i, r)| r.selectors.iter().map(move |s| (i, r, s)))
            .filter(|(_, _, s)| s.iter().all(|c| classes.contains(c)))
            .max_by_key(|(i, _, s)| (s.len(), *i))
            .map(|(_, r, _)| r)
    };
    let mut stack: Vec<Vec<String>> = Vec::new();
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("<span class=\"") {
            let end = after.find("\">").unwrap();
            stack.push(after[..end].split(' ').map(str::to_string).collect());
            rest = &after[end + 2..];
            continue;
        }
        if let Some(after) = rest.strip_prefix("</span>") {
            stack.pop();
            rest = after;
            continue;
        }
        let (ch, len) = match ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
            .iter()
            .position(|e| rest.starts_with(e))
        {
            Some(i) => (['&', '<', '>', '"', '\''][i], ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"][i].len()),
            None => (c, c.len_utf8()),
        };
        rest = &rest[len..];
        let color =
            stack.iter().rev().find_map(|cl| best(cl, &|r| r.color.is_some())).and_then(|r| r.color.clone());
        let italic = stack.iter().rev().find_map(|cl| best(cl, &|r| r.italic)).is_some();
        let underline = stack.iter().any(|cl| best(cl, &|r| r.underline).is_some());
        out.push((ch, Look { color, italic, underline }));
    }
    out
}

/// The HTML of one span per scope, as syntect wrote it before the palette.
fn scope_spans(code: &str, lang: &str) -> String {
    let syntax = syntax_for(lang).unwrap();
    let style = ClassStyle::SpacedPrefixed { prefix: "hl-" };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes(), style);
    for line in LinesWithEndings::from(code) {
        generator.parse_html_for_line_which_includes_newline(line).unwrap();
    }
    generator.finalize()
}

/// The inside of `<code>` of the palette's HTML.
fn palette_spans(code: &str, lang: &str) -> String {
    let html = Highlighter::default().highlight(code, lang).unwrap();
    let start = html.find("<code>").unwrap() + "<code>".len();
    html[start..html.rfind("</code>").unwrap()].to_string()
}

/// Every fenced code block of the guide's chapters and every stack's example.
fn guide_blocks() -> Vec<(String, String)> {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut blocks = Vec::new();
    for entry in walkdir::WalkDir::new(&content).into_iter().filter_map(Result::ok) {
        let Ok(text) = std::fs::read_to_string(entry.path()) else { continue };
        if entry.path().extension().is_some_and(|e| e == "md") {
            let mut lines = text.lines();
            while let Some(line) = lines.next() {
                let Some(lang) = line.strip_prefix("```").filter(|l| !l.is_empty()) else { continue };
                let code: Vec<&str> = lines.by_ref().take_while(|l| !l.starts_with("```")).collect();
                blocks.push((lang.trim().to_string(), code.join("\n") + "\n"));
            }
        } else if entry.path().parent().is_some_and(|p| p.ends_with("stacks")) {
            let value: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
            let example = &value["example"];
            if let (Some(lang), Some(code)) = (example["language"].as_str(), example["code"].as_str()) {
                blocks.push((lang.to_string(), code.to_string()));
            }
        }
    }
    blocks
}

const SAMPLES: &[(&str, &str)] = &[
    (
        "html",
        "<!-- a comment -->\n<div class=\"x\" id='y'>Text &amp; more</div>\n<script>let a = 1;</script>\n",
    ),
    (
        "python",
        "# comment\ndef f(a, b=2):\n    \"\"\"Doc.\"\"\"\n    return a + b  # TODO\nclass C(Base): pass\n",
    ),
    (
        "rust",
        "/// Doc with `code`.\nfn main() { let s: &str = \"x\\n\"; println!(\"{s}\"); }\nimpl<T> Tr for S<T> {}\n",
    ),
    (
        "js",
        "// c\nconst f = async (x) => { return `t ${x}`; };\nclass A extends B { m(p) { this.q = p; } }\n",
    ),
    ("go", "package main\n// c\nfunc (s *S) M(a int) error { return nil }\n"),
    ("json", "{\"a\": [1, 2.5, true, null], \"b\": \"x\"}\n"),
    // Doc comments whose tags have colours of their own, in italics from the comment.
    ("java", "/** {@link X} @param a the a */\nclass A {}\n"),
    ("cs", "/// <summary>Hi</summary>\nclass A {}\n"),
    ("ts", "/** @deprecated use g */\nlet a = 1;\n"),
    ("sql", "SELECT a, COUNT(*) FROM t WHERE b = 'x' -- c\n"),
    ("yaml", "a: 1 # c\nb: [x, \"y\"]\n"),
    ("bash", "#!/bin/sh\necho \"$HOME\" | grep -v x # c\n"),
    ("toml", "[a]\nb = \"c\" # d\n"),
    ("dockerfile", "FROM rust:1 AS b\nRUN cargo build # c\n"),
    ("ts", "interface I { a: string }\nfunction f<T>(x: T): T { return x; }\n"),
    ("php", "<?php\nfunction f($a) { return $a . 'x'; } // c\n"),
    ("ruby", "def f(a) = a * 2 # c\nclass C < B; end\n"),
    ("java", "@Override public int f(int a) { return a; } // c\n"),
    ("cs", "public class C : B { int F(int a) => a; } // c\n"),
    ("kotlin", "fun f(a: Int): Int = a // c\n"),
    ("elixir", "defmodule M do\n  def f(a), do: a # c\nend\n"),
];

#[test]
fn the_palette_colours_every_character_as_the_scope_stylesheets_did() {
    let new_light = parse_css(include_str!("../../../themes/default/static/syntax-light.css"));
    let new_dark = parse_css(include_str!("../../../themes/default/static/syntax-dark.css"));
    let (old_light, old_dark) = (parse_css(OLD_LIGHT), parse_css(OLD_DARK));
    let mut blocks = guide_blocks();
    assert!(blocks.len() > 20, "the guide has code blocks: {}", blocks.len());
    blocks.extend(SAMPLES.iter().map(|(l, c)| (l.to_string(), c.to_string())));
    let mut compared = 0;
    for (lang, code) in blocks.iter().filter(|(l, _)| syntax_for(l).is_some()) {
        let (old, new) = (scope_spans(code, lang), palette_spans(code, lang));
        for (old_rules, new_rules) in [(&old_light, &new_light), (&old_dark, &new_dark)] {
            let (before, after) = (looks(&old, old_rules), looks(&new, new_rules));
            assert_eq!(before.len(), after.len(), "{lang}: the same text");
            for ((c, a), (_, b)) in before.iter().zip(&after) {
                // The colour of whitespace cannot be seen; its underline can.
                if c.is_whitespace() {
                    assert_eq!(a.underline, b.underline, "{lang}: {code}");
                } else {
                    assert_eq!(a, b, "{lang}: `{c}` in {code}\n{old}\n{new}");
                }
            }
            compared += before.len();
        }
        assert!(new.len() < old.len(), "{lang}: fewer bytes ({} vs {})", new.len(), old.len());
    }
    assert!(compared > 10_000, "{compared} characters compared");
}
