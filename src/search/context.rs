//! Snippets for the search results: for each word, the text around it on the pages a search for
//! it shows first, so a result can show why it matched. Only those few pages get one, only
//! where the title and the excerpt do not already show the word, and only a line of text,
//! which keeps the shards small.

use std::borrow::Cow;

use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::docs::{Body, Doc, doc};
use super::words::{Posting, in_title, rank, tokens, words};
use crate::model::Site;
use crate::session::Session;

/// How many of a word's pages get a snippet: the first results of a search for it. The
/// snippets are most of the index, so this bounds its size by the vocabulary, not the pages.
pub(crate) const SHOWN: usize = 2;

/// About how many characters of text a snippet keeps before and after its word.
const BEFORE: usize = 40;
const AFTER: usize = 80;

/// For each of `words` (sorted, with their postings), the snippets of its best pages: (page,
/// text), by page. Pages are read again, in parallel, one at a time.
pub(crate) fn contexts(
    site: &Site,
    session: &Session,
    words: &[(String, Vec<Posting>)],
) -> Vec<Vec<(u32, String)>> {
    let mut wanted: HashMap<u32, Vec<usize>> = HashMap::default();
    for (i, (_, postings)) in words.iter().enumerate() {
        // A title shows its words: those pages need no snippet, nor a second reading.
        for (page, _) in best(postings).filter(|&(_, score)| !in_title(score)) {
            wanted.entry(page).or_default().push(i);
        }
    }
    let mut wanted: Vec<(u32, Vec<usize>)> = wanted.into_iter().collect();
    wanted.sort_unstable();
    let found: Vec<(usize, u32, String)> = wanted
        .into_par_iter()
        .flat_map_iter(|(page, ids)| {
            let Some(doc) = doc(site, session, page as usize, Body::Whole) else { return Vec::new() };
            let found = snippets_of(&doc, &ids, words, session);
            found.into_iter().map(|(i, text)| (i, page, text)).collect::<Vec<_>>()
        })
        .collect();
    let mut out = vec![Vec::new(); words.len()];
    for (i, page, text) in found {
        out[i].push((page, text));
    }
    for snippets in &mut out {
        snippets.sort_unstable();
    }
    out
}

/// The snippets on `doc` of the words numbered `ids` in `words`, by number: remembered by the
/// page's text and the words when the session remembers the search index's parts.
fn snippets_of(
    doc: &Doc<'_>,
    ids: &[usize],
    words: &[(String, Vec<Posting>)],
    session: &Session,
) -> Vec<(usize, String)> {
    let on_page: HashMap<&str, usize> = ids.iter().map(|&i| (words[i].0.as_str(), i)).collect();
    if !session.remembers_search() {
        return around(doc, &on_page);
    }
    // By word rather than by its number, which another page's edit can change.
    let key = || crate::memo::key((doc.key(), ids.iter().map(|&i| &words[i].0).collect::<Vec<_>>()));
    let make =
        || around(doc, &on_page).into_iter().map(|(i, text)| (words[i].0.as_str().into(), text)).collect();
    let found = session.snippets(key, make);
    found.iter().filter_map(|(word, text)| Some((*on_page.get(word.as_ref())?, text.clone()))).collect()
}

/// The [`SHOWN`] best of `postings`, as a search shows them: a higher score first, then the
/// earlier page.
fn best(postings: &[Posting]) -> impl Iterator<Item = Posting> + '_ {
    let mut best: Vec<Posting> = Vec::with_capacity(SHOWN + 1);
    for p in postings {
        let at = best.partition_point(|b| rank(b) > rank(p));
        if at < SHOWN {
            best.insert(at, *p);
            best.truncate(SHOWN);
        }
    }
    best.into_iter()
}

/// The snippet of each word of `wanted` on `doc`'s text, at its first occurrence, unless the
/// title or the excerpt shows it already.
fn around(doc: &Doc<'_>, wanted: &HashMap<&str, usize>) -> Vec<(usize, String)> {
    let excerpt = doc.excerpt();
    let shown: HashSet<Cow<'_, str>> = words(&doc.title).chain(words(&excerpt)).collect();
    let mut out = Vec::new();
    let mut done = HashSet::default();
    for (at, word) in tokens(&doc.text) {
        if let Some(&i) = wanted.get(word.as_ref())
            && !shown.contains(&word)
            && done.insert(i)
        {
            out.push((i, window(&doc.text, at)));
            if done.len() == wanted.len() {
                break;
            }
        }
    }
    out
}

