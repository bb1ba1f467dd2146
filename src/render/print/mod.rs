//! `/print/`: the whole guide on one page, for paper or PDF. Chapters come in reading order (the
//! sidebar's, depth first), then every stack's profile. Each chapter's body is the HTML its own
//! page was rendered with, kept while the pages render ([`Kept`]) and rewritten (`rewrite`):
//! its ids prefixed with the chapter's anchor, links between printed pages turned into links to
//! their anchors. The print page is rendered after every other page, so no body is rendered
//! twice.

mod rewrite;

use std::sync::Mutex;

use rayon::prelude::*;
use serde::Serialize;

use super::input::Input;
use super::stacks::{StackPage, stack_page};
use crate::model::{PageId, PageKind, Site, StackId, stack_address};
use crate::routes::Route;
use crate::session::Session;
use crate::theme::Theme;
use rewrite::{Placement, Targets, inner};

/// The rendered bodies of the site's pages, by page, kept for the print page while the pages
/// render (in parallel).
#[derive(Debug)]
pub(crate) struct Kept(Mutex<Vec<Option<String>>>);

impl Kept {
    /// Somewhere to keep the bodies, when the site has a print page.
    pub(crate) fn for_site(site: &Site) -> Option<Kept> {
        site.routes.path(Route::Print).map(|_| Kept(Mutex::new(vec![None; site.pages.len()])))
    }

    /// Keep the body of page `i`, as rendered for its own page.
    pub(crate) fn keep(&self, i: PageId, html: &str) {
        if let Ok(mut kept) = self.0.lock()
            && let Some(slot) = kept.get_mut(i.0)
        {
            *slot = Some(html.to_string());
        }
    }

    /// Every body kept, by page.
    fn take(&self) -> Vec<Option<String>> {
        self.0.lock().map(|mut k| std::mem::take(&mut *k)).unwrap_or_default()
    }
}

/// The anchor of the page at `address` on the print page: `p`, then its address's slugs joined
/// by dots (`p.guide.basics`; `p` for the home page). Slugs hold only letters, digits and single
/// dashes, so anchors are unique as addresses are, and valid XML names, as ids in SVG must be.
pub(crate) fn anchor_of(address: &str) -> String {
    std::iter::once("p").chain(address.split('/').filter(|s| !s.is_empty())).collect::<Vec<_>>().join(".")
}

/// The pages in reading order: the home page, then the sidebar's tree depth first.
pub(crate) fn reading_order(site: &Site) -> Vec<PageId> {
    fn walk(site: &Site, i: PageId, out: &mut Vec<PageId>) {
        out.push(i);
        for &c in &site.page(i).children {
            walk(site, c, out);
        }
    }
    let mut out: Vec<PageId> =
        (0..site.pages.len()).map(PageId).filter(|&i| site.page(i).kind == PageKind::Home).collect();
    for &r in &site.roots {
        walk(site, r, &mut out);
    }
    out
}

/// A chapter (or section, or the home page) on the print page.
#[derive(Debug, Serialize)]
struct Chapter<'a> {
    anchor: String,
    title: &'a str,
    description: &'a str,
    /// Its own page's absolute address, shown for readers of the paper.
    permalink: String,
    /// 0 for a top-level page, 1 for a page in a section...
    depth: usize,
    html: String,
}

/// A stack on the print page: its page's view, ids prefixed with `anchor`.
#[derive(Debug, Serialize)]
struct PrintStack<'a> {
    anchor: String,
    stack: StackPage<'a>,
}

fn depth(site: &Site, i: PageId) -> usize {
    std::iter::successors(site.page(i).parent, |&p| site.page(p).parent)
        .filter(|&p| site.page(p).kind != PageKind::Home)
        .count()
}

/// Where every printed page's links lead on the print page.
fn targets(site: &Site, order: &[PageId]) -> Targets {
    let mut t = Targets::default();
    for &i in order {
        let address = &site.page(i).address;
        t.anchors.insert(site.base.link(address), anchor_of(address));
    }
    for s in &site.stacks {
        let address = stack_address(&s.id);
        t.anchors.insert(site.base.link(&address), anchor_of(&address));
    }
    t
}

/// The template that draws the stacks' part of the print page, given `stacks`.
const STACKS_TEMPLATE: &str = "partials/print-stacks.html";

