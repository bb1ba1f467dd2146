//! The render stage: `&Site` + `&Theme` -> output files. Pure and parallel: nothing is written here.

mod atom;
mod chooser;
pub(crate) mod context;
mod data;
pub(crate) mod decide;
pub(crate) mod evidence;
mod feeds;
mod hash;
mod input;
mod print;
mod priorities;
pub(crate) mod profile;
pub(crate) mod stacks;

use std::borrow::Cow;
use std::cell::RefCell;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use tera::{Context, Tera};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::Segment;
use crate::model::{CriterionId, Embed, PageId, PageKind, Site, StackId};
use crate::output::OutputFile;
use crate::progress::Stage;
use crate::routes::{self, Route};
use crate::search;
use crate::session::Session;
use crate::theme::{self, Asset, Theme};
use context::{PageView, SimplePage, SiteView, sidebar};
use input::PageMemo;

/// How many files are rendered before they are handed on: memory holds about two batches,
/// whatever the size of the site.
const BATCH: usize = 512;

/// Where rendered files go, a batch at a time (written to disk, or kept).
pub(crate) type Sink<'s> = dyn FnMut(Vec<OutputFile>) -> Result<(), Diagnostic> + Send + 's;

/// Pages open in a browser (output paths), rendered on their own before the rest of the site
/// and handed to `early`, unless they have problems (the whole render reports them).
pub(crate) struct First<'f> {
    pub(crate) paths: &'f [String],
    pub(crate) early: &'f mut (dyn FnMut(Vec<OutputFile>) + Send),
}

/// Render every file of the site's route table, `first` first; problems (template errors) go
/// into `d`.
pub(crate) fn render(
    site: &Site,
    theme: &mut Theme,
    session: &Session,
    first: Option<First<'_>>,
    d: &mut Diagnostics,
) -> Vec<OutputFile> {
    let mut files = Vec::with_capacity(site.routes.len());
    render_each(site, theme, session, first, d, &mut |batch| {
        files.extend(batch);
        Ok(())
    });
    files
}

/// Render the route table in batches, handing each to `sink` while the next one renders.
/// After a problem rendering goes on, so every template error is reported, but nothing more
/// is handed on. Returns the number of HTML pages.
pub(crate) fn render_each(
    site: &Site,
    theme: &mut Theme,
    session: &Session,
    first: Option<First<'_>>,
    d: &mut Diagnostics,
    sink: &mut Sink<'_>,
) -> usize {
    let kept = print::Kept::for_site(site);
    // The search index is made from the site alone, so it starts at once, beside the theme's
    // global context, the open pages and the other pages; its files are made as soon as it is
    // there (beside the print page, which renders on one core) and handed on last. The print
    // page is made after the other pages, from the bodies they were rendered with.
    let (routes, index_routes): (Vec<(&str, Route)>, Vec<_>) = site
        .routes
        .iter()
        .map(|(path, claim)| (path, claim.route))
        .filter(|&(_, route)| route != Route::Print)
        .partition(|&(_, route)| !matches!(route, Route::SearchManifest | Route::SearchWords));
    let print = site.routes.path(Route::Print).zip(kept.as_ref());
    session
        .progress()
        .start(Stage::Writing, routes.len() + index_routes.len() + usize::from(print.is_some()));
    let index = || {
        let index = (!index_routes.is_empty()).then(|| search::Index::build(site, session))?;
        let files: Vec<_> = index_routes
            .par_iter()
            .flat_map_iter(|&(path, route)| index_files(session, &index, path, route))
            .collect();
        Some((index, files))
    };
    let pages = || {
        let globals = globals(site, theme, session);
        let memo = PageMemo { session, shared: globals.shared, site: globals.site };
        let theme = &*theme;
        if let Some(First { paths, early }) = first {
            let mut ahead = Diagnostics::new();
            let pages = render_pages(Env { site, theme, memo, kept: None }, paths, &mut ahead);
            if !pages.is_empty() && !ahead.has_errors() {
                early(pages);
            }
        }
        let env = Env { site, theme, memo, kept: kept.as_ref() };
        let jobs = routes.chunks(BATCH).map(Job::Batch).chain([Job::Print, Job::Hand]);
        render_jobs(env, jobs, print, d, sink)
    };
    // The pages come first on this thread; another takes the index when it is free.
    let (mut pages, index) = rayon::join(pages, index);
    let (index, files) = index.unzip();
    if let Some(files) = files {
        let files = kept_files(files, d, &mut pages);
        if !d.has_errors() {
            match sink(files) {
                Ok(()) => session.progress().advance(index_routes.len()),
                Err(e) => d.push(e),
            }
        }
    }
    // The index is thousands of small allocations: they are freed beside what follows the
    // build (writing its summary, serving its files) rather than before it.
    rayon::spawn(move || drop(index));
    pages
}

