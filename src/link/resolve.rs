//! Internal links of Markdown: how a link as written maps to an address, and whether its target
//! and #anchor exist. Splitting links, the scheme test and `..` are `crate::link`'s.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};

use super::{self as link, Parts};
use crate::config::BaseUrl;
use crate::diagnostics::nearest;

/// What a link points at, once resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// Another site, `mailto:` and the like: left alone.
    External,
    /// A page of this site (by address), with an optional #anchor.
    Page { address: String, anchor: Option<String> },
}

/// The site's addresses and the Markdown files behind them.
#[derive(Debug, Default, Clone)]
pub(crate) struct Resolver {
    /// Markdown file under content/ -> address.
    pub by_file: BTreeMap<PathBuf, String>,
    /// Every address the build writes -> the anchors on it (`None`: a file, no anchors).
    pub anchors: HashMap<String, Option<HashSet<String>>>,
}

/// A link that does not resolve: the message and a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LinkError {
    pub message: String,
    pub help: Option<String>,
}

impl Resolver {
    /// Resolve `dest`, written in the Markdown file `from` (relative to content/). Its path is
    /// percent-decoded first, as GitHub writes a space: `My%20Chapter.md`.
    pub(crate) fn resolve(&self, from: &Path, dest: &str) -> Result<Target, LinkError> {
        let dest = dest.trim();
        if dest.is_empty() {
            return Err(err("link has no target", None));
        }
        if link::is_external(dest) {
            return Ok(Target::External);
        }
        let Parts { path, fragment, .. } = link::split(dest);
        if path.contains('\\') {
            return Err(self.backslash(from, dest));
        }
        let decoded = percent_decode_str(path).decode_utf8().unwrap_or(Cow::Borrowed(path));
        let anchor = fragment.map(String::from);
        let address = if decoded.is_empty() {
            self.by_file.get(from).cloned().ok_or_else(|| err("link to an unknown page", None))?
        } else if let Some(abs) = decoded.strip_prefix('/') {
            self.address_of(abs, dest)?
        } else {
            let dir = from.parent().unwrap_or(Path::new(""));
            let joined = link::normalize(&dir.join(decoded.as_ref()))
                .ok_or_else(|| err(format!("link `{dest}` leaves the content folder"), None))?;
            self.file_address(&joined, dest, Some((from, dir)))?
        };
        Ok(Target::Page { address, anchor })
    }

    /// `guide\intro.md`: a Windows path, which no browser reads as folders.
    fn backslash(&self, from: &Path, dest: &str) -> LinkError {
        let fixed = dest.replace('\\', "/");
        let help = match self.resolve(from, &fixed) {
            Err(LinkError { help: Some(h), .. }) if h.starts_with("did you mean") => {
                format!("separate folders with `/`, not `\\`; {h}")
            }
            _ => format!("separate folders with `/`, as links do on the web and on GitHub: `{fixed}`"),
        };
        err(format!("link `{dest}` separates folders with `\\`"), Some(help))
    }

    /// The href to write for `dest`: resolved links get the site's base path.
    pub(crate) fn href(&self, base: &BaseUrl, from: &Path, dest: &str) -> String {
        match self.resolve(from, dest) {
            Ok(Target::Page { address, anchor }) if !dest.starts_with('#') => {
                // A file's name may hold a space (`My Diagram.png`); an href may not.
                let mut href = base.link(&utf8_percent_encode(&address, HREF).to_string());
                // A query is kept: a page's script may read it (`/priorities/?hiring=high`).
                if let Some(q) = link::split(dest).query {
                    href.push('?');
                    href.push_str(q);
                }
                if let Some(a) = anchor {
                    href.push('#');
                    href.push_str(&a);
                }
                href
            }
            _ => dest.to_string(),
        }
    }

