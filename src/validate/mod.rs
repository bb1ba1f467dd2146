//! The validate stage: `RawSite` -> `Site`. Resolves addresses and the page tree, renders each
//! Markdown body once, and checks every cross-reference and link. All checks run even after a
//! failure, so every problem is reported together; `None` comes back if any was an error.

pub mod links;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::{BaseUrl, BuildOptions};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{RawPage, RawSite, yaml};
use crate::markdown::{self, Rendered, slugify};
use crate::model::{Page, PageKind, Site};
use crate::source::{SourceMap, span_at};
use links::{Resolver, Target};

/// Addresses the build writes besides the pages: links to them are valid.
pub const FIXED_ADDRESSES: &[&str] = &["404.html", "sitemap.xml", "robots.txt"];

/// Turn the raw parse into the validated site, reporting every problem into `d`.
pub fn validate(
    raw: RawSite,
    sources: &SourceMap,
    opts: &BuildOptions,
    d: &mut Diagnostics,
) -> Option<Site> {
    let config = raw.config?;
    let site_yaml = Path::new("content/site.yaml");
    let base = match &opts.base_url {
        Some(url) => BaseUrl::parse(url).or_else(|| {
            d.push(
                Diagnostic::error("--base-url", format!("`{url}` is not an http(s) URL"))
                    .with_help("pass e.g. --base-url https://example.org/guide/"),
            );
            None
        }),
        None => BaseUrl::parse(&config.base_url).or_else(|| {
            let text = sources.get(site_yaml).unwrap_or_default();
            d.push(
                Diagnostic::error(
                    site_yaml,
                    format!("`{}` is not an http(s) URL", config.base_url),
                )
                .at(yaml::locate(
                    text,
                    0..text.len(),
                    &[yaml::Seg::Key("base_url")],
                ))
                .with_help(
                    "write the address the site is published at, e.g. https://example.org/guide/",
                ),
            );
            None
        }),
    };

    let raw_pages: Vec<RawPage> = raw
        .pages
        .into_iter()
        .filter(|p| opts.drafts || !p.front.draft)
        .collect();
    let mut resolver = Resolver::default();
    let mut addresses: BTreeMap<String, PathBuf> = BTreeMap::new();
    for p in &raw_pages {
        let address = address_of(&p.rel);
        if let Some(other) = addresses.insert(address.clone(), p.file.clone()) {
            d.push(
                Diagnostic::error(
                    &p.file,
                    format!(
                        "`{}` and this file would both be written to `/{address}`",
                        other.display()
                    ),
                )
                .with_help("rename one of them"),
            );
        }
        resolver.by_file.insert(p.rel.clone(), address);
    }
    for (rel, _) in &raw.assets {
        resolver
            .anchors
            .insert(rel.to_string_lossy().replace('\\', "/"), None);
    }
    for a in FIXED_ADDRESSES {
        resolver.anchors.insert((*a).to_string(), None);
    }

    // Render every body once, in parallel: links are rewritten to addresses as they go.
    let base_for_links = base.clone().unwrap_or_else(|| BaseUrl {
        absolute: "/".into(),
        path: "/".into(),
    });
    let bodies: Vec<Rendered> = raw_pages
        .par_iter()
        .map(|p| {
            let text = sources.get(&p.file).unwrap_or_default();
            markdown::render(&text[p.body.min(text.len())..], &|dest| {
                resolver.href(&base_for_links, &p.rel, dest)
            })
        })
        .collect();
    for (p, body) in raw_pages.iter().zip(&bodies) {
        resolver
            .anchors
            .insert(address_of(&p.rel), Some(body.anchors.clone()));
    }

    for (p, body) in raw_pages.iter().zip(&bodies) {
        let text = sources.get(&p.file).unwrap_or_default();
        check_links(p, body, text, &resolver, d);
        check_front_matter(p, text, d);
        for u in &body.unknown_languages {
            d.push(
                Diagnostic::warning(
                    &p.file,
                    format!("no syntax highlighting for language `{}`", u.lang),
                )
                .at(Some(span_at(text, p.body + u.offset, 3 + u.lang.len())))
                .with_help_opt(crate::diagnostics::did_you_mean(
                    &u.lang,
                    [
                        "go",
                        "rust",
                        "python",
                        "js",
                        "ts",
                        "java",
                        "cs",
                        "php",
                        "ruby",
                        "elixir",
                        "kotlin",
                        "yaml",
                        "bash",
                        "sql",
                        "json",
                        "toml",
                        "dockerfile",
                        "text",
                    ],
                )),
            );
        }
    }

    let pages = build_tree(raw_pages, bodies);
    let roots = pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.parent.is_none() && p.kind != PageKind::Home)
        .map(|(i, _)| i)
        .collect();
    let mut site = Site {
        config,
        base: base?,
        pages,
        roots,
        assets: raw
            .assets
            .into_iter()
            .map(|(rel, disk)| (rel.to_string_lossy().replace('\\', "/"), disk))
            .collect(),
    };
    sort_children(&mut site);
    link_reading_order(&mut site);
    if d.has_errors() { None } else { Some(site) }
}

/// `guide/intro.md` -> `guide/intro/`, `guide/_index.md` -> `guide/`, `_index.md` -> ``.
pub fn address_of(rel: &Path) -> String {
    let parent: Vec<String> = rel
        .parent()
        .into_iter()
        .flat_map(|p| p.components())
        .map(|c| slugify(&c.as_os_str().to_string_lossy()))
        .collect();
    let stem = rel
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let mut parts = parent;
    if stem != "_index" {
        parts.push(slugify(&stem));
    }
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(|p| p + "/")
        .collect()
}

