//! `stackguide init`: write a small example site that builds as it is (a chapter, criteria,
//! project types, one stack profile and one flowchart, so every `stackguide new` works on it),
//! with the JSON Schemas of its files and the editor settings that map them, never replacing a
//! file that is already there.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use include_dir::{Dir, DirEntry, include_dir};

use crate::{date, schema};

static STARTER: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/starter");

/// What `init` did.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Report {
    /// Files written, relative to the folder.
    pub written: Vec<PathBuf>,
    /// Files that were there already and were left as they are, relative to the folder.
    pub kept: Vec<PathBuf>,
    /// Lines of the starter's `.gitignore` that a kept `.gitignore` lacks.
    pub ignore_lines_missing: Vec<String>,
}

/// Write the starter site into `dir`. Refuses a `dir` that is a file or already has `content/`;
/// any other file already there (a `.gitignore`, say) is kept as it is and listed in the report.
pub(crate) fn init(dir: &Path) -> io::Result<Report> {
    if dir.exists() && !dir.is_dir() {
        return Err(refused(format!("{} is a file, not a folder; nothing was changed", dir.display())));
    }
    // `symlink_metadata`, so that even a dangling symlink named content counts as there.
    if fs::symlink_metadata(dir.join("content")).is_ok() {
        return Err(refused(format!("{} already has a content/ folder; nothing was changed", dir.display())));
    }
    let mut report = Report::default();
    for (rel, bytes) in files() {
        let path = dir.join(&rel);
        if fs::symlink_metadata(&path).is_ok() || !write_new(&path, &bytes)? {
            report.kept.push(rel);
        } else {
            report.written.push(rel);
        }
    }
    if report.kept.iter().any(|p| p == Path::new(".gitignore")) {
        report.ignore_lines_missing = missing_ignore_lines(&dir.join(".gitignore"));
    }
    Ok(report)
}

fn refused(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::AlreadyExists, message)
}

/// Every file `init` writes: its path in the site and its bytes. The example profile is
/// reviewed on the build day, so a new site has no stale review to warn about.
fn files() -> Vec<(PathBuf, Vec<u8>)> {
    let today = date::build_day(None).map_or_else(|_| date::today(), date::format);
    let mut files: Vec<(PathBuf, Vec<u8>)> = starter_files(&STARTER)
        .into_iter()
        .map(|(rel, bytes)| {
            let text = String::from_utf8_lossy(bytes);
            let reviewed = (rel.starts_with("content/stacks") && text.contains("\nreviewed: ")).then(|| {
                text.lines()
                    .map(|l| {
                        if l.starts_with("reviewed: ") {
                            format!("reviewed: {today}\n")
                        } else {
                            format!("{l}\n")
                        }
                    })
                    .collect::<String>()
            });
            (rel, reviewed.map_or_else(|| bytes.to_vec(), String::into_bytes))
        })
        .collect();
    for s in schema::all() {
        files.push((Path::new(schema::SCHEMA_DIR).join(s.file_name()), s.text.into_bytes()));
    }
    files.push((PathBuf::from(".vscode/settings.json"), schema::vscode_settings().into_bytes()));
    files
}

/// Every file of the starter: its path in the site and its bytes.
fn starter_files(src: &'static Dir<'static>) -> Vec<(PathBuf, &'static [u8])> {
    let mut files = Vec::new();
    for entry in src.entries() {
        match entry {
            DirEntry::Dir(d) => files.extend(starter_files(d)),
            DirEntry::File(f) => files.push((f.path().to_path_buf(), f.contents())),
        }
    }
    files
}

/// Create `path` with `bytes`, only if nothing is there: a file or symlink that appeared since it
/// was looked for is neither followed nor replaced. Whether it was written.
fn write_new(path: &Path, bytes: &[u8]) -> io::Result<bool> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| with_path(parent, e))?;
    }
    match OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(mut file) => file.write_all(bytes).map(|()| true).map_err(|e| with_path(path, e)),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(with_path(path, e)),
    }
}

fn with_path(path: &Path, e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display()))
}

/// The lines of the starter's `.gitignore` that the one at `path` does not have.
fn missing_ignore_lines(path: &Path) -> Vec<String> {
    let theirs = fs::read_to_string(path).unwrap_or_default();
    let ours = STARTER.get_file(".gitignore").and_then(|f| f.contents_utf8()).unwrap_or_default();
    ours.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !theirs.lines().any(|l| l.trim() == *line))
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gitignore_that_lists_the_lines_already_needs_none() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(".gitignore"), "target/\n.stackguide-cache/\n  public/  \n.public.*\n")
            .unwrap();
        let report = init(dir.path()).unwrap();
        assert_eq!(report.kept, [PathBuf::from(".gitignore")]);
        assert!(report.ignore_lines_missing.is_empty(), "{:?}", report.ignore_lines_missing);
        assert!(report.written.contains(&PathBuf::from("content/site.yaml")));
    }

    #[test]
    fn a_file_that_appears_meanwhile_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.txt");
        assert!(write_new(&path, b"first").unwrap());
        assert!(!write_new(&path, b"second").unwrap());
        assert_eq!(fs::read(&path).unwrap(), b"first");
    }
}
