//! The pages open in browsers. Each open page holds a live-reload connection that names its
//! address (`?page=/guide/intro/`), so a rebuild can render those pages first and reload them
//! before the rest of the site is done.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use percent_encoding::percent_decode_str;

/// Output files of the pages open now, with how many connections show each.
#[derive(Debug, Default, Clone)]
pub(super) struct OpenPages(Arc<Mutex<HashMap<String, usize>>>);

impl OpenPages {
    /// Count `path` as open until the returned guard is dropped (its connection closed).
    pub(super) fn open(&self, path: String) -> Opened {
        if let Ok(mut pages) = self.0.lock() {
            *pages.entry(path.clone()).or_default() += 1;
        }
        Opened { pages: self.clone(), path }
    }

    /// The output files of the open pages, sorted.
    pub(super) fn paths(&self) -> Vec<String> {
        let mut paths: Vec<String> = self.0.lock().map(|p| p.keys().cloned().collect()).unwrap_or_default();
        paths.sort();
        paths
    }
}

/// A page counted as open while this lives.
#[derive(Debug)]
pub(super) struct Opened {
    pages: OpenPages,
    path: String,
}

impl Drop for Opened {
    fn drop(&mut self) {
        if let Ok(mut pages) = self.pages.0.lock()
            && let Some(n) = pages.get_mut(&self.path)
        {
            *n -= 1;
            if *n == 0 {
                pages.remove(&self.path);
            }
        }
    }
}

/// The page address a live-reload connection names in its query, still percent-encoded as
/// a request path is.
pub(super) fn page_of(query: Option<&str>) -> Option<String> {
    let value = query?.split('&').find_map(|pair| pair.strip_prefix("page="))?;
    // The script encodes the whole path as one component; decode that layer only.
    let path = percent_decode_str(value).decode_utf8().ok()?;
    path.starts_with('/').then(|| path.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_count_while_their_connections_live() {
        let open = OpenPages::default();
        let a = open.open("a/index.html".into());
        let b = open.open("b/index.html".into());
        let a2 = open.open("a/index.html".into());
        assert_eq!(open.paths(), ["a/index.html", "b/index.html"]);
        drop(a);
        drop(b);
        assert_eq!(open.paths(), ["a/index.html"], "one tab still shows a");
        drop(a2);
        assert!(open.paths().is_empty());
    }

    #[test]
    fn the_page_comes_from_the_query() {
        assert_eq!(page_of(Some("page=%2Fguide%2Fintro%2F")).as_deref(), Some("/guide/intro/"));
        assert_eq!(page_of(Some("x=1&page=%2Fa%2520b%2F")).as_deref(), Some("/a%20b/"));
        assert_eq!(page_of(Some("page=guide")), None, "only a path from the root");
        assert_eq!(page_of(None), None);
    }
}
