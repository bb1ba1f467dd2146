//! The word shards of the search index: every word with its postings, cut into files by the
//! words' opening letters. A prefix whose words would pass the size bound is split by the next
//! letter, as often as it takes, so every file stays under the bound however large the site;
//! since each word lists at most `TOP_K` pages, a shard's size never depends on the number of
//! pages. A split prefix keeps a small file of its own: the word that is the prefix itself, and
//! the best pages of all its words together (under [`ANY`]), for a reader who has typed only
//! the prefix so far. Snippets (`context`) travel with their word, under `~`.

use std::hash::{Hash, Hasher};
use std::sync::{Arc, OnceLock};

use rustc_hash::FxHashMap as HashMap;

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use super::json::{script_safe_json_of, string_len};
use super::words::{Posting, best_of};

/// The size bound of a shard file, in bytes.
pub(crate) const SHARD_BYTES: usize = 64 * 1024;

/// In the file of a split prefix, the key of the best pages of all its words.
pub(crate) const ANY: &str = "*";

/// In a shard, the key of the words' snippets.
pub(crate) const SNIPPETS: &str = "~";

/// A word of the index: its postings by page, and snippets for its best pages, by page; with
/// the bytes it takes in a shard (see [`entry_bytes`]) and, once asked for, a hash of it all.
/// Never changed once made, so a session that remembers the index (`serve`) keeps the words no
/// edit touched, shared, from one build to the next, with their sizes and hashes.
#[derive(Debug)]
pub(crate) struct Word {
    word: String,
    postings: Vec<Posting>,
    snippets: Vec<(u32, String)>,
    bytes: usize,
    key: OnceLock<u64>,
}

impl Word {
    pub(crate) fn new(word: String, postings: Vec<Posting>, snippets: Vec<(u32, String)>) -> Arc<Word> {
        let mut w = Word { word, postings, snippets, bytes: 0, key: OnceLock::new() };
        w.bytes = entry_bytes(&w);
        Arc::new(w)
    }

    pub(crate) fn word(&self) -> &str {
        &self.word
    }

    #[cfg(test)]
    pub(crate) fn postings(&self) -> &[Posting] {
        &self.postings
    }

    /// A hash of the word, its postings and its snippets, made once.
    fn key(&self) -> u64 {
        *self.key.get_or_init(|| {
            let mut h = crate::memo::KeyHasher::new();
            self.word.hash(&mut h);
            hash_postings(&self.postings, &mut h);
            self.snippets.hash(&mut h);
            h.digest()
        })
    }
}

impl PartialEq for Word {
    fn eq(&self, other: &Word) -> bool {
        (&self.word, &self.postings, &self.snippets) == (&other.word, &other.postings, &other.snippets)
    }
}

impl Eq for Word {}

/// One file of word shards.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Shard {
    /// Every word of the shard starts with this.
    pub prefix: String,
    /// Words with their postings, sorted by word.
    pub words: Vec<Arc<Word>>,
    /// For a split prefix, the best pages of all the words it begins.
    pub any: Option<Vec<Posting>>,
}

/// A shard is hashed to find its JSON remembered (under `serve`): each word by its own hash,
/// made once however many builds share the word; postings, most of the numbers, go to the
/// hasher packed into a few large writes rather than two small ones each.
impl Hash for Shard {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.prefix.hash(h);
        h.write_usize(self.words.len());
        for w in &self.words {
            h.write_u64(w.key());
        }
        match &self.any {
            Some(any) => {
                h.write_u8(1);
                hash_postings(any, h);
            }
            None => h.write_u8(0),
        }
    }
}

/// `postings`, with their number first, as five bytes each.
fn hash_postings<H: Hasher>(postings: &[Posting], h: &mut H) {
    h.write_usize(postings.len());
    let mut packed = [0; 5 * 64];
    for run in postings.chunks(64) {
        for (bytes, (page, score)) in packed.chunks_exact_mut(5).zip(run) {
            bytes[..4].copy_from_slice(&page.to_le_bytes());
            bytes[4] = *score;
        }
        h.write(&packed[..5 * run.len()]);
    }
}

impl Shard {
    /// The shard as script-safe JSON: `{"word": [page, score, page, score, ...], ...,
    /// "~": {"word": {"page": "snippet", ...}, ...}}`.
    pub(crate) fn json(&self) -> String {
        script_safe_json_of(self)
    }
}

impl Serialize for Shard {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let with_snippets: Vec<&Word> =
            self.words.iter().map(|w| &**w).filter(|w| !w.snippets.is_empty()).collect();
        let keys =
            self.words.len() + usize::from(self.any.is_some()) + usize::from(!with_snippets.is_empty());
        let mut map = s.serialize_map(Some(keys))?;
        for w in &self.words {
            map.serialize_entry(&w.word, &Flat(&w.postings))?;
        }
        if let Some(any) = &self.any {
            map.serialize_entry(ANY, &Flat(any))?;
        }
        if !with_snippets.is_empty() {
            map.serialize_entry(SNIPPETS, &Snippets(&with_snippets))?;
        }
        map.end()
    }
}

