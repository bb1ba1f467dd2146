//! Test helpers: a site in a temporary folder, built in-process or through the real binary.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use stackguide::config::BaseUrl;
use stackguide::link::{resolve_href, split};
use stackguide::{BuildOptions, BuildResult};

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

    /// Build in-process with default options.
    pub fn build(&self) -> BuildResult {
        stackguide::build(&BuildOptions::for_root(self.root()))
    }

    pub fn build_with(&self, f: impl FnOnce(&mut BuildOptions)) -> BuildResult {
        let mut opts = BuildOptions::for_root(self.root());
        f(&mut opts);
        stackguide::build(&opts)
    }

    /// Run the real binary with `args`, in the site folder.
    pub fn cli(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_stackguide"))
            .args(args)
            .current_dir(self.root())
            .env("NO_COLOR", "1")
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
