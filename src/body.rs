//! Pages' Markdown bodies after validation. The site keeps no page's text or HTML: validation
//! reads each body for its outline (links, anchors, directives) and lets it go; the render
//! stage reads it again from disk when its page is rendered, batch by batch, so memory does not
//! grow with the content. A body that changed on disk in between is an error, never a page
//! rendered from a text that was not checked. Only the prose search reads (headings and text)
//! is kept from validation, and only on a site whose bodies are small together (see
//! [`KEPT_PROSE`]); a larger site's search reads each body again.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use xxhash_rust::xxh3::xxh3_64;

use crate::config::BaseUrl;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::link::Resolver;
use crate::load;
use crate::markdown::{self, Rendered};
use crate::session::Session;

/// Where a page's body is and what it was when validated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodySource {
    /// Byte offset of the body in the file (after the front matter).
    pub start: usize,
    /// xxh3 of the body's text.
    pub hash: u64,
}

impl BodySource {
    pub(crate) fn of(text: &str, start: usize) -> Self {
        let start = start.min(text.len());
        BodySource { start, hash: xxh3_64(&text.as_bytes()[start..]) }
    }
}

/// The most Markdown, in bytes of all pages' bodies together, whose prose validation keeps for
/// search rather than search reading and outlining each body again: a guide's few hundred
/// kilobytes, not a site of thousands of pages.
pub(crate) const KEPT_PROSE: usize = 16 << 20;

/// What search reads of a body: its headings and its prose (see `markdown::outline`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Prose {
    pub headings: Vec<String>,
    pub text: String,
}

impl Prose {
    /// The headings and the prose of `outline`, whose prose is taken out of it.
    pub(crate) fn take(outline: &mut Rendered) -> Prose {
        let headings = outline.toc.iter().map(|t| t.title.clone()).collect();
        Prose { headings, text: std::mem::take(&mut outline.text) }
    }
}

/// How bodies are read again and rendered: the site's folder and how links are written.
#[derive(Debug, Clone)]
pub struct Bodies {
    root: PathBuf,
    /// Markdown files -> addresses (the anchors were for checking and are gone).
    resolver: Resolver,
    base: BaseUrl,
    /// What a rendering depends on besides its file and text, when renderings are remembered.
    links_key: Option<u64>,
    /// The prose of each page's body as validated, by file, when validation kept it.
    prose: Arc<HashMap<PathBuf, Prose>>,
}

impl Bodies {
    /// `links_key` as [`links_key`] made it, when renderings are remembered; `prose`, what
    /// validation kept of the bodies for search (see [`KEPT_PROSE`]).
    pub(crate) fn new(
        root: &Path,
        mut resolver: Resolver,
        base: BaseUrl,
        links_key: Option<u64>,
        prose: HashMap<PathBuf, Prose>,
    ) -> Self {
        resolver.anchors = Default::default();
        Bodies { root: root.to_path_buf(), resolver, base, links_key, prose: Arc::new(prose) }
    }

    /// The body of the page in `file` rendered to HTML, with links rewritten to addresses.
    pub(crate) fn render(
        &self,
        file: &Path,
        at: BodySource,
        session: &Session,
    ) -> Result<Rendered, Diagnostic> {
        // Remembered by the body's hash as validated: a remembered rendering needs no reading.
        let key = render_key(file, at.hash, self.links_key);
        session
            .markdown_or(key, || Ok(render(&self.resolver, &self.base, session, file, &self.read(file, at)?)))
    }

    /// The headings and prose of the body in `file`: as validation kept them, or outlined
    /// again from the file (see [`markdown::outline`]).
    pub(crate) fn prose(
        &self,
        file: &Path,
        at: BodySource,
        session: &Session,
    ) -> Result<Cow<'_, Prose>, Diagnostic> {
        if let Some(prose) = self.prose.get(file) {
            return Ok(Cow::Borrowed(prose));
        }
        let mut outline = session.markdown_or(outline_key(file, at.hash), || {
            Ok(markdown::outline(&self.read(file, at)?, session.highlighter()))
        })?;
        Ok(Cow::Owned(Prose::take(&mut outline)))
    }

    /// The body's text from disk, as it was when validated.
    fn read(&self, file: &Path, at: BodySource) -> Result<String, Diagnostic> {
        let changed = || {
            Diagnostic::error(file, "the file changed while the site was being built")
                .with_help("build again once it is saved")
        };
        let mut d = Diagnostics::new();
        let text = load::read_text(&self.root.join(file), file, &mut d);
        let mut text = text.ok_or_else(|| d.into_vec().into_iter().next().unwrap_or_else(changed))?;
        if BodySource::of(&text, at.start) != at {
            return Err(changed());
        }
        text.drain(..at.start);
        Ok(text)
    }
}

