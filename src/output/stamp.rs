//! What the last build into an output folder was made from, and what the folder then held: a
//! build whose inputs hash the same finds the folder as it left it, byte for byte, and has
//! nothing to write. Kept in the site's cache folder, one stamp for the last output written.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use super::manifest;

/// Bump when what is hashed changes.
const VERSION: u32 = 1;

/// The stamp's file in the cache folder.
pub(crate) const FILE: &str = "last-build.json";

#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
pub(super) struct Stamp {
    version: u32,
    /// The output folder, symlinks resolved.
    output: PathBuf,
    /// The hash of everything the output was made from (see `fingerprint`).
    inputs: u64,
    /// The hash of every file the build wrote there, as it wrote it (see [`Files`]).
    files: u64,
    /// HTML pages written, for the summary line.
    pages: usize,
}

impl Stamp {
    pub(super) fn new(output: &Path, inputs: u64, files: Files, pages: usize) -> Stamp {
        Stamp { version: VERSION, output: output.to_path_buf(), inputs, files: files.digest(), pages }
    }

    /// The stamp in `file`, when there is one of this version.
    pub(super) fn read(file: &Path) -> Option<Stamp> {
        let stamp: Stamp = serde_json::from_slice(&fs::read(file).ok()?).ok()?;
        (stamp.version == VERSION).then_some(stamp)
    }

    /// Whether the stamp is of a build into `output` made from `inputs`.
    pub(super) fn is_for(&self, output: &Path, inputs: u64) -> bool {
        self.output == output && self.inputs == inputs
    }

    /// Whether `output` holds exactly the files written when the stamp was made, byte for byte.
    pub(super) fn still_holds(&self, output: &Path) -> bool {
        Files::in_folder(output).is_ok_and(|files| files.digest() == self.files)
    }

    /// The HTML pages the build wrote.
    pub(super) fn pages(&self) -> usize {
        self.pages
    }

    /// Write the stamp to `file`, aside and renamed, so a reader never sees half of it. A stamp
    /// that cannot be written only means the next build writes everything again.
    pub(super) fn save(&self, file: &Path) {
        let Ok(json) = serde_json::to_vec(self) else { return };
        if let Some(dir) = file.parent() {
            let _ = fs::create_dir_all(dir);
        }
        let tmp = file.with_extension(format!("tmp{}", std::process::id()));
        if fs::write(&tmp, json).and_then(|()| fs::rename(&tmp, file)).is_err() {
            let _ = fs::remove_file(&tmp);
        }
    }
}

/// The files of an output folder, each by its path (relative, `/`-separated) with a hash of its
/// bytes; folders are not counted, hidden top-level entries (`.git`, ...) are not the build's.
#[derive(Debug, Default)]
pub(super) struct Files(Vec<(String, u64)>);

impl Files {
    /// Note a file as written with bytes that hash to `hash` (`xxh3_64`).
    pub(super) fn add(&mut self, path: &str, hash: u64) {
        self.0.push((path.to_string(), hash));
    }

    /// The files under `dir`, read back. A symlink or anything else that is not a plain file
    /// is an error: a build never writes one.
    fn in_folder(dir: &Path) -> io::Result<Files> {
        let walker = walkdir::WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .filter_entry(|e| e.depth() != 1 || !manifest::is_kept(&e.file_name().to_string_lossy()));
        let entries = walker.collect::<Result<Vec<_>, _>>().map_err(io::Error::from)?;
        let files = entries
            .par_iter()
            .filter(|e| !e.file_type().is_dir())
            .map(|e| {
                if !e.file_type().is_file() {
                    return Err(io::Error::other("not a plain file"));
                }
                let rel = e.path().strip_prefix(dir).unwrap_or(e.path());
                let rel = rel.to_string_lossy().replace('\\', "/");
                Ok((rel, xxh3_64(&fs::read(e.path())?)))
            })
            .collect::<io::Result<Vec<_>>>()?;
        Ok(Files(files))
    }