/// Render `jobs` in turn, each one's files handed to `sink` while the next renders (and none
/// once there was a problem); the number of HTML pages.
fn render_jobs<'r>(
    env: Env<'_>,
    jobs: impl Iterator<Item = Job<'r>>,
    print: Option<(&str, &print::Kept)>,
    d: &mut Diagnostics,
    sink: &mut Sink<'_>,
) -> usize {
    let session = env.memo.session;
    let (mut pages, mut ready) = (0, None::<(Vec<OutputFile>, usize)>);
    for job in jobs {
        let (handing, handing_len) = match ready.take().filter(|_| !d.has_errors()) {
            Some((files, len)) => (Some(files), len),
            None => (None, 0),
        };
        let render = || match job {
            Job::Batch(batch) => {
                let files = batch.par_iter().map(|&(path, route)| render_route(env, path, route)).collect();
                Some((files, batch.len()))
            }
            Job::Print => print.map(|(path, kept)| (vec![render_print(env, path, kept)], 1)),
            Job::Hand => None,
        };
        let (rendered, handed) = rayon::join(render, || handing.map(&mut *sink));
        match handed {
            Some(Err(e)) => d.push(e),
            Some(Ok(())) => session.progress().advance(handing_len),
            None => {}
        }
        if let Some((rendered, len)) = rendered {
            ready = Some((kept_files(rendered, d, &mut pages), len));
        }
    }
    pages
}

/// The files rendered, their problems put into `d`; adds the HTML pages among them to `pages`.
fn kept_files(
    rendered: Vec<Result<OutputFile, Diagnostic>>,
    d: &mut Diagnostics,
    pages: &mut usize,
) -> Vec<OutputFile> {
    let mut files = Vec::with_capacity(rendered.len());
    for r in rendered {
        match r {
            Ok(f) => files.push(f),
            Err(e) => d.push(e),
        }
    }
    *pages += files.iter().filter(|f| f.path.ends_with(".html")).count();
    files
}

/// The HTML pages among the output files `paths`, rendered on their own (the print page is
/// left out: it is made from every other page), with the files pages load as they are (the
/// theme's and the site's static files). Problems go into `d`.
fn render_pages(env: Env<'_>, paths: &[String], d: &mut Diagnostics) -> Vec<OutputFile> {
    let site = env.site;
    let pages: Vec<(&str, Route)> = paths
        .iter()
        .filter(|p| p.ends_with(".html"))
        .filter_map(|p| Some((p.as_str(), site.routes.route_at(p)?)))
        .filter(|&(_, route)| route != Route::Print)
        .collect();
    if pages.is_empty() {
        return Vec::new();
    }
    let statics = site.routes.iter().map(|(path, claim)| (path, claim.route));
    let routes: Vec<(&str, Route)> = statics
        .filter(|(_, route)| matches!(route, Route::ThemeFile(_) | Route::Asset(_)))
        .chain(pages)
        .collect();
    let rendered: Vec<_> = routes.par_iter().map(|&(path, route)| render_route(env, path, route)).collect();
    rendered.into_iter().filter_map(|r| r.map_err(|e| d.push(e)).ok()).collect()
}

