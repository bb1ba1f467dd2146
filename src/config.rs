//! Site configuration (`content/site.yaml`) and the options a build is run with.

use std::path::PathBuf;

use schemars::JsonSchema;
use serde::Deserialize;

/// `content/site.yaml`, as written.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// The site's name, shown in every page's header and title.
    pub title: String,
    /// One sentence about the site: the home page's meta description.
    pub description: String,
    /// The address the site is served from, e.g. https://example.org/guide/ (`--base-url` overrides it).
    pub base_url: String,
    /// The language of the pages, e.g. `en` (the default).
    #[serde(default = "default_language")]
    pub language: String,
    /// The theme: `themes/<theme>/` overrides the embedded default theme file by file.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Shown in the footer and the feed.
    #[serde(default)]
    pub author: Option<String>,
    /// The repository that holds the site, linked in the footer.
    #[serde(default)]
    pub repo_url: Option<String>,
    /// Where a page is edited: the page's source path is appended, e.g. https://github.com/org/repo/edit/main/.
    #[serde(default)]
    pub edit_url: Option<String>,
    /// The id of the flowchart shown on the home page (a file name in content/decisions/).
    #[serde(default)]
    pub main_decision: Option<String>,
    /// The links of the top navigation.
    #[serde(default)]
    pub nav: Vec<NavLink>,
    /// After how many days a stack profile's `reviewed` date is stale, so that `check` warns (365 by default).
    #[serde(default = "default_review_after")]
    pub review_after: u32,
}

/// A link in the top navigation.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NavLink {
    pub title: String,
    pub url: String,
}

fn default_language() -> String {
    "en".into()
}

fn default_theme() -> String {
    "default".into()
}

fn default_review_after() -> u32 {
    365
}

/// What the command line asked of a build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site folder: holds `content/` and optionally `themes/`.
    pub root: PathBuf,
    /// Where the site is written; `root/public` when not given.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` from site.yaml.
    pub base_url: Option<String>,
    /// Include pages marked `draft: true`.
    pub drafts: bool,
    /// Replace files in the output folder that no earlier build wrote.
    pub force: bool,
    /// The day reviews and support windows are judged against, `YYYY-MM-DD`. When `None`, the
    /// environment variable `STACKGUIDE_TODAY` if set, else the system clock (UTC): see
    /// `date::build_day`.
    pub today: Option<String>,
}

impl BuildOptions {
    pub fn for_root(root: impl Into<PathBuf>) -> Self {
        BuildOptions { root: root.into(), ..Self::default() }
    }

    pub fn output_dir(&self) -> PathBuf {
        self.output.clone().unwrap_or_else(|| self.root.join("public"))
    }
}

/// The site's public address, split into the absolute URL and the path every link starts with.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BaseUrl {
    /// e.g. `https://example.org/guide/` (always ends in `/`).
    pub absolute: String,
    /// e.g. `/guide/` (always starts and ends in `/`).
    pub path: String,
}

impl BaseUrl {
    /// Parse `https://host/path`; `None` when it is not an http(s) URL.
    pub fn parse(url: &str) -> Option<BaseUrl> {
        let url = url.trim();
        let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
        let (host, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        if host.is_empty() || path.contains(['?', '#']) || url.contains(char::is_whitespace) {
            return None;
        }
        let path = format!("/{}/", path.trim_matches('/')).replace("//", "/");
        let scheme_len = url.len() - rest.len();
        Some(BaseUrl { absolute: format!("{}{host}{path}", &url[..scheme_len]), path })
    }

    /// The link for a site address such as `guide/intro/` (leading `/` optional).
    pub fn link(&self, address: &str) -> String {
        format!("{}{}", self.path, address.trim_start_matches('/'))
    }

    /// The absolute URL for a site address.
    pub fn absolute(&self, address: &str) -> String {
        format!("{}{}", self.absolute, address.trim_start_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_keeps_its_path_prefix() {
        let b = BaseUrl::parse("https://example.org/guide").unwrap();
        assert_eq!(b.absolute, "https://example.org/guide/");
        assert_eq!(b.link("/stacks/go-gin/"), "/guide/stacks/go-gin/");
        assert_eq!(b.absolute("sitemap.xml"), "https://example.org/guide/sitemap.xml");
        let root = BaseUrl::parse("http://127.0.0.1:1111").unwrap();
        assert_eq!(root.link(""), "/");
        assert_eq!(BaseUrl::parse("example.org"), None);
        assert_eq!(BaseUrl::parse("https:///x"), None);
    }
}