/// Put what the print page shows into `ctx`: `chapters`, `stacks`, and `stacks_html` (the stacks
/// drawn by [`STACKS_TEMPLATE`]). When the session remembers pages, `by_site` (see
/// `render::Globals`) and a chapter's body say which rewritten body is remembered, and
/// `by_site` alone which stacks' part. The stacks are drawn beside the chapters' rewriting.
pub(super) fn fill<'a>(
    site: &'a Site,
    theme: &Theme,
    kept: &Kept,
    session: &Session,
    by_site: Option<u64>,
    ctx: &mut Input<'a>,
) -> Result<(), tera::Error> {
    let order = reading_order(site);
    let targets = targets(site, &order);
    let bodies = kept.take();
    let chapters = || -> Vec<Chapter<'a>> {
        // On every core: rewriting a body is most of the chapters' work.
        order
            .par_iter()
            .map(|&i| {
                let page = site.page(i);
                let anchor = anchor_of(&page.address);
                let body = bodies.get(i.0).and_then(Option::as_deref).unwrap_or_default();
                let at = Placement { prefix: &anchor, demote: 1, title: &page.title };
                let key = by_site.map(|by_site| crate::memo::key((by_site, i.0, body)));
                let html = session.rewritten(key, || rewrite::rewrite(body, &at, &targets, &site.base));
                Chapter {
                    html,
                    title: &page.title,
                    description: &page.description,
                    permalink: site.base.absolute(&page.address),
                    depth: depth(site, i),
                    anchor,
                }
            })
            .collect()
    };
    // Made from the site alone: a session that remembers pages keeps both the stacks and their
    // drawing, for as long as the site but for its pages' bodies stays the same.
    let keys = by_site.map(|by_site| {
        let key = crate::memo::key((by_site, "print stacks"));
        (key, crate::memo::key((key, STACKS_TEMPLATE)))
    });
    let (chapters, stacks) = rayon::join(chapters, || stacks_part(site, theme, session, keys, &targets));
    ctx.insert("chapters", chapters);
    let (stacks, html) = stacks?;
    match keys {
        Some((key, html_key)) => {
            ctx.insert_made("stacks", stacks, key);
            ctx.insert_made("stacks_html", html, html_key);
        }
        None => {
            ctx.insert("stacks", stacks);
            ctx.insert("stacks_html", html);
        }
    }
    Ok(())
}

/// The stacks' part of the print page: every stack's profile as a Tera value, and drawn by
/// [`STACKS_TEMPLATE`] (a safe string); remembered by `keys` (the value's, the drawing's) when
/// they are given.
fn stacks_part(
    site: &Site,
    theme: &Theme,
    session: &Session,
    keys: Option<(u64, u64)>,
    targets: &Targets,
) -> Result<(tera::Value, tera::Value), tera::Error> {
    let make = || tera::Value::try_from_serializable(&stacks(site, session, targets));
    let value = match keys.and_then(|(key, _)| session.value(key, || make().ok())) {
        Some(value) => value,
        None => make()?,
    };
    let draw = || {
        let mut ctx = tera::Context::new();
        ctx.insert_value("stacks", value.clone());
        theme.tera.render(STACKS_TEMPLATE, &ctx)
    };
    let html = session.embed(keys.map(|(_, html_key)| html_key), draw)?;
    Ok((value, tera::Value::safe_string(&html)))
}

/// Every stack's profile as the print page shows it.
fn stacks<'a>(site: &'a Site, session: &Session, targets: &Targets) -> Vec<PrintStack<'a>> {
    (0..site.stacks.len())
        .into_par_iter()
        .map(|i| {
            let (i, s) = (StackId(i), &site.stacks[i]);
            let anchor = anchor_of(&stack_address(&s.id));
            let at = Placement { prefix: &anchor, demote: 2, title: &s.name };
            let long = s.long_form.as_ref().map(|r| rewrite::rewrite(&r.html, &at, targets, &site.base));
            let mut stack = stack_page(site, i, long, session.highlighter());
            stack.profile = profile(site, i, &anchor);
            PrintStack { anchor, stack }
        })
        .collect()
}

fn profile(site: &Site, i: StackId, anchor: &str) -> String {
    super::profile::svg(site, &[i], &inner(anchor, "ratings-table"), &inner(anchor, ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_addresses_as_xml_names() {
        assert_eq!(anchor_of("guide/basics/"), "p.guide.basics");
        assert_eq!(anchor_of(""), "p");
        assert_eq!(anchor_of("stacks/go-gin/"), "p.stacks.go-gin");
        assert_eq!(inner("p.stacks.go-gin", "ratings"), "p.stacks.go-gin_ratings");
    }
}
