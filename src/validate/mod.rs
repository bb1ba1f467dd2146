//! The validate stage: `RawSite` -> `Site`. Resolves addresses and the page tree, renders each
//! Markdown body once, and checks every cross-reference and link. All checks run even after a
//! failure, so every problem is reported together; `None` comes back if any was an error.

mod data;
pub use data::PLACEHOLDER;
mod embeds;
mod graph;
pub mod links;

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::{BaseUrl, BuildOptions};
use crate::data::RawData;
use crate::diagnostics::{Diagnostic, Diagnostics, Span, did_you_mean};
use crate::load::{RawPage, RawSite, yaml};
use crate::markdown::{self, Rendered, slugify};
use crate::model::{Page, PageKind, Site, stack_address};
use crate::routes::{self, Inputs, Route, Routes};
use crate::source::{SourceMap, span_at};
use links::{Resolver, Target};

/// The ids on the search page.
pub const SEARCH_ANCHORS: &[&str] = &["search-results", "a-z"];
/// The ids of the sections of a stack page, which links may point at.
pub const STACK_ANCHORS: &[&str] = &[
    "ratings",
    "fit",
    "pros-and-cons",
    "users",
    "example",
    "links",
    "about",
    "paths",
    "chapters",
    "comparisons",
];
/// The ids on the page of all stacks.
pub const STACK_INDEX_ANCHORS: &[&str] = &["stacks", "matrix", "fit-matrix"];
/// The ids on a comparison page.
pub const COMPARE_ANCHORS: &[&str] = &["criteria", "fit"];
/// The ids on a flowchart page.
pub const DECISION_ANCHORS: &[&str] = &["chart", "questions", "wizard"];

/// What claims a file of the output: `pages` (those to build), the data files, the files of
/// content/ copied as they are (`RawSite::assets`), and the theme's static files.
pub fn route_inputs<'a>(
    data: &'a RawData,
    assets: &[(PathBuf, PathBuf)],
    pages: impl Iterator<Item = &'a RawPage>,
    theme_files: Vec<(String, PathBuf)>,
) -> Inputs<'a> {
    let mut decisions: Vec<(&str, &Path)> =
        data.decisions.iter().map(|(id, l)| (id.as_str(), l.file.as_path())).collect();
    decisions.sort_unstable();
    Inputs {
        pages: pages.map(|p| (p.file.as_path(), address_of(&p.rel))).collect(),
        stacks: data.stacks.iter().map(|(id, l)| (id.as_str(), l.file.as_path())).collect(),
        decisions,
        assets: assets.iter().map(|(rel, _)| (output_path(rel), Path::new("content").join(rel))).collect(),
        theme_files,
    }
}

/// `guide/pic.png` under content/ -> its path in the output.
fn output_path(rel: &Path) -> String {
    rel.to_string_lossy().replace('\\', "/")
}

/// The ids links may point at on the file `route` makes; `None` for a file without anchors.
/// Markdown pages get theirs once rendered.
fn route_anchors(route: Route) -> Option<HashSet<String>> {
    let ids = match route {
        Route::StackIndex => STACK_INDEX_ANCHORS,
        Route::Stack(_) => STACK_ANCHORS,
        Route::Compare(..) => COMPARE_ANCHORS,
        Route::Decision(_) => DECISION_ANCHORS,
        Route::Search => SEARCH_ANCHORS,
        Route::Page(_) => &[],
        _ => return None,
    };
    Some(ids.iter().map(|s| s.to_string()).collect())
}

