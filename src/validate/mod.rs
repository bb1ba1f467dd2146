//! The validate stage: `RawSite` -> `Site`. Resolves addresses and the page tree, outlines each
//! Markdown body (its HTML is made with its page: `crate::body`), and checks every
//! cross-reference and link. All checks run even after a
//! failure, so every problem is reported together; `None` comes back if any was an error.

mod data;
mod embeds;
mod evidence;
mod fit;
mod graph;
mod placeholders;
mod review;
mod site_config;
mod tree;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::body::{self, Bodies, BodySource, Prose};
use crate::config::{BaseUrl, BuildOptions};
use crate::diagnostics::{Diagnostic, Diagnostics, Span};
use crate::link::{Resolver, Target};
use crate::load::{RawData, RawPage, RawSite, yaml};
use crate::markdown::{Rendered, slugify};
use crate::model::{Decision, Embed, NodeKind, Page, PageId, Site, Stack, StackId, stack_address};
use crate::progress::Stage;
use crate::routes::{self, Inputs, Route, Routes};
use crate::session::Session;
use crate::source::{SourceMap, span_at};
use tree::Tree;

/// The ids on the search page.
pub(crate) const SEARCH_ANCHORS: &[&str] = &["search-results", "a-z"];
/// The ids of the sections of a stack page, which links may point at.
pub const STACK_ANCHORS: &[&str] = &[
    "ratings",
    "sources",
    "versions",
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
/// The ids on the page of all stacks (`fit-matrix` is where the fit matrix was, and now
/// links to its page).
pub const STACK_INDEX_ANCHORS: &[&str] = &["stacks", "matrix", "fit-matrix"];
/// The ids on the page of fit by project type.
pub const STACK_FIT_ANCHORS: &[&str] = &["project-types", "fit-matrix"];
/// The ids on a comparison page.
pub const COMPARE_ANCHORS: &[&str] = &["criteria", "sources", "fit"];
/// The ids on the methodology page.
pub(crate) const METHODOLOGY_ANCHORS: &[&str] = &["criteria", "sources", "reviews"];
/// The ids on the page of support windows.
pub(crate) const SUPPORT_ANCHORS: &[&str] = &["timeline", "versions"];
/// The ids on the page of changes.
pub(crate) const CHANGES_ANCHORS: &[&str] = &["changes"];
/// The ids on the page of rankings and on each project type's ranking.
pub(crate) const PRIORITIES_ANCHORS: &[&str] = &["weights", "ranking", "project-types"];
/// The ids on the page that compares any stacks.
pub(crate) const COMPARE_CHOOSER_ANCHORS: &[&str] = &["choose", "pairs"];
/// The ids on a flowchart page.
pub(crate) const DECISION_ANCHORS: &[&str] = &["chart", "questions", "wizard"];

/// What claims a file of the output: `pages` (those to build), the data files, the files of
/// content/ copied as they are (`RawSite::assets`), and the theme's static files.
pub(crate) fn route_inputs<'a>(
    data: &'a RawData,
    assets: &[(PathBuf, PathBuf)],
    pages: impl Iterator<Item = &'a RawPage>,
    theme_files: Vec<(String, PathBuf)>,
) -> Inputs<'a> {
    let mut decisions: Vec<(&str, &Path)> =
        data.decisions.iter().map(|(id, l)| (id.as_str(), l.file.as_path())).collect();
    decisions.sort_unstable();
    // A bad or repeated project type id is reported once, as such, not again as a clash.
    let mut project_types: Vec<&str> = Vec::new();
    for t in data.project_types.iter().flat_map(|t| &t.value) {
        if crate::data::slug_problem(&t.id).is_none() && !project_types.contains(&t.id.as_str()) {
            project_types.push(&t.id);
        }
    }
    Inputs {
        pages: pages.map(|p| (p.file.as_path(), address_of(&p.rel))).collect(),
        project_types,
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
        Route::StackFit => STACK_FIT_ANCHORS,
        Route::Stack(_) => STACK_ANCHORS,
        Route::Compare(..) => COMPARE_ANCHORS,
        Route::Decision(_) => DECISION_ANCHORS,
        Route::Search => SEARCH_ANCHORS,
        Route::Methodology => METHODOLOGY_ANCHORS,
        Route::Support => SUPPORT_ANCHORS,
        Route::Priorities | Route::PrioritiesFor(_) => PRIORITIES_ANCHORS,
        Route::CompareChooser => COMPARE_CHOOSER_ANCHORS,
        Route::Changes => CHANGES_ANCHORS,
        Route::Page(_) => &[],
        _ => return None,
    };
    Some(ids.iter().map(|s| s.to_string()).collect())
}

