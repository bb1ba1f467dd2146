//! The load stage: walk `content/`, read every file once, parse front matter and YAML data, and
//! collect every problem. Nothing outside the site folder is read.

mod data;
pub mod frontmatter;
mod limits;
mod page;
pub(crate) mod placeholder;
mod wording;
pub mod yaml;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

pub use page::FrontMatter;
pub(crate) use page::RawPage;

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics, Span};
use crate::memo::Memo;
use crate::source::{SourceMap, span_at};
pub(crate) use data::Located;
pub use data::{RawData, load_file};

/// Files larger than this are refused: nothing a writer edits by hand is this big.
pub(crate) const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Everything read from `content/`, parsed but not yet cross-checked.
#[derive(Debug, Default)]
pub(crate) struct RawSite {
    pub config: Option<SiteConfig>,
    pub pages: Vec<RawPage>,
    pub data: RawData,
    /// Other files under content/ (images, downloads), copied as they are: (path under content/, path on disk).
    pub assets: Vec<(PathBuf, PathBuf)>,
}

/// One input file, parsed on its own: what goes into the [`RawSite`] and what was wrong.
#[derive(Debug, Clone)]
pub(crate) struct Parsed {
    item: Item,
    problems: Vec<Diagnostic>,
}

#[derive(Debug, Clone)]
enum Item {
    /// The file could not be read.
    Unread,
    Config(Option<SiteConfig>),
    Page(Option<RawPage>),
    /// A data file's share of the site's data.
    Data(RawData),
}

/// Read and parse the site at `root`, each file on any core; `memo`, when given, remembers
/// parsed files by their path and text between builds that follow each other. Every problem
/// goes into `d`; what could be read is returned.
pub(crate) fn load(root: &Path, memo: Option<&Memo<Parsed>>, d: &mut Diagnostics) -> (SourceMap, RawSite) {
    let mut sources = SourceMap::default();
    let mut site = RawSite::default();
    let content = root.join("content");
    if !content.is_dir() {
        d.push(
            Diagnostic::error("content", "the site has no `content/` folder").with_help(format!(
                "run `stackguide init {}` to create a site, or pass --root",
                root.display()
            )),
        );
        return (sources, site);
    }
    let mut inputs = Vec::new();
    for file in walk(root, &content, d) {
        let rel = file.strip_prefix(&content).unwrap_or(&file).to_path_buf();
        match classify(&rel) {
            Kind::Asset => site.assets.push((rel, file)),
            kind => inputs.push((file, rel, kind)),
        }
    }
    misnamed_indexes(&inputs, d);
    let read: Vec<(PathBuf, Option<String>, Parsed)> = inputs
        .into_par_iter()
        .map(|(file, rel, kind)| {
            let shown = Path::new("content").join(&rel);
            let mut problems = Diagnostics::new();
            let text = read_text(&file, &shown, &mut problems);
            let parsed = match &text {
                Some(text) => match memo {
                    Some(memo) => {
                        memo.get_or(crate::memo::key((&shown, text)), || parse(kind, &shown, &rel, text))
                    }
                    None => parse(kind, &shown, &rel, text),
                },
                None => Parsed { item: Item::Unread, problems: Vec::new() },
            };
            (shown, text, Parsed { problems: [problems.into_vec(), parsed.problems].concat(), ..parsed })
        })
        .collect();
    let mut saw_config = false;
    for (shown, text, parsed) in read {
        d.extend(parsed.problems);
        match parsed.item {
            Item::Unread => {}
            Item::Config(config) => {
                saw_config = true;
                site.config = config;
            }
            Item::Page(page) => site.pages.extend(page),
            Item::Data(data) => site.data.append(data),
        }
        if let Some(text) = text {
            sources.insert(shown, text);
        }
    }
    if !saw_config {
        d.push(
            Diagnostic::error("content/site.yaml", "the site has no `content/site.yaml`")
                .with_help("create it with at least `title:`, `description:` and `base_url:`"),
        );
    }
    site.pages.sort_by(|a, b| a.rel.cmp(&b.rel));
    site.assets.sort();
    (sources, site)
}

/// Parse one file's text as what `kind` says it is.
fn parse(kind: Kind, shown: &Path, rel: &Path, text: &str) -> Parsed {
    let mut problems = Diagnostics::new();
    let item = match kind {
        Kind::Config => Item::Config(
            yaml::parse::<SiteConfig>(shown, text, 0..text.len()).map_err(|e| problems.push(e)).ok(),
        ),
        Kind::Page => Item::Page(page::parse(shown, rel, text).map_err(|e| problems.extend(e)).ok()),
        Kind::Data | Kind::Asset => {
            let mut data = RawData::default();
            load_file(&mut data, shown, rel, text, &mut problems);
            Item::Data(data)
        }
    };
    Parsed { item, problems: problems.into_vec() }
}

