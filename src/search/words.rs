//! Words for the search index: how text is cut into words, how well each word describes a page
//! (its score), and every word's postings capped to its best pages, so no word's list grows
//! with the site.

use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::collections::hash_map::Entry;

use rustc_hash::FxHashMap as HashMap;

use super::docs::Doc;

/// The most pages a word lists: its best by score, then the earliest.
pub(crate) const TOP_K: usize = 100;

/// Longer words are cut to this many characters (search.js cuts the reader's words the same).
pub(crate) const MAX_WORD_CHARS: usize = 24;

/// A page's number (its place in `docs::doc`'s order) and how well a word describes it.
pub(crate) type Posting = (u32, u8);

/// The words of `text`: runs of letters and digits of two characters or more, lowercase, cut
/// to [`MAX_WORD_CHARS`]. search.js splits the reader's query the same way.
pub(crate) fn words(text: &str) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    tokens(text).map(|(_, w)| w)
}

/// The words of `text`, each with the byte offset and the length of the text it came from.
/// Most words are written as they are indexed, and are borrowed.
pub(crate) fn tokens(text: &str) -> impl Iterator<Item = ((usize, usize), Cow<'_, str>)> + '_ {
    let start = text.as_ptr() as usize;
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().nth(1).is_some()).map(move |w| {
        let at = (w.as_ptr() as usize - start, w.len());
        let plain =
            w.len() <= MAX_WORD_CHARS && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        let word =
            if plain { Cow::Borrowed(w) } else { w.to_lowercase().chars().take(MAX_WORD_CHARS).collect() };
        (at, word)
    })
}

/// Where a word occurs on one page.
#[derive(Debug, Default, Clone, Copy)]
struct Seen {
    title: bool,
    heading: bool,
    description: bool,
    body: u32,
}

/// The score of a word in a title of `title_words` words: a short title (a stack's name) is
/// about the word more than a long one that mentions it (a comparison of two stacks). Never
/// under 80, more than a word can score anywhere else (30 + 20 + 20).
fn title_score(title_words: usize) -> u32 {
    120 - 4 * title_words.min(10) as u32
}

/// Whether a word with this score is in the page's title.
pub(crate) fn in_title(score: u8) -> bool {
    u32::from(score) >= title_score(usize::MAX)
}

/// Each word of `doc` with its score: a title outweighs every heading and the body together,
/// a heading outweighs the description, and the body counts how often the word occurs. In no
/// particular order: every use of them ([`Postings`], the words a session keeps) is indifferent
/// to it.
pub(crate) fn scores<'a>(doc: &'a Doc<'_>) -> Vec<(Cow<'a, str>, u8)> {
    let mut seen: HashMap<Cow<'a, str>, Seen> = HashMap::default();
    let mut title_words = 0;
    for w in words(&doc.title) {
        title_words += 1;
        seen.entry(w).or_default().title = true;
    }
    for w in doc.headings.iter().flat_map(|h| words(h)) {
        seen.entry(w).or_default().heading = true;
    }
    for w in words(doc.description) {
        seen.entry(w).or_default().description = true;
    }
    for w in words(&doc.text) {
        seen.entry(w).or_default().body += 1;
    }
    let title = title_score(title_words);
    seen.into_iter()
        .map(|(w, s)| {
            let score = u32::from(s.title) * title
                + u32::from(s.heading) * 30
                + u32::from(s.description) * 20
                + s.body.min(20);
            (w, u8::try_from(score).unwrap_or(u8::MAX))
        })
        .collect()
}

/// A posting ordered from the best to the worst: a higher score first, then a lower page.
pub(crate) fn rank(&(page, score): &Posting) -> (u8, Reverse<u32>) {
    (score, Reverse(page))
}

/// The best [`TOP_K`] postings of one word, worst on top so it is the one to drop.
#[derive(Debug, Default)]
struct Best(BinaryHeap<Reverse<(u8, Reverse<u32>)>>);

impl Best {
    fn push(&mut self, p: Posting) {
        let key = rank(&p);
        if self.0.len() < TOP_K {
            self.0.push(Reverse(key));
        } else if self.0.peek().is_some_and(|Reverse(worst)| key > *worst) {
            self.0.pop();
            self.0.push(Reverse(key));
        }
    }

    /// The postings kept, by page.
    fn into_sorted(self) -> Vec<Posting> {
        let mut out: Vec<Posting> =
            self.0.into_iter().map(|Reverse((score, Reverse(page)))| (page, score)).collect();
        out.sort_unstable();
        out
    }
}

/// Every word's best postings. Which postings are kept does not depend on the order pages are
/// added or merged in, so parallel builds give the same index.
#[derive(Debug, Default)]
pub(crate) struct Postings(HashMap<Box<str>, Best>);