/// Turn the raw parse into the validated site, reporting every problem into `d`.
/// `theme_files` are the theme's static files: (path in the output, where each comes from).
pub(crate) fn validate(
    raw: RawSite,
    sources: &SourceMap,
    opts: &BuildOptions,
    theme_files: Vec<(String, PathBuf)>,
    session: &Session,
    d: &mut Diagnostics,
) -> Option<Site> {
    let config = raw.config?;
    let today = build_day(opts, d);
    let base = site_config::base_url(&config, opts, sources, d);
    site_config::check_links(&config, sources, d);
    let raw_pages: Vec<RawPage> = raw.pages.into_iter().filter(|p| opts.drafts || !p.front.draft).collect();
    let routes = Routes::build(&route_inputs(&raw.data, &raw.assets, raw_pages.iter(), theme_files), d);
    let stack_ids: Vec<&str> = raw.data.stacks.iter().map(|(id, _)| id.as_str()).collect();
    let mut decision_ids: Vec<&str> = raw.data.decisions.iter().map(|(id, _)| id.as_str()).collect();
    decision_ids.sort_unstable();

    // Stacks' and flowcharts' Markdown is rendered here; pages' bodies are only outlined (their
    // HTML is made with their page, see `crate::body`), on every core beside the rest, which
    // needs none of them.
    let link_base = base.clone().unwrap_or_else(|| BaseUrl { absolute: "/".into(), path: "/".into() });
    let resolve = || {
        let inputs = Resolving { raw: &raw.data, pages: &raw_pages, routes: &routes, link_base: &link_base };
        resolve_data(inputs, &stack_ids, sources, opts, today, session, d)
    };
    let ((mut resolver, links_key, data, decisions), (bodies, prose)) =
        rayon::join(resolve, || outlines(&raw_pages, sources, session));
    add_anchors(&mut resolver, &raw_pages, &bodies, &data.stacks);

    check_page_links(&resolver, &raw_pages, &bodies, sources, d);
    check_stack_text_links(&resolver, &raw.data.stack_texts, &data.stacks, sources, d);
    check_note_links(&resolver, &decisions, sources, d);
    let ids = embeds::Ids {
        stacks: stack_ids,
        criteria: data.criteria.iter().map(|c| c.id.as_str()).collect(),
        decisions: decision_ids.clone(),
        check_criteria: data.yardsticks_ok,
    };
    let (page_embeds, page_stacks) = embeds_of(&raw_pages, &bodies, &ids, sources, d);
    let main_decision = site_config::main_decision(&config, &decisions, &decision_ids, sources, d);
    let tree = Tree::of(&raw_pages);
    tree.check_nesting(&raw_pages, d);
    if d.has_errors() {
        return None;
    }
    let links_to = links_to(&bodies, &data.stacks);
    drop(bodies);
    let prose = raw_pages.iter().zip(prose).filter_map(|(p, prose)| Some((p.file.clone(), prose?))).collect();
    let pages = pages(raw_pages, sources, links_to, page_embeds, page_stacks, &tree);
    let site = Site {
        config,
        base: base?,
        pages,
        roots: tree.roots.iter().map(|&i| PageId(i)).collect(),
        routes,
        assets: raw.assets.into_iter().map(|(rel, disk)| (output_path(&rel), disk)).collect(),
        criteria: data.criteria,
        project_types: data.project_types,
        stacks: data.stacks,
        decisions,
        main_decision,
        bodies: Bodies::new(&opts.root, resolver, link_base, links_key, prose),
        today,
    };
    // The evidence is judged on the whole, resolved data: the contradictions are errors, what
    // is out of date is a warning.
    fit::check(&site, sources, d);
    review::check(&site, sources, today, d);
    (!d.has_errors()).then_some(site)
}

/// What [`resolve_data`] reads.
struct Resolving<'a> {
    raw: &'a RawData,
    pages: &'a [RawPage],
    routes: &'a Routes,
    link_base: &'a BaseUrl,
}

/// The link resolver, the key of what links resolve to (when Markdown is remembered), the
/// stacks' resolved data and the flowcharts: everything of validation but the pages' outlines.
fn resolve_data(
    r: Resolving<'_>,
    stack_ids: &[&str],
    sources: &SourceMap,
    opts: &BuildOptions,
    today: time::Date,
    session: &Session,
    d: &mut Diagnostics,
) -> (Resolver, Option<u64>, data::Data, Vec<Decision>) {
    let resolver = resolver(r.pages, r.routes);
    let links_key = session.remembers_markdown().then(|| body::links_key(&resolver, r.link_base));
    let render_md = body::render_with(&resolver, r.link_base, links_key, session);
    let data = data::resolve(r.raw, sources, d, &render_md, session.highlighter(), today, opts.drafts);
    placeholders::check(r.raw, r.pages, sources, opts.drafts, d);
    let type_ids: Vec<&str> = data.project_types.iter().map(|t| t.id.as_str()).collect();
    let names = graph::Names {
        stacks: stack_ids,
        types: (data.yardsticks_ok && r.raw.project_types.is_some()).then_some(type_ids.as_slice()),
    };
    let decisions = decisions(r.raw, &names, sources, d, &render_md);
    drop(render_md);
    (resolver, links_key, data, decisions)
}