/// Turn the raw parse into the validated site, reporting every problem into `d`.
/// `theme_files` are the theme's static files: (path in the output, where each comes from).
pub fn validate(
    raw: RawSite,
    sources: &SourceMap,
    opts: &BuildOptions,
    theme_files: Vec<(String, PathBuf)>,
    d: &mut Diagnostics,
) -> Option<Site> {
    let config = raw.config?;
    let site_yaml = Path::new("content/site.yaml");
    let site_text = sources.get(site_yaml).unwrap_or_default();
    let base = match &opts.base_url {
        Some(url) => BaseUrl::parse(url).or_else(|| {
            d.push(
                Diagnostic::error("--base-url", format!("`{url}` is not an http(s) URL"))
                    .with_help("pass e.g. --base-url https://example.org/guide/"),
            );
            None
        }),
        None => BaseUrl::parse(&config.base_url).or_else(|| {
            d.push(
                Diagnostic::error(site_yaml, format!("`{}` is not an http(s) URL", config.base_url))
                    .at(yaml::locate(site_text, 0..site_text.len(), &[yaml::Seg::Key("base_url")]))
                    .with_help("write the address the site is published at, e.g. https://example.org/guide/"),
            );
            None
        }),
    };

    for (i, link) in config.nav.iter().enumerate() {
        if !link.url.starts_with('/') && !data::is_web_url(&link.url) {
            d.push(
                Diagnostic::error(
                    site_yaml,
                    format!("`{}` is neither a site address nor a web address", link.url),
                )
                .at(yaml::locate(
                    site_text,
                    0..site_text.len(),
                    &[yaml::Seg::Key("nav"), yaml::Seg::Index(i), yaml::Seg::Key("url")],
                ))
                .with_help("write an address of this site such as `/guide/`, or an https:// address"),
            );
        }
    }
    for key in ["repo_url", "edit_url"] {
        let value = if key == "repo_url" { &config.repo_url } else { &config.edit_url };
        if let Some(url) = value.as_ref().filter(|u| !data::is_web_url(u)) {
            d.push(
                Diagnostic::error(site_yaml, format!("`{url}` is not a web address"))
                    .at(yaml::locate(site_text, 0..site_text.len(), &[yaml::Seg::Key(key)]))
                    .with_help("write an https:// address"),
            );
        }
    }
    let drafts = |p: &&RawPage| opts.drafts || !p.front.draft;
    let routes =
        Routes::build(&route_inputs(&raw.data, &raw.assets, raw.pages.iter().filter(drafts), theme_files), d);
    let raw_pages: Vec<RawPage> = raw.pages.into_iter().filter(|p| drafts(&p)).collect();
    let assets: Vec<(String, PathBuf)> =
        raw.assets.into_iter().map(|(rel, disk)| (output_path(&rel), disk)).collect();
    let stack_ids: Vec<&str> = raw.data.stacks.iter().map(|(id, _)| id.as_str()).collect();
    let mut decision_ids: Vec<&str> = raw.data.decisions.iter().map(|(id, _)| id.as_str()).collect();
    decision_ids.sort_unstable();
    let mut resolver = Resolver::default();
    for p in &raw_pages {
        resolver.by_file.insert(p.rel.clone(), address_of(&p.rel));
    }
    for (path, claim) in routes.iter() {
        resolver.anchors.insert(routes::address_of(path).to_string(), route_anchors(claim.route));
    }

    // Markdown is rendered once, here; links are rewritten to addresses as it goes.
    let link_base = base.clone().unwrap_or_else(|| BaseUrl { absolute: "/".into(), path: "/".into() });
    // Links are rewritten by address, so a rendering stays valid while the set of addresses
    // and the base path stay the same: that is what the memo's key holds besides the text.
    let addresses_key = {
        let mut all: Vec<&String> = resolver.anchors.keys().collect();
        all.sort_unstable();
        crate::memo::key((&resolver.by_file, all, &link_base.path))
    };
    let render_md = |file: &Path, body: &str| {
        let from = file.strip_prefix("content").unwrap_or(file);
        crate::memo::rendered_or(crate::memo::key((file, body, addresses_key)), || {
            markdown::render(body, &|dest| resolver.href(&link_base, from, dest))
        })
    };
    let data = data::resolve(&raw.data, sources, d, &render_md);
    let mut decisions = Vec::new();
    let mut raw_decisions: Vec<_> = raw.data.decisions.iter().collect();
    raw_decisions.sort_by(|a, b| a.0.cmp(&b.0));
    for (id, located) in raw_decisions {
        if let Some(dec) = graph::resolve(id, located, &stack_ids, sources, d, &render_md) {
            decisions.push(dec);
        }
    }
    let bodies: Vec<Rendered> = raw_pages
        .par_iter()
        .map(|p| {
            let text = sources.get(&p.file).unwrap_or_default();
            render_md(&p.file, &text[p.body.min(text.len())..])
        })
        .collect();
    for (p, body) in raw_pages.iter().zip(&bodies) {
        resolver.anchors.insert(address_of(&p.rel), Some(body.anchors.clone()));
    }
    for s in &data.stacks {
        if let (Some(long), Some(Some(set))) = (&s.long_form, resolver.anchors.get_mut(&stack_address(&s.id)))
        {
            set.extend(long.anchors.iter().cloned());
        }
    }

    // Every link, in pages, stack texts and flowchart notes.
    for (p, body) in raw_pages.iter().zip(&bodies) {
        let text = sources.get(&p.file).unwrap_or_default();
        check_links(&p.file, body, &resolver, d, &|offset, len| Some(span_at(text, p.body + offset, len)));
        check_front_matter(p, text, d);
        warn_unknown_languages(&p.file, body, d, &|offset, len| Some(span_at(text, p.body + offset, len)));
    }
    for (id, file, offset) in &raw.data.stack_texts {
        if let Some(long) = data.stacks.iter().find(|s| &s.id == id).and_then(|s| s.long_form.as_ref()) {
            let text = sources.get(file).unwrap_or_default();
            check_links(file, long, &resolver, d, &|o, len| Some(span_at(text, offset + o, len)));
        }
    }
    for dec in &decisions {
        for node in &dec.nodes {
            if let crate::model::NodeKind::Result { note, .. } = &node.kind {
                let at = data::at(
                    sources,
                    &dec.file,
                    &[yaml::Seg::Key("nodes"), yaml::Seg::Key(&node.id), yaml::Seg::Key("note")],
                );
                check_links(&dec.file, note, &resolver, d, &|_, _| at);
            }
        }
    }

    let ids = embeds::Ids {
        stacks: stack_ids.clone(),
        criteria: data.criteria.iter().map(|c| c.id.as_str()).collect(),
        decisions: decision_ids.clone(),
        check_criteria: data.yardsticks_ok,
    };
    let mut page_embeds = Vec::new();
    let mut page_stacks = Vec::new();
    for (p, body) in raw_pages.iter().zip(&bodies) {
        let text = sources.get(&p.file).unwrap_or_default();
        page_embeds.push(embeds::resolve(&p.file, text, p.body, &body.directives, &ids, d));
        page_stacks.push(embeds::front_matter_stacks(
            &p.file,
            text,
            p.yaml.clone(),
            &p.front.stacks,
            &ids,
            d,
        ));
    }
    let main_decision = config.main_decision.as_ref().and_then(|id| {
        let found = decisions.iter().position(|x| &x.id == id);
        if found.is_none() && !decision_ids.contains(&id.as_str()) {
            d.push(
                Diagnostic::error(
                    site_yaml,
                    format!("`main_decision` names `{id}`, which is not a flowchart"),
                )
                .at(yaml::locate(site_text, 0..site_text.len(), &[yaml::Seg::Key("main_decision")]))
                .with_help_opt(
                    did_you_mean(id, decision_ids.iter().copied())
                        .or_else(|| Some("flowchart ids are the file names in content/decisions/".into())),
                ),
            );
        }
        found
    });

    let fingerprint = fingerprint(sources, &raw_pages, &bodies, (&base, opts.drafts));
    let source_hashes: Vec<u64> =
        raw_pages.iter().map(|p| crate::memo::key(sources.get(&p.file).unwrap_or_default())).collect();
    let mut pages = build_tree(raw_pages, bodies);
    check_nesting(&pages, d);
    for (page, hash) in pages.iter_mut().zip(source_hashes) {
        page.source_hash = hash;
    }
    for ((page, embeds), stacks) in pages.iter_mut().zip(page_embeds).zip(page_stacks) {
        // A block that did not resolve was reported as an error, so no site is returned.
        page.embeds = embeds.into_iter().flatten().collect();
        page.stacks = stacks;
    }
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
        routes,
        assets,
        criteria: data.criteria,
        project_types: data.project_types,
        stacks: data.stacks,
        decisions,
        main_decision,
        fingerprint,
    };
    sort_children(&mut site);
    link_reading_order(&mut site);
    if d.has_errors() { None } else { Some(site) }
}

