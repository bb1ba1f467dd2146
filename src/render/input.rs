//! What a template is given: a Tera context and, when the session remembers pages, a hash of
//! everything put into it. A page's memo key is then its whole input (its context, the global
//! context and the templates), so a remembered page is exactly what rendering would give.

use std::io;

use serde::Serialize;
use tera::Context;
use xxhash_rust::xxh3::Xxh3;

use crate::output::OutputFile;
use crate::session::Session;

/// Where rendered pages are remembered, and the hash of what every page shares.
#[derive(Clone, Copy)]
pub(super) struct PageMemo<'a> {
    pub(super) session: &'a Session,
    /// Global context and templates; `None` when pages are not remembered.
    pub(super) shared: Option<u64>,
}

impl PageMemo<'_> {
    /// The page for `input` rendered with `template` at `path`: remembered, or made by `make`.
    pub(super) fn page<E>(
        self,
        input: &Input,
        template: &str,
        path: &str,
        make: impl FnOnce(&Context) -> Result<OutputFile, E>,
    ) -> Result<OutputFile, E> {
        match input.hash.as_ref().zip(self.shared) {
            Some((hash, shared)) => {
                let mut h = hash.clone();
                h.update(template.as_bytes());
                h.update(path.as_bytes());
                h.update(&shared.to_le_bytes());
                self.session.page(h.digest(), || make(&input.ctx))
            }
            None => make(&input.ctx),
        }
    }

    /// A new input, hashed when pages are remembered.
    pub(super) fn input(self) -> Input {
        Input { ctx: Context::new(), hash: self.shared.map(|_| Xxh3::new()) }
    }
}

/// A Tera context that also hashes what goes into it.
pub(super) struct Input {
    pub(super) ctx: Context,
    hash: Option<Xxh3>,
}

impl Input {
    pub(super) fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        if let Some(h) = &mut self.hash {
            h.update(key.as_bytes());
            // Writing into a hash cannot fail; a value that cannot be serialised fails in
            // Tera's insert just below, with its own message.
            let _ = serde_json::to_writer(HashWriter(h), value);
        }
        self.ctx.insert(key, value);
    }
}

/// The hash of `value` written as JSON after `seed`, for what every page shares.
pub(super) fn hash_of<T: Serialize + ?Sized>(value: &T, seed: u64) -> u64 {
    let mut h = Xxh3::new();
    h.update(&seed.to_le_bytes());
    let _ = serde_json::to_writer(HashWriter(&mut h), value);
    h.digest()
}

struct HashWriter<'a>(&'a mut Xxh3);

impl io::Write for HashWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
