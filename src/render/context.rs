//! The values templates see: borrowed view structs made only for templates, one per page kind.

use std::borrow::Cow;

use serde::Serialize;

use crate::config::NavLink;
use crate::markdown::TocEntry;
use crate::model::{Page, PageId, PageKind, Site};
use crate::routes::Route;

/// `site` in every template.
#[derive(Debug, Serialize)]
pub(crate) struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub language: &'a str,
    pub author: Option<&'a str>,
    pub repo_url: Option<&'a str>,
    /// Prefix of every link, e.g. `/guide/`.
    pub base: &'a str,
    /// The absolute address of the home page.
    pub base_url: &'a str,
    pub nav: Vec<NavLink>,
    /// The link to the print page, when the site has one.
    pub print: Option<String>,
    /// The links to the data behind the matrix, when the site has stacks: (JSON, CSV).
    pub data: Option<(String, String)>,
    /// When the guide was last reviewed (shown on the home page and the page of all stacks).
    pub last_review: Option<super::evidence::LastReview>,
}

impl<'a> SiteView<'a> {
    pub(crate) fn new(site: &'a Site) -> Self {
        let c = &site.config;
        SiteView {
            title: &c.title,
            description: &c.description,
            language: &c.language,
            author: c.author.as_deref(),
            repo_url: c.repo_url.as_deref(),
            base: &site.base.path,
            base_url: &site.base.absolute,
            nav: c
                .nav
                .iter()
                .map(|l| NavLink {
                    title: l.title.clone(),
                    url: if l.url.starts_with('/') { site.base.link(&l.url) } else { l.url.clone() },
                })
                .collect(),
            print: site.routes.address(Route::Print).map(|a| site.base.link(a)),
            data: site
                .routes
                .address(Route::DataJson)
                .zip(site.routes.address(Route::DataCsv))
                .map(|(json, csv)| (site.base.link(json), site.base.link(csv))),
            last_review: super::evidence::last_review(site),
        }
    }
}

/// A link to a page.
#[derive(Debug, Serialize, Clone)]
pub(crate) struct PageLink<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub url: String,
}

impl<'a> PageLink<'a> {
    pub(crate) fn new(site: &'a Site, page: &'a Page) -> Self {
        PageLink { title: &page.title, description: &page.description, url: site.base.link(&page.address) }
    }
}

/// An entry of the sidebar, with its children.
#[derive(Debug, Serialize)]
pub(crate) struct NavItem<'a> {
    pub title: Cow<'a, str>,
    pub url: String,
    pub section: bool,
    /// A link to a section's own page standing for the children the sidebar leaves out.
    pub more: bool,
    pub children: Vec<NavItem<'a>>,
}

/// Up to this many pages the sidebar lists every page on every page; beyond it each page shows
/// the sections and only the branch it is in, so page size and build time grow linearly.
pub(crate) const FULL_SIDEBAR_MAX_PAGES: usize = 150;

/// On large sites, an open section lists its subsections and, of its chapters, those within
/// this many of the page the reader is on, then a link to the section's page, which lists them
/// all.
pub(crate) const NEIGHBOURS: usize = 5;

/// Whether every page gets the whole tree (and can share one copy of it).
pub(crate) fn full_sidebar(site: &Site) -> bool {
    site.pages.len() <= FULL_SIDEBAR_MAX_PAGES
}

/// The sidebar tree: sections and chapters in weight order. With `open` given, only the
/// sections on the way to that page are expanded; with `None` on a large site, none are. On a
/// large site an open section shows the chapters next to the reader's and a link to the rest.
pub(crate) fn sidebar(site: &Site, open: Option<PageId>) -> Vec<NavItem<'_>> {
    let full = full_sidebar(site);
    let mut on_path = vec![false; site.pages.len()];
    let mut up = open;
    while let Some(i) = up {
        on_path[i.0] = true;
        up = site.page(i).parent;
    }
    let tree = Tree { site, full, on_path };
    site.roots.iter().map(|&i| tree.item(i)).collect()
}

