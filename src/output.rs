//! The write stage: output files go to a staging folder beside the output, which is swapped in
//! only when everything was written. A failed build leaves the previous output as it was.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;

/// What a file of the output holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contents {
    Bytes(Vec<u8>),
    /// Copied from this file of the site when written.
    Copy(PathBuf),
}

/// One file of the output, by path relative to the output folder (`/` separated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub contents: Contents,
    /// The input file this page was made from, for messages about it.
    pub source: Option<PathBuf>,
}

impl OutputFile {
    pub fn text(path: impl Into<String>, text: String) -> Self {
        OutputFile { path: path.into(), contents: Contents::Bytes(text.into_bytes()), source: None }
    }

    pub fn bytes(path: impl Into<String>, bytes: Vec<u8>) -> Self {
        OutputFile { path: path.into(), contents: Contents::Bytes(bytes), source: None }
    }

    pub fn copy(path: impl Into<String>, from: PathBuf) -> Self {
        OutputFile { path: path.into(), contents: Contents::Copy(from), source: None }
    }

    pub fn from_source(mut self, source: &Path) -> Self {
        self.source = Some(source.to_path_buf());
        self
    }

    /// The text of an HTML, CSS, XML or other text file held in memory.
    pub fn text_contents(&self) -> Option<&str> {
        match &self.contents {
            Contents::Bytes(b) => std::str::from_utf8(b).ok(),
            Contents::Copy(_) => None,
        }
    }
}

/// Write `files` into `out` through a staging folder, then swap it in.
pub fn write(files: &[OutputFile], out: &Path) -> Result<(), Diagnostic> {
    let name = out.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "public".into());
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let staging = parent.join(format!(".{name}.staging"));
    let old = parent.join(format!(".{name}.old"));
    let fail = |what: &str, path: &Path, e: io::Error| {
        Diagnostic::error(path, format!("cannot {what}: {e}"))
            .with_help("the previous output was left as it was")
    };
    fs::create_dir_all(parent).map_err(|e| fail("create the output's folder", parent, e))?;
    remove(&staging).map_err(|e| fail("clear the staging folder", &staging, e))?;
    let written = write_all(files, &staging);
    if let Err(e) = written {
        let _ = remove(&staging);
        return Err(e);
    }
    remove(&old).map_err(|e| fail("remove an old output", &old, e))?;
    if out.exists() {
        fs::rename(out, &old).map_err(|e| fail("move the previous output aside", out, e))?;
    }
    if let Err(e) = fs::rename(&staging, out) {
        let _ = fs::rename(&old, out);
        return Err(fail("move the new output into place", out, e));
    }
    let _ = remove(&old);
    Ok(())
}

fn write_all(files: &[OutputFile], staging: &Path) -> Result<(), Diagnostic> {
    let mut dirs = std::collections::BTreeSet::new();
    for f in files {
        let rel = safe_relative(&f.path)
            .ok_or_else(|| Diagnostic::error(&f.path, "refusing to write outside the output folder"))?;
        if let Some(dir) = rel.parent() {
            dirs.insert(staging.join(dir));
        }
    }
    dirs.insert(staging.to_path_buf());
    for dir in &dirs {
        fs::create_dir_all(dir).map_err(|e| Diagnostic::error(dir, format!("cannot create folder: {e}")))?;
    }
    // Files are independent once their folders exist: write them on every core.
    files.par_iter().try_for_each(|f| {
        let dest = staging.join(&f.path);
        let result = match &f.contents {
            Contents::Bytes(b) => fs::write(&dest, b),
            Contents::Copy(from) => fs::copy(from, &dest).map(|_| ()),
        };
        result.map_err(|e| Diagnostic::error(&f.path, format!("cannot write: {e}")))
    })
}

/// `a/b.html` -> `a/b.html`; anything with `..`, a root or a drive is refused.
fn safe_relative(path: &str) -> Option<PathBuf> {
    let p = Path::new(path);
    p.components().all(|c| matches!(c, Component::Normal(_))).then(|| p.to_path_buf())
}

/// Remove a folder tree: its files on every core, then its folders, deepest first.
fn remove(path: &Path) -> io::Result<()> {
    if fs::symlink_metadata(path).is_err() {
        return Ok(());
    }
    let (mut dirs, files): (Vec<_>, Vec<_>) =
        walkdir::WalkDir::new(path).into_iter().filter_map(Result::ok).partition(|e| e.file_type().is_dir());
    files.par_iter().try_for_each(|f| match fs::remove_file(f.path()) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    })?;
    dirs.sort_by_key(|d| std::cmp::Reverse(d.depth()));
    for d in dirs {
        match fs::remove_dir(d.path()) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swaps_in_new_output_and_refuses_escapes() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(&[OutputFile::text("a/index.html", "one".into())], &out).unwrap();
        write(&[OutputFile::text("b.txt", "two".into())], &out).unwrap();
        assert!(!out.join("a/index.html").exists(), "stale files are gone");
        assert_eq!(fs::read_to_string(out.join("b.txt")).unwrap(), "two");
        let e = write(&[OutputFile::text("../evil", "x".into())], &out).unwrap_err();
        assert!(e.message.contains("outside"));
        assert_eq!(
            fs::read_to_string(out.join("b.txt")).unwrap(),
            "two",
            "a failed write keeps the old output"
        );
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(leftovers, ["public"]);
    }
}
