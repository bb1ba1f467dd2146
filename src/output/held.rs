//! What a reused staging folder held when the build began: the output of the build before the
//! last one, kept aside as a spare after the swap. A rebuild updates it to the new site instead
//! of creating every folder and file afresh (and deleting the whole old tree afterwards), which
//! is most of a small site's file-system work. Files there may be hard links shared with the
//! live output, so they are never written in place: a changed file is unlinked first.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

/// The files and folders under a staging folder, relative to it (`/`-separated files).
#[derive(Debug, Default)]
pub(super) struct Held {
    files: HashSet<String>,
    folders: HashSet<PathBuf>,
}

impl Held {
    /// What `dir` holds; empty when it does not exist.
    pub(super) fn read(dir: &Path) -> io::Result<Held> {
        let mut held = Held::default();
        if fs::symlink_metadata(dir).is_err() {
            return Ok(held);
        }
        for entry in walkdir::WalkDir::new(dir).min_depth(1) {
            let entry = entry.map_err(io::Error::from)?;
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            if entry.file_type().is_dir() {
                held.folders.insert(rel.to_path_buf());
            } else {
                held.files.insert(rel.to_string_lossy().replace('\\', "/"));
            }
        }
        Ok(held)
    }

    /// Whether the folder `rel` is already there.
    pub(super) fn has_folder(&self, rel: &Path) -> bool {
        self.folders.contains(rel)
    }

    /// Make room for the folder `rel` under `dir`: a held file where it or one of its parents
    /// must go is removed.
    pub(super) fn clear_way(&mut self, dir: &Path, rel: &Path) -> io::Result<()> {
        for ancestor in rel.ancestors().filter(|a| !a.as_os_str().is_empty()) {
            let key = ancestor.to_string_lossy().replace('\\', "/");
            if self.files.remove(&key) {
                fs::remove_file(dir.join(ancestor))?;
            }
        }
        Ok(())
    }

    /// Make room for the file `rel` under `dir`: whether an earlier file is still there (to be
    /// compared), after a held folder in its place was removed.
    pub(super) fn file_slot(&mut self, dir: &Path, rel: &str) -> io::Result<bool> {
        let path = PathBuf::from(rel);
        if self.folders.remove(&path) {
            super::remove(&dir.join(&path))?;
            self.folders.retain(|f| !f.starts_with(&path));
            self.files.retain(|f| !Path::new(f).starts_with(&path));
        }
        Ok(self.files.contains(rel))
    }

    /// Remove what this build did not write again: files not in `written`, then folders that
    /// hold none of them, deepest first.
    pub(super) fn remove_stale(&self, dir: &Path, written: &HashSet<String>) -> io::Result<()> {
        let stale: Vec<&String> = self.files.iter().filter(|f| !written.contains(*f)).collect();
        stale.par_iter().try_for_each(|f| unlink(&dir.join(f)))?;
        let needed: HashSet<&Path> =
            written.iter().flat_map(|f| Path::new(f.as_str()).ancestors().skip(1)).collect();
        let mut gone: Vec<&PathBuf> = self.folders.iter().filter(|f| !needed.contains(f.as_path())).collect();
        gone.sort_by_key(|f| std::cmp::Reverse(f.components().count()));
        gone.into_iter().try_for_each(|folder| super::remove(&dir.join(folder)))
    }
}

/// Put a file's new bytes at `dest`, where `held` says whether an earlier one is there: an
/// earlier file with the same bytes stays as it is, any other is unlinked before writing (it
/// may be a hard link into the live output). `linked` tries to link the file from elsewhere
/// instead of writing it, and says whether it did.
pub(super) fn put_bytes(
    dest: &Path,
    bytes: &[u8],
    held: bool,
    linked: impl FnOnce() -> bool,
) -> io::Result<()> {
    if held {
        if fs::read(dest).is_ok_and(|before| before == bytes) {
            return Ok(());
        }
        unlink(dest)?;
    }
    if linked() {
        return Ok(());
    }
    fs::write(dest, bytes)
}

/// Copy the file `from` to `to`, streamed; the `xxh3_64` hash of the bytes copied.
pub(super) fn copy_hashed(from: &Path, to: &Path) -> io::Result<u64> {
    struct Hashing<W>(W, xxhash_rust::xxh3::Xxh3);
    impl<W: io::Write> io::Write for Hashing<W> {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            let n = self.0.write(buf)?;
            self.1.update(&buf[..n]);
            Ok(n)
        }
        fn flush(&mut self) -> io::Result<()> {
            self.0.flush()
        }
    }
    let mut out = Hashing(fs::File::create(to)?, xxhash_rust::xxh3::Xxh3::new());
    io::copy(&mut fs::File::open(from)?, &mut out)?;
    Ok(out.1.digest())
}

/// Remove the file at `path` if there is one.
pub(super) fn unlink(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}