/// The sidebar being built: which pages are on the way to the reader's.
struct Tree<'a> {
    site: &'a Site,
    full: bool,
    on_path: Vec<bool>,
}

impl<'a> Tree<'a> {
    fn item(&self, i: PageId) -> NavItem<'a> {
        let p = self.site.page(i);
        let children = if self.full {
            p.children.iter().map(|&c| self.item(c)).collect()
        } else if self.on_path[i.0] {
            self.window(i, &p.children)
        } else {
            Vec::new()
        };
        NavItem {
            title: Cow::Borrowed(&p.title),
            url: self.site.base.link(&p.address),
            section: p.kind == PageKind::Section,
            more: false,
            children,
        }
    }

    /// The children of the open section `parent` around the one on the reader's path (the
    /// first ones when the reader is on the section itself), and a link for the rest.
    fn window(&self, parent: PageId, children: &[PageId]) -> Vec<NavItem<'a>> {
        // Subsections are always listed: only chapters can be many.
        let is_chapter = |c: &PageId| self.site.page(*c).kind == PageKind::Chapter;
        let chapters: Vec<PageId> = children.iter().copied().filter(is_chapter).collect();
        let here = chapters.iter().position(|c| self.on_path[c.0]).unwrap_or(0);
        let start = here.saturating_sub(NEIGHBOURS).min(chapters.len().saturating_sub(2 * NEIGHBOURS + 1));
        let end = (start + 2 * NEIGHBOURS + 1).min(chapters.len());
        let shown = &chapters[start..end];
        let mut items: Vec<NavItem<'a>> =
            children.iter().filter(|c| !is_chapter(c) || shown.contains(c)).map(|&c| self.item(c)).collect();
        if shown.len() < chapters.len() {
            let section = self.site.page(parent);
            items.push(NavItem {
                title: Cow::Owned(format!("All {} pages of {}", children.len(), section.title)),
                url: self.site.base.link(&section.address),
                section: false,
                more: true,
                children: Vec::new(),
            });
        }
        items
    }
}

/// `page` in the templates of Markdown pages.
#[derive(Debug, Serialize)]
pub(crate) struct PageView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub kind: PageKind,
    pub url: String,
    pub permalink: String,
    pub content: String,
    pub toc: &'a [TocEntry],
    pub updated: Option<&'a str>,
    pub draft: bool,
    pub edit_url: Option<String>,
    pub breadcrumbs: Vec<PageLink<'a>>,
    pub children: Vec<PageLink<'a>>,
    pub prev: Option<PageLink<'a>>,
    pub next: Option<PageLink<'a>>,
    /// The page's anchor on the print page.
    pub print_anchor: String,
}

impl<'a> PageView<'a> {
    pub(crate) fn new(site: &'a Site, page: &'a Page, toc: &'a [TocEntry], content: String) -> Self {
        let link = |i: PageId| PageLink::new(site, site.page(i));
        let mut breadcrumbs = Vec::new();
        let mut up = page.parent;
        while let Some(i) = up {
            breadcrumbs.insert(0, link(i));
            up = site.page(i).parent;
        }
        let edit_url = site
            .config
            .edit_url
            .as_ref()
            .map(|e| format!("{}{}", e, page.file.to_string_lossy().replace('\\', "/")));
        PageView {
            title: &page.title,
            description: &page.description,
            kind: page.kind,
            url: site.base.link(&page.address),
            permalink: site.base.absolute(&page.address),
            content,
            toc,
            updated: page.updated.as_deref(),
            draft: page.draft,
            edit_url,
            breadcrumbs,
            children: page.children.iter().map(|&i| link(i)).collect(),
            prev: page.prev.map(link),
            next: page.next.map(link),
            print_anchor: super::print::anchor_of(&page.address),
        }
    }
}

/// `page` in templates of generated pages (404 and, later, stacks and flowcharts).
#[derive(Debug, Serialize)]
pub(crate) struct SimplePage<'a> {
    pub title: Cow<'a, str>,
    pub description: Cow<'a, str>,
    pub url: String,
    pub permalink: String,
}
