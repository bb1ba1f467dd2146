//! A build session: what lives from one build to the next. It owns the memos (rendered
//! Markdown, rendered pages, highlighted code) and the highlight cache on disk. `build` makes
//! one per run; `serve` keeps one across rebuilds, so a save renders again only what changed.
//! Keys are hashes of a value's whole input, so a memoised build writes what a fresh one would.

use std::any::Any;
use std::collections::BTreeMap;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use crate::load::Parsed;
use crate::markdown::{Highlighter, Rendered};
use crate::memo::Memo;
use crate::output::OutputFile;
use crate::progress::Progress;
use tera::Tera;

/// Bump when highlighted HTML would change for the same input (syntect, two-face, class style).
const CACHE_VERSION: &str = "syntect-5.3/two-face-0.4/palette/xxh3/3";

/// A searchable page's words, each with its score.
pub(crate) type Words = Arc<[(Box<str>, u8)]>;

/// Some words of a searchable page, each with the text around it there.
pub(crate) type Snippets = Arc<[(Box<str>, String)]>;

/// The value a build's generation was found for, and that generation.
type Last = (Option<Box<dyn Any + Send>>, u64);

/// What builds share.
#[derive(Debug)]
pub struct Session {
    highlighter: Highlighter,
    /// Markdown and pages are remembered only when builds follow each other in one process.
    markdown: Option<Memo<Rendered>>,
    pages: Option<Memo<OutputFile>>,
    /// Input files parsed, by their path and text.
    parsed: Option<Memo<Parsed>>,
    /// The theme's templates parsed, by their names and texts; and with the global context of
    /// a build, by both (see `render::globals`).
    templates: Option<Memo<Arc<Tera>>>,
    /// Pages' bodies as the print page shows them, by the site and the body.
    rewritten: Option<Memo<String>>,
    /// What the theme draws from the site alone for a part of a page: the blocks of pages'
    /// bodies (a stack's card, a comparison, a flowchart) and the print page's stacks, by the
    /// site and their place.
    embeds: Option<Memo<String>>,
    /// Each searchable page's words with their scores, and the snippets of the words a search
    /// shows it first for, by the page's text (see `search`).
    words: Option<Memo<Words>>,
    snippets: Option<Memo<Snippets>>,
    /// What the search index keeps from one build to the next (every word's postings on every
    /// page, see `search`), of a type the session does not know.
    search: Option<Mutex<Option<Box<dyn Any + Send>>>>,
    /// Parts of a template's input as Tera values, by the site they are made from alone (see
    /// `render::Input::insert_made`).
    values: Option<Memo<tera::Value>>,
    /// The last build's site, and its generation (see [`Session::generation`]); only when
    /// pages are remembered.
    last: Option<Mutex<Last>>,
    progress: Progress,
}

impl Session {
    /// For one build: only highlighted code is remembered (and kept on disk between runs).
    pub fn for_build() -> Self {
        Session {
            highlighter: Highlighter::default(),
            markdown: None,
            pages: None,
            parsed: None,
            templates: None,
            rewritten: None,
            embeds: None,
            words: None,
            snippets: None,
            search: None,
            values: None,
            last: None,
            progress: Progress::default(),
        }
    }

    /// For a run of builds in one process (`serve`): Markdown and pages are remembered too.
    pub fn for_rebuilds() -> Self {
        Session {
            highlighter: Highlighter::default(),
            markdown: Some(Memo::new()),
            pages: Some(Memo::new()),
            parsed: Some(Memo::new()),
            templates: Some(Memo::new()),
            rewritten: Some(Memo::new()),
            embeds: Some(Memo::new()),
            words: Some(Memo::new()),
            snippets: Some(Memo::new()),
            search: Some(Mutex::default()),
            values: Some(Memo::new()),
            last: Some(Mutex::default()),
            progress: Progress::default(),
        }
    }

    /// How far the current build has got.
    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    pub(crate) fn highlighter(&self) -> &Highlighter {
        &self.highlighter
    }

    /// Whether rendered Markdown is remembered, so its keys are worth computing.
    pub(crate) fn remembers_markdown(&self) -> bool {
        self.markdown.is_some()
    }

    /// Rendered Markdown for the key `key` makes (a hash of everything the rendering depends
    /// on); the key is made only when Markdown is remembered.
    pub(crate) fn markdown(&self, key: impl FnOnce() -> u64, make: impl FnOnce() -> Rendered) -> Rendered {
        remembered(self.markdown.as_ref(), key, make)
    }