/// `index.md` is how other tools name a folder's own page; here it would be a page called
/// "index" beside the section's page, so it is an error that says what to rename it to.
fn misnamed_indexes(inputs: &[(PathBuf, PathBuf, Kind)], d: &mut Diagnostics) {
    for (_, rel, _) in inputs.iter().filter(|(_, rel, kind)| {
        *kind == Kind::Page && rel.file_name().is_some_and(|n| n.eq_ignore_ascii_case("index.md"))
    }) {
        let folder = rel.parent().unwrap_or(Path::new(""));
        let section = Path::new("content").join(folder).join("_index.md");
        let shown = section.to_string_lossy().replace('\\', "/");
        let which = match folder.to_string_lossy().replace('\\', "/") {
            f if f.is_empty() => "the home page".to_string(),
            f => format!("the page of the section `{f}/`"),
        };
        let taken = inputs.iter().any(|(_, r, _)| r == &folder.join("_index.md"));
        let help = if taken {
            format!("move its text into `{shown}`, which is {which}, and delete it")
        } else {
            format!("rename it to `{shown}` to make it {which}")
        };
        d.push(
            Diagnostic::error(
                Path::new("content").join(rel),
                "a folder's own page is named `_index.md`, not `index.md`",
            )
            .with_help(help),
        );
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Config,
    Page,
    Data,
    Asset,
}

fn classify(rel: &Path) -> Kind {
    let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or_default();
    let top = rel.components().next().and_then(|c| c.as_os_str().to_str()).unwrap_or_default();
    let depth = rel.components().count();
    match (top, depth, ext) {
        ("site.yaml", 1, _) => Kind::Config,
        ("criteria.yaml" | "project-types.yaml", 1, _) => Kind::Data,
        ("stacks", 2, "yaml" | "md") | ("decisions", 2, "yaml") => Kind::Data,
        (_, _, "md") => Kind::Page,
        _ => Kind::Asset,
    }
}

/// Every file under `dir`, sorted, skipping hidden files; symlinks that leave `root` are refused.
pub(crate) fn walk(root: &Path, dir: &Path, d: &mut Diagnostics) -> Vec<PathBuf> {
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut files = Vec::new();
    let mut walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(|p| rel_to(root, p)).unwrap_or_else(|| rel_to(root, dir));
                let message = if e.loop_ancestor().is_some() {
                    "symlink loop".to_string()
                } else {
                    format!(
                        "cannot read: {}",
                        e.io_error().map_or_else(|| e.to_string(), ToString::to_string)
                    )
                };
                d.push(Diagnostic::error(path, message));
                continue;
            }
        };
        if entry.path_is_symlink() {
            let inside = entry.path().canonicalize().map(|t| t.starts_with(&canonical_root));
            if !matches!(inside, Ok(true)) {
                d.push(
                    Diagnostic::error(rel_to(root, entry.path()), "symlink points outside the site folder")
                        .with_help(
                            "copy the file into the site instead; stackguide reads nothing outside it",
                        ),
                );
                if entry.file_type().is_dir() {
                    walker.skip_current_dir();
                }
                continue;
            }
        }
        if entry.file_type().is_file() {
            files.push(entry.into_path());
        }
    }
    files
}

/// `path` relative to `root`, for messages.
pub(crate) fn rel_to(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Read a UTF-8 text file, reporting size limits and invalid bytes at their position.
pub(crate) fn read_text(file: &Path, shown: &Path, d: &mut Diagnostics) -> Option<String> {
    // One open: the size checked is the open file's, and no more than the limit is read even
    // if the file grows meanwhile.
    let read = fs::File::open(file).and_then(|f| {
        let size = f.metadata()?.len();
        let mut bytes = Vec::new();
        if size <= MAX_FILE_BYTES {
            bytes.reserve_exact(usize::try_from(size).unwrap_or(0));
            f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
        }
        Ok((size.max(bytes.len() as u64), bytes))
    });
    let bytes = match read {
        Ok((size, _)) if size > MAX_FILE_BYTES => {
            let help = format!("input files may be at most {} MiB; split it up", MAX_FILE_BYTES >> 20);
            d.push(Diagnostic::error(shown, format!("file is too large ({size} bytes)")).with_help(help));
            return None;
        }
        Ok((_, bytes)) => bytes,
        Err(e) => {
            d.push(Diagnostic::error(shown, format!("cannot read: {e}")));
            return None;
        }
    };
    match String::from_utf8(bytes) {
        // A byte-order mark (as some Windows editors write) is not part of the text.
        Ok(text) => Some(text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text)),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..valid]);
            let Span { line, col, .. } = span_at(&prefix, prefix.len(), 0);
            d.push(
                Diagnostic::error(shown, "file is not valid UTF-8")
                    .at(Some(Span { line, col, len: 1 }))
                    .with_help("save the file as UTF-8"),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_content_files() {
        assert_eq!(classify(Path::new("site.yaml")), Kind::Config);
        assert_eq!(classify(Path::new("guide/intro.md")), Kind::Page);
        assert_eq!(classify(Path::new("_index.md")), Kind::Page);
        assert_eq!(classify(Path::new("stacks/go-gin.yaml")), Kind::Data);
        assert_eq!(classify(Path::new("stacks/go-gin.md")), Kind::Data);
        assert_eq!(classify(Path::new("decisions/x.yaml")), Kind::Data);
        assert_eq!(classify(Path::new("criteria.yaml")), Kind::Data);
        assert_eq!(classify(Path::new("guide/diagram.png")), Kind::Asset);
        assert_eq!(classify(Path::new("guide/site.yaml")), Kind::Asset);
    }
}
