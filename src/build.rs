//! The driver: load -> validate -> render -> write. Each stage runs over every file; the build
//! stops between stages when there were errors, so one mistake never cascades into many.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::config::BuildOptions;
use crate::diagnostics::Diagnostics;
use crate::load::RawSite;
use crate::model::Site;
use crate::output::{self, OutputFile, STAMP, Staging, Target, WriteOptions};
use crate::session::Session;
use crate::source::SourceMap;
use crate::theme::Theme;
use crate::{fingerprint, load, render, theme, validate};

/// Where a site keeps what speeds up its next build; safe to delete, never part of the output.
pub const CACHE_DIR: &str = ".stackguide-cache";

/// What a build produced: the diagnostics (always), and the site and files when it got that far.
pub struct BuildResult {
    pub diagnostics: Diagnostics,
    pub sources: SourceMap,
    pub site: Option<Site>,
    pub files: Vec<OutputFile>,
    /// The number of HTML pages written.
    pub pages: usize,
    /// Whether the output folder was left as it was: nothing it is made from had changed since
    /// the last build into it.
    pub kept: bool,
    pub elapsed: Duration,
}

impl BuildResult {
    pub fn ok(&self) -> bool {
        !self.diagnostics.has_errors()
    }
}

/// What load and validate made: the texts read, and the site and theme when there were no errors.
struct Prepared {
    sources: SourceMap,
    /// The hash of every text read, before the pages' were let go (see [`SourceMap::digest`]).
    texts: u64,
    site: Option<(Site, Theme)>,
}

/// Run load and validate. The theme is loaded beside the content, by the name `site.yaml`
/// seems to give (see [`theme::Ahead`]). Once the stack profiles are loaded, their examples are
/// highlighted on `beside` while the rest of the build goes on (see [`highlight_examples`]);
/// `stop` is set when there is no site to render.
fn prepare<'s>(
    opts: &BuildOptions,
    session: &'s Session,
    beside: &rayon::Scope<'s>,
    stop: &'s AtomicBool,
    d: &mut Diagnostics,
) -> Prepared {
    let ahead = Arc::new(theme::Ahead::default());
    let (root, early) = (opts.root.clone(), ahead.clone());
    beside.spawn(move |_| early.load(&root, session));
    let (sources, raw) = load::load(&opts.root, session.parsed(), d);
    highlight_examples(&raw, session, beside, stop);
    let prepared = validated(opts, session, sources, raw, &ahead, d);
    if prepared.site.is_none() {
        stop.store(true, Ordering::Relaxed);
    }
    prepared
}

/// Highlight the stacks' examples into the session on `beside`: the first block in a language
/// compiles its grammar, one pattern at a time whatever the cores, so this starts as soon as
/// they are loaded and goes on beside validation and the other pages; the stack pages, rendered
/// late, find them ready (or wait for the one being highlighted). Stops at the next example
/// once `stop` is set, so a build with errors does not wait for the rest.
fn highlight_examples<'s>(
    raw: &RawSite,
    session: &'s Session,
    beside: &rayon::Scope<'s>,
    stop: &'s AtomicBool,
) {
    let examples: Vec<(String, String)> = raw
        .data
        .stacks
        .iter()
        .map(|(_, s)| (s.value.example.code.clone(), s.value.example.language.clone()))
        .collect();
    beside.spawn(move |_| {
        for (code, language) in examples.iter().take_while(|_| !stop.load(Ordering::Relaxed)) {
            session.highlighter().highlight(code, language);
        }
    });
}

/// The theme and the validated site, when there were no errors.
fn validated(
    opts: &BuildOptions,
    session: &Session,
    mut sources: SourceMap,
    raw: RawSite,
    ahead: &theme::Ahead,
    d: &mut Diagnostics,
) -> Prepared {
    let theme_name = raw.config.as_ref().map_or("default", |c| c.theme.as_str()).to_string();
    let theme = ahead
        .theme(&theme_name, &mut sources)
        .or_else(|| theme::load(&opts.root, &theme_name, session, &mut sources, d));
    let texts = sources.digest();
    let Some(theme) = theme.filter(|_| !d.has_errors()) else {
        return Prepared { sources, texts, site: None };
    };
    let site = validate::validate(raw, &sources, opts, theme.static_files(&opts.root), session, d);
    if let Some(site) = &site {
        // Pages' bodies are read again when rendered: only texts a diagnostic shows are kept.
        let named: HashSet<&Path> = d.files().collect();
        sources.forget(site.pages.iter().map(|p| p.file.as_path()), &named);
    }
    Prepared { sources, texts, site: site.filter(|_| !d.has_errors()).map(|site| (site, theme)) }
}

/// Run load, validate and render with what `session` remembers; nothing is written, every
/// file is kept in the result.
pub fn render_site(opts: &BuildOptions, session: &Session) -> BuildResult {
    render_site_first(opts, session, &[], &mut |_| {})
}

