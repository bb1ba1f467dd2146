//! What the search index keeps from one build to the next, in a session that remembers
//! (`serve`): every page's words, every word's postings on all pages, and every word as the
//! last build made it. A build looks again only at the pages whose text changed, and makes
//! again only the words on them (a word's best pages and snippets can change only then).

use std::collections::BTreeMap;
use std::sync::Arc;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::shards::Word;
use super::words::{Posting, TOP_K, best_of};
use crate::session::Words;

#[derive(Debug, Default)]
pub(crate) struct Kept {
    /// Each page's key (a hash of everything its words and snippets are found in) and words
    /// with their scores, by page number.
    pages: Vec<(u64, Words)>,
    /// Every word's postings on all pages, by page.
    all: HashMap<Box<str>, Vec<Posting>>,
    /// Every word as the last build made it, by word.
    made: BTreeMap<Box<str>, Arc<Word>>,
}

impl Kept {
    /// Take the pages as they are now: each one's key and words, by page number. Returns the
    /// words to make again, with their best postings now, sorted by word: those on a page that
    /// changed (before or after), so their postings, or the text their snippets come from, may
    /// have. Words on no page any more are dropped.
    pub(crate) fn update(&mut self, pages: Vec<(u64, Words)>) -> Vec<(String, Vec<Posting>)> {
        let mut touched: HashSet<Box<str>> = HashSet::default();
        for n in 0..self.pages.len().max(pages.len()) {
            let (old, new) = (self.pages.get(n), pages.get(n));
            if old.map(|p| p.0) == new.map(|p| p.0) {
                continue;
            }
            let page = u32::try_from(n).unwrap_or(u32::MAX);
            for (word, _) in old.iter().flat_map(|p| p.1.iter()) {
                let Some(list) = self.all.get_mut(word) else { continue };
                if let Ok(at) = list.binary_search_by_key(&page, |p| p.0) {
                    list.remove(at);
                }
                touched.insert(word.clone());
            }
            for (word, score) in new.iter().flat_map(|p| p.1.iter()) {
                let list = self.all.entry(word.clone()).or_default();
                match list.binary_search_by_key(&page, |p| p.0) {
                    Ok(at) => list[at].1 = *score,
                    Err(at) => list.insert(at, (page, *score)),
                }
                touched.insert(word.clone());
            }
        }
        self.pages = pages;
        let mut again = Vec::with_capacity(touched.len());
        for word in touched {
            match self.all.get(&word).filter(|list| !list.is_empty()) {
                Some(list) if list.len() <= TOP_K => again.push((word.into_string(), list.clone())),
                Some(list) => again.push((word.into_string(), best_of(list.iter().copied()))),
                None => {
                    self.all.remove(&word);
                    self.made.remove(&word);
                }
            }
        }
        again.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        again
    }

    /// Keep `words`, made again after [`Kept::update`].
    pub(crate) fn keep(&mut self, words: impl IntoIterator<Item = Arc<Word>>) {
        for w in words {
            self.made.insert(w.word().into(), w);
        }
    }

    /// Every word, sorted: what a fresh build of the same pages makes.
    pub(crate) fn words(&self) -> Vec<Arc<Word>> {
        self.made.values().cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::words::Postings;

    #[test]
    fn kept_words_follow_edits_as_a_fresh_count_would() {
        // Pages with words from a small vocabulary, so common words are on more than TOP_K
        // pages; each edit changes, empties, adds or removes pages.
        let page = |seed: u32| -> (u64, Words) {
            let words: Vec<(Box<str>, u8)> = (0..40u32)
                // Word w is on about w in 40 pages: some on fewer than TOP_K, some on a few more.
                .filter(|w| ((seed.wrapping_mul(2_654_435_761) ^ w.wrapping_mul(40_503)) >> 7) % 40 < *w)
                .map(|w| (format!("w{w:02}").into(), ((seed * 31 + w * 17) % 120) as u8))
                .collect();
            (u64::from(seed), words.into())
        };
        let fresh = |pages: &[(u64, Words)]| {
            let mut postings = Postings::default();
            for (n, (_, words)) in pages.iter().enumerate() {
                postings.add(n as u32, words.iter().map(|(w, s)| (w.as_ref(), *s)));
            }
            postings.into_sorted()
        };
        // A word's snippet names the pages it was made from, as a real one is made from them.
        let made = |(word, postings): (String, Vec<Posting>)| {
            let snippets = postings.iter().take(2).map(|&(p, _)| (p, format!("{word} on {p}"))).collect();
            Word::new(word, postings, snippets)
        };
        let mut pages: Vec<(u64, Words)> = (0..250).map(page).collect();
        let mut kept = Kept::default();
        for edit in 0..16u32 {
            let n = pages.len();
            let before = pages.clone();
            match edit % 4 {
                0 => pages[(edit * 37) as usize % n] = page(1000 + edit),
                1 => pages[(edit * 11) as usize % n] = (5000 + u64::from(edit), Words::default()),
                2 => pages.extend((0..30).map(|n| page(2000 + edit * 100 + n))),
                _ => pages.truncate(pages.len() - 45),
            }
            let again = kept.update(pages.clone());
            if edit % 4 < 2 && edit > 0 {
                // One page changed: only the words on it, before or after, are made again.
                let at = (0..n).find(|&i| pages[i].0 != before[i].0).unwrap();
                let mut on_it: Vec<&str> =
                    before[at].1.iter().chain(pages[at].1.iter()).map(|(w, _)| w.as_ref()).collect();
                on_it.sort_unstable();
                on_it.dedup();
                let again: Vec<&str> = again.iter().map(|(w, _)| w.as_str()).collect();
                assert_eq!(again, on_it, "edit {edit}");
            }
            kept.keep(again.into_iter().map(made));
            let expected: Vec<Arc<Word>> = fresh(&pages).into_iter().map(made).collect();
            assert!(expected.iter().any(|w| w.postings().len() == TOP_K), "some words are capped");
            assert_eq!(kept.words(), expected, "after edit {edit}");
        }
    }
}
