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

pub(crate) fn syntax_for(lang: &str) -> Option<&'static SyntaxReference> {
    let set = syntaxes();
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
            None => PLAIN.contains(&lang) || syntax_for(lang).is_some(),
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
        let syntax = syntax_for(lang)?;
        match classed(code, syntax) {
            Some(spans) => html.push_str(&spans),
            None => return Some(plain(code, lang)),
        }
    }
    html.push_str("</code></pre>\n");
    Some(html)
}

/// `code` as runs of text, each with the class of its colour in the theme's palette; `None`
/// when syntect cannot parse it.
fn classed(code: &str, syntax: &SyntaxReference) -> Option<String> {
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    // The look under the stack, worked out when text needs it after the stack changed.
    let mut look = Some(Look::default());
    let mut spans = Spans::default();
    for line in LinesWithEndings::from(code) {
        let ops = state.parse_line(line, syntaxes()).ok()?;
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
