//! The searchable pages, numbered: chapters, then stacks, then comparisons, then flowcharts.
//! A page's number is what the word shards list; its title, section, address and a short
//! excerpt are written a fixed number of pages a file, so a search fetches only the files of
//! the results it shows.

use std::borrow::Cow;

use serde::Serialize;

use super::json::script_safe_json_of;
use crate::model::{DecisionId, NodeKind, PageId, PageKind, Site, StackId};
use crate::routes::Route;
pub(crate) use crate::routes::{SEARCH_PAGES_PER_FILE as PAGES_PER_FILE, searchable};
use crate::session::Session;

/// The most characters of a page's excerpt.
pub(crate) const EXCERPT_CHARS: usize = 180;

/// One searchable page, borrowed from the site where it can be.
#[derive(Debug)]
pub(crate) struct Doc<'a> {
    pub title: Cow<'a, str>,
    pub section: &'a str,
    /// Address, with the site's base path.
    pub url: String,
    pub headings: Vec<Cow<'a, str>>,
    pub description: &'a str,
    /// The prose (no code).
    pub text: Cow<'a, str>,
}

impl Doc<'_> {
    /// A hash of everything the page's words and snippets are found in.
    pub(crate) fn key(&self) -> u64 {
        let Doc { title, section, url, headings, description, text } = self;
        crate::memo::key((title, section, url, headings, description, text))
    }

    /// What a result shows under the title: the description, or else the opening text.
    pub(crate) fn excerpt(&self) -> String {
        excerpt(if self.description.trim().is_empty() { &self.text } else { self.description })
    }
}

/// What of a page's body is read from disk for its [`Doc`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Body {
    /// Headings and prose: for scoring words and finding snippets.
    Whole,
    /// Only what the excerpt needs: nothing, unless the page has no description.
    Excerpt,
}

/// The searchable page numbered `k`, if there is one. A chapter's body is read again (see
/// `crate::body`) as `body` asks; one that cannot be read counts as empty here (rendering its
/// page reports why).
pub(crate) fn doc<'a>(site: &'a Site, session: &Session, k: usize, body: Body) -> Option<Doc<'a>> {
    let (pages, stacks) = (site.pages.len(), site.stacks.len());
    let pairs = searchable(0, stacks, 0) - stacks;
    if k < pages {
        return Some(page_doc(site, session, PageId(k), body));
    }
    let k = k - pages;
    if k < stacks {
        return Some(stack_doc(site, StackId(k)));
    }
    let k = k - stacks;
    if k < pairs {
        let (a, b) = nth_pair(stacks, k);
        let title = format!("{} vs {}", site.stack(a).name, site.stack(b).name);
        let url = site.url(Route::Compare(a, b));
        let text = Cow::Borrowed("");
        return Some(Doc {
            title: title.into(),
            section: "Comparisons",
            url,
            headings: vec![],
            description: "",
            text,
        });
    }
    site.decisions.get(k - pairs).map(|_| decision_doc(site, DecisionId(k - pairs)))
}

/// The `k`th pair of `n` stacks: (0, 1), (0, 2), ... (1, 2), ...
fn nth_pair(n: usize, mut k: usize) -> (StackId, StackId) {
    for i in 0..n {
        let row = n - 1 - i;
        if k < row {
            return (StackId(i), StackId(i + 1 + k));
        }
        k -= row;
    }
    (StackId(0), StackId(0))
}

