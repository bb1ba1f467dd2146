//! The render stage: `&Site` + `&Theme` -> output files. Pure and parallel: nothing is written here.

pub mod context;
mod feeds;

use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::{self, highlight};
use crate::model::{Page, PageKind, Site};
use crate::output::OutputFile;
use crate::theme::{self, Asset, Theme};
use context::{PageView, SimplePage, SiteView, sidebar};

/// Render every page and feed of `site`; problems (template errors) go into `d`.
pub fn render(site: &Site, theme: &Theme, d: &mut Diagnostics) -> Vec<OutputFile> {
    let mut shared = Context::new();
    shared.insert("site", &SiteView::new(site));
    shared.insert("sidebar", &sidebar(site));

    let results: Vec<Result<OutputFile, Diagnostic>> = site
        .pages
        .par_iter()
        .map(|page| render_page(site, theme, &shared, page))
        .collect();
    let mut files = Vec::with_capacity(results.len() + 8);
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(e) => d.push(e),
        }
    }
    let not_found = SimplePage {
        title: "Page not found",
        description: "There is no page at this address.",
        url: site.base.link("404.html"),
        permalink: site.base.absolute("404.html"),
    };
    match render_template(
        theme,
        "404.html",
        &shared,
        &not_found,
        Path::new("404.html"),
    ) {
        Ok(html) => files.push(OutputFile::text("404.html", html)),
        Err(e) => d.push(e),
    }
    files.push(OutputFile::text("sitemap.xml", feeds::sitemap(site)));
    files.push(OutputFile::text("robots.txt", feeds::robots(site)));
    let (light, dark) = highlight::stylesheets();
    files.push(OutputFile::text("syntax-light.css", light));
    files.push(OutputFile::text("syntax-dark.css", dark));
    for (name, asset) in &theme.statics {
        files.push(match asset {
            Asset::Embedded(bytes) => OutputFile::bytes(name, bytes.to_vec()),
            Asset::File(path) => OutputFile::copy(name, path.clone()),
        });
    }
    for (address, disk) in &site.assets {
        files.push(OutputFile::copy(address, disk.clone()));
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

fn render_page(
    site: &Site,
    theme: &Theme,
    shared: &Context,
    page: &Page,
) -> Result<OutputFile, Diagnostic> {
    let mut content = page.body.html.clone();
    for n in 0..page.body.directives.len() {
        // Directives are resolved in later stages of the design; until a directive kind is
        // supported its block is shown as code, so nothing is silently dropped.
        let d = &page.body.directives[n];
        content = content.replace(
            &markdown::placeholder(n),
            &highlight::plain(&d.body, "text"),
        );
    }
    let view = PageView::new(site, page, content);
    let template = match page.kind {
        PageKind::Home => "home.html",
        PageKind::Section => "section.html",
        PageKind::Chapter => "chapter.html",
    };
    let html = render_template(theme, template, shared, &view, &page.file)?;
    Ok(OutputFile::text(
        format!("{}index.html", page.address),
        html,
    ))
}

fn render_template<T: Serialize>(
    theme: &Theme,
    template: &str,
    shared: &Context,
    page: &T,
    source: &Path,
) -> Result<String, Diagnostic> {
    let mut ctx = shared.clone();
    ctx.insert("page", page);
    theme
        .tera
        .render(template, &ctx)
        .map_err(|e| theme::template_error(&e, &theme.origins, Some(source)))
}
