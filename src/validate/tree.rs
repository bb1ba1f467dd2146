//! The page tree, worked out from the raw pages before any page is built: each page's kind and
//! section, the children of each section in weight order, the top level, and the reading order
//! (previous/next) that follows the sidebar. A page belongs to the nearest folder above it that
//! has an `_index.md`.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::address_of;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::RawPage;
use crate::model::PageKind;

/// The most levels of sections and chapters the sidebar nests.
const MAX_NESTING: usize = 12;

/// Where each page (by its index among the raw pages) sits.
#[derive(Debug, Default)]
pub(super) struct Tree {
    pub(super) kind: Vec<PageKind>,
    pub(super) parent: Vec<Option<usize>>,
    pub(super) children: Vec<Vec<usize>>,
    /// Top-level sections and chapters, in weight order.
    pub(super) roots: Vec<usize>,
    pub(super) prev: Vec<Option<usize>>,
    pub(super) next: Vec<Option<usize>>,
}

impl Tree {
    pub(super) fn of(pages: &[RawPage]) -> Tree {
        let kind: Vec<PageKind> = pages.iter().map(kind_of).collect();
        let parent = parents(pages, &kind);
        let keys: Vec<(i64, String, String)> = pages.iter().map(sort_key).collect();
        let order = |a: &usize, b: &usize| keys[*a].cmp(&keys[*b]);
        let mut children = vec![Vec::new(); pages.len()];
        for (i, p) in parent.iter().enumerate() {
            if let Some(p) = p {
                children[*p].push(i);
            }
        }
        children.iter_mut().for_each(|c| c.sort_by(order));
        let mut roots: Vec<usize> =
            (0..pages.len()).filter(|&i| parent[i].is_none() && kind[i] != PageKind::Home).collect();
        roots.sort_by(order);
        let mut tree = Tree { kind, parent, children, roots, ..Tree::default() };
        tree.link_reading_order();
        tree
    }

    /// Previous/next follow the sidebar: a section, then its pages and subsections, depth first.
    fn link_reading_order(&mut self) {
        fn visit(tree: &Tree, i: usize, out: &mut Vec<usize>, seen: &mut HashSet<usize>) {
            if seen.insert(i) {
                out.push(i);
                for &c in &tree.children[i] {
                    visit(tree, c, out, seen);
                }
            }
        }
        let (mut order, mut seen) = (Vec::new(), HashSet::new());
        for &r in &self.roots {
            visit(self, r, &mut order, &mut seen);
        }
        self.prev = vec![None; self.kind.len()];
        self.next = vec![None; self.kind.len()];
        for w in order.windows(2) {
            self.next[w[0]] = Some(w[1]);
            self.prev[w[1]] = Some(w[0]);
        }
    }

    /// A page nested deeper than [`MAX_NESTING`] is an error at the first page too deep.
    pub(super) fn check_nesting(&self, pages: &[RawPage], d: &mut Diagnostics) {
        for (i, p) in pages.iter().enumerate() {
            let mut level = 1;
            let mut up = self.parent[i];
            while let Some(j) = up.filter(|_| level <= MAX_NESTING + 1) {
                level += 1;
                up = self.parent[j];
            }
            if level == MAX_NESTING + 1 {
                d.push(
                    Diagnostic::error(
                        &p.file,
                        format!("this page is nested {level} sections deep; at most {MAX_NESTING} levels are allowed"),
                    )
                    .with_help("readers find their way in a few levels; move the folder up"),
                );
            }
        }
    }
}

fn is_index(p: &RawPage) -> bool {
    p.rel.file_name().is_some_and(|n| n == "_index.md")
}

fn folder(p: &RawPage) -> &Path {
    p.rel.parent().unwrap_or(Path::new(""))
}

fn kind_of(p: &RawPage) -> PageKind {
    match (is_index(p), folder(p).as_os_str().is_empty()) {
        (true, true) => PageKind::Home,
        (true, false) => PageKind::Section,
        (false, _) => PageKind::Chapter,
    }
}

/// Each page's section; the children of the home page are the top level, without a parent.
fn parents(pages: &[RawPage], kind: &[PageKind]) -> Vec<Option<usize>> {
    let index_of: HashMap<PathBuf, usize> = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| is_index(p))
        .map(|(i, p)| (folder(p).to_path_buf(), i))
        .collect();
    let home = kind.iter().position(|k| *k == PageKind::Home);
    pages
        .iter()
        .map(|p| {
            let mut up = if is_index(p) { folder(p).parent() } else { Some(folder(p)) };
            while let Some(f) = up {
                if let Some(&i) = index_of.get(f) {
                    return Some(i).filter(|i| Some(*i) != home);
                }
                up = f.parent();
            }
            None
        })
        .collect()
}

/// Sections and chapters are ordered by weight, then title, then address.
fn sort_key(p: &RawPage) -> (i64, String, String) {
    (p.front.weight, p.front.title.to_lowercase(), address_of(&p.rel))
}