/// What every page shows, put into the theme's Tera global context by [`globals`]: the
/// render functions take it, so they cannot run before it is there.
#[derive(Clone, Copy)]
struct Globals {
    /// Its hash, when pages are remembered (part of every page's memo key).
    shared: Option<u64>,
    /// When pages are remembered, a key for what the pages made from the site alone are made
    /// from: the global context, the templates, and the site but for its pages' bodies.
    site: Option<u64>,
}

/// Put what every page shows into Tera's global context, once for a build rather than into
/// each page's.
fn globals(site: &Site, theme: &mut Theme, session: &Session) -> Globals {
    let site_view = SiteView::new(site);
    let shared_sidebar = sidebar(site, None);
    let shared = session
        .remembers_pages()
        .then(|| input::hash_of(&(&site_view, &shared_sidebar), theme.fingerprint))
        .flatten();
    let fill = |tera: &mut Tera| {
        tera.global_context().insert("site", &site_view);
        tera.global_context().insert("sidebar", &shared_sidebar);
    };
    match shared {
        // The templates with this global context are remembered: no copy of them is made.
        Some(key) => {
            theme.tera = session.templates_with_globals(key, || {
                let mut tera = Tera::clone(&theme.tera);
                fill(&mut tera);
                tera
            })
        }
        None => fill(Arc::make_mut(&mut theme.tera)),
    }
    let site = shared.zip(session.generation(site, Site::same_but_bodies)).map(crate::memo::key);
    Globals { shared, site }
}

/// What one turn of [`render_jobs`] renders while the files of the turn before are handed on.
#[derive(Clone, Copy)]
enum Job<'r> {
    Batch(&'r [(&'r str, Route)]),
    /// The print page, once every other page has rendered and kept its body.
    Print,
    /// Nothing: the last files are handed on.
    Hand,
}

/// The print page, once every other page has rendered and kept its body.
fn render_print(env: Env<'_>, path: &str, kept: &print::Kept) -> Result<OutputFile, Diagnostic> {
    let Env { site, theme, memo, .. } = env;
    let mut ctx = memo.input();
    let description = "Every chapter of the guide in reading order, then every stack's profile, on one page to print or save as PDF.";
    ctx.insert("page", simple(site, "The whole guide", description, routes::address_of(path)));
    let source = Path::new("content");
    print::fill(site, theme, kept, memo.session, memo.site, &mut ctx)
        .map_err(|e| theme::template_error(&e, &theme.origins, Some(source)))?;
    memo.page(ctx, "print.html", path, |ctx| render_template(theme, "print.html", ctx, path, source))
}

/// The files of the search index that `route` makes: the manifest, or (for
/// [`Route::SearchWords`]) every word shard.
fn index_files(
    session: &Session,
    index: &search::Index,
    path: &str,
    route: Route,
) -> Vec<Result<OutputFile, Diagnostic>> {
    if route == Route::SearchManifest {
        return vec![Ok(OutputFile::text(path, index.manifest_json()))];
    }
    index
        .word_files()
        .into_par_iter()
        .map(|(path, shard)| {
            let make = || Ok(OutputFile::text(&path, shard.json()));
            // A rebuild after an edit changes a few shards: the others are remembered.
            if session.remembers_pages() {
                session.page(crate::memo::key((&path, shard)), make)
            } else {
                make()
            }
        })
        .collect()
}

/// What every page is rendered with.
#[derive(Clone, Copy)]
struct Env<'a> {
    site: &'a Site,
    theme: &'a Theme,
    memo: PageMemo<'a>,
    /// Where pages keep their bodies for the print page, when the site has one.
    kept: Option<&'a print::Kept>,
}

/// The file at `path` of the output, which `route` makes. A file made from the site alone is
/// remembered by the site (see [`Globals`]) while only pages' bodies change, so it is not
/// made, nor its input, again.
fn render_route(env: Env<'_>, path: &str, route: Route) -> Result<OutputFile, Diagnostic> {
    match env.memo.site {
        Some(site) if from_site_alone(route) => {
            env.memo.session.page(crate::memo::key((site, path)), || make_route(env, path, route))
        }
        _ => make_route(env, path, route),
    }
}