    /// Check that the target of a resolved link exists, anchor included.
    pub(crate) fn check(&self, target: &Target) -> Result<(), LinkError> {
        let Target::Page { address, anchor } = target else {
            return Ok(());
        };
        let Some(anchors) = self.anchors.get(address) else {
            let mut known: Vec<&str> = self.anchors.keys().map(String::as_str).collect();
            known.sort_unstable();
            return Err(err(
                format!("link to `/{address}`, which no page has"),
                nearest(address, known).map(|n| format!("did you mean `/{n}`?")),
            ));
        };
        match (anchor, anchors) {
            (None, _) => Ok(()),
            (Some(a), Some(set)) if set.contains(a) => Ok(()),
            (Some(a), Some(set)) => Err(err(
                format!("`/{address}` has no heading or anchor `#{a}`"),
                nearest(a, sorted(set))
                    .map(|n| format!("did you mean `{n}`?"))
                    .or_else(|| Some("anchors are heading texts in lowercase, words joined by `-`".into())),
            )),
            (Some(a), None) => {
                Err(err(format!("`/{address}` is a file and cannot have an anchor `#{a}`"), None))
            }
        }
    }

    fn address_of(&self, abs: &str, dest: &str) -> Result<String, LinkError> {
        let is_file = abs.rsplit('/').next().is_some_and(|last| last.contains('.'));
        if abs.ends_with(".md") {
            return self.file_address(Path::new(abs), dest, None);
        }
        let address =
            if is_file || abs.is_empty() || abs.ends_with('/') { abs.to_string() } else { format!("{abs}/") };
        Ok(address)
    }

    /// The address of `file` (relative to content/), for the link `dest`; `from` is the linking
    /// file and its folder when the link is relative, and a suggestion is written the same way.
    fn file_address(
        &self,
        file: &Path,
        dest: &str,
        from: Option<(&Path, &Path)>,
    ) -> Result<String, LinkError> {
        if file.extension().is_none_or(|e| e != "md") {
            // Anything else is a file copied from content/ (an image, a download).
            return Ok(slashes(file));
        }
        self.by_file.get(file).cloned().ok_or_else(|| {
            let shown = slashes(file);
            let names: Vec<String> = self
                .by_file
                .keys()
                .filter(|k| Some(k.as_path()) != from.map(|f| f.0))
                .map(|k| slashes(k))
                .collect();
            let help = match (nearest(&shown, names.iter().map(String::as_str)), from) {
                (Some(n), Some((_, dir))) => format!("did you mean `{}`?", link::relative(&slashes(dir), n)),
                (Some(n), None) => format!("did you mean `/{n}`?"),
                (None, _) => {
                    "link to another page with its path relative to this file, e.g. `../guide/intro.md`"
                        .into()
                }
            };
            err(format!("link `{dest}`: there is no page `content/{shown}`"), Some(help))
        })
    }
}

