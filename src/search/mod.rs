//! The search index, written at build time under `search/index/` and fetched piece by piece
//! by search.js, so a reader's first search downloads a bounded amount however large the site:
//!
//! - `manifest.json`: the format version, the number of pages, how many pages a file of page
//!   details holds, and the prefixes of the word shards (file N of `words/` holds the words of
//!   prefix N);
//! - `words/N.json`: an inverted index, each word with its best pages and their scores
//!   ([`words`] scores and caps, [`shards`] cuts it into files under a size bound), and the
//!   text around the word on the pages shown first ([`context`]);
//! - `pages/N.json`: the title, section, address and excerpt of a fixed number of pages
//!   ([`docs`]), fetched only for the results shown.
//!
//! Also the A-Z list of the search page, which works without JavaScript.

mod context;
mod docs;
mod json;
mod kept;
mod shards;
mod words;

use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::model::{DecisionId, PageId, PageKind, Site, StackId};
use crate::routes::{Route, SEARCH_WORDS};
use crate::session::{Session, Words};
pub(crate) use docs::{PAGES_PER_FILE, pages_json, searchable};
pub(crate) use json::script_safe_json;
pub(crate) use json::script_safe_json_of;
use kept::Kept;
use shards::{SHARD_BYTES, Shard, Word};
use words::{Posting, Postings};

/// The version of the index's format, in the manifest: search.js reads this one.
const FORMAT: u32 = 1;

/// The word shards of a site, built once per build before its files are rendered.
#[derive(Debug)]
pub(crate) struct Index {
    pages: usize,
    shards: Vec<Shard>,
}

impl Index {
    /// Score the words of every page, in parallel, keeping only each word's best pages: the
    /// pages' text is read where it is and never copied whole. A session that remembers keeps
    /// every word's postings and every word made (see [`Kept`]): the build looks again only at
    /// pages whose text changed, and makes again only the words on them.
    pub(crate) fn build(site: &Site, session: &Session) -> Index {
        let pages = searchable(site.pages.len(), site.stacks.len(), site.decisions.len());
        let words = if session.remembers_search() {
            let words: Vec<(u64, Words)> = (0..pages)
                .into_par_iter()
                .map(|k| {
                    let Some(doc) = docs::doc(site, session, k, docs::Body::Whole) else {
                        return (0, Words::default());
                    };
                    let key = doc.key();
                    let make = || words::scores(&doc).into_iter().map(|(w, s)| (w.into(), s)).collect();
                    (key, session.page_words(|| key, make))
                })
                .collect();
            let made = session.with_search_kept(|kept: &mut Kept| {
                let again = kept.update(words);
                kept.keep(made(site, session, again));
                kept.words()
            });
            made.unwrap_or_default()
        } else {
            let sorted = (0..pages)
                .into_par_iter()
                .with_min_len(64)
                .fold(Postings::default, |mut acc, k| {
                    if let Some(doc) = docs::doc(site, session, k, docs::Body::Whole) {
                        acc.add(u32::try_from(k).unwrap_or(u32::MAX), words::scores(&doc));
                    }
                    acc
                })
                .reduce(Postings::default, Postings::merge)
                .into_sorted();
            made(site, session, sorted)
        };
        Index { pages, shards: shards::shards(words, SHARD_BYTES) }
    }

    /// The manifest, as script-safe JSON.
    pub(crate) fn manifest_json(&self) -> String {
        #[derive(Serialize)]
        struct Manifest<'a> {
            v: u32,
            n: usize,
            c: usize,
            s: Vec<&'a str>,
        }
        let s = self.shards.iter().map(|s| s.prefix.as_str()).collect();
        script_safe_json_of(&Manifest { v: FORMAT, n: self.pages, c: PAGES_PER_FILE, s })
    }

    /// Every word shard with its path in the output, in the manifest's order (its JSON is
    /// [`Shard::json`]).
    pub(crate) fn word_files(&self) -> Vec<(String, &Shard)> {
        self.shards.iter().enumerate().map(|(i, s)| (format!("{SEARCH_WORDS}{i}.json"), s)).collect()
    }
}

/// `words` (sorted, with their postings) made into the index's words, with their snippets.
fn made(site: &Site, session: &Session, words: Vec<(String, Vec<Posting>)>) -> Vec<Arc<Word>> {
    let snippets = context::contexts(site, session, &words);
    words
        .into_iter()
        .zip(snippets)
        .map(|((word, postings), snippets)| Word::new(word, postings, snippets))
        .collect()
}

/// An entry of the A-Z list on the search page, which works without JavaScript.
#[derive(Debug, Serialize)]
pub(crate) struct AzEntry<'a> {
    pub title: &'a str,
    pub section: &'static str,
    pub url: String,
}

/// Every chapter, stack and flowchart by title (comparisons are reached from the stacks). On
/// a large site (see `render::context::full_sidebar`) chapters are left to their sections'
/// pages and only the sections are listed, so the search page does not grow with the site.
pub(crate) fn a_to_z(site: &Site, every_chapter: bool) -> Vec<AzEntry<'_>> {
    let mut out: Vec<AzEntry<'_>> = site
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind == PageKind::Section || (every_chapter && p.kind == PageKind::Chapter))
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
        .chain(
            [
                (Route::Methodology, "Methodology"),
                (Route::Changes, "Changes"),
                (Route::Support, "Support windows"),
                (Route::Print, "The whole guide on one page, for print"),
            ]
            .into_iter()
            .filter(|(r, _)| site.routes.address(*r).is_some())
            .map(|(r, title)| AzEntry { title, section: "About the guide", url: site.url(r) }),
        )
        .collect();
    out.sort_by_key(|e| (e.title.to_lowercase(), e.url.clone()));
    out
}