impl Postings {
    /// Add the words of page `page`, with their scores.
    pub(crate) fn add<W: AsRef<str> + Into<Box<str>>>(
        &mut self,
        page: u32,
        scores: impl IntoIterator<Item = (W, u8)>,
    ) {
        for (word, score) in scores {
            match self.0.get_mut(word.as_ref()) {
                Some(best) => best.push((page, score)),
                None => self.0.entry(word.into()).or_default().push((page, score)),
            }
        }
    }

    /// Both sets of postings, each word still capped.
    pub(crate) fn merge(mut self, mut other: Postings) -> Postings {
        if self.0.len() < other.0.len() {
            std::mem::swap(&mut self, &mut other);
        }
        for (word, best) in other.0 {
            match self.0.entry(word) {
                Entry::Occupied(mut mine) => {
                    for Reverse((score, Reverse(page))) in best.0 {
                        mine.get_mut().push((page, score));
                    }
                }
                Entry::Vacant(slot) => {
                    slot.insert(best);
                }
            }
        }
        self
    }

    /// Every word with its postings by page, sorted by word.
    pub(crate) fn into_sorted(self) -> Vec<(String, Vec<Posting>)> {
        let mut out: Vec<(String, Vec<Posting>)> =
            self.0.into_iter().map(|(w, best)| (w.into_string(), best.into_sorted())).collect();
        out.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        out
    }
}

/// The best [`TOP_K`] of `postings` (any order, one per page), by page.
pub(crate) fn best_of(postings: impl IntoIterator<Item = Posting>) -> Vec<Posting> {
    let mut best = Best::default();
    for p in postings {
        best.push(p);
    }
    best.into_sorted()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc<'a>(title: &'a str, headings: Vec<&'a str>, description: &'a str, text: &'a str) -> Doc<'a> {
        Doc {
            title: title.into(),
            section: "",
            url: String::new(),
            headings: headings.into_iter().map(Cow::Borrowed).collect(),
            description,
            text: Cow::Borrowed(text),
        }
    }

    #[test]
    fn words_are_lowercase_runs_of_two_or_more_letters_or_digits() {
        let found: Vec<Cow<'_, str>> =
            words("Node.js + Express: a 2x, I/O-bound CAFÉ; naïve 日本語 x").collect();
        assert_eq!(found, ["node", "js", "express", "2x", "bound", "café", "naïve", "日本語"]);
        let long = "a".repeat(40);
        assert_eq!(words(&long).next().map(|w| w.chars().count()), Some(MAX_WORD_CHARS));
        assert_eq!(words("a-b c_d").count(), 0, "underscores split words, and single letters are dropped");
    }

    #[test]
    fn a_title_outweighs_headings_which_outweigh_the_body() {
        let stack = doc("Go + Gin", vec!["Routing in Gin"], "A Go framework.", "gin gin gin routing body");
        let s = scores(&stack);
        let score = |w: &str| s.iter().find(|(x, _)| x == w).map(|&(_, n)| n);
        assert!(score("gin") > score("routing"), "{s:?}");
        assert!(score("routing") > score("framework"));
        assert!(score("framework") > score("body"));
        assert_eq!(score("body"), Some(1));
        assert_eq!(score("nothing"), None);
        assert!(score("gin").is_some_and(in_title) && !score("routing").is_some_and(in_title));
        let text = "routing ".repeat(50);
        let everywhere = doc("Title", vec!["routing"], "routing", &text);
        let routing = scores(&everywhere).into_iter().find(|(w, _)| w == "routing").map(|(_, s)| s);
        assert!(routing.is_some_and(|s| !in_title(s)), "headings, description and body stay under a title");
        // The same word in a comparison's longer title counts less than in the stack's own.
        let comparison = doc("Go + Gin vs Node.js + Express", vec![], "", "");
        let long = scores(&comparison);
        assert!(long.iter().find(|(w, _)| w == "gin").map(|p| p.1) < score("gin"));
    }

    #[test]
    fn each_word_keeps_only_its_best_pages_whatever_the_order_they_come_in() {
        let pages: Vec<(u32, u8)> = (0..1000u32).map(|p| (p, (p * 7919 % 251) as u8)).collect();
        let mut expected: Vec<Posting> = pages.clone();
        expected.sort_by_key(|p| Reverse(rank(p)));
        expected.truncate(TOP_K);
        expected.sort_unstable();

        let mut forward = Postings::default();
        for &(page, score) in &pages {
            forward.add(page, vec![(Cow::Borrowed("word"), score)]);
        }
        // Backwards, in four parts merged in another order.
        let parts: Vec<Postings> = pages
            .chunks(250)
            .rev()
            .map(|chunk| {
                let mut p = Postings::default();
                for &(page, score) in chunk.iter().rev() {
                    p.add(page, vec![(Cow::Borrowed("word"), score)]);
                }
                p
            })
            .collect();
        let merged = parts.into_iter().fold(Postings::default(), Postings::merge);
        let (a, b) = (forward.into_sorted(), merged.into_sorted());
        assert_eq!(a, b);
        assert_eq!(a, [("word".to_string(), expected.clone())]);
        assert_eq!(best_of(pages), expected);
    }
}