    /// [`Session::markdown`] for a `make` that can fail (reading the text, say), given the key.
    pub(crate) fn markdown_or<E>(
        &self,
        key: u64,
        make: impl FnOnce() -> Result<Rendered, E>,
    ) -> Result<Rendered, E> {
        remembered_ok(self.markdown.as_ref(), key, make)
    }

    /// The theme's templates parsed by `make`, or as remembered for the key `key` (a hash of
    /// their names and texts); a template that does not parse is not remembered.
    pub(crate) fn templates<E>(
        &self,
        key: u64,
        make: impl FnOnce() -> Result<Tera, E>,
    ) -> Result<Arc<Tera>, E> {
        remembered_ok(self.templates.as_ref(), key, || make().map(Arc::new))
    }

    /// The templates with a build's global context, made by `make` or remembered for `key` (a
    /// hash of the templates and of the global context).
    pub(crate) fn templates_with_globals(&self, key: u64, make: impl FnOnce() -> Tera) -> Arc<Tera> {
        remembered(self.templates.as_ref(), || key, || Arc::new(make()))
    }

    /// A page's body as the print page shows it, made by `make` or remembered for `key` (a hash
    /// of the site and the body; `None` when pages are not remembered).
    pub(crate) fn rewritten(&self, key: Option<u64>, make: impl FnOnce() -> String) -> String {
        match key {
            Some(key) => remembered(self.rewritten.as_ref(), || key, make),
            None => make(),
        }
    }

    /// A part of a page the theme draws from the site alone, made by `make` or remembered for
    /// `key` (a hash of the site and the part's place; `None` when pages are not remembered).
    pub(crate) fn embed<E>(
        &self,
        key: Option<u64>,
        make: impl FnOnce() -> Result<String, E>,
    ) -> Result<String, E> {
        match key {
            Some(key) => remembered_ok(self.embeds.as_ref(), key, make),
            None => make(),
        }
    }

    /// Whether the search index's parts are remembered, so their keys are worth computing.
    pub(crate) fn remembers_search(&self) -> bool {
        self.words.is_some()
    }

    /// A searchable page's words and scores, by the key `key` makes (a hash of its text).
    pub(crate) fn page_words(&self, key: impl FnOnce() -> u64, make: impl FnOnce() -> Words) -> Words {
        remembered(self.words.as_ref(), key, make)
    }

    /// `f` given what the search index kept from the last build (a new `T` at first), when
    /// the session remembers the index's parts.
    pub(crate) fn with_search_kept<T: Any + Send + Default, R>(
        &self,
        f: impl FnOnce(&mut T) -> R,
    ) -> Option<R> {
        let mut slot = self.search.as_ref()?.lock().unwrap_or_else(PoisonError::into_inner);
        if !slot.as_ref().is_some_and(|kept| kept.is::<T>()) {
            *slot = Some(Box::new(T::default()));
        }
        slot.as_mut()?.downcast_mut::<T>().map(f)
    }

    /// The snippets of some words on a searchable page, by the key `key` makes (a hash of the
    /// page's text and the words).
    pub(crate) fn snippets(&self, key: impl FnOnce() -> u64, make: impl FnOnce() -> Snippets) -> Snippets {
        remembered(self.snippets.as_ref(), key, make)
    }

    /// A part of a template's input as a Tera value, made by `make` or remembered for `key` (a
    /// hash of everything it is made from); `None` when it cannot be made.
    pub(crate) fn value(&self, key: u64, make: impl FnOnce() -> Option<tera::Value>) -> Option<tera::Value> {
        remembered_ok(self.values.as_ref(), key, || make().ok_or(())).ok()
    }

    /// Where input files are remembered parsed, when they are (see `load::load`).
    pub(crate) fn parsed(&self) -> Option<&Memo<Parsed>> {
        self.parsed.as_ref()
    }

    /// Whether pages are remembered, so their keys are worth computing.
    pub(crate) fn remembers_pages(&self) -> bool {
        self.pages.is_some()
    }

    /// A rendered page for `key` (a hash of its template's whole input).
    pub(crate) fn page<E>(
        &self,
        key: u64,
        make: impl FnOnce() -> Result<OutputFile, E>,
    ) -> Result<OutputFile, E> {
        remembered_ok(self.pages.as_ref(), key, make)
    }