/// [`render_site`], handing `early` the output files at `first` (HTML pages, such as those open
/// in a browser) as soon as they are rendered, before the rest of the site; not called when
/// the site has errors, nor when `first` names no page of it.
pub(crate) fn render_site_first(
    opts: &BuildOptions,
    session: &Session,
    first: &[String],
    early: &mut (dyn FnMut(Vec<OutputFile>) + Send),
) -> BuildResult {
    let start = Instant::now();
    let mut d = Diagnostics::new();
    let stop = AtomicBool::new(false);
    rayon::in_place_scope(|beside| {
        let Prepared { sources, site, .. } = prepare(opts, session, beside, &stop, &mut d);
        let (site, files) = match site {
            Some((site, mut theme)) => {
                let first = (!first.is_empty()).then_some(render::First { paths: first, early });
                let files = render::render(&site, &mut theme, session, first, &mut d);
                // Parsed templates are many small allocations: freed beside what follows.
                rayon::spawn(move || drop(theme));
                (Some(site), files)
            }
            None => (None, Vec::new()),
        };
        let pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
        BuildResult { diagnostics: d, sources, site, files, pages, kept: false, elapsed: start.elapsed() }
    })
}

/// Build the site and, when there were no errors, swap the output into place.
pub fn build(opts: &BuildOptions) -> BuildResult {
    build_in(opts, &Session::for_build(), &|_| {})
}

/// [`build`] with `session` (whose progress another thread may show), calling `on_wait` with
/// the output folder when another build is writing to it (this one then waits for it to
/// finish). Files are written as they are rendered, batch by batch, into a staging folder
/// swapped in at the end: `BuildResult::files` stays empty. When nothing the output is made
/// from changed since the last build into the folder, and the folder holds what it wrote, the
/// pages are checked but not rendered again (`BuildResult::kept`).
pub(crate) fn build_in(opts: &BuildOptions, session: &Session, on_wait: &dyn Fn(&Path)) -> BuildResult {
    let start = Instant::now();
    let cache_dir = opts.root.join(CACHE_DIR);
    let cache = cache_dir.join("highlight.json");
    session.load_cache(&cache);
    let mut d = Diagnostics::new();
    let stop = AtomicBool::new(false);
    let (sources, site, pages, kept) = rayon::in_place_scope(|beside| {
        let Prepared { sources, texts, site } = prepare(opts, session, beside, &stop, &mut d);
        let (mut pages, mut kept) = (0, false);
        let site = site.map(|(site, mut theme)| {
            let stamp =
                fingerprint::inputs(texts, &site, &theme, opts.drafts).map(|i| (cache_dir.join(STAMP), i));
            (pages, kept) = write_site(opts, &site, &mut theme, session, stamp, on_wait, &mut d);
            rayon::spawn(move || drop(theme));
            site
        });
        (sources, site, pages, kept)
    });
    if !d.has_errors() {
        session.save_cache(&cache);
    }
    // The summary line counts the whole build, writing included.
    BuildResult { diagnostics: d, sources, site, files: Vec::new(), pages, kept, elapsed: start.elapsed() }
}

/// Render `site` straight into a staging folder for its output and swap it in, unless the
/// output is what `stamp` (its file, and the hash of the inputs) says this build would write;
/// the number of pages written, and whether the output was kept.
fn write_site(
    opts: &BuildOptions,
    site: &Site,
    theme: &mut Theme,
    session: &Session,
    stamp: Option<(PathBuf, u64)>,
    on_wait: &dyn Fn(&Path),
    d: &mut Diagnostics,
) -> (usize, bool) {
    let shown = opts.output.clone().unwrap_or_else(|| opts.root.join("public"));
    let target = match Target::resolve(&opts.root, &opts.output_dir(), &shown) {
        Ok(target) => target,
        Err(e) => {
            d.push(e);
            return (0, false);
        }
    };
    let wait = || on_wait(&target.shown);
    if let Some((file, inputs)) = &stamp
        && let Some(pages) = output::unchanged(&target, file, *inputs, &wait)
    {
        return (pages, true);
    }
    let options = WriteOptions { force: opts.force };
    match Staging::begin(&target, options, &wait) {
        Ok(mut staging) => {
            if let Some((file, inputs)) = stamp {
                staging.stamp_into(file, inputs);
            }
            let pages =
                render::render_each(site, theme, session, None, d, &mut |batch| staging.write(&batch));
            if !d.has_errors()
                && let Err(e) = staging.commit()
            {
                d.push(e);
            }
            (pages, false)
        }
        Err(e) => {
            // Rendered all the same, so template errors are reported with the output's problem.
            d.push(e);
            (render::render_each(site, theme, session, None, d, &mut |_| Ok(())), false)
        }
    }
}
