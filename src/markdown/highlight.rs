//! Code highlighting at build time: syntect behind one type, emitting for each token the one
//! class of its colour in the theme's palette (`hl-k`, `hl-s`, ...; see `palette`). The
//! theme's syntax-light.css and syntax-dark.css colour them, with contrast checked for both
//! schemes.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use syntect::parsing::{ParseState, ScopeStack, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;
use xxhash_rust::xxh3::Xxh3;

use crate::memo::Memo;

use super::escape;
use super::palette::{Look, Spans};

/// Languages shown as plain text without a warning.
const PLAIN: &[&str] = &["", "text", "txt", "plain", "plaintext", "console", "output"];

/// The syntax set, loaded once per process (it takes milliseconds, and every page shares it).
pub(crate) fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(two_face::syntax::extra_newlines)
}

/// The same grammars with their Unicode classes narrowed to ASCII (`\p{L}` to `[A-Za-z]`, see
/// `narrow`), made by build.rs: on code that is all ASCII they highlight alike, and the
/// patterns a block meets compile many times faster (most of what highlighting costs a cold
/// build). `None` if the file could not be read, and the full grammars serve.
fn ascii_syntaxes() -> Option<&'static SyntaxSet> {
    static SET: OnceLock<Option<SyntaxSet>> = OnceLock::new();
    let dump = include_bytes!(concat!(env!("OUT_DIR"), "/syntaxes-ascii.bin"));
    SET.get_or_init(|| syntect::dumps::from_uncompressed_data(dump).ok()).as_ref()
}

/// The grammars to highlight `code` with: the narrowed ones when it is all ASCII (the full
/// ones are then never loaded: both know the same languages).
fn syntaxes_for(code: &str) -> &'static SyntaxSet {
    code.is_ascii().then(ascii_syntaxes).flatten().unwrap_or_else(syntaxes)
}

/// The full grammar for `lang`.
#[cfg(test)]
pub(crate) fn syntax_for(lang: &str) -> Option<&'static SyntaxReference> {
    syntax_in(syntaxes(), lang)
}

fn syntax_in<'s>(set: &'s SyntaxSet, lang: &str) -> Option<&'s SyntaxReference> {
    let token = match lang.to_ascii_lowercase().as_str() {
        "ts" | "typescript" | "tsx" => "TypeScript".to_string(),
        "shell" | "sh" | "zsh" => "bash".to_string(),
        "kotlin" | "kt" => "Kotlin".to_string(),
        "csharp" | "c#" => "cs".to_string(),
        "elixir" | "ex" | "exs" => "Elixir".to_string(),
        "dockerfile" | "docker" => "Dockerfile".to_string(),
        "yml" => "yaml".to_string(),
        other => other.to_string(),
    };
    set.find_syntax_by_token(&token).or_else(|| set.find_syntax_by_name(&token))
}

/// Highlights code, remembering each result by a stable key of its language and text (the
/// key is kept on disk between runs, so it must not depend on the Rust release).
#[derive(Debug)]
pub struct Highlighter {
    memo: Memo<Option<String>>,
    /// How many blocks were highlighted rather than remembered.
    made: AtomicUsize,
    /// What is being highlighted now, by key: a second thread asking for the same code waits
    /// for the first rather than highlighting it too.
    pending: Mutex<HashMap<u64, Arc<OnceLock<Option<String>>>>>,
}

impl Default for Highlighter {
    fn default() -> Self {
        Highlighter { memo: Memo::new(), made: AtomicUsize::new(0), pending: Mutex::default() }
    }
}

impl Highlighter {
    /// The code as `<pre><code>` with highlighting spans; `None` when the language is unknown.
    pub fn highlight(&self, code: &str, lang: &str) -> Option<String> {
        let key = key(code, lang);
        if let Some(hit) = self.memo.get(key) {
            return hit;
        }
        let cell = self.pending.lock().map(|mut p| p.entry(key).or_default().clone()).unwrap_or_default();
        let html = cell.get_or_init(|| {
            self.made.fetch_add(1, Ordering::Relaxed);
            let html = highlight_now(code, lang);
            self.memo.insert(key, html.clone());
            html
        });
        if let Ok(mut p) = self.pending.lock() {
            p.remove(&key);
        }
        html.clone()
    }

    /// Whether `code` in `lang` will be highlighted; asks the memo first, so a build whose
    /// code is all remembered never loads the syntaxes.
    pub(crate) fn knows(&self, code: &str, lang: &str) -> bool {
        match self.memo.peek(key(code, lang), Option::is_some) {
            Some(remembered) => remembered,
            None => PLAIN.contains(&lang) || syntax_in(syntaxes_for(code), lang).is_some(),
        }
    }