/// A hash of every input except the Markdown bodies of pages: data, settings, theme, and of
/// each page what other pages show of it (front matter, links to stacks, directive blocks).
fn fingerprint(sources: &SourceMap, pages: &[RawPage], bodies: &[Rendered], options: impl Hash) -> u64 {
    let page_files: HashSet<&Path> = pages.iter().map(|p| p.file.as_path()).collect();
    let mut h = DefaultHasher::new();
    for (file, text) in sources.iter().filter(|(f, _)| !page_files.contains(f)) {
        (file, text).hash(&mut h);
    }
    for (p, body) in pages.iter().zip(bodies) {
        let text = sources.get(&p.file).unwrap_or_default();
        (&p.file, text.get(p.yaml.clone())).hash(&mut h);
        body.links.iter().for_each(|l| l.dest.hash(&mut h));
        body.directives.iter().for_each(|d| d.body.hash(&mut h));
    }
    options.hash(&mut h);
    h.finish()
}

/// `guide/intro.md` -> `guide/intro/`, `guide/_index.md` -> `guide/`, `_index.md` -> ``.
pub fn address_of(rel: &Path) -> String {
    let parent: Vec<String> = rel
        .parent()
        .into_iter()
        .flat_map(|p| p.components())
        .map(|c| slugify(&c.as_os_str().to_string_lossy()))
        .collect();
    let stem = rel.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
    let mut parts = parent;
    if stem != "_index" {
        parts.push(slugify(&stem));
    }
    parts.into_iter().filter(|p| !p.is_empty()).map(|p| p + "/").collect()
}