/// Whether what `route` makes depends on nothing but the site: not on a page's body (which
/// the site does not hold: pages, the print page, the search index) nor on a file copied or
/// read as it is (theme files, assets). A route added later is not remembered by the site
/// until it is listed here.
fn from_site_alone(route: Route) -> bool {
    use Route::*;
    matches!(
        route,
        StackIndex
            | StackFit
            | Stack(_)
            | Compare(..)
            | CompareChooser
            | Priorities
            | PrioritiesFor(_)
            | Decision(_)
            | Search
            | Methodology
            | Changes
            | Atom
            | Support
            | DataJson
            | DataCsv
            | NotFound
            | Sitemap
            | SitemapPart(_)
            | Robots
    )
}

fn make_route(env: Env<'_>, path: &str, route: Route) -> Result<OutputFile, Diagnostic> {
    let Env { site, theme, .. } = env;
    Ok(match route {
        Route::Sitemap => OutputFile::text(path, feeds::sitemap(site)),
        Route::SitemapPart(n) => OutputFile::text(path, feeds::sitemap_part(site, n)),
        Route::Robots => OutputFile::text(path, feeds::robots(site)),
        Route::Atom => OutputFile::text(path, atom::feed(site)),
        Route::DataJson => OutputFile::text(path, data::json(site)),
        Route::DataCsv => OutputFile::text(path, data::csv(site)),
        Route::SearchPages(n) => OutputFile::text(path, search::pages_json(site, env.memo.session, n)),
        Route::ThemeFile(_) => match theme.statics.get(path) {
            Some(Asset::Embedded(bytes)) => OutputFile::bytes(path, theme::served(path, bytes.to_vec())),
            Some(Asset::File(file)) if path.ends_with(".js") => match std::fs::read(file) {
                Ok(bytes) => OutputFile::bytes(path, theme::served(path, bytes)),
                Err(e) => return Err(Diagnostic::error(file, format!("cannot read: {e}"))),
            },
            Some(Asset::File(file)) => OutputFile::copy(path, file.clone()),
            None => return Err(Diagnostic::error("themes", format!("the theme has no file `{path}`"))),
        },
        Route::Asset(i) => OutputFile::copy(path, site.assets[i].1.clone()),
        Route::Page(i) => render_page(env, i, path)?,
        page => render_generated(env, path, page)?,
    })
}

fn simple<'a>(
    site: &Site,
    title: impl Into<Cow<'a, str>>,
    description: impl Into<Cow<'a, str>>,
    address: &str,
) -> SimplePage<'a> {
    let (title, description) = (title.into(), description.into());
    SimplePage { title, description, url: site.base.link(address), permalink: site.base.absolute(address) }
}

