//! The search index, written at build time: one JSON file the search script fetches on first
//! use. Each entry has a title, a section, an address, the headings and the prose (no code), so
//! every match can be shown in context. Very long pages keep their opening text in full and the
//! rest only as distinct words, which bounds the index on large sites.

use std::collections::BTreeSet;
use std::io::Write;

use rayon::prelude::*;
use serde::Serialize;

use crate::model::{DecisionId, NodeKind, PageId, PageKind, Site, StackId};
use crate::routes::Route;
use crate::session::Session;

/// How much of a page's text is kept for snippets; beyond it only distinct words are kept.
pub(crate) const TEXT_CHARS: usize = 12_000;

#[derive(Debug, Serialize)]
struct Entry {
    /// Title.
    t: String,
    /// Section, for context in the results.
    s: String,
    /// Address, with the site's base path.
    u: String,
    /// Headings.
    h: Vec<String>,
    /// Opening text, whitespace collapsed.
    x: String,
    /// The remaining distinct words, lowercase.
    w: String,
}

fn entry(t: &str, s: &str, u: String, h: Vec<String>, text: &str) -> Entry {
    let collapsed: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let cut = collapsed.char_indices().nth(TEXT_CHARS).map_or(collapsed.len(), |(i, _)| i);
    let cut = collapsed[..cut].rfind(' ').filter(|_| cut < collapsed.len()).unwrap_or(cut);
    // Most pages fit whole: only a longer one needs its words sorted out.
    let rest: BTreeSet<String> = if cut < collapsed.len() {
        let head: BTreeSet<String> = words(&collapsed[..cut]).collect();
        words(&collapsed[cut..]).filter(|w| !head.contains(w)).collect()
    } else {
        BTreeSet::new()
    };
    Entry {
        t: t.to_string(),
        s: s.to_string(),
        u,
        h,
        x: collapsed[..cut].to_string(),
        w: rest.into_iter().collect::<Vec<_>>().join(" "),
    }
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().count() > 2).map(str::to_lowercase)
}

/// The index of every page of `site`, as JSON.
pub(crate) fn index(site: &Site, session: &Session) -> String {
    let mut entries: Vec<Entry> = site
        .pages
        .par_iter()
        .enumerate()
        .map(|(i, p)| {
            let section = match p.kind {
                PageKind::Home => String::new(),
                _ => p.parent.map_or_else(|| "Guide".to_string(), |i| site.page(i).title.clone()),
            };
            // A body that cannot be read again fails its page's rendering, which reports it.
            let body = site.bodies.outline(&p.file, p.source, session).unwrap_or_default();
            let headings = body.toc.iter().map(|t| t.title.clone()).collect();
            let text = format!("{} {}", p.description, body.text);
            entry(&p.title, &section, site.url(Route::Page(PageId(i))), headings, &text)
        })
        .collect();
    for (i, s) in site.stacks.iter().enumerate() {
        let text = [
            s.summary.as_str(),
            &s.language,
            &s.runtime,
            &s.frameworks.join(" "),
            &s.best_for.join(". "),
            &s.pros.join(". "),
            &s.cons.join(". "),
            &s.users.join(", "),
            s.long_form.as_ref().map_or("", |r| r.text.as_str()),
        ]
        .join(" ");
        entries.push(entry(&s.name, "Stacks", site.url(Route::Stack(StackId(i))), Vec::new(), &text));
    }
    for (i, a) in site.stacks.iter().enumerate() {
        for (j, b) in site.stacks.iter().enumerate().skip(i + 1) {
            let title = format!("{} vs {}", a.name, b.name);
            entries.push(entry(
                &title,
                "Comparisons",
                site.url(Route::Compare(StackId(i), StackId(j))),
                Vec::new(),
                "",
            ));
        }
    }
    for (i, d) in site.decisions.iter().enumerate() {
        let questions: Vec<String> = d
            .nodes
            .iter()
            .map(|n| match &n.kind {
                NodeKind::Question { text, .. } => text.clone(),
                NodeKind::Result { title, .. } => title.clone(),
            })
            .collect();
        let url = site.url(Route::Decision(DecisionId(i)));
        entries.push(entry(
            &d.title,
            "Flowcharts",
            url,
            Vec::new(),
            &format!("{} {}", d.description, questions.join(". ")),
        ));
    }
    // `<` and `>` are escaped too, so no text can become markup wherever the JSON ends up.
    script_safe_json_of(&entries)
}