fn check_links(
    file: &Path,
    body: &Rendered,
    resolver: &Resolver,
    d: &mut Diagnostics,
    span: &dyn Fn(usize, usize) -> Option<Span>,
) {
    let from = file.strip_prefix("content").unwrap_or(file);
    for link in &body.links {
        let result = resolver.resolve(from, &link.dest).and_then(|t| match t {
            Target::External => Ok(()),
            t => resolver.check(&t),
        });
        if let Err(e) = result {
            d.push(Diagnostic::error(file, e.message).at(span(link.offset, link.len)).with_help_opt(e.help));
        }
    }
}

fn warn_unknown_languages(
    file: &Path,
    body: &Rendered,
    d: &mut Diagnostics,
    span: &dyn Fn(usize, usize) -> Option<Span>,
) {
    for u in &body.unknown_languages {
        d.push(
            Diagnostic::warning(file, format!("no syntax highlighting for language `{}`", u.lang))
                .at(span(u.offset, 3 + u.lang.len()))
                .with_help("the block is shown without colours; use a common name such as `python`, `ts` or `bash`, or `text`"),
        );
    }
}

fn check_front_matter(p: &RawPage, text: &str, d: &mut Diagnostics) {
    if let Some(updated) = p.front.updated.as_ref().filter(|u| crate::date::parse(u).is_none()) {
        d.push(
            Diagnostic::error(&p.file, format!("`updated: {updated}` is not a date"))
                .at(yaml::locate(text, p.yaml.clone(), &[yaml::Seg::Key("updated")]))
                .with_help("write the date as YYYY-MM-DD, e.g. 2026-11-01"),
        );
    }
    if p.front.title.trim().is_empty() {
        d.push(Diagnostic::error(&p.file, "`title` is empty").at(yaml::locate(
            text,
            p.yaml.clone(),
            &[yaml::Seg::Key("title")],
        )));
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
            let mut up = if is_index { dir.parent().map(Path::to_path_buf) } else { Some(dir) };
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
                stacks: Vec::new(),
                embeds: Vec::new(),
                body,
                parent,
                children: Vec::new(),
                prev: None,
                next: None,
                source_hash: 0,
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

/// The most levels of sections and chapters the sidebar nests.
const MAX_NESTING: usize = 12;

/// A page nested deeper than [`MAX_NESTING`] is an error at the first page too deep.
fn check_nesting(pages: &[Page], d: &mut Diagnostics) {
    for p in pages {
        let mut level = 1;
        let mut up = p.parent;
        while let Some(i) = up.filter(|_| level <= MAX_NESTING + 1) {
            level += 1;
            up = pages[i].parent;
        }
        if level == MAX_NESTING + 1 {
            d.push(
                Diagnostic::error(
                    &p.file,
                    format!(
                        "this page is nested {level} sections deep; at most {MAX_NESTING} levels are allowed"
                    ),
                )
                .with_help("readers find their way in a few levels; move the folder up"),
            );
        }
    }
}

fn sort_children(site: &mut Site) {
    let key =
        |pages: &[Page], i: usize| (pages[i].weight, pages[i].title.to_lowercase(), pages[i].address.clone());
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
        assert_eq!(address_of(Path::new("guide/data/SQL vs NoSQL.md")), "guide/data/sql-vs-nosql/");
    }
}