fn check_links(p: &RawPage, body: &Rendered, text: &str, resolver: &Resolver, d: &mut Diagnostics) {
    for link in &body.links {
        let at = Some(span_at(text, p.body + link.offset, link.len));
        let result = resolver.resolve(&p.rel, &link.dest).and_then(|t| match t {
            Target::External => Ok(()),
            t => resolver.check(&t),
        });
        if let Err(e) = result {
            d.push(
                Diagnostic::error(&p.file, e.message)
                    .at(at)
                    .with_help_opt(e.help),
            );
        }
    }
}

fn check_front_matter(p: &RawPage, text: &str, d: &mut Diagnostics) {
    if let Some(updated) = &p.front.updated {
        let ok = updated.len() == 10
            && updated.char_indices().all(|(i, c)| {
                if i == 4 || i == 7 {
                    c == '-'
                } else {
                    c.is_ascii_digit()
                }
            });
        if !ok {
            d.push(
                Diagnostic::error(&p.file, format!("`updated: {updated}` is not a date"))
                    .at(yaml::locate(
                        text,
                        p.yaml.clone(),
                        &[yaml::Seg::Key("updated")],
                    ))
                    .with_help("write the date as YYYY-MM-DD, e.g. 2026-11-01"),
            );
        }
    }
    if p.front.title.trim().is_empty() {
        d.push(
            Diagnostic::error(&p.file, "`title` is empty").at(yaml::locate(
                text,
                p.yaml.clone(),
                &[yaml::Seg::Key("title")],
            )),
        );
    }
}

/// Pages with their parents: a page belongs to the nearest folder above it that has an `_index.md`.
fn build_tree(raw: Vec<RawPage>, bodies: Vec<Rendered>) -> Vec<Page> {
    let index_of: HashMap<PathBuf, usize> = raw
        .iter()
        .enumerate()
        .filter(|(_, p)| p.rel.file_name().is_some_and(|n| n == "_index.md"))
        .map(|(i, p)| (p.rel.parent().unwrap_or(Path::new("")).to_path_buf(), i))
        .collect();
    let mut pages: Vec<Page> = raw
        .into_iter()
        .zip(bodies)
        .map(|(p, body)| {
            let is_index = p.rel.file_name().is_some_and(|n| n == "_index.md");
            let dir = p.rel.parent().unwrap_or(Path::new("")).to_path_buf();
            let kind = match (is_index, dir.as_os_str().is_empty()) {
                (true, true) => PageKind::Home,
                (true, false) => PageKind::Section,
                (false, _) => PageKind::Chapter,
            };
            let mut up = if is_index {
                dir.parent().map(Path::to_path_buf)
            } else {
                Some(dir)
            };
            let mut parent = None;
            while let Some(folder) = up {
                if let Some(&i) = index_of.get(&folder) {
                    parent = Some(i);
                    break;
                }
                up = folder.parent().map(Path::to_path_buf);
            }
            Page {
                address: address_of(&p.rel),
                file: p.file,
                rel: p.rel,
                kind,
                title: p.front.title,
                description: p.front.description,
                weight: p.front.weight,
                draft: p.front.draft,
                updated: p.front.updated,
                stacks: p.front.stacks,
                body,
                parent,
                children: Vec::new(),
                prev: None,
                next: None,
            }
        })
        .collect();
    // Children of the home page are the top level, not the home page's children.
    let home = pages.iter().position(|p| p.kind == PageKind::Home);
    for p in &mut pages {
        if p.parent == home {
            p.parent = None;
        }
    }
    for i in 0..pages.len() {
        if let Some(parent) = pages[i].parent {
            pages[parent].children.push(i);
        }
    }
    pages
}

fn sort_children(site: &mut Site) {
    let key = |pages: &[Page], i: usize| {
        (
            pages[i].weight,
            pages[i].title.to_lowercase(),
            pages[i].address.clone(),
        )
    };
    let pages = site.pages.clone();
    site.roots.sort_by_key(|&i| key(&pages, i));
    for p in &mut site.pages {
        p.children.sort_by_key(|&i| key(&pages, i));
    }
}

/// Previous/next follow the sidebar: a section, then its pages and subsections, depth first.
fn link_reading_order(site: &mut Site) {
    fn visit(site: &Site, i: usize, out: &mut Vec<usize>, seen: &mut HashSet<usize>) {
        if seen.insert(i) {
            out.push(i);
            for &c in &site.pages[i].children {
                visit(site, c, out, seen);
            }
        }
    }
    let mut order = Vec::new();
    let mut seen = HashSet::new();
    for &r in &site.roots {
        visit(site, r, &mut order, &mut seen);
    }
    for w in order.windows(2) {
        site.pages[w[0]].next = Some(w[1]);
        site.pages[w[1]].prev = Some(w[0]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_mirror_paths() {
        assert_eq!(address_of(Path::new("_index.md")), "");
        assert_eq!(address_of(Path::new("guide/_index.md")), "guide/");
        assert_eq!(
            address_of(Path::new("guide/data/SQL vs NoSQL.md")),
            "guide/data/sql-vs-nosql/"
        );
    }
}
