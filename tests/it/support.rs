//! Test helpers: a site in a temporary folder, built in-process or through the real binary.

use std::cell::RefCell;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use lol_html::html_content::ContentType;
use lol_html::{RewriteStrSettings, doc_text, element};
use stackguide::BaseUrl;
use stackguide::parts::{resolve_href, split};
use stackguide::{BuildOptions, BuildResult};

/// The build day of every test build (`BuildOptions::today`, `STACKGUIDE_TODAY` for the
/// binary), so reviews and support windows do not go stale as the calendar moves.
pub const TODAY: &str = "2026-12-01";

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A site copied into a temporary folder, so tests never touch the repository.
pub struct TestSite {
    dir: tempfile::TempDir,
}

/// What the binary did.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl TestSite {
    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> Self {
        let site = Self::empty();
        copy_dir(&fixtures().join(name), site.root());
        site
    }

    /// The shared valid site `tests/fixtures/base/` changed as `tests/fixtures/<name>/` says: the
    /// files of its `overlay/` folder are copied over the base, then every path listed in its
    /// `remove` file (one a line, relative to the site; `#` starts a comment) is deleted.
    pub fn overlay(name: &str) -> Self {
        let site = Self::fixture("base");
        let case = fixtures().join(name);
        let (overlay, remove) = (case.join("overlay"), case.join("remove"));
        assert!(overlay.is_dir() || remove.is_file(), "{name}: no overlay/ folder and no remove file");
        if overlay.is_dir() {
            copy_dir(&overlay, site.root());
        }
        let list = fs::read_to_string(&remove).unwrap_or_default();
        for rel in list.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let path = site.root().join(rel);
            let removed = if path.is_dir() { fs::remove_dir_all(&path) } else { fs::remove_file(&path) };
            removed.unwrap_or_else(|e| panic!("{name}/remove: `{rel}` is not in the base: {e}"));
        }
        site
    }

    /// A copy of `tests/fixtures/<name>`, built; the build must succeed.
    pub fn built(name: &str) -> Self {
        let site = Self::fixture(name);
        let result = site.build();
        assert!(result.ok(), "{:?}", result.diagnostics.sorted());
        site
    }

    pub fn empty() -> Self {
        TestSite { dir: tempfile::tempdir().expect("temp dir") }
    }

    /// The minimal valid site: site.yaml and a home page.
    pub fn minimal() -> Self {
        Self::empty()
            .file("content/site.yaml", "title: T\ndescription: D\nbase_url: https://example.org/\n")
            .file("content/_index.md", "---\ntitle: Home\ndescription: The home page.\n---\nHello.\n")
    }

    pub fn file(self, rel: &str, text: &str) -> Self {
        self.write(rel, text.as_bytes());
        self
    }

    pub fn write(&self, rel: &str, bytes: &[u8]) {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, bytes).expect("write");
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Build in-process with default options, on the day [`TODAY`].
    pub fn build(&self) -> BuildResult {
        self.build_with(|_| {})
    }

    pub fn build_with(&self, f: impl FnOnce(&mut BuildOptions)) -> BuildResult {
        let mut opts = BuildOptions::for_root(self.root());
        opts.today = Some(TODAY.into());
        f(&mut opts);
        stackguide::build(&opts)
    }

    /// Run the real binary with `args`, in the site folder, on the day [`TODAY`].
    pub fn cli(&self, args: &[&str]) -> Run {
        self.cli_env(args, &[])
    }

    /// [`TestSite::cli`] with more environment variables (`STACKGUIDE_TODAY` among them, to
    /// build on another day).
    pub fn cli_env(&self, args: &[&str], vars: &[(&str, &str)]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_stackguide"))
            .args(args)
            .current_dir(self.root())
            .env("NO_COLOR", "1")
            .env("STACKGUIDE_TODAY", TODAY)
            .envs(vars.iter().copied())
            .output()
            .expect("run stackguide");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// A file of the output.
    pub fn read(&self, rel: &str) -> String {
        let path = self.public().join(rel);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// Only the `<main>` element of an output page, so theme changes elsewhere do not break tests.
    pub fn main_html(&self, rel: &str) -> String {
        main_of(&self.read(rel))
    }
}

pub fn main_of(html: &str) -> String {
    let start = html.find("<main").expect("page has <main>");
    let end = html.find("</main>").expect("page has </main>") + "</main>".len();
    html[start..end].to_string()
}

/// An element of a page found by [`select`], as the page has it (character references are not
/// decoded).
pub struct Element {
    pub attrs: Vec<(String, String)>,
    /// The text inside it, tags left out.
    pub text: String,
    /// The element itself, from its start tag to its end tag.
    pub html: String,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

const MARK: &str = "<!--test-select ";
const END_MARK: &str = "<!--/test-select ";

/// Every element of `html` that the CSS `selector` matches, in page order (lol_html's selectors:
/// tags, `.class`, `#id`, `[attr="value"]`, descendant and `>` combinators).
pub fn select(html: &str, selector: &str) -> Vec<Element> {
    let found = RefCell::new(Vec::new());
    let marked = lol_html::rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: vec![element!(selector, |el| {
                let mut found = found.borrow_mut();
                el.before(&format!("{MARK}{}-->", found.len()), ContentType::Html);
                el.after(&format!("{END_MARK}{}-->", found.len()), ContentType::Html);
                found.push(el.attributes().iter().map(|a| (a.name(), a.value())).collect());
                Ok(())
            })],
            ..RewriteStrSettings::new()
        },
    )
    .unwrap_or_else(|e| panic!("`{selector}`: {e}"));
    let found = found.into_inner().into_iter().enumerate();
    found
        .map(|(n, attrs)| {
            let (open, close) = (format!("{MARK}{n}-->"), format!("{END_MARK}{n}-->"));
            let start = marked.find(&open).expect("start marked") + open.len();
            let end = start
                + marked[start..]
                    .find(&close)
                    .unwrap_or_else(|| panic!("`{selector}` matched an element without an end tag"));
            let html = unmark(&marked[start..end]);
            Element { attrs, text: text_of(&html), html }
        })
        .collect()
}