/// A page the build makes from the data (stacks, comparisons, flowcharts, search, 404).
fn render_generated(env: Env<'_>, path: &str, route: Route) -> Result<OutputFile, Diagnostic> {
    let Env { site, theme, memo, .. } = env;
    let address = routes::address_of(path);
    let mut ctx = memo.input();
    let (template, source): (&str, &Path) = match route {
        Route::StackIndex => {
            let all: Vec<StackId> = site.stacks().map(|(id, _)| id).collect();
            let criteria: Vec<CriterionId> = (0..site.criteria.len()).map(CriterionId).collect();
            ctx.insert("page", simple(site, "All stacks", "Every stack in this guide, rated on every criterion, with how well each fits each kind of project.", address));
            ctx.insert("matrix", stacks::matrix(site, &all, &criteria));
            ctx.insert("fit_url", site.url(Route::StackFit));
            ("stacks.html", Path::new("content/stacks"))
        }
        Route::StackFit => {
            let all: Vec<StackId> = site.stacks().map(|(id, _)| id).collect();
            let description = "How well every stack fits each kind of project, and why.";
            ctx.insert("page", simple(site, "Fit by project type", description, address));
            ctx.insert("matrix", stacks::matrix(site, &all, &[]));
            ("stacks-fit.html", Path::new("content/project-types.yaml"))
        }
        Route::Stack(i) => {
            let s = site.stack(i);
            let long = s.long_form.as_ref().map(|r| r.html.clone());
            ctx.insert("page", simple(site, &s.name, &s.summary, address));
            ctx.insert("stack", stacks::stack_page(site, i, long, memo.session.highlighter()));
            ("stack.html", s.file.as_path())
        }
        Route::Compare(a, b) => {
            let (sa, sb) = (site.stack(a), site.stack(b));
            let title = format!("{} vs {}", sa.name, sb.name);
            let description = format!(
                "{} and {} compared criterion by criterion, with the project types each fits better.",
                sa.name, sb.name
            );
            ctx.insert("page", simple(site, title, description, address));
            ctx.insert("compare", stacks::compare_page(site, a, b));
            ("compare.html", sa.file.as_path())
        }
        Route::CompareChooser | Route::Priorities | Route::PrioritiesFor(_) => {
            let (page, template) = reader_tool(site, route, address, &mut ctx);
            ctx.insert("page", page);
            (template, Path::new("content/project-types.yaml"))
        }
        Route::Decision(i) => {
            let dec = site.decision(i);
            ctx.insert("page", simple(site, &dec.title, &dec.description, address));
            ctx.insert("decision", decide::view(site, i, ""));
            ("decision.html", dec.file.as_path())
        }
        Route::Search => {
            ctx.insert(
                "page",
                simple(site, "Search", "Search the guide, or browse every page from A to Z.", address),
            );
            let every_chapter = context::full_sidebar(site);
            ctx.insert("a_to_z", search::a_to_z(site, every_chapter));
            ctx.insert("chapters_left_out", (!every_chapter).then_some(site.pages.len()));
            ("search.html", Path::new("search"))
        }
        Route::NotFound => {
            ctx.insert("page", simple(site, "Page not found", "There is no page at this address.", address));
            ("404.html", Path::new("404.html"))
        }
        other => match evidence::page(site, other, &mut ctx) {
            Some(p) => {
                ctx.insert("page", simple(site, p.title, p.description, address));
                (p.template, p.source)
            }
            None => return Err(Diagnostic::error(path, format!("{other:?} is not a page"))),
        },
    };
    memo.page(ctx, template, path, |ctx| render_template(theme, template, ctx, path, source))
}

/// The pages of the reader's tools, `/compare/` and `/priorities/...`: their page and template,
/// with what they show put into `ctx`.
fn reader_tool<'a>(
    site: &'a Site,
    route: Route,
    address: &str,
    ctx: &mut input::Input<'a>,
) -> (SimplePage<'a>, &'static str) {
    if route == Route::CompareChooser {
        let description = "Any two to four stacks side by side: ratings, fit and versions, with the differences marked; and every pair of stacks.";
        ctx.insert("chooser", chooser::chooser(site));
        return (simple(site, "Compare stacks", description, address), "compare-chooser.html");
    }
    let ranking = priorities::ranking(site, route);
    let (title, description) = match &ranking.project_type {
        Some(t) => (
            format!("Stacks ranked for {}", t.name),
            format!(
                "Every stack ranked by what matters most for {}, with what each criterion adds to its score.",
                t.name
            ),
        ),
        None => (
            "Rank stacks by your priorities".to_string(),
            "Weigh each criterion and see every stack ranked by weighted score, with what each criterion adds."
                .to_string(),
        ),
    };
    ctx.insert("ranking", ranking);
    (simple(site, title, description, address), "priorities.html")
}

