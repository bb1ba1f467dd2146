//! A build session: what lives from one build to the next. It owns the memos (rendered
//! Markdown, rendered pages, highlighted code) and the highlight cache on disk. `build` makes
//! one per run; `serve` keeps one across rebuilds, so a save renders again only what changed.
//! Keys are hashes of a value's whole input, so a memoised build writes what a fresh one would.

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::Path;

use crate::load::Parsed;
use crate::markdown::{Highlighter, Rendered};
use crate::memo::Memo;
use crate::output::OutputFile;
use crate::progress::Progress;

/// Bump when highlighted HTML would change for the same input (syntect, two-face, class style).
const CACHE_VERSION: &str = "syntect-5.3/two-face-0.4/palette/xxh3/3";

/// What builds share.
#[derive(Debug)]
pub struct Session {
    highlighter: Highlighter,
    /// Markdown and pages are remembered only when builds follow each other in one process.
    markdown: Option<Memo<Rendered>>,
    pages: Option<Memo<OutputFile>>,
    /// Input files parsed, by their path and text.
    parsed: Option<Memo<Parsed>>,
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
        match &self.markdown {
            Some(memo) => memo.get_or(key(), make),
            None => make(),
        }
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
        let Some(memo) = &self.pages else { return make() };
        if let Some(hit) = memo.get(key) {
            return Ok(hit);
        }
        let page = make()?;
        memo.insert(key, page.clone());
        Ok(page)
    }

    /// Start the next build: what the last one did not use is dropped.
    pub fn next_build(&self) {
        self.highlighter.memo().next_build();
        if let Some(markdown) = &self.markdown {
            markdown.next_build();
        }
        if let Some(pages) = &self.pages {
            pages.next_build();
        }
        if let Some(parsed) = &self.parsed {
            parsed.next_build();
        }
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