fn page_doc<'a>(site: &'a Site, session: &Session, id: PageId, body: Body) -> Doc<'a> {
    let p = site.page(id);
    let read = body == Body::Whole || p.description.trim().is_empty();
    let prose = read.then(|| site.bodies.prose(&p.file, p.source, session).ok()).flatten();
    let (headings, text) = match prose {
        Some(Cow::Borrowed(prose)) => (
            prose.headings.iter().map(|h| Cow::Borrowed(h.as_str())).collect(),
            Cow::Borrowed(prose.text.as_str()),
        ),
        Some(Cow::Owned(prose)) => {
            (prose.headings.into_iter().map(Cow::Owned).collect(), Cow::Owned(prose.text))
        }
        None => (Vec::new(), Cow::Borrowed("")),
    };
    let section = match p.kind {
        PageKind::Home => "",
        _ => p.parent.map_or("Guide", |i| site.page(i).title.as_str()),
    };
    Doc {
        title: Cow::Borrowed(&p.title),
        section,
        url: site.url(Route::Page(id)),
        headings,
        description: &p.description,
        text,
    }
}

fn stack_doc(site: &Site, id: StackId) -> Doc<'_> {
    let s = site.stack(id);
    let text = [
        s.language.as_str(),
        &s.runtime,
        &s.frameworks.join(" "),
        &s.best_for.join(". "),
        &s.pros.join(". "),
        &s.cons.join(". "),
        &s.users.join(", "),
        s.long_form.as_ref().map_or("", |r| r.text.as_str()),
    ]
    .join(" ");
    Doc {
        title: Cow::Borrowed(&s.name),
        section: "Stacks",
        url: site.url(Route::Stack(id)),
        headings: vec![],
        description: &s.summary,
        text: text.into(),
    }
}

fn decision_doc(site: &Site, id: DecisionId) -> Doc<'_> {
    let d = site.decision(id);
    let questions: Vec<&str> = d
        .nodes
        .iter()
        .map(|n| match &n.kind {
            NodeKind::Question { text, .. } => text.as_str(),
            NodeKind::Result { title, .. } => title.as_str(),
        })
        .collect();
    Doc {
        title: Cow::Borrowed(&d.title),
        section: "Flowcharts",
        url: site.url(Route::Decision(id)),
        headings: vec![],
        description: &d.description,
        text: questions.join(". ").into(),
    }
}

/// What a search result shows of a page: title, section, address and excerpt.
#[derive(Debug, Serialize)]
struct Shown<'a>(Cow<'a, str>, &'a str, String, String);

/// The details of the pages in file `n` of them, as script-safe JSON: an array of
/// `[title, section, address, excerpt]`.
pub(crate) fn pages_json(site: &Site, session: &Session, n: usize) -> String {
    let shown: Vec<Shown<'_>> = (n * PAGES_PER_FILE..(n + 1) * PAGES_PER_FILE)
        .map_while(|k| doc(site, session, k, Body::Excerpt))
        .map(|d| {
            let excerpt = d.excerpt();
            Shown(d.title, d.section, d.url, excerpt)
        })
        .collect();
    script_safe_json_of(&shown)
}

/// The opening of `text`, whitespace collapsed, cut at a word boundary after at most
/// [`EXCERPT_CHARS`] characters (an ellipsis says where).
pub(crate) fn excerpt(text: &str) -> String {
    let mut out = String::new();
    for (i, word) in text.split_whitespace().enumerate() {
        if out.chars().count() + word.chars().count() + 1 > EXCERPT_CHARS {
            out.push('\u{2026}');
            return out;
        }
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_counted_in_the_order_of_the_route_table() {
        let all: Vec<(usize, usize)> =
            (0..searchable(0, 4, 0) - 4).map(|k| nth_pair(4, k)).map(|(a, b)| (a.0, b.0)).collect();
        assert_eq!(all, [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]);
        assert_eq!(searchable(10, 4, 2), 10 + 4 + 6 + 2);
        assert_eq!(searchable(3, 0, 0), 3);
    }

    #[test]
    fn an_excerpt_is_the_opening_cut_at_a_word() {
        assert_eq!(excerpt("  Short\n text. "), "Short text.");
        let long = "word ".repeat(100);
        let cut = excerpt(&long);
        assert!(cut.chars().count() <= EXCERPT_CHARS + 1 && cut.ends_with("word\u{2026}"), "{cut}");
    }
}
