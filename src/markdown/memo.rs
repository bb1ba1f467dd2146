//! Memos that live as long as the process, switched on by `serve`: across rebuilds a save
//! re-renders only the Markdown whose text (or the site's set of addresses) changed, and
//! highlights only code it has not seen. A one-off `build` never turns them on.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{OnceLock, RwLock};

use super::Rendered;

static ENABLED: AtomicBool = AtomicBool::new(false);
static GENERATION: AtomicU64 = AtomicU64::new(0);

type Table<T> = RwLock<HashMap<u64, (T, u64)>>;

fn rendered() -> &'static Table<Rendered> {
    static T: OnceLock<Table<Rendered>> = OnceLock::new();
    T.get_or_init(Default::default)
}

fn highlighted() -> &'static Table<Option<String>> {
    static T: OnceLock<Table<Option<String>>> = OnceLock::new();
    T.get_or_init(Default::default)
}

/// Turn the memos on for the rest of the process.
pub fn enable() {
    ENABLED.store(true, Ordering::Relaxed);
}

/// Start a build: entries not used since the previous one are dropped, so edits do not pile up.
pub fn next_build() {
    if !ENABLED.load(Ordering::Relaxed) {
        return;
    }
    let previous = GENERATION.fetch_add(1, Ordering::Relaxed);
    for table in [rendered() as &dyn Sweep, highlighted()] {
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

fn memo<T: Clone>(table: &Table<T>, key: u64, make: impl FnOnce() -> T) -> T {
    if !ENABLED.load(Ordering::Relaxed) {
        return make();
    }
    let now = GENERATION.load(Ordering::Relaxed);
    if let Some(hit) = table.read().ok().and_then(|t| t.get(&key).map(|(v, _)| v.clone())) {
        if let Ok(mut t) = table.write() {
            if let Some(entry) = t.get_mut(&key) {
                entry.1 = now;
            }
        }
        return hit;
    }
    let value = make();
    if let Ok(mut t) = table.write() {
        t.insert(key, (value.clone(), now));
    }
    value
}

/// Rendered Markdown for `key` (which must cover everything the rendering depends on).
pub fn rendered_or(key: u64, make: impl FnOnce() -> Rendered) -> Rendered {
    memo(rendered(), key, make)
}

/// Highlighted code for `key`.
pub fn highlighted_or(key: u64, make: impl FnOnce() -> Option<String>) -> Option<String> {
    memo(highlighted(), key, make)
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
