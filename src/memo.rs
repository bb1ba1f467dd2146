//! Memos that live as long as the process, switched on by `serve`: across rebuilds a save
//! re-renders only the Markdown whose text (or the site's set of addresses) changed, renders
//! again only the pages whose inputs changed, and highlights only code it has not seen. `build` keeps the highlighted code between runs in a
//! cache file of the site (`.stackguide-cache/`), since compiling a language's grammar is the
//! costliest step of a small build; the output is the same with or without it.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{OnceLock, RwLock};

use crate::diagnostics::Diagnostic;
use crate::markdown::Rendered;
use crate::output::OutputFile;

static ENABLED: AtomicBool = AtomicBool::new(false);
static HIGHLIGHT_ENABLED: AtomicBool = AtomicBool::new(false);
static STORED_SINCE_SAVE: AtomicBool = AtomicBool::new(false);

/// Bump when the highlighted HTML would change for the same input (syntect, class style).
const CACHE_VERSION: &str = "syntect-5.3/two-face-0.4/hl-spaced/1";
static GENERATION: AtomicU64 = AtomicU64::new(0);

type Table<T> = RwLock<HashMap<u64, (T, u64)>>;

fn rendered() -> &'static Table<Rendered> {
    static T: OnceLock<Table<Rendered>> = OnceLock::new();
    T.get_or_init(Default::default)
}

fn pages() -> &'static Table<OutputFile> {
    static T: OnceLock<Table<OutputFile>> = OnceLock::new();
    T.get_or_init(Default::default)
}

fn highlighted() -> &'static Table<Option<String>> {
    static T: OnceLock<Table<Option<String>>> = OnceLock::new();
    T.get_or_init(Default::default)
}

/// Turn the memos on for the rest of the process.
pub fn enable() {
    ENABLED.store(true, Ordering::Relaxed);
    HIGHLIGHT_ENABLED.store(true, Ordering::Relaxed);
}

/// Load highlighted code kept by earlier builds from `file` (if any) and keep what this build
/// highlights. A missing, stale or unreadable file only means highlighting from scratch.
pub fn load_highlight_cache(file: &Path) {
    HIGHLIGHT_ENABLED.store(true, Ordering::Relaxed);
    let Ok(text) = std::fs::read_to_string(file) else { return };
    let Ok(saved) = serde_json::from_str::<SavedCache>(&text) else { return };
    if saved.version != CACHE_VERSION {
        return;
    }
    let now = GENERATION.load(Ordering::Relaxed);
    if let Ok(mut t) = highlighted().write() {
        for (k, v) in saved.entries {
            t.entry(k).or_insert((Some(v), now));
        }
    }
}

/// Write the highlighted code of this build to `file` when anything new was highlighted.
pub fn save_highlight_cache(file: &Path) {
    if !STORED_SINCE_SAVE.swap(false, Ordering::Relaxed) && file.is_file() {
        return;
    }
    let Ok(t) = highlighted().read() else { return };
    let now = GENERATION.load(Ordering::Relaxed);
    let entries: std::collections::BTreeMap<u64, &str> = t
        .iter()
        .filter(|(_, (_, used))| *used >= now)
        .filter_map(|(k, (v, _))| Some((*k, v.as_deref()?)))
        .collect();
    let json = serde_json::json!({ "version": CACHE_VERSION, "entries": entries });
    if let Some(dir) = file.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    // Written aside and renamed, so a build that is interrupted never leaves half a file.
    let tmp = file.with_extension("tmp");
    if std::fs::write(&tmp, json.to_string()).is_ok() {
        let _ = std::fs::rename(&tmp, file);
    }
}

#[derive(serde::Deserialize)]
struct SavedCache {
    version: String,
    entries: HashMap<u64, String>,
}

/// Start a build: entries not used since the previous one are dropped, so edits do not pile up.
pub fn next_build() {
    if !ENABLED.load(Ordering::Relaxed) {
        return;
    }
    let previous = GENERATION.fetch_add(1, Ordering::Relaxed);
    for table in [rendered() as &dyn Sweep, highlighted(), pages()] {
        table.sweep(previous);
    }
}

trait Sweep {
    fn sweep(&self, keep_from: u64);
}

impl<T> Sweep for Table<T> {
    fn sweep(&self, keep_from: u64) {
        if let Ok(mut t) = self.write() {
            t.retain(|_, (_, used)| *used >= keep_from);
        }
    }
}

/// A 64-bit key for `parts`.
pub fn key(parts: impl Hash) -> u64 {
    let mut h = DefaultHasher::new();
    parts.hash(&mut h);
    h.finish()
}

fn lookup<T: Clone>(table: &Table<T>, key: u64) -> Option<T> {
    let hit = table.read().ok()?.get(&key).map(|(v, _)| v.clone())?;
    if let Ok(mut t) = table.write()
        && let Some(entry) = t.get_mut(&key)
    {
        entry.1 = GENERATION.load(Ordering::Relaxed);
    }
    Some(hit)
}

fn store<T>(table: &Table<T>, key: u64, value: T) {
    STORED_SINCE_SAVE.store(true, Ordering::Relaxed);
    if let Ok(mut t) = table.write() {
        t.insert(key, (value, GENERATION.load(Ordering::Relaxed)));
    }
}

fn memo<T: Clone>(table: &Table<T>, on: &AtomicBool, key: u64, make: impl FnOnce() -> T) -> T {
    if !on.load(Ordering::Relaxed) {
        return make();
    }
    if let Some(hit) = lookup(table, key) {
        return hit;
    }
    let value = make();
    store(table, key, value.clone());
    value
}

/// Rendered Markdown for `key` (which must cover everything the rendering depends on).
pub fn rendered_or(key: u64, make: impl FnOnce() -> Rendered) -> Rendered {
    memo(rendered(), &ENABLED, key, make)
}

/// A rendered page for `key`; failures are not kept, so they are reported on every build.
pub fn page_or(
    key: u64,
    make: impl FnOnce() -> Result<OutputFile, Diagnostic>,
) -> Result<OutputFile, Diagnostic> {
    if !ENABLED.load(Ordering::Relaxed) {
        return make();
    }
    if let Some(hit) = lookup(pages(), key) {
        return Ok(hit);
    }
    let page = make()?;
    store(pages(), key, page.clone());
    Ok(page)
}

/// Highlighted code for `key`.
pub fn highlighted_or(key: u64, make: impl FnOnce() -> Option<String>) -> Option<String> {
    memo(highlighted(), &HIGHLIGHT_ENABLED, key, make)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_differ_with_any_part() {
        assert_eq!(key(("a.md", "text", 1u64)), key(("a.md", "text", 1u64)));
        assert_ne!(key(("a.md", "text", 1u64)), key(("a.md", "text", 2u64)));
        assert_ne!(key(("a.md", "text", 1u64)), key(("b.md", "text", 1u64)));
    }
}