    /// A number that stays the same from one build to the next while `same` holds between
    /// the build's `value` (its site) and the last build's, and changes when it does not; `None`
    /// when pages are not remembered.
    pub(crate) fn generation<T: Any + Send + Clone>(
        &self,
        value: &T,
        same: impl Fn(&T, &T) -> bool,
    ) -> Option<u64> {
        let mut last = self.last.as_ref()?.lock().ok()?;
        let (seen, generation) = &mut *last;
        if !seen.as_ref().and_then(|s| s.downcast_ref::<T>()).is_some_and(|s| same(s, value)) {
            *generation += 1;
        }
        *seen = Some(Box::new(value.clone()));
        Some(*generation)
    }

    /// Start the next build: what the last one did not use is dropped.
    pub fn next_build(&self) {
        self.highlighter.memo().next_build();
        self.markdown.iter().for_each(Memo::next_build);
        self.pages.iter().for_each(Memo::next_build);
        self.parsed.iter().for_each(Memo::next_build);
        self.templates.iter().for_each(Memo::next_build);
        self.rewritten.iter().for_each(Memo::next_build);
        self.embeds.iter().for_each(Memo::next_build);
        self.words.iter().for_each(Memo::next_build);
        self.snippets.iter().for_each(Memo::next_build);
        self.values.iter().for_each(Memo::next_build);
    }

    /// Load highlighted code kept by earlier runs from `file`. A missing, stale or unreadable
    /// file only means highlighting from scratch.
    pub fn load_cache(&self, file: &Path) {
        let Ok(text) = fs::read_to_string(file) else { return };
        let Ok(saved) = serde_json::from_str::<SavedCache>(&text) else { return };
        if saved.version == CACHE_VERSION {
            for (key, html) in saved.entries {
                self.highlighter.memo().preload(key, Some(html));
            }
        }
    }

    /// Write to `file` the highlighted code this build used, when that differs from what was
    /// loaded: code no longer in the site is dropped. Streamed from the memo, never copied.
    pub fn save_cache(&self, file: &Path) {
        let highlighted_any = self.highlighter.highlighted_any();
        self.highlighter.memo().read_used(|used, unused| {
            if !unused && !highlighted_any && file.is_file() {
                return;
            }
            if let Some(dir) = file.parent() {
                let _ = fs::create_dir_all(dir);
            }
            // Written aside under a name of this process and renamed: a reader (or another build
            // saving at the same time) never sees half a file.
            let tmp = file.with_extension(format!("tmp{}", std::process::id()));
            let saving = Saving { version: CACHE_VERSION, entries: Entries(used) };
            let written = fs::File::create(&tmp).map(BufWriter::new).and_then(|mut out| {
                serde_json::to_writer(&mut out, &saving)?;
                out.flush()
            });
            if written.is_err() || fs::rename(&tmp, file).is_err() {
                let _ = fs::remove_file(&tmp);
            }
        });
    }
}

/// The cache file as written: [`SavedCache`] read back.
#[derive(serde::Serialize)]
struct Saving<'a> {
    version: &'a str,
    entries: Entries<'a>,
}

/// Highlighted code by key, in key order; code in an unknown language is not kept.
struct Entries<'a>(&'a [(u64, &'a Option<String>)]);

impl serde::Serialize for Entries<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().filter_map(|(k, v)| Some((k, v.as_deref()?))))
    }
}

#[derive(serde::Deserialize)]
struct SavedCache {
    version: String,
    entries: BTreeMap<u64, String>,
}

/// The value for the key `key` makes, from `memo` or else made by `make` (and remembered); the
/// key is made only when there is a memo.
fn remembered<T: Clone>(memo: Option<&Memo<T>>, key: impl FnOnce() -> u64, make: impl FnOnce() -> T) -> T {
    match memo {
        Some(memo) => memo.get_or(key(), make),
        None => make(),
    }
}

/// [`remembered`] for a `make` that can fail: a failure is not remembered.
fn remembered_ok<T: Clone, E>(
    memo: Option<&Memo<T>>,
    key: u64,
    make: impl FnOnce() -> Result<T, E>,
) -> Result<T, E> {
    match memo {
        Some(memo) => memo.get_or_try(key, make),
        None => make(),
    }
}
