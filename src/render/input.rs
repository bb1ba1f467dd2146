//! What a template is given: a Tera context and, when the session remembers pages, a hash of
//! everything put into it. A page's memo key is then its whole input (its context, the global
//! context and the templates), so a remembered page is exactly what rendering would give.

use serde::Serialize;
use tera::Context;

use super::hash;
use crate::memo::KeyHasher;
use crate::output::OutputFile;
use crate::session::Session;

/// Where rendered pages are remembered, and the hash of what every page shares.
#[derive(Clone, Copy)]
pub(super) struct PageMemo<'a> {
    pub(super) session: &'a Session,
    /// Global context and templates; `None` when pages are not remembered.
    pub(super) shared: Option<u64>,
    /// What the pages made from the site alone are remembered by (see `render::Globals`).
    pub(super) site: Option<u64>,
}

impl PageMemo<'_> {
    /// The page for `input` rendered with `template` at `path`: remembered, or made by `make`
    /// from the Tera context of the input (made only then).
    pub(super) fn page<E>(
        self,
        input: Input<'_>,
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
                self.session.page(h.digest(), || make(&input.context()))
            }
            None => make(&input.context()),
        }
    }

    /// A new input, hashed when pages are remembered.
    pub(super) fn input<'v>(self) -> Input<'v> {
        Input { values: Vec::new(), hash: self.shared.map(|_| KeyHasher::new()) }
    }
}

/// What a template will be given, kept as it is (and hashed, when pages are remembered) until
/// the page is rendered: a remembered page never converts it into Tera's values.
pub(super) struct Input<'v> {
    values: Vec<(&'static str, Stored<'v>)>,
    hash: Option<KeyHasher>,
}

/// A value as it was given: to be turned into Tera's values with the context, or already one.
enum Stored<'v> {
    Given(Box<dyn Value + 'v>),
    Made(tera::Value),
}

/// A value for a Tera context, whatever its type.
trait Value {
    fn put(&self, key: &'static str, ctx: &mut Context);
}

impl<T: Serialize> Value for T {
    fn put(&self, key: &'static str, ctx: &mut Context) {
        ctx.insert(key, self);
    }
}

impl<'v> Input<'v> {
    pub(super) fn insert<T: Serialize + 'v>(&mut self, key: &'static str, value: T) {
        if let Some(h) = &mut self.hash {
            feed_key(h, key);
            // A value that cannot be serialised leaves the page unremembered; it fails in
            // Tera's insert later, with its own message.
            if hash::feed(h, &value).is_err() {
                self.hash = None;
            }
        }
        self.values.push((key, Stored::Given(Box::new(value))));
    }

    /// Put `value` under `key`, already a Tera value (cheap to copy), known by `hash`: a hash of
    /// everything it was made from, which stands for it in the input's hash.
    pub(super) fn insert_made(&mut self, key: &'static str, value: tera::Value, hash: u64) {
        if let Some(h) = &mut self.hash {
            feed_key(h, key);
            h.update(&hash.to_le_bytes());
        }
        self.values.push((key, Stored::Made(value)));
    }

    fn context(&self) -> Context {
        let mut ctx = Context::new();
        for (key, value) in &self.values {
            match value {
                Stored::Given(value) => value.put(key, &mut ctx),
                Stored::Made(value) => ctx.insert_value(*key, value.clone()),
            }
        }
        ctx
    }
}

/// A value's name into the input's hash, before the value.
fn feed_key(h: &mut KeyHasher, key: &str) {
    h.update(&(key.len() as u64).to_le_bytes());
    h.update(key.as_bytes());
}

/// The hash of `value` after `seed`, for what every page shares; `None` when the value cannot
/// be serialised.
pub(super) fn hash_of<T: Serialize + ?Sized>(value: &T, seed: u64) -> Option<u64> {
    let mut h = KeyHasher::new();
    h.update(&seed.to_le_bytes());
    hash::feed(&mut h, value).ok()?;
    Some(h.digest())
}