/// The text around the bytes `at..at + len` of `text`: whole words, whitespace collapsed, an
/// ellipsis where it was cut.
pub(crate) fn window(text: &str, (at, len): (usize, usize)) -> String {
    let start = char_before(text, at, BEFORE);
    let end = char_after(text, at + len, AFTER);
    // Drop the words the cut went through, unless that leaves nothing.
    let cut_before = start > 0 && !text[..start].ends_with(char::is_whitespace);
    let cut_after = end < text.len() && !text[end..].starts_with(char::is_whitespace);
    let words = split_whitespace(&text[start..end]);
    let count = words.len();
    let last = count - usize::from(cut_after && count > 1);
    let skip = usize::from(cut_before && last > 1);
    let mut out = String::with_capacity(end - start + 2 * '\u{2026}'.len_utf8());
    if start > 0 {
        out.push('\u{2026}');
    }
    for (n, word) in words[..last].iter().skip(skip).enumerate() {
        if n > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
    if end < text.len() {
        out.push('\u{2026}');
    }
    out
}

/// The words of `text` between whitespace, as `str::split_whitespace` gives them; split a byte at
/// a time when `text` is ASCII (`char::is_whitespace` is then true of tab to carriage return
/// and space).
fn split_whitespace(text: &str) -> Vec<&str> {
    if !text.is_ascii() {
        return text.split_whitespace().collect();
    }
    // About as many words as a snippet has.
    let mut words = Vec::with_capacity(32);
    let mut start = None;
    for (i, b) in text.bytes().enumerate() {
        match (matches!(b, b'\t'..=b'\r' | b' '), start) {
            (true, Some(s)) => {
                words.push(&text[s..i]);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    words.extend(start.map(|s| &text[s..]));
    words
}

/// Where the `n`th character before byte `at` of `text` starts, counting from 0, or 0 when
/// there are not so many. A snippet is cut from every page a word shows first: where the text
/// there is ASCII, as most is, characters are bytes, and are not decoded one by one.
fn char_before(text: &str, at: usize, n: usize) -> usize {
    match at.checked_sub(n + 1) {
        Some(i) if text.as_bytes()[i..at].is_ascii() => i,
        _ => text[..at].char_indices().rev().nth(n).map_or(0, |(i, _)| i),
    }
}

/// Where the `n`th character from byte `from` of `text` on starts, counting from 0, or the end
/// of `text` when there are not so many (as [`char_before`], bytes where the text is ASCII).
fn char_after(text: &str, from: usize, n: usize) -> usize {
    let rest = &text.as_bytes()[from..];
    if rest.len() > n && rest[..n].is_ascii() {
        return from + n;
    }
    text[from..].char_indices().nth(n).map_or(text.len(), |(i, _)| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snippet_is_whole_words_around_the_first_occurrence() {
        let text = format!("{} engineers built Kafka, a log. {}", "lead ".repeat(40), "tail ".repeat(40));
        let at = text.find("Kafka").unwrap_or(0);
        let s = window(&text, (at, 5));
        assert!(s.starts_with("\u{2026}lead ") && s.ends_with("tail\u{2026}"), "{s}");
        assert!(s.contains("engineers built Kafka, a log."));
        assert!(s.chars().count() <= BEFORE + AFTER + 10, "{s}");
        assert_eq!(window("short Kafka text", (6, 5)), "short Kafka text");
        // Cut through both of its only two words: the last is dropped first, and one is kept.
        let two = format!("{} Kafka{}", "x".repeat(60), "y".repeat(100));
        assert_eq!(window(&two, (61, 5)), format!("\u{2026}{}\u{2026}", "x".repeat(40)));
    }

    #[test]
    fn characters_are_counted_alike_in_ascii_and_in_other_text() {
        // ASCII, then other characters at every distance from the word, and texts shorter
        // than the window.
        let texts = ["plain ascii text ".repeat(12), "aé日😀 b".repeat(30), "ab\u{b}c".into(), String::new()];
        for text in &texts {
            let bounds = (0..=text.len()).filter(|&i| text.is_char_boundary(i));
            for at in bounds {
                for n in [0, 1, 7, BEFORE, AFTER] {
                    let before = text[..at].char_indices().rev().nth(n).map_or(0, |(i, _)| i);
                    let after = text[at..].char_indices().nth(n).map_or(text.len(), |(i, _)| at + i);
                    assert_eq!(char_before(text, at, n), before, "{n} before {at} of {text:?}");
                    assert_eq!(char_after(text, at, n), after, "{n} after {at} of {text:?}");
                }
            }
        }
    }

    #[test]
    fn ascii_text_is_split_at_whitespace_as_other_text_is() {
        for text in
            ["", " ", "a", " two  words\t", "x\u{b}y\u{c}z\r\n", "\u{1f}ctl\u{7f} ", "no-break\u{a0}space é"]
        {
            assert_eq!(split_whitespace(text), text.split_whitespace().collect::<Vec<_>>(), "{text:?}");
        }
    }

    #[test]
    fn the_best_postings_are_those_a_search_shows_first() {
        let postings: Vec<Posting> = (0..50u32).map(|p| (p, (p * 37 % 11) as u8)).collect();
        let mut sorted = postings.clone();
        sorted.sort_by_key(|&(page, score)| (std::cmp::Reverse(score), page));
        assert_eq!(best(&postings).collect::<Vec<_>>(), sorted[..SHOWN]);
        assert_eq!(best(&[(3, 9)]).collect::<Vec<_>>(), [(3, 9)]);
        assert_eq!(best(&[]).count(), 0);
    }

    #[test]
    fn only_words_the_title_and_excerpt_do_not_show_get_a_snippet() {
        let doc = Doc {
            title: Cow::Borrowed("Case studies"),
            section: "",
            url: String::new(),
            headings: vec![],
            description: "Three companies.",
            text: Cow::Borrowed("Case studies of companies. LinkedIn built Kafka. Kafka again."),
        };
        let wanted = HashMap::from_iter([("kafka", 0), ("case", 1), ("companies", 2), ("absent", 3)]);
        let found = around(&doc, &wanted);
        assert_eq!(
            found,
            [(0, "\u{2026}studies of companies. LinkedIn built Kafka. Kafka again.".to_string())]
        );
    }
}