/// Each word's snippets: `{"word": {"page": "text", ...}, ...}`.
struct Snippets<'a>(&'a [&'a Word]);

impl Serialize for Snippets<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for w in self.0 {
            map.serialize_entry(&w.word, &ByPage(&w.snippets))?;
        }
        map.end()
    }
}

struct ByPage<'a>(&'a [(u32, String)]);

impl Serialize for ByPage<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (page, text) in self.0 {
            map.serialize_entry(page, text)?;
        }
        map.end()
    }
}

/// Postings as one flat list of numbers: page, score, page, score...
struct Flat<'a>(&'a [Posting]);

impl Serialize for Flat<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len() * 2))?;
        for (page, score) in self.0 {
            seq.serialize_element(page)?;
            seq.serialize_element(score)?;
        }
        seq.end()
    }
}

fn digits(n: u32) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

/// The bytes a word takes in a shard's JSON, with a comma after it; with snippets, also the
/// bytes of `"~":{}` (an upper bound, then). Words are letters and digits, which JSON and the
/// script-safe escaping write as they are.
fn entry_bytes(w: &Word) -> usize {
    // Each number with the comma after it; the last one's stands for the entry's.
    let numbers: usize = w.postings.iter().map(|&(p, s)| digits(p) + digits(u32::from(s)) + 2).sum();
    let snippets: usize =
        w.snippets.iter().map(|(page, text)| digits(*page) + "\"\":,".len() + string_len(text)).sum();
    let snippets =
        if snippets == 0 { 0 } else { "\"~\":{},".len() + w.word.len() + "\"\":{}".len() + snippets };
    w.word.len() + "\"\":[]".len() + numbers + snippets
}

/// Where one shard's words are, while the shards are planned.
struct Node {
    prefix: String,
    /// How many of the sorted words, after the previous node's, are this shard's.
    take: usize,
    any: Option<Vec<Posting>>,
}

/// Cut `words` (sorted by word, each once) into shards of at most `limit` bytes of JSON
/// each, sorted by prefix.
pub(crate) fn shards(words: Vec<Arc<Word>>, limit: usize) -> Vec<Shard> {
    let mut plan = Vec::new();
    // The sizes side by side: the split looks at a word again at every level.
    let sizes: Vec<usize> = words.iter().map(|w| w.bytes).collect();
    split(&words, &sizes, "", limit, &mut plan);
    let mut rest = words.into_iter();
    plan.into_iter()
        .map(|n| Shard { prefix: n.prefix, words: rest.by_ref().take(n.take).collect(), any: n.any })
        .collect()
}