/// A path with `/` between its parts, whatever the platform.
fn slashes(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// What an href's path cannot hold as it is: controls, space and the characters that end or
/// quote a URL's path.
const HREF: &AsciiSet =
    &CONTROLS.add(b' ').add(b'"').add(b'<').add(b'>').add(b'`').add(b'#').add(b'?').add(b'%');

fn sorted(set: &HashSet<String>) -> Vec<&str> {
    let mut v: Vec<&str> = set.iter().map(String::as_str).collect();
    v.sort_unstable();
    v
}

fn err(message: impl Into<String>, help: Option<String>) -> LinkError {
    LinkError { message: message.into(), help }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolver() -> Resolver {
        let mut r = Resolver::default();
        for (file, address, anchors) in [
            ("guide/_index.md", "guide/", vec![]),
            ("guide/intro.md", "guide/intro/", vec!["why"]),
            ("guide/data/sql.md", "guide/data/sql/", vec!["indexes"]),
        ] {
            r.by_file.insert(PathBuf::from(file), address.to_string());
            r.anchors.insert(address.to_string(), Some(anchors.into_iter().map(String::from).collect()));
        }
        r.anchors.insert("stacks/go-gin/".into(), Some(HashSet::new()));
        r.anchors.insert("guide/pic.png".into(), None);
        r
    }

    fn page(address: &str, anchor: Option<&str>) -> Target {
        Target::Page { address: address.into(), anchor: anchor.map(String::from) }
    }

    #[test]
    fn resolves_relative_markdown_paths_and_addresses() {
        let r = resolver();
        let from = Path::new("guide/intro.md");
        assert_eq!(r.resolve(from, "data/sql.md#indexes"), Ok(page("guide/data/sql/", Some("indexes"))));
        assert_eq!(r.resolve(Path::new("guide/data/sql.md"), "../intro.md"), Ok(page("guide/intro/", None)));
        assert_eq!(r.resolve(from, "/stacks/go-gin"), Ok(page("stacks/go-gin/", None)));
        assert_eq!(r.resolve(from, "#why"), Ok(page("guide/intro/", Some("why"))));
        assert_eq!(r.resolve(from, "pic.png"), Ok(page("guide/pic.png", None)));
        assert_eq!(r.resolve(from, "https://example.org/x.md"), Ok(Target::External));
        assert_eq!(r.resolve(from, "mailto:a@b.c"), Ok(Target::External));
        let base = BaseUrl::parse("https://e.org/docs/").unwrap();
        assert_eq!(r.href(&base, from, "data/sql.md#indexes"), "/docs/guide/data/sql/#indexes");
        assert_eq!(r.href(&base, from, "#why"), "#why");
        assert_eq!(r.href(&base, from, "/stacks/go-gin/?a=1&b=2#x"), "/docs/stacks/go-gin/?a=1&b=2#x");
        assert_eq!(r.href(&base, from, "https://x.org"), "https://x.org");
    }

    #[test]
    fn percent_encoded_paths_are_decoded_and_backslashes_get_a_hint() {
        let mut r = resolver();
        r.by_file.insert(PathBuf::from("guide/My Chapter.md"), "guide/my-chapter/".into());
        r.anchors.insert("guide/My Diagram.png".into(), None);
        let from = Path::new("guide/intro.md");
        assert_eq!(r.resolve(from, "My%20Chapter.md#why"), Ok(page("guide/my-chapter/", Some("why"))));
        assert_eq!(r.resolve(from, "My Chapter.md"), Ok(page("guide/my-chapter/", None)));
        assert_eq!(r.resolve(from, "My%20Diagram.png"), Ok(page("guide/My Diagram.png", None)));
        let base = BaseUrl::parse("https://e.org/docs/").unwrap();
        assert_eq!(r.href(&base, from, "My%20Diagram.png"), "/docs/guide/My%20Diagram.png");
        assert_eq!(r.href(&base, from, "My%20Chapter.md"), "/docs/guide/my-chapter/");

        let e = r.resolve(Path::new("_index.md"), "guide\\intro.md").unwrap_err();
        assert_eq!(e.message, "link `guide\\intro.md` separates folders with `\\`");
        assert_eq!(
            e.help.as_deref(),
            Some("separate folders with `/`, as links do on the web and on GitHub: `guide/intro.md`")
        );
        let e = r.resolve(from, "data\\sq.md").unwrap_err();
        assert_eq!(
            e.help.as_deref(),
            Some("separate folders with `/`, not `\\`; did you mean `data/sql.md`?")
        );
    }

    #[test]
    fn reports_missing_pages_anchors_and_escapes() {
        let r = resolver();
        let from = Path::new("guide/intro.md");
        let e = r.resolve(from, "data/sq.md").unwrap_err();
        assert_eq!(e.message, "link `data/sq.md`: there is no page `content/guide/data/sq.md`");
        // Written as the link is, from the linking file's folder: pasted in, it works.
        assert_eq!(e.help.as_deref(), Some("did you mean `data/sql.md`?"));
        let e = r.resolve(Path::new("guide/data/sql.md"), "../intr.md").unwrap_err();
        assert_eq!(e.help.as_deref(), Some("did you mean `../intro.md`?"));
        let e = r.resolve(Path::new("_index.md"), "guide/intr.md").unwrap_err();
        assert_eq!(e.help.as_deref(), Some("did you mean `guide/intro.md`?"));
        let e = r.resolve(from, "/guide/data/sq.md").unwrap_err();
        assert_eq!(e.help.as_deref(), Some("did you mean `/guide/data/sql.md`?"));
        assert!(
            r.resolve(from, "../../../etc/passwd").unwrap_err().message.contains("leaves the content folder")
        );
        let e = r.check(&r.resolve(from, "data/sql.md#indexs").unwrap()).unwrap_err();
        assert_eq!(e.message, "`/guide/data/sql/` has no heading or anchor `#indexs`");
        assert_eq!(e.help.as_deref(), Some("did you mean `indexes`?"));
        assert!(
            r.check(&r.resolve(from, "/stacks/go-gn/").unwrap()).unwrap_err().message.contains("no page has")
        );
        assert!(r.check(&r.resolve(from, "/stacks/go-gin/").unwrap()).is_ok());
    }
}
