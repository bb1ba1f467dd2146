//! The driver: load -> validate -> render -> write. Each stage runs over every file; the build
//! stops between stages when there were errors, so one mistake never cascades into many.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::config::BuildOptions;
use crate::diagnostics::Diagnostics;
use crate::model::Site;
use crate::output::{self, OutputFile, Target, WriteOptions};
use crate::session::Session;
use crate::source::SourceMap;
use crate::{load, render, theme, validate};

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
    pub elapsed: Duration,
}

impl BuildResult {
    pub fn ok(&self) -> bool {
        !self.diagnostics.has_errors()
    }
}

/// Run load, validate and render with what `session` remembers; nothing is written.
pub fn render_site(opts: &BuildOptions, session: &Session) -> BuildResult {
    let start = Instant::now();
    let mut d = Diagnostics::new();
    let (mut sources, raw) = load::load(&opts.root, &mut d);
    let theme_name = raw.config.as_ref().map_or("default", |c| c.theme.as_str()).to_string();
    let mut theme = theme::load(&opts.root, &theme_name, &mut sources, &mut d);
    let mut result = BuildResult {
        diagnostics: Diagnostics::new(),
        sources: SourceMap::default(),
        site: None,
        files: Vec::new(),
        pages: 0,
        elapsed: Duration::ZERO,
    };
    if !d.has_errors() {
        let theme_files = theme.as_ref().map(|t| t.static_files(&opts.root)).unwrap_or_default();
        result.site = validate::validate(raw, &sources, opts, theme_files, session, &mut d);
    }
    if let (Some(site), Some(theme)) = (&result.site, &mut theme)
        && !d.has_errors()
    {
        result.files = render::render(site, theme, session, &mut d);
        result.pages = result.files.iter().filter(|f| f.path.ends_with(".html")).count();
    }
    result.diagnostics = d;
    result.sources = sources;
    result.elapsed = start.elapsed();
    result
}

/// Build the site and, when there were no errors, swap the output into place.
pub fn build(opts: &BuildOptions) -> BuildResult {
    build_waiting(opts, &|_| {})
}

/// [`build`], calling `on_wait` with the output folder when another build is writing to it
/// (this one then waits for it to finish).
pub(crate) fn build_waiting(opts: &BuildOptions, on_wait: &dyn Fn(&Path)) -> BuildResult {
    let start = Instant::now();
    let cache = opts.root.join(CACHE_DIR).join("highlight.json");
    let session = Session::for_build();
    session.load_cache(&cache);
    let mut result = render_site(opts, &session);
    if result.ok() {
        let shown = opts.output.clone().unwrap_or_else(|| opts.root.join("public"));
        let written = Target::resolve(&opts.root, &opts.output_dir(), &shown).and_then(|target| {
            let options = WriteOptions { force: opts.force };
            output::write(&result.files, &target, options, &|| on_wait(&target.shown))
        });
        if let Err(e) = written {
            result.diagnostics.push(e);
        }
    }
    if result.ok() {
        session.save_cache(&cache);
    }
    // The summary line counts the whole build, writing included.
    result.elapsed = start.elapsed();
    result
}