/// The day reviews and support windows are judged against; a `STACKGUIDE_TODAY` that is not a
/// date is an error, and the system clock stands in so the other checks still run.
fn build_day(opts: &BuildOptions, d: &mut Diagnostics) -> time::Date {
    crate::date::build_day(opts.today.as_deref()).unwrap_or_else(|(from, text)| {
        d.push(
            Diagnostic::error(from, format!("`{text}` is not a date"))
                .with_help("set the build day as YYYY-MM-DD, e.g. STACKGUIDE_TODAY=2026-11-01"),
        );
        time::OffsetDateTime::now_utc().date()
    })
}

/// The resolver for links, from the pages and the route table; pages' anchors come later.
fn resolver(pages: &[RawPage], routes: &Routes) -> Resolver {
    let mut resolver = Resolver::default();
    for p in pages {
        resolver.by_file.insert(p.rel.clone(), address_of(&p.rel));
    }
    // A folder the build fills is no address to link to.
    for (path, claim) in routes.iter().filter(|(path, _)| !path.ends_with('/')) {
        resolver.anchors.insert(routes::address_of(path).to_string(), route_anchors(claim.route));
    }
    resolver
}

/// The outline of every page's body (see `markdown::outline`), on every core, without its
/// prose; and the prose, for search, when the bodies are small together (see
/// [`body::KEPT_PROSE`]): otherwise search reads each again, so that no site holds all of its
/// prose at once.
fn outlines(
    pages: &[RawPage],
    sources: &SourceMap,
    session: &Session,
) -> (Vec<Rendered>, Vec<Option<Prose>>) {
    session.progress().start(Stage::Markdown, pages.len());
    let body_of = |p: &RawPage| {
        let text = sources.get(&p.file).unwrap_or_default();
        text.get(p.body..).unwrap_or_default()
    };
    let keep = pages.iter().map(|p| body_of(p).len()).sum::<usize>() <= body::KEPT_PROSE;
    pages
        .par_iter()
        .map(|p| {
            let mut outline = body::outline(&p.file, body_of(p), session);
            let prose = keep.then(|| Prose::take(&mut outline));
            // Not kept, the prose is let go: search reads it again.
            outline.text = String::new();
            session.progress().advance(1);
            (outline, prose)
        })
        .unzip()
}

/// Every flowchart that resolves, sorted by id.
fn decisions(
    raw: &RawData,
    names: &graph::Names<'_>,
    sources: &SourceMap,
    d: &mut Diagnostics,
    render_md: &(dyn Fn(&Path, &str) -> Rendered + Sync),
) -> Vec<Decision> {
    let mut sorted: Vec<_> = raw.decisions.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    sorted
        .into_iter()
        .filter_map(|(id, located)| graph::resolve(id, located, names, sources, d, render_md))
        .collect()
}

/// Headings of rendered pages, and of stacks' long-form text, become anchors links may use.
fn add_anchors(resolver: &mut Resolver, pages: &[RawPage], bodies: &[Rendered], stacks: &[Stack]) {
    for (p, body) in pages.iter().zip(bodies) {
        resolver.anchors.insert(address_of(&p.rel), Some(body.anchors.clone()));
    }
    for s in stacks {
        if let (Some(long), Some(Some(set))) = (&s.long_form, resolver.anchors.get_mut(&stack_address(&s.id)))
        {
            set.extend(long.anchors.iter().cloned());
        }
    }
}

/// Links and code languages of every page.
fn check_page_links(
    resolver: &Resolver,
    pages: &[RawPage],
    bodies: &[Rendered],
    sources: &SourceMap,
    d: &mut Diagnostics,
) {
    // Pages are checked in parallel, their problems reported in the pages' order.
    let found: Vec<Diagnostics> = pages
        .par_iter()
        .zip(bodies)
        .map(|(p, body)| {
            let mut d = Diagnostics::new();
            let text = sources.get(&p.file).unwrap_or_default();
            let span = |offset, len| Some(span_at(text, p.body + offset, len));
            check_links(&p.file, body, resolver, &mut d, &span);
            warn_unknown_languages(&p.file, body, &mut d, &span);
            warn_empty_headers(&p.file, body, &mut d, &span);
            d
        })
        .collect();
    d.extend(found.into_iter().flat_map(Diagnostics::into_vec));
}

