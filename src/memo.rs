//! A memo table: values by a 64-bit key of their inputs, each marked with the last build that
//! used it, so entries a build did not use can be dropped. Shared by the threads of a build.

use std::collections::HashMap;
use std::convert::Infallible;
use std::hash::{Hash, Hasher};
use std::sync::RwLock;
use std::sync::atomic::{AtomicU64, Ordering};

use xxhash_rust::xxh3::Xxh3;

/// A 64-bit key for `parts`, for memos that live in memory only.
pub(crate) fn key(parts: impl Hash) -> u64 {
    let mut h = KeyHasher::new();
    parts.hash(&mut h);
    h.digest()
}

/// xxh3 fed through a buffer: a key is made of many small writes (a number, a short name), which
/// cost xxh3 a call each, and the buffer passes on in runs. The hash is xxh3's of the bytes
/// written, however they were cut.
#[derive(Clone)]
pub(crate) struct KeyHasher {
    xxh3: Xxh3,
    buffer: [u8; 256],
    len: usize,
}

impl KeyHasher {
    pub(crate) fn new() -> Self {
        KeyHasher { xxh3: Xxh3::new(), buffer: [0; 256], len: 0 }
    }

    #[inline]
    pub(crate) fn update(&mut self, bytes: &[u8]) {
        if let Some(room) = self.buffer.get_mut(self.len..self.len + bytes.len()) {
            room.copy_from_slice(bytes);
            self.len += bytes.len();
        } else {
            self.xxh3.update(&self.buffer[..self.len]);
            self.len = 0;
            if bytes.len() < self.buffer.len() {
                self.update(bytes);
            } else {
                self.xxh3.update(bytes);
            }
        }
    }

    pub(crate) fn digest(&self) -> u64 {
        let mut xxh3 = self.xxh3.clone();
        xxh3.update(&self.buffer[..self.len]);
        xxh3.digest()
    }
}

impl Hasher for KeyHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        self.update(bytes);
    }

    fn finish(&self) -> u64 {
        self.digest()
    }
}

/// Values by key, with the build that last used each: marked through a shared lock, so the
/// threads of a build that look values up do not wait on each other.
#[derive(Debug, Default)]
pub(crate) struct Memo<T> {
    table: RwLock<HashMap<u64, (T, AtomicU64)>>,
    /// The current build; starts at 1, so entries loaded from disk (0) count as unused.
    generation: AtomicU64,
}

impl<T: Clone> Memo<T> {
    pub(crate) fn new() -> Self {
        Memo { table: RwLock::default(), generation: AtomicU64::new(1) }
    }

    /// The value for `key`, made by `make` when there is none.
    pub(crate) fn get_or(&self, key: u64, make: impl FnOnce() -> T) -> T {
        match self.get_or_try(key, || Ok::<T, Infallible>(make())) {
            Ok(value) => value,
            Err(never) => match never {},
        }
    }

    /// [`Memo::get_or`] for a `make` that can fail: a failure is not remembered.
    pub(crate) fn get_or_try<E>(&self, key: u64, make: impl FnOnce() -> Result<T, E>) -> Result<T, E> {
        if let Some(hit) = self.get(key) {
            return Ok(hit);
        }
        let value = make()?;
        self.insert(key, value.clone());
        Ok(value)
    }

    /// The value for `key`, marked as used by this build.
    pub(crate) fn get(&self, key: u64) -> Option<T> {
        let now = self.generation.load(Ordering::Relaxed);
        let table = self.table.read().ok()?;
        let (value, used) = table.get(&key)?;
        used.store(now, Ordering::Relaxed);
        Some(value.clone())
    }

    /// What `look` reads from the value for `key`, without cloning it or marking it used.
    pub(crate) fn peek<R>(&self, key: u64, look: impl FnOnce(&T) -> R) -> Option<R> {
        let table = self.table.read().ok()?;
        table.get(&key).map(|(value, _)| look(value))
    }

    pub(crate) fn insert(&self, key: u64, value: T) {
        let now = self.generation.load(Ordering::Relaxed);
        if let Ok(mut table) = self.table.write() {
            table.insert(key, (value, AtomicU64::new(now)));
        }
    }

    /// Keep `value` as if an earlier build had made it: it stays only if this build uses it.
    pub(crate) fn preload(&self, key: u64, value: T) {
        if let Ok(mut table) = self.table.write() {
            table.entry(key).or_insert((value, AtomicU64::new(0)));
        }
    }

    /// Start the next build: entries the finished one did not use are dropped.
    pub(crate) fn next_build(&self) {
        let finished = self.generation.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut table) = self.table.write() {
            table.retain(|_, (_, used)| *used.get_mut() == finished);
        }
    }

    /// What `look` makes of the entries this build used, in key order, and whether any other
    /// entry is held; the values are lent, not cloned.
    pub(crate) fn read_used<R>(&self, look: impl FnOnce(&[(u64, &T)], bool) -> R) -> Option<R> {
        let now = self.generation.load(Ordering::Relaxed);
        let table = self.table.read().ok()?;
        let mut used: Vec<(u64, &T)> = table
            .iter()
            .filter(|(_, (_, u))| u.load(Ordering::Relaxed) == now)
            .map(|(k, (v, _))| (*k, v))
            .collect();
        used.sort_unstable_by_key(|&(k, _)| k);
        let unused = used.len() < table.len();
        Some(look(&used, unused))
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.table.read().map_or(0, |t| t.len())
    }
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

    #[test]
    fn a_key_hasher_gives_xxh3_of_its_bytes_however_they_are_cut() {
        let bytes: Vec<u8> = (0..2000u32).map(|i| (i * 7 % 251) as u8).collect();
        let whole = xxhash_rust::xxh3::xxh3_64(&bytes);
        for cuts in [&[1usize, 3, 0, 255, 256, 1, 700, 2][..], &[300], &[255, 1, 256, 257], &[2000]] {
            let mut h = KeyHasher::new();
            let mut rest = &bytes[..];
            for &n in cuts.iter().cycle() {
                let (now, later) = rest.split_at(n.min(rest.len()));
                h.update(now);
                rest = later;
                if rest.is_empty() {
                    break;
                }
            }
            assert_eq!(h.digest(), whole, "{cuts:?}");
            assert_eq!(h.digest(), h.finish(), "digest leaves the hasher as it was");
        }
    }

    #[test]
    fn a_build_keeps_only_what_it_used() {
        let memo: Memo<String> = Memo::new();
        memo.preload(1, "from disk, used".into());
        memo.preload(2, "from disk, unused".into());
        assert_eq!(memo.peek(2, String::len), Some(17), "peeking does not count as using");
        assert_eq!(memo.get_or(1, unreachable_value), "from disk, used");
        assert_eq!(memo.get_or(3, || "made".into()), "made");
        let (used, unused) = memo
            .read_used(|used, unused| (used.iter().map(|&(k, v)| (k, v.clone())).collect::<Vec<_>>(), unused))
            .unwrap();
        assert_eq!(used, [(1, "from disk, used".to_string()), (3, "made".to_string())]);
        assert!(unused);
        memo.next_build();
        assert_eq!(memo.len(), 2, "the unused entry is gone");
        memo.get(3);
        memo.next_build();
        assert_eq!(memo.len(), 1, "and so is one the last build did not use");
    }

    fn unreachable_value() -> String {
        panic!("the memo had it")
    }
}
