//! Links as written, in Markdown or in rendered HTML: the one place that splits a link into path,
//! query and #fragment, decides with one scheme test whether it leaves the site, and applies `..`.
//! [`Resolver`] resolves Markdown links with it, `check` and the tests resolve the hrefs of
//! rendered pages with [`resolve_href`]; `routes::file_of` maps the address found to its file.

use std::path::{Component, Path, PathBuf};

mod resolve;

pub(crate) use resolve::{Resolver, Target};

use crate::config::BaseUrl;
use crate::routes;

/// A link inside the site, split: `a/b.md?x=1#top` -> path `a/b.md`, query `x=1`, fragment `top`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts<'a> {
    pub path: &'a str,
    pub query: Option<&'a str>,
    /// The #fragment, without `#`; `None` when absent or empty.
    pub fragment: Option<&'a str>,
}

/// Split `link` at its first `#`, then its path at the first `?`.
pub fn split(link: &str) -> Parts<'_> {
    let (rest, fragment) = match link.split_once('#') {
        Some((rest, f)) => (rest, Some(f).filter(|f| !f.is_empty())),
        None => (link, None),
    };
    let (path, query) = match rest.split_once('?') {
        Some((path, q)) => (path, Some(q)),
        None => (rest, None),
    };
    Parts { path, query, fragment }
}

/// Whether `link` points outside the site: it starts with `//` or with a URL scheme
/// (`https:`, `mailto:`, `tel:`...: letters, digits, `+`, `-` or `.` before the first `:`).
pub(crate) fn is_external(link: &str) -> bool {
    if link.starts_with("//") {
        return true;
    }
    link.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

/// `a/b/../c` -> `a/c`; `None` when the path climbs above its root or is absolute.
pub(crate) fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

/// The relative `path` taken from the folder `dir` (both `/`-separated), with `..` applied and a
/// trailing `/` kept: (`guide`, `../stacks/`) -> `stacks/`; `None` when it climbs above the root.
pub(crate) fn join(dir: &str, path: &str) -> Option<String> {
    let joined = if dir.is_empty() { path.to_string() } else { format!("{dir}/{path}") };
    let mut s = normalize(Path::new(&joined))?.to_string_lossy().replace('\\', "/");
    if path.ends_with('/') && !s.is_empty() {
        s.push('/');
    }
    Some(s)
}

/// `target` (a `/`-separated path from the root) written as a path from the folder `dir`:
/// (`guide/data`, `guide/intro.md`) -> `../intro.md`; (``, `guide/intro.md`) -> `guide/intro.md`.
pub(crate) fn relative(dir: &str, target: &str) -> String {
    let dir: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    let target: Vec<&str> = target.split('/').filter(|s| !s.is_empty()).collect();
    // The last part of `target` is the file: only folders are shared.
    let folders = target.len().saturating_sub(1);
    let common = dir.iter().zip(&target[..folders]).take_while(|(a, b)| a == b).count();
    let mut parts = vec![".."; dir.len() - common];
    parts.extend(&target[common..]);
    parts.join("/")
}

/// An href of a rendered page, resolved to a file of the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Href {
    /// The output file it names, percent-decoded (`guide/a/index.html`).
    pub file: String,
    /// Its #fragment, if any.
    pub fragment: Option<String>,
}

/// The output file that `href`, on the output page `page` (`guide/a/index.html`), points at.
/// `Ok(None)` for an empty or external link; `Err` (a message that ends "link to ...") for a
/// link above the site's root or outside its base path.
pub fn resolve_href(base: &BaseUrl, page: &str, href: &str) -> Result<Option<Href>, String> {
    let href = href.trim();
    if href.is_empty() || is_external(href) {
        return Ok(None);
    }
    let Parts { path, fragment, .. } = split(href);
    let address = if path.is_empty() {
        routes::address_of(page).to_string()
    } else if let Some(abs) = path.strip_prefix('/') {
        match abs.strip_prefix(base.path.trim_start_matches('/')) {
            Some(rest) => rest.to_string(),
            None => return Err(format!("`{href}`, outside the site's base path `{}`", base.path)),
        }
    } else {
        let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
        join(dir, path).ok_or_else(|| format!("`{href}`, above the site's root"))?
    };
    let file = routes::file_of(&address);
    let file = percent_encoding::percent_decode_str(&file).decode_utf8_lossy().into_owned();
    Ok(Some(Href { file, fragment: fragment.map(String::from) }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_path_query_and_fragment() {
        let p = split("a/b.md?x=1#top");
        assert_eq!((p.path, p.query, p.fragment), ("a/b.md", Some("x=1"), Some("top")));
        let p = split("#why?not");
        assert_eq!((p.path, p.query, p.fragment), ("", None, Some("why?not")));
        assert_eq!(split("a/#").fragment, None);
    }

    #[test]
    fn one_scheme_test_for_every_link() {
        for external in ["https://x.org", "mailto:a@b.c", "tel:+1", "//cdn.x/y", "git+ssh:x"] {
            assert!(is_external(external), "{external}");
        }
        for internal in ["a.md", "/stacks/", "#step:1", "a/b:c", "?q=a:b", ":x", "", "a b:c"] {
            assert!(!is_external(internal), "{internal}");
        }
    }

    #[test]
    fn joins_relative_paths_keeping_folders() {
        assert_eq!(join("guide/a", "../b/").as_deref(), Some("guide/b/"));
        assert_eq!(join("guide", "./x.png").as_deref(), Some("guide/x.png"));
        assert_eq!(join("guide", "..").as_deref(), Some(""));
        assert_eq!(join("", "../x"), None);
        assert_eq!(normalize(Path::new("/etc")), None);
    }

    #[test]
    fn writes_paths_relative_to_a_folder() {
        assert_eq!(relative("guide", "guide/intro.md"), "intro.md");
        assert_eq!(relative("guide/data", "guide/intro.md"), "../intro.md");
        assert_eq!(relative("guide", "guide/data/sql.md"), "data/sql.md");
        assert_eq!(relative("", "guide/intro.md"), "guide/intro.md");
        assert_eq!(relative("guide/data", "_index.md"), "../../_index.md");
        assert_eq!(relative("stacks", "guide/guide/a.md"), "../guide/guide/a.md");
        assert_eq!(relative("guide", "guide"), "../guide");
    }

    #[test]
    fn resolves_hrefs_of_rendered_pages_to_files() {
        let base = BaseUrl::parse("https://e.org/docs/").unwrap();
        let at = |page: &str, href: &str| resolve_href(&base, page, href);
        let file =
            |f: &str, frag: Option<&str>| Ok(Some(Href { file: f.into(), fragment: frag.map(String::from) }));
        assert_eq!(at("a/index.html", "/docs/b/#x"), file("b/index.html", Some("x")));
        assert_eq!(at("a/index.html", "/docs/"), file("index.html", None));
        assert_eq!(at("a/index.html", "../"), file("index.html", None));
        assert_eq!(at("a/index.html", "my%20file.txt"), file("a/my file.txt", None));
        assert_eq!(at("a/index.html", "#top"), file("a/index.html", Some("top")));
        assert_eq!(at("a/index.html", "https://x.org/"), Ok(None));
        assert_eq!(
            at("a/index.html", "/else/"),
            Err("`/else/`, outside the site's base path `/docs/`".into())
        );
        assert_eq!(at("a/index.html", "../../x"), Err("`../../x`, above the site's root".into()));
    }
}