    pub(crate) fn memo(&self) -> &Memo<Option<String>> {
        &self.memo
    }

    /// Whether any code was highlighted (not taken from the memo) since it was made.
    pub(crate) fn highlighted_any(&self) -> bool {
        self.made.load(Ordering::Relaxed) > 0
    }
}

/// The memo's key for `code` in `lang`: stable across runs and Rust releases.
fn key(code: &str, lang: &str) -> u64 {
    let mut h = Xxh3::new();
    h.update(lang.as_bytes());
    h.update(&[0]);
    h.update(code.as_bytes());
    h.digest()
}

fn highlight_now(code: &str, lang: &str) -> Option<String> {
    let mut html = format!("<pre class=\"code\" data-lang=\"{}\" tabindex=\"0\"><code>", escape(lang));
    if PLAIN.contains(&lang) {
        html.push_str(&escape(code));
    } else {
        let set = syntaxes_for(code);
        match classed(code, syntax_in(set, lang)?, set) {
            Some(spans) => html.push_str(&spans),
            None => return Some(plain(code, lang)),
        }
    }
    html.push_str("</code></pre>\n");
    Some(html)
}

/// `code` as runs of text, each with the class of its colour in the theme's palette; `None`
/// when syntect cannot parse it. `syntax` is one of `set`'s.
fn classed(code: &str, syntax: &SyntaxReference, set: &SyntaxSet) -> Option<String> {
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    // The look under the stack, worked out when text needs it after the stack changed.
    let mut look = Some(Look::default());
    let mut spans = Spans::default();
    for line in LinesWithEndings::from(code) {
        let ops = state.parse_line(line, set).ok()?;
        let mut from = 0;
        for (at, op) in ops {
            if at > from {
                spans.push(&line[from..at], *look.get_or_insert_with(|| Look::of(&stack)));
                from = at;
            }
            stack.apply(&op).ok()?;
            look = None;
        }
        spans.push(&line[from..], *look.get_or_insert_with(|| Look::of(&stack)));
    }
    Some(spans.finish())
}