/// The one element of `html` that `selector` matches; panics if there are none or several.
pub fn select_one(html: &str, selector: &str) -> Element {
    let mut found = select(html, selector);
    assert_eq!(found.len(), 1, "`{selector}` matches {} elements in {html}", found.len());
    found.remove(0)
}

/// `html` without the markers [`select`] put around nested matches.
fn unmark(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(at) = [MARK, END_MARK].iter().filter_map(|m| rest.find(m)).min() {
        out.push_str(&rest[..at]);
        rest = &rest[at + rest[at..].find("-->").expect("marker ends") + "-->".len()..];
    }
    out + rest
}

/// The text of an HTML fragment, as written.
fn text_of(html: &str) -> String {
    let text = RefCell::new(String::new());
    lol_html::rewrite_str(
        html,
        RewriteStrSettings {
            document_content_handlers: vec![doc_text!(|t| {
                text.borrow_mut().push_str(t.as_str());
                Ok(())
            })],
            ..RewriteStrSettings::new()
        },
    )
    .expect("fragment of a page");
    text.into_inner()
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk fixture");
        let dest = to.join(entry.path().strip_prefix(from).expect("prefix"));
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).expect("mkdir");
        } else {
            fs::copy(entry.path(), &dest).expect("copy");
        }
    }
}

/// Every file under `dir` with its bytes, sorted by path.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).expect("prefix").to_string_lossy().replace('\\', "/");
            (rel, fs::read(e.path()).expect("read"))
        })
        .collect();
    files.sort();
    files
}

/// Error messages as a user reads them: `path:line:col: message` lines, sorted.
pub fn messages(result: &BuildResult) -> Vec<String> {
    result.diagnostics.sorted().iter().map(ToString::to_string).collect()
}

/// Check that every `href` and `src` of every HTML file under `public` that points into the site
/// is absolute and names a file that exists and, with a `#fragment`, an element with that id.
/// Links are resolved by the library's own `link::resolve_href`, as `stackguide check` does.
pub fn internal_links_resolve(public: &Path, base: &BaseUrl) {
    let pages: std::collections::HashMap<String, String> = tree(public)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect();
    let mut broken = Vec::new();
    for (page, html) in &pages {
        for attr in ["href=\"", "src=\""] {
            for piece in html.split(attr).skip(1) {
                let target = &piece[..piece.find('"').unwrap()];
                let href = match resolve_href(base, page, target) {
                    Ok(None) => continue,
                    Ok(Some(href)) => href,
                    Err(message) => {
                        broken.push(format!("{page}: {message}"));
                        continue;
                    }
                };
                let path = split(target.trim()).path;
                if !path.is_empty() && !path.starts_with('/') {
                    broken.push(format!("{page}: relative link {target}"));
                } else if !public.join(&href.file).is_file() {
                    broken.push(format!("{page}: {target} (no file {})", href.file));
                } else if let Some(fragment) = href.fragment {
                    let ok = pages.get(&href.file).is_some_and(|h| h.contains(&format!("id=\"{fragment}\"")));
                    if !ok {
                        broken.push(format!("{page}: {target} (no id {fragment})"));
                    }
                }
            }
        }
    }
    broken.sort();
    assert!(broken.is_empty(), "{} broken links:\n{}", broken.len(), broken.join("\n"));
}

#[test]
fn select_gives_each_match_whole_even_when_nested() {
    let html = "<div class=\"a\" id=\"x\"><div class=\"a\">in &amp; <b>bold</b></div><br></div>";
    let found = select(html, "div.a");
    assert_eq!(found.len(), 2);
    assert_eq!((found[0].html.as_str(), found[0].attr("id")), (html, Some("x")));
    assert_eq!(found[1].html, "<div class=\"a\">in &amp; <b>bold</b></div>");
    assert_eq!(found[1].text, "in &amp; bold");
}