/// Renders Markdown with links rewritten to addresses, remembered by the session when
/// `links_key` is given: a rendering stays valid while the set of addresses and the base path
/// stay the same, which is what the key holds besides the file and its text.
pub(crate) fn render_with<'a>(
    resolver: &'a Resolver,
    base: &'a BaseUrl,
    links_key: Option<u64>,
    session: &'a Session,
) -> impl Fn(&Path, &str) -> Rendered + Sync + 'a {
    move |file: &Path, body: &str| {
        session.markdown(
            || render_key(file, xxh3_64(body.as_bytes()), links_key),
            || render(resolver, base, session, file, body),
        )
    }
}

/// `body`, the Markdown of `file`, rendered with links rewritten to addresses (not remembered).
fn render(resolver: &Resolver, base: &BaseUrl, session: &Session, file: &Path, body: &str) -> Rendered {
    let from = file.strip_prefix("content").unwrap_or(file);
    markdown::render(body, &|dest| resolver.href(base, from, dest), session.highlighter())
}

/// What a rendering is remembered by: its file, the hash of its text (as in [`BodySource`]) and
/// how links are rewritten.
fn render_key(file: &Path, body: u64, links_key: Option<u64>) -> u64 {
    crate::memo::key((file, body, links_key))
}

fn outline_key(file: &Path, body: u64) -> u64 {
    crate::memo::key(("outline", file, body))
}

/// The outline of a body, remembered by the session like a rendering.
pub(crate) fn outline(file: &Path, body: &str, session: &Session) -> Rendered {
    session.markdown(
        || outline_key(file, xxh3_64(body.as_bytes())),
        || markdown::outline(body, session.highlighter()),
    )
}

/// The key for what renderings depend on besides their own file and text: how links are
/// rewritten, which is by the Markdown files' addresses and the base path.
pub(crate) fn links_key(resolver: &Resolver, base: &BaseUrl) -> u64 {
    crate::memo::key((&resolver.by_file, &base.path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_is_read_again_as_validated_and_a_changed_one_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = Path::new("content/a.md");
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        let text = "\u{feff}---\ntitle: A\n---\n## Heading\n\nSee [b](b.md).\n";
        std::fs::write(dir.path().join(file), text).unwrap();
        let mut resolver = Resolver::default();
        resolver.by_file.insert("b.md".into(), "b/".into());
        let base = BaseUrl::parse("https://example.org/docs/").unwrap();
        let bodies = Bodies::new(dir.path(), resolver, base, None, HashMap::new());
        let session = Session::for_build();
        // Offsets are in the text as loaded: without the byte-order mark.
        let loaded = text.trim_start_matches('\u{feff}');
        let at = BodySource::of(loaded, loaded.find("## ").unwrap());
        let body = bodies.render(file, at, &session).unwrap();
        assert!(body.html.starts_with("<h2 id=\"heading\">"), "{}", body.html);
        assert!(body.html.contains("href=\"/docs/b/\""), "{}", body.html);
        let prose = bodies.prose(file, at, &session).unwrap().into_owned();
        assert_eq!(prose, Prose { headings: vec!["Heading".into()], text: "Heading\nSee b.\n".into() });
        // Kept by validation: given without reading the file, which is gone below.
        let kept = Bodies {
            prose: Arc::new(HashMap::from([(file.to_path_buf(), prose.clone())])),
            ..bodies.clone()
        };

        std::fs::write(dir.path().join(file), text.replace("Heading", "Changed")).unwrap();
        let e = bodies.render(file, at, &session).unwrap_err();
        assert_eq!(e.message, "the file changed while the site was being built");
        assert_eq!(e.file, file);
        std::fs::remove_file(dir.path().join(file)).unwrap();
        assert!(bodies.render(file, at, &session).unwrap_err().message.starts_with("cannot read"));
        assert!(bodies.prose(file, at, &session).unwrap_err().message.starts_with("cannot read"));
        assert_eq!(kept.prose(file, at, &session).unwrap().into_owned(), prose);
    }
}