/// An entry of the A-Z list on the search page, which works without JavaScript.
#[derive(Debug, Serialize)]
pub(crate) struct AzEntry<'a> {
    pub title: &'a str,
    pub section: &'static str,
    pub url: String,
}

/// Every chapter, stack and flowchart by title (comparisons are reached from the stacks).
pub(crate) fn a_to_z(site: &Site) -> Vec<AzEntry<'_>> {
    let mut out: Vec<AzEntry<'_>> = site
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind != PageKind::Home)
        .map(|(i, p)| AzEntry { title: &p.title, section: "Guide", url: site.url(Route::Page(PageId(i))) })
        .chain(site.stacks.iter().enumerate().map(|(i, s)| AzEntry {
            title: &s.name,
            section: "Stack",
            url: site.url(Route::Stack(StackId(i))),
        }))
        .chain(site.decisions.iter().enumerate().map(|(i, d)| AzEntry {
            title: &d.title,
            section: "Flowchart",
            url: site.url(Route::Decision(DecisionId(i))),
        }))
        .collect();
    out.sort_by_key(|e| (e.title.to_lowercase(), e.url.clone()));
    out
}

/// JSON that is safe inside `<script>`: `<`, `>`, `&` and the line separators are \u-escaped.
#[cfg(test)]
pub(crate) fn script_safe_json(json: &str) -> String {
    let mut out = ScriptSafe(Vec::with_capacity(json.len() + json.len() / 64));
    let _ = out.write_all(json.as_bytes());
    out.into_string()
}

/// `value` as script-safe JSON, escaped as it is written: a large index is held once.
pub(crate) fn script_safe_json_of<T: Serialize>(value: &T) -> String {
    let mut out = ScriptSafe(Vec::new());
    match serde_json::to_writer(&mut out, value) {
        Ok(()) => out.into_string(),
        Err(_) => "[]".into(),
    }
}

/// Bytes of JSON with what could end a `<script>` element escaped on the way in.
struct ScriptSafe(Vec<u8>);

impl ScriptSafe {
    fn into_string(self) -> String {
        // Valid UTF-8 went in, and only ASCII replaced whole characters.
        String::from_utf8(self.0).unwrap_or_default()
    }
}

impl Write for ScriptSafe {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        for &b in buf {
            match b {
                b'<' => self.0.extend_from_slice(b"\\u003c"),
                b'>' => self.0.extend_from_slice(b"\\u003e"),
                b'&' => self.0.extend_from_slice(b"\\u0026"),
                _ => {
                    self.0.push(b);
                    // U+2028 and U+2029 end a line in JavaScript: E2 80 A8 and E2 80 A9.
                    if let [.., 0xE2, 0x80, last @ (0xA8 | 0xA9)] = self.0[..] {
                        let escaped: &[u8] = if last == 0xA8 { b"\\u2028" } else { b"\\u2029" };
                        self.0.truncate(self.0.len() - 3);
                        self.0.extend_from_slice(escaped);
                    }
                }
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_keeps_its_opening_and_its_distinct_words() {
        let text = format!("{} tail-only-word and Redis", "lorem ipsum ".repeat(1200));
        let e = entry("T", "S", "/t/".into(), vec![], &text);
        assert!(e.x.chars().count() <= TEXT_CHARS);
        assert!(e.x.starts_with("lorem ipsum"));
        assert_eq!(e.w, "and only redis tail word");
        let short = entry("T", "S", "/t/".into(), vec![], "  Short   text. ");
        assert_eq!((short.x.as_str(), short.w.as_str()), ("Short text.", ""));
    }

    #[test]
    fn json_is_escaped_for_scripts_as_it_is_written_even_across_writes() {
        let value = vec!["</script>", "a & b > c", "line\u{2028}sep\u{2029}end", "caf\u{e9}"];
        let whole = script_safe_json(&serde_json::to_string(&value).unwrap());
        assert_eq!(script_safe_json_of(&value), whole);
        assert!(!whole.contains('<') && !whole.contains('\u{2028}') && whole.contains("\\u2028"));
        // A separator split between two writes is still escaped.
        let mut out = ScriptSafe(Vec::new());
        let bytes = "x\u{2029}y".as_bytes();
        out.write_all(&bytes[..2]).unwrap();
        out.write_all(&bytes[2..]).unwrap();
        assert_eq!(out.into_string(), "x\\u2029y");
    }
}