/// Plan the shards of `words`, which all start with `prefix`: one if they fit (or cannot be
/// split), else a small file for the prefix itself and the shards of each next letter.
/// `sizes` are the words' [`entry_bytes`].
fn split(words: &[Arc<Word>], sizes: &[usize], prefix: &str, limit: usize, plan: &mut Vec<Node>) {
    if words.is_empty() {
        return;
    }
    let size = 2 + sizes.iter().sum::<usize>();
    if size <= limit || words.len() == 1 {
        plan.push(Node { prefix: prefix.to_string(), take: words.len(), any: None });
        return;
    }
    // The word that is the prefix itself sorts first.
    let own = usize::from(words[0].word == prefix);
    if !prefix.is_empty() {
        let mut best: HashMap<u32, u8> = HashMap::default();
        for &(page, score) in words.iter().flat_map(|w| &w.postings) {
            let kept = best.entry(page).or_insert(score);
            *kept = (*kept).max(score);
        }
        plan.push(Node { prefix: prefix.to_string(), take: own, any: Some(best_of(best)) });
    }
    let (mut rest, mut rest_sizes) = (&words[own..], &sizes[own..]);
    while let Some(first) = rest.first().map(|w| w.word.as_str()) {
        let next = first[prefix.len()..].chars().next().map_or(0, char::len_utf8);
        let child = &first[..prefix.len() + next];
        let len = rest.iter().take_while(|w| w.word.starts_with(child)).count();
        split(&rest[..len], &rest_sizes[..len], child, limit, plan);
        (rest, rest_sizes) = (&rest[len..], &rest_sizes[len..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::words::TOP_K;

    /// A vocabulary of `vocabulary` words over `pages` pages, each page using every word whose
    /// number divides into it (so common and rare words both).
    fn synthetic(pages: u32, vocabulary: u32) -> Vec<Arc<Word>> {
        let mut words: Vec<Arc<Word>> = (1..=vocabulary)
            .map(|w| {
                let postings = best_of((0..pages).filter(|p| p % w == 0).map(|p| (p, (p % 200) as u8 + 1)));
                // Some words have snippets, with characters the escaping lengthens.
                let snippets = postings
                    .iter()
                    .take(w as usize % 3)
                    .map(|&(p, _)| (p, format!("<{p}> & more")))
                    .collect();
                Word::new(format!("w{}", w * 7919 % 100_003), postings, snippets)
            })
            .collect();
        words.sort_by(|a, b| a.word.cmp(&b.word));
        words
    }

    #[test]
    fn every_word_sits_in_the_one_shard_its_prefix_names() {
        let words = synthetic(2_000, 3_000);
        let all = shards(words.clone(), 4 * 1024);
        let prefixes: Vec<&str> = all.iter().map(|s| s.prefix.as_str()).collect();
        assert!(prefixes.is_sorted() && prefixes.len() > 10, "{prefixes:?}");
        for word in &words {
            // The longest prefix of the word that names a shard holds it.
            let home = all.iter().filter(|s| word.word.starts_with(&s.prefix)).max_by_key(|s| s.prefix.len());
            let found = home.and_then(|s| s.words.iter().find(|w| w.word == word.word));
            assert_eq!(found, Some(word));
        }
        let kept: usize = all.iter().map(|s| s.words.len()).sum();
        assert_eq!(kept, words.len());
        // A split prefix lists the best pages of all its words.
        let w1 = all.iter().find(|s| s.prefix == "w1").and_then(|s| s.any.as_ref());
        assert_eq!(w1.map(Vec::len), Some(TOP_K));
    }

    #[test]
    fn shards_stay_under_the_bound_when_the_site_grows_tenfold() {
        let limit = 8 * 1024;
        let mut counts = Vec::new();
        for pages in [1_000, 10_000] {
            let all = shards(synthetic(pages, 4_000), limit);
            for s in &all {
                let json = s.json();
                assert!(json.len() <= limit, "shard `{}` of {pages} pages: {} bytes", s.prefix, json.len());
                let estimate = 2 + s.words.iter().map(|w| entry_bytes(w)).sum::<usize>();
                // The planned size of a shard of words is exact without snippets, an upper bound with.
                let exact = s.words.iter().all(|w| w.snippets.is_empty());
                if s.any.is_none() {
                    assert!(
                        if exact { json.len() + 1 == estimate } else { json.len() < estimate },
                        "{}",
                        s.prefix
                    );
                }
            }
            let total: usize = all.iter().map(|s| s.json().len()).sum();
            counts.push((all.len(), total));
        }
        // Ten times the pages: a larger index in as many shards or more, none over the bound.
        assert!(counts[1].1 > 2 * counts[0].1 && counts[1].0 >= counts[0].0, "{counts:?}");
    }

    #[test]
    fn a_small_index_is_one_shard_named_by_the_empty_prefix() {
        let word = |w: &str, postings, snippets| Word::new(w.into(), postings, snippets);
        let words = vec![
            word("go", vec![(0, 5)], vec![]),
            word("rust", vec![(1, 9), (2, 3)], vec![(2, "a <b>".into())]),
        ];
        let all = shards(words, SHARD_BYTES);
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].prefix, "");
        assert_eq!(all[0].json(), r#"{"go":[0,5],"rust":[1,9,2,3],"~":{"rust":{"2":"a \u003cb\u003e"}}}"#);
        assert!(shards(Vec::new(), SHARD_BYTES).is_empty());
    }

    #[test]
    fn a_shard_hashes_differently_when_any_part_of_it_differs() {
        type Parts = (String, Vec<(String, Vec<Posting>, Vec<(u32, String)>)>, Option<Vec<Posting>>);
        let shard = |change: &dyn Fn(&mut Parts)| {
            let mut parts: Parts = (
                "r".into(),
                vec![
                    ("ru".into(), vec![(1, 5), (2, 7)], vec![(1, "ru st".into())]),
                    ("rust".into(), (0..150).map(|p| (p, (p % 9) as u8)).collect(), vec![]),
                ],
                Some(vec![(1, 5), (3, 2)]),
            );
            change(&mut parts);
            let (prefix, words, any) = parts;
            let words = words.into_iter().map(|(w, p, s)| Word::new(w, p, s)).collect();
            crate::memo::key(&Shard { prefix, words, any })
        };
        let same = shard(&|_| {});
        assert_eq!(same, shard(&|_| {}));
        let changes: [&dyn Fn(&mut Parts); 11] = [
            &|s| s.0.push('u'),
            &|s| s.1[0].0.push('n'),
            &|s| s.1[0].1[1].0 = 3,
            &|s| s.1[0].1[1].1 = 8,
            &|s| s.1[1].1[140].1 = 200,
            &|s| s.1[0].2[0].0 = 2,
            &|s| s.1[0].2[0].1.push('!'),
            &|s| s.1[1].1.truncate(64),
            &|s| s.2 = None,
            &|s| s.2 = Some(vec![(1, 5)]),
            // A posting moved from one word to the next.
            &|s| {
                let moved = s.1[0].1.pop().unwrap();
                s.1[1].1.insert(0, moved);
            },
        ];
        for (n, change) in changes.iter().enumerate() {
            assert_ne!(shard(change), same, "change {n}");
        }
    }

    #[test]
    fn unicode_words_split_on_whole_characters() {
        let words: Vec<Arc<Word>> = (0..400u32)
            .map(|i| {
                Word::new(format!("é{}", char::from_u32(0x4e00 + i).unwrap_or('x')), vec![(i, 1)], vec![])
            })
            .collect();
        let all = shards(words, 1024);
        assert!(all.len() > 2);
        assert!(all.iter().all(|s| s.prefix.starts_with('é') && s.json().len() <= 1024));
    }
}
