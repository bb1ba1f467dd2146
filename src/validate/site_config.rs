//! `content/site.yaml` against the rest of the site: the base URL (or `--base-url`), links in
//! the navigation and to the repository, and the main flowchart.

use std::path::Path;

use super::data::is_web_url;
use crate::config::{BaseUrl, BuildOptions, SiteConfig};
use crate::diagnostics::{Diagnostic, Diagnostics, Span, did_you_mean};
use crate::load::yaml::{Seg, locate};
use crate::model::{Decision, DecisionId};
use crate::source::SourceMap;

const SITE_YAML: &str = "content/site.yaml";

/// Where `path` is in site.yaml.
fn at(sources: &SourceMap, path: &[Seg<'_>]) -> Option<Span> {
    let text = sources.get(Path::new(SITE_YAML)).unwrap_or_default();
    locate(text, 0..text.len(), path)
}

/// The site's address: `--base-url` when given, else `base_url` from site.yaml.
pub(super) fn base_url(
    config: &SiteConfig,
    opts: &BuildOptions,
    sources: &SourceMap,
    d: &mut Diagnostics,
) -> Option<BaseUrl> {
    match &opts.base_url {
        Some(url) => BaseUrl::parse(url).or_else(|| {
            d.push(
                Diagnostic::error("--base-url", format!("`{url}` is not an http(s) URL"))
                    .with_help("pass e.g. --base-url https://example.org/guide/"),
            );
            None
        }),
        None => BaseUrl::parse(&config.base_url).or_else(|| {
            d.push(
                Diagnostic::error(SITE_YAML, format!("`{}` is not an http(s) URL", config.base_url))
                    .at(at(sources, &[Seg::Key("base_url")]))
                    .with_help("write the address the site is published at, e.g. https://example.org/guide/"),
            );
            None
        }),
    }
}

/// Navigation links are site addresses or web addresses; repository links are web addresses.
pub(super) fn check_links(config: &SiteConfig, sources: &SourceMap, d: &mut Diagnostics) {
    for (i, link) in config.nav.iter().enumerate() {
        if !link.url.starts_with('/') && !is_web_url(&link.url) {
            d.push(
                Diagnostic::error(
                    SITE_YAML,
                    format!("`{}` is neither a site address nor a web address", link.url),
                )
                .at(at(sources, &[Seg::Key("nav"), Seg::Index(i), Seg::Key("url")]))
                .with_help("write an address of this site such as `/guide/`, or an https:// address"),
            );
        }
    }
    for (key, value) in [("repo_url", &config.repo_url), ("edit_url", &config.edit_url)] {
        if let Some(url) = value.as_ref().filter(|u| !is_web_url(u)) {
            d.push(
                Diagnostic::error(SITE_YAML, format!("`{url}` is not a web address"))
                    .at(at(sources, &[Seg::Key(key)]))
                    .with_help("write an https:// address"),
            );
        }
    }
}

/// The flowchart shown on the home page, by its index among `decisions`. `ids` are every
/// flowchart file's id, valid or not: one that failed to resolve is not reported again here.
pub(super) fn main_decision(
    config: &SiteConfig,
    decisions: &[Decision],
    ids: &[&str],
    sources: &SourceMap,
    d: &mut Diagnostics,
) -> Option<DecisionId> {
    let id = config.main_decision.as_ref()?;
    let found = decisions.iter().position(|x| &x.id == id);
    if found.is_none() && !ids.contains(&id.as_str()) {
        d.push(
            Diagnostic::error(SITE_YAML, format!("`main_decision` names `{id}`, which is not a flowchart"))
                .at(at(sources, &[Seg::Key("main_decision")]))
                .with_help_opt(
                    did_you_mean(id, ids.iter().copied())
                        .or_else(|| Some("flowchart ids are the file names in content/decisions/".into())),
                ),
        );
    }
    found.map(DecisionId)
}