/// Links in stacks' long-form text.
fn check_stack_text_links(
    resolver: &Resolver,
    texts: &[(String, PathBuf, usize)],
    stacks: &[Stack],
    sources: &SourceMap,
    d: &mut Diagnostics,
) {
    for (id, file, offset) in texts {
        if let Some(long) = stacks.iter().find(|s| &s.id == id).and_then(|s| s.long_form.as_ref()) {
            let text = sources.get(file).unwrap_or_default();
            check_links(file, long, resolver, d, &|o, len| Some(span_at(text, offset + o, len)));
            warn_empty_headers(file, long, d, &|o, len| Some(span_at(text, offset + o, len)));
        }
    }
}

/// Links in flowcharts' result notes, reported at the note.
fn check_note_links(resolver: &Resolver, decisions: &[Decision], sources: &SourceMap, d: &mut Diagnostics) {
    for dec in decisions {
        for node in &dec.nodes {
            if let NodeKind::Result { note, .. } = &node.kind {
                let path = [yaml::Seg::Key("nodes"), yaml::Seg::Key(&node.id), yaml::Seg::Key("note")];
                // Found only for a broken link: locating is not free.
                check_links(&dec.file, note, resolver, d, &|_, _| data::at(sources, &dec.file, &path));
            }
        }
    }
}

/// The directive blocks of each page, and the stacks its front matter names, resolved.
fn embeds_of(
    pages: &[RawPage],
    bodies: &[Rendered],
    ids: &embeds::Ids<'_>,
    sources: &SourceMap,
    d: &mut Diagnostics,
) -> (Vec<Vec<Embed>>, Vec<Vec<StackId>>) {
    pages
        .iter()
        .zip(bodies)
        .map(|(p, body)| {
            let text = sources.get(&p.file).unwrap_or_default();
            // A block that did not resolve is reported as an error, so no site is returned.
            let embeds =
                embeds::resolve(&p.file, text, p.body, &body.directives, ids, d).into_iter().flatten();
            let stacks = embeds::front_matter_stacks(&p.file, text, p.yaml.clone(), &p.front.stacks, ids, d);
            (embeds.collect(), stacks)
        })
        .unzip()
}

/// For each body, the stacks whose pages it links to (by address, `#anchor` and slashes aside).
fn links_to(bodies: &[Rendered], stacks: &[Stack]) -> Vec<Vec<StackId>> {
    let by_address: HashMap<String, StackId> = stacks
        .iter()
        .enumerate()
        .map(|(i, s)| (stack_address(&s.id).trim_end_matches('/').to_string(), StackId(i)))
        .collect();
    bodies
        .iter()
        .map(|body| {
            let mut ids: Vec<StackId> = body
                .links
                .iter()
                .filter_map(|l| {
                    let dest = l.dest.trim_start_matches('/').split('#').next().unwrap_or_default();
                    by_address.get(dest.trim_end_matches('/')).copied()
                })
                .collect();
            ids.sort_unstable();
            ids.dedup();
            ids
        })
        .collect()
}

/// Every page, whole: where its body is, its blocks and stacks, and its place in the tree.
fn pages(
    raw: Vec<RawPage>,
    sources: &SourceMap,
    links_to: Vec<Vec<StackId>>,
    embeds: Vec<Vec<Embed>>,
    stacks: Vec<Vec<StackId>>,
    tree: &Tree,
) -> Vec<Page> {
    raw.into_iter()
        .zip(links_to)
        .zip(embeds.into_iter().zip(stacks))
        .enumerate()
        .map(|(i, ((p, links_to), (embeds, stacks)))| Page {
            source: BodySource::of(sources.get(&p.file).unwrap_or_default(), p.body),
            address: address_of(&p.rel),
            file: p.file,
            rel: p.rel,
            kind: tree.kind[i],
            title: p.front.title,
            description: p.front.description,
            weight: p.front.weight,
            draft: p.front.draft,
            updated: p.front.updated,
            stacks,
            embeds,
            links_to,
            parent: tree.parent[i].map(PageId),
            children: tree.children[i].iter().map(|&c| PageId(c)).collect(),
            prev: tree.prev[i].map(PageId),
            next: tree.next[i].map(PageId),
        })
        .collect()
}

/// `guide/intro.md` -> `guide/intro/`, `guide/_index.md` -> `guide/`, `_index.md` -> ``.
pub(crate) fn address_of(rel: &Path) -> String {
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

fn warn_empty_headers(
    file: &Path,
    body: &Rendered,
    d: &mut Diagnostics,
    span: &dyn Fn(usize, usize) -> Option<Span>,
) {
    for &offset in &body.empty_headers {
        d.push(
            Diagnostic::warning(file, "a table's header cell is empty")
                .at(span(offset, 1))
                .with_help("name the column (`| Part | A | B |`): a screen reader reads the header to say what a column holds"),
        );
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