    /// One hash of every path and its bytes' hash, in path order.
    fn digest(mut self) -> u64 {
        self.0.sort_unstable();
        let mut h = Xxh3::new();
        for (path, hash) in &self.0 {
            h.update(path.as_bytes());
            h.update(&[0]);
            h.update(&hash.to_le_bytes());
        }
        h.digest()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small output: a page in a folder and a page at the top, and the files as written.
    fn output() -> (tempfile::TempDir, Files) {
        let dir = tempfile::tempdir().unwrap();
        let mut files = Files::default();
        fs::create_dir_all(dir.path().join("a")).unwrap();
        for (path, text) in [("a/index.html", "<p>one</p>"), ("index.html", "home")] {
            fs::write(dir.path().join(path), text).unwrap();
            files.add(path, xxh3_64(text.as_bytes()));
        }
        (dir, files)
    }

    fn digest(dir: &Path) -> Option<u64> {
        Files::in_folder(dir).ok().map(Files::digest)
    }

    #[test]
    fn the_files_read_back_hash_as_written_until_one_changes() {
        let (dir, written) = output();
        let d = dir.path();
        let before = written.digest();
        assert_eq!(digest(d), Some(before));

        fs::create_dir_all(d.join(".git")).unwrap();
        fs::write(d.join(".git/HEAD"), "ref").unwrap();
        fs::write(d.join(".nojekyll"), "").unwrap();
        fs::create_dir_all(d.join("empty")).unwrap();
        assert_eq!(digest(d), Some(before), "hidden top-level entries and folders are not counted");

        fs::write(d.join("a/index.html"), "<p>two</p>").unwrap();
        assert_ne!(digest(d), Some(before), "same size, other bytes");
        fs::write(d.join("a/index.html"), "<p>one</p>").unwrap();
        assert_eq!(digest(d), Some(before));

        let changes: [fn(&Path); 5] = [
            |d| fs::write(d.join("CNAME"), "x").unwrap(),
            |d| fs::write(d.join("a/.hidden"), "x").unwrap(),
            |d| fs::remove_file(d.join("index.html")).unwrap(),
            |d| fs::rename(d.join("index.html"), d.join("a/home.html")).unwrap(),
            |d| fs::rename(d.join("a"), d.join("b")).unwrap(),
        ];
        for (i, change) in changes.into_iter().enumerate() {
            let (dir, _) = output();
            change(dir.path());
            assert_ne!(digest(dir.path()), Some(before), "change {i}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_in_the_output_is_never_what_a_build_wrote() {
        let (dir, written) = output();
        let d = dir.path();
        fs::rename(d.join("index.html"), d.join("elsewhere")).unwrap();
        std::os::unix::fs::symlink(d.join("elsewhere"), d.join("index.html")).unwrap();
        assert_eq!(digest(d), None);
        assert!(!Stamp::new(d, 1, written, 2).still_holds(d));
    }

    #[test]
    fn a_stamp_holds_only_for_its_folder_inputs_and_files() {
        let (dir, written) = output();
        let out = dir.path();
        let cache = tempfile::tempdir().unwrap();
        let file = cache.path().join(".stackguide-cache").join(FILE);
        assert!(Stamp::read(&file).is_none(), "no stamp yet");
        Stamp::new(out, 7, written, 2).save(&file);
        let stamp = Stamp::read(&file).unwrap();
        assert_eq!(stamp.pages(), 2);
        assert!(stamp.is_for(out, 7) && stamp.still_holds(out));
        assert!(!stamp.is_for(out, 8), "other inputs");
        assert!(!stamp.is_for(&out.join("a"), 7), "another folder");
        fs::write(out.join("index.html"), "edited").unwrap();
        assert!(!stamp.still_holds(out), "the output was edited");
        fs::write(&file, "{not json").unwrap();
        assert!(Stamp::read(&file).is_none(), "unreadable");
    }
}