/// The code escaped, without highlighting.
pub(crate) fn plain(code: &str, lang: &str) -> String {
    format!(
        "<pre class=\"code\" data-lang=\"{}\" tabindex=\"0\"><code>{}</code></pre>\n",
        escape(lang),
        escape(code)
    )
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn code_asked_for_by_many_threads_at_once_is_highlighted_once() {
        let highlighter = Highlighter::default();
        let start = std::sync::Barrier::new(8);
        let code = "fn main() {\n    println!(\"{}\", 1 + 2);\n}\n";
        let all: Vec<Option<String>> = std::thread::scope(|s| {
            let asks: Vec<_> = (0..8)
                .map(|_| {
                    s.spawn(|| {
                        start.wait();
                        highlighter.highlight(code, "rust")
                    })
                })
                .collect();
            asks.into_iter().map(|a| a.join().unwrap()).collect()
        });
        assert!(all.iter().all(|h| h == &all[0] && h.as_deref().is_some_and(|h| h.contains("hl-"))));
        assert_eq!(highlighter.made.load(Ordering::Relaxed), 1);
        assert_eq!(highlighter.highlight(code, "rust"), all[0], "then remembered");
        assert_eq!(highlighter.made.load(Ordering::Relaxed), 1);
    }

    #[test]
    fn highlights_with_classes_and_escapes() {
        let html = Highlighter::default().highlight("fn main() { let x = \"<b>\"; }\n", "rust").unwrap();
        assert!(html.starts_with("<pre class=\"code\" data-lang=\"rust\" tabindex=\"0\"><code>"));
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(html.contains("&lt;b&gt;"));
        assert!(!html.contains("<b>"));
    }

    /// What syntect makes of `code`, line by line: where each scope is pushed or popped.
    fn ops(code: &str, lang: &str, set: &SyntaxSet) -> Vec<Vec<(usize, syntect::parsing::ScopeStackOp)>> {
        let mut state = ParseState::new(syntax_in(set, lang).unwrap());
        LinesWithEndings::from(code).map(|line| state.parse_line(line, set).unwrap()).collect()
    }

    /// Code in many languages: the stacks' examples and the fenced blocks of the guide in
    /// content/, and a few lines of others, with identifiers in both cases, digits, `_` and `$`.
    fn samples() -> Vec<(String, String)> {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let mut out: Vec<(String, String)> = [
            ("bash", "for f in *.md; do\n  echo \"$f\" | grep -c 'Go_1x' > \"${f%.md}.n\"\ndone\n"),
            ("sql", "SELECT u.id, COUNT(*) AS n9 FROM users u WHERE u.name ILIKE 'a%' GROUP BY 1;\n"),
            ("yaml", "name: Build_2\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-24.04 # x\n"),
            ("json", "{\"aB_1\": [1, 2.5e3, true, null], \"$ref\": \"#/x\"}\n"),
            ("toml", "[package]\nname = \"a_b\"\nversion = \"0.1.0\"\n[dependencies]\nserde = { version = \"1\" }\n"),
            ("dockerfile", "FROM rust:1.89 AS build\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\n"),
            ("html", "<div class=\"aB\" data-x_1='2'><a href=\"/p?q=1&amp;r\">Hi</a></div>\n"),
            ("css", ".a-B_1 > p:hover { color: #0a0B0c; margin: 0 auto; --Var_2: 3px; }\n"),
            ("c", "#include <stdio.h>\nint main(void) { int aB_1 = 0x1F; printf(\"%d\\n\", aB_1); }\n"),
            ("cpp", "template <typename T> auto f(T&& x_1) -> decltype(x_1) { return std::move(x_1); }\n"),
            ("swift", "struct User_1 { let Name: String; func greet() -> String { \"Hi \\(Name)\" } }\n"),
            ("scala", "object Main extends App { val xs_1 = List(1, 2).map(_ * 2); println(s\"$xs_1\") }\n"),
            ("markdown", "# Title_1\n\nSome *text* with `code` and a [link](http://x.y/z_1).\n"),
            ("ts", "export class Foo_1<T extends Bar$> { private readonly $x?: T; async go(): Promise<void> {} }\n"),
            ("php", "<?php\nfunction aB_1(array $xs): ?int { return $xs['K'] ?? null; }\n"),
        ]
        .iter()
        .map(|(lang, code)| (lang.to_string(), code.to_string()))
        .collect();
        for entry in std::fs::read_dir(content.join("stacks")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "yaml") {
                let stack: serde_yaml::Value =
                    serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
                let example = &stack["example"];
                out.push((
                    example["language"].as_str().unwrap().into(),
                    example["code"].as_str().unwrap().into(),
                ));
            }
        }
        for file in walkdir::WalkDir::new(&content).into_iter().map(Result::unwrap) {
            if file.path().extension().is_none_or(|e| e != "md") {
                continue;
            }
            let text = std::fs::read_to_string(file.path()).unwrap();
            for block in text.split("\n```").skip(1).step_by(2) {
                let (lang, code) = block.split_once('\n').unwrap_or_default();
                if syntax_for(lang).is_some() {
                    out.push((lang.into(), code.into()));
                }
            }
        }
        out
    }

    #[test]
    fn narrowed_grammars_parse_ascii_code_as_the_full_ones_do() {
        let narrow = ascii_syntaxes().expect("the narrowed grammars load");
        let samples = samples();
        assert!(samples.len() > 40, "{}", samples.len());
        for (lang, code) in &samples {
            assert!(code.is_ascii(), "{lang}: {code}");
            assert_eq!(ops(code, lang, narrow), ops(code, lang, syntaxes()), "{lang}: {code}");
            assert!(std::ptr::eq(syntaxes_for(code), narrow));
        }
    }

    #[test]
    fn code_with_other_characters_is_highlighted_with_the_full_grammars() {
        let code = "const café = naïveSum(π, 2);\n";
        let narrow = ascii_syntaxes().unwrap();
        assert!(std::ptr::eq(syntaxes_for(code), syntaxes()));
        // Which matters: narrowed, the letters beyond ASCII are not letters any more.
        assert_ne!(ops(code, "ts", narrow), ops(code, "ts", syntaxes()));
        let html = Highlighter::default().highlight(code, "ts").unwrap();
        assert!(html.contains("caf\u{e9}"), "{html}");
    }

    #[test]
    fn knows_the_guide_languages() {
        for lang in [
            "go",
            "python",
            "js",
            "ts",
            "java",
            "cs",
            "php",
            "ruby",
            "elixir",
            "rust",
            "kotlin",
            "yaml",
            "bash",
            "sql",
            "dockerfile",
            "toml",
            "json",
            "text",
        ] {
            assert!(Highlighter::default().highlight("x", lang).is_some(), "{lang}");
        }
        assert!(Highlighter::default().highlight("x", "klingon").is_none());
    }
}