fn render_page(env: Env<'_>, index: PageId, path: &str) -> Result<OutputFile, Diagnostic> {
    let Env { site, theme, memo, .. } = env;
    let page = site.page(index);
    let body = site.bodies.render(&page.file, page.source, memo.session)?;
    let mut content = String::with_capacity(body.html.len());
    for segment in body.segments() {
        match segment {
            Segment::Html(html) => content.push_str(html),
            Segment::Embed(n) => {
                // Every directive resolved, or validation reported it and no site was made.
                if let Some(embed) = page.embeds.get(n) {
                    // Made from the site alone (a page's embeds are part of it).
                    let key = memo.site.map(|site| crate::memo::key((site, index.0, n)));
                    let html = memo
                        .session
                        .embed(key, || render_embed(site, theme, embed, n))
                        .map_err(|e| theme::template_error(&e, &theme.origins, Some(&page.file)))?;
                    content.push_str(&html);
                }
            }
        }
    }
    if let Some(kept) = env.kept {
        kept.keep(index, &content);
    }
    let mut ctx = memo.input();
    if !context::full_sidebar(site) {
        ctx.insert("sidebar", sidebar(site, Some(index)));
    }
    ctx.insert("page", PageView::new(site, page, &body.toc, content));
    let cards: Vec<stacks::Card<'_>> =
        page.stacks.iter().map(|&s| stacks::Card::new(site, site.stack(s))).collect();
    ctx.insert("stacks", cards);
    if page.kind == PageKind::Home {
        let all: Vec<stacks::Card<'_>> = site.stacks.iter().map(|s| stacks::Card::new(site, s)).collect();
        ctx.insert("all_stacks", all);
        let view = |i| decide::view(site, i, "home-");
        // Made from the site alone: remembered as a Tera value while it stays the same.
        let made = memo.site.zip(site.main_decision).and_then(|(by_site, i)| {
            let key = crate::memo::key((by_site, "main decision"));
            Some((memo.session.value(key, || tera::Value::try_from_serializable(&view(i)).ok())?, key))
        });
        match made {
            Some((value, key)) => ctx.insert_made("main_decision", value, key),
            None => ctx.insert("main_decision", site.main_decision.map(view)),
        }
    }
    let template = match page.kind {
        PageKind::Home => "home.html",
        PageKind::Section => "section.html",
        PageKind::Chapter => "chapter.html",
    };
    memo.page(ctx, template, path, |ctx| render_template(theme, template, ctx, path, &page.file))
}

/// The file at `path`: `template` rendered with `ctx`; an error names `source`, the file the
/// page is made from. Each thread renders into a buffer it keeps, and the file gets a copy of
/// exactly its length: no page's buffer is grown (and copied) from small, nor kept with room
/// to spare until it is written.
fn render_template(
    theme: &Theme,
    template: &str,
    ctx: &Context,
    path: &str,
    source: &Path,
) -> Result<OutputFile, Diagnostic> {
    /// A buffer grown past this (by a page of a very large site) is let go.
    const KEEP: usize = 4 << 20;
    thread_local! {
        static BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    }
    BUFFER.with(|kept| {
        let (mut kept, mut fresh) = (kept.try_borrow_mut(), Vec::new());
        let buffer = kept.as_deref_mut().unwrap_or(&mut fresh);
        buffer.clear();
        let rendered = theme.tera.render_to(template, ctx, &mut *buffer);
        let file = OutputFile::bytes(path, buffer.as_slice().to_vec()).from_source(source);
        if buffer.capacity() > KEEP {
            *buffer = Vec::new();
        }
        rendered.map(|()| file).map_err(|e| theme::template_error(&e, &theme.origins, Some(source)))
    })
}

/// A directive block, rendered by the same components the generated pages use.
fn render_embed(site: &Site, theme: &Theme, embed: &Embed, n: usize) -> Result<String, tera::Error> {
    let mut ctx = Context::new();
    let name = match embed {
        Embed::Stack(s) => {
            ctx.insert("card", &stacks::Card::new(site, site.stack(*s)));
            "stack_card"
        }
        Embed::Compare { stacks: st, criteria } => {
            ctx.insert("matrix", &stacks::matrix(site, st, criteria));
            ctx.insert("caption", &"Comparison");
            "compare_table"
        }
        Embed::Decision(i) => {
            ctx.insert("decision", &decide::view(site, *i, &format!("embed{n}-")));
            ctx.insert("prefix", &format!("embed{n}-"));
            "decision_embed"
        }
    };
    theme.tera.render_component(name, &ctx, None, true)
}
