//! The write stage: output files go to a staging folder beside the output, which is swapped in
//! only when everything was written. A failed build leaves the previous output as it was, and a
//! build replaces only what an earlier build wrote.

mod held;
mod lock;
mod manifest;
mod stamp;
mod target;

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use held::Held;
pub use manifest::{HEADER as MANIFEST_HEADER, MANIFEST};
pub(crate) use stamp::FILE as STAMP;
use stamp::Stamp;
pub(crate) use target::Target;

/// What a file of the output holds. Bytes are shared, not copied, when a file is cloned (a
/// rebuild under `serve` takes most pages from its memo).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contents {
    Bytes(bytes::Bytes),
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
        OutputFile { path: path.into(), contents: Contents::Bytes(text.into_bytes().into()), source: None }
    }

    pub fn bytes(path: impl Into<String>, bytes: Vec<u8>) -> Self {
        OutputFile { path: path.into(), contents: Contents::Bytes(bytes.into()), source: None }
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

/// How the output folder may be replaced.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct WriteOptions {
    /// Replace files that no earlier build wrote.
    pub force: bool,
}

/// The HTML pages of the last build into `target`, when its stamp in `file` says it was made
/// from `inputs` and the folder holds exactly what it wrote then: a build from the same inputs
/// has nothing to write. Looked at under the output's lock (calling `on_wait` if another build
/// holds it), and never when a build was interrupted there.
pub(crate) fn unchanged(target: &Target, file: &Path, inputs: u64, on_wait: &dyn Fn()) -> Option<usize> {
    let stamp = Stamp::read(file).filter(|s| s.is_for(&target.dir, inputs))?;
    let _lock = lock::acquire(target, on_wait).ok()?;
    let interrupted = ["old", "staging"].iter().any(|s| fs::symlink_metadata(target.sibling(s)).is_ok());
    (!interrupted && stamp.still_holds(&target.dir)).then(|| stamp.pages())
}

/// Write `files` into `target` through a staging folder, then swap it in (see [`Staging`]).
#[cfg(test)]
pub(crate) fn write(
    files: &[OutputFile],
    target: &Target,
    options: WriteOptions,
    on_wait: &dyn Fn(),
) -> Result<(), Diagnostic> {
    let mut staging = Staging::begin(target, options, on_wait)?;
    staging.write(files)?;
    staging.commit()
}

/// An output folder being replaced. Only one build at a time holds one per folder (a lock);
/// files that no earlier build wrote stop the build unless `force`. Files go into a staging
/// folder beside the output as they are rendered, batch by batch, so they need not all be held
/// in memory; `commit` writes the manifest and swaps the staging folder in, carrying over the
/// hidden entries of the old output (`.git`, ...). The old output is then kept beside it as a
/// spare, and the next build stages into that: it changes only what differs (see [`held`]).
/// Dropped without `commit`, the staging folder becomes the spare and the previous output
/// stays as it was.
pub(crate) struct Staging<'a> {
    target: &'a Target,
    dir: PathBuf,
    /// What the previous build here wrote: a file rendered the same again is linked from it
    /// rather than written, when the staging folder does not have it already.
    previous: HashSet<String>,
    /// What the staging folder held when the build began.
    held: Held,
    /// Every file written, for the manifest and to refuse a path written twice.
    written: HashSet<String>,
    /// The hash of every file written, for the stamp.
    hashes: stamp::Files,
    /// Folders already there.
    folders: HashSet<PathBuf>,
    committed: bool,
    /// Where to keep the stamp of what this build made, and the hash of its inputs.
    stamp: Option<(PathBuf, u64)>,
    _lock: lock::Lock,
}

impl<'a> Staging<'a> {
    /// Take the output's lock (calling `on_wait` if another build holds it), finish a swap an
    /// interrupted build left, take the spare (or the staging folder a stopped build left) as
    /// the staging folder, and check the output is ours.
    pub(crate) fn begin(
        target: &'a Target,
        options: WriteOptions,
        on_wait: &dyn Fn(),
    ) -> Result<Self, Diagnostic> {
        let (parent, _) = target.parent_and_name();
        fs::create_dir_all(parent).map_err(|e| fail("create the output's folder", parent, e))?;
        let lock = lock::acquire(target, on_wait)?;
        let dir = target.sibling("staging");
        let spare = target.sibling("spare");
        finish_interrupted_swap(&target.dir, &target.sibling("old"), &spare)?;
        // A staging folder a stopped build left is reused like the spare; anything but a
        // folder under either name is removed.
        let is_folder = |p: &Path| fs::symlink_metadata(p).is_ok_and(|m| m.is_dir());
        let reuse = [&dir, &spare]
            .into_iter()
            .filter(|p| !is_folder(p))
            .try_for_each(|p| remove(p))
            .and_then(|()| if is_folder(&dir) { remove(&spare) } else { rename_if_there(&spare, &dir) });
        let held = reuse
            .and_then(|()| Held::read(&dir))
            .or_else(|_| remove(&dir).map(|()| Held::default()))
            .map_err(|e| fail("clear the staging folder", &dir, e))?;
        // With --force an unreadable manifest only means nothing is reused.
        let recorded = match manifest::recorded(&target.dir) {
            Ok(recorded) => recorded,
            Err(e) if !options.force => return Err(fail("read the output folder", &target.dir, e)),
            Err(_) => None,
        };
        if !options.force {
            refuse_foreign_files(target, recorded.as_ref())?;
        }
        fs::create_dir_all(&dir).map_err(|e| fail("create the staging folder", &dir, e))?;
        let previous = recorded.unwrap_or_default();
        let folders = HashSet::from([dir.clone()]);
        Ok(Staging {
            target,
            dir,
            previous,
            held,
            written: HashSet::new(),
            hashes: stamp::Files::default(),
            folders,
            committed: false,
            stamp: None,
            _lock: lock,
        })
    }

    /// Keep, once the output is in place, a stamp in `file` of what it holds and of `inputs`, the
    /// hash of what it was made from (see [`unchanged`]).
    pub(crate) fn stamp_into(&mut self, file: PathBuf, inputs: u64) {
        self.stamp = Some((file, inputs));
    }

    /// Write a batch of files, on every core.
    pub(crate) fn write(&mut self, files: &[OutputFile]) -> Result<(), Diagnostic> {
        let mut batch = HashSet::new();
        for f in files {
            if self.written.contains(&f.path) || !batch.insert(f.path.as_str()) {
                return Err(Diagnostic::error(&f.path, "the build would write this file twice").with_help(
                    "two inputs claim one address; this is a bug in stackguide if no other error names them",
                ));
            }
            let rel = safe_relative(&f.path)
                .ok_or_else(|| Diagnostic::error(&f.path, "refusing to write outside the output folder"))?;
            if let Some(parent) = rel.parent() {
                self.make_folder(parent)?;
            }
        }
        // Files are independent once their folders exist.
        let slots = files
            .iter()
            .map(|f| self.held.file_slot(&self.dir, &f.path))
            .collect::<io::Result<Vec<bool>>>()
            .map_err(|e| fail("clear the staging folder", &self.dir, e))?;
        let hashes = files
            .par_iter()
            .zip(slots)
            .map(|(f, held)| {
                self.put(f, held).map_err(|e| Diagnostic::error(&f.path, format!("cannot write: {e}")))
            })
            .collect::<Result<Vec<u64>, _>>()?;
        for (f, hash) in files.iter().zip(hashes) {
            self.hashes.add(&f.path, hash);
        }
        self.written.extend(files.iter().map(|f| f.path.clone()));
        Ok(())
    }

    /// Make the folder `rel` of the staging folder, unless it is there.
    fn make_folder(&mut self, rel: &Path) -> Result<(), Diagnostic> {
        let folder = self.dir.join(rel);
        if self.folders.contains(&folder) {
            return Ok(());
        }
        if !self.held.has_folder(rel) {
            self.held
                .clear_way(&self.dir, rel)
                .and_then(|()| fs::create_dir_all(&folder))
                .map_err(|e| Diagnostic::error(&folder, format!("cannot create folder: {e}")))?;
        }
        self.folders.insert(folder);
        Ok(())
    }

    /// Put one file into the staging folder, where `held` says an earlier one is: kept when it
    /// holds the same bytes, else linked from the previous output when that does (read back,
    /// so a file changed there since is never taken), else written. The hash of the bytes put.
    fn put(&self, f: &OutputFile, held: bool) -> io::Result<u64> {
        let dest = self.dir.join(&f.path);
        match &f.contents {
            Contents::Copy(from) => {
                if held {
                    held::unlink(&dest)?;
                }
                held::copy_hashed(from, &dest)
            }
            Contents::Bytes(bytes) => {
                held::put_bytes(&dest, bytes, held, || {
                    let old = self.target.dir.join(&f.path);
                    self.previous.contains(&f.path)
                        && fs::read(&old).is_ok_and(|before| before == *bytes)
                        && fs::hard_link(&old, &dest).is_ok()
                })?;
                Ok(xxhash_rust::xxh3::xxh3_64(bytes))
            }
        }
    }

    /// Write the manifest and put the new output in place of the old.
    pub(crate) fn commit(mut self) -> Result<(), Diagnostic> {
        self.held
            .remove_stale(&self.dir, &self.written)
            .map_err(|e| fail("clear the staging folder", &self.dir, e))?;
        let mut paths: Vec<&str> = self.written.iter().map(String::as_str).collect();
        paths.sort_unstable();
        let manifest = manifest::write(&self.dir, paths.into_iter())
            .map_err(|e| fail("write the manifest", &self.dir, e))?;
        self.committed = true;
        swap(&self.dir, &self.target.dir, &self.target.sibling("old"), &self.target.sibling("spare"))?;
        if let Some((file, inputs)) = &self.stamp {
            let pages = self.written.iter().filter(|p| p.ends_with(".html")).count();
            let mut files = std::mem::take(&mut self.hashes);
            files.add(MANIFEST, xxhash_rust::xxh3::xxh3_64(manifest.as_bytes()));
            Stamp::new(&self.target.dir, *inputs, files, pages).save(file);
        }
        Ok(())
    }
}

impl Drop for Staging<'_> {
    fn drop(&mut self) {
        if !self.committed && rename_if_there(&self.dir, &self.target.sibling("spare")).is_err() {
            let _ = remove(&self.dir);
        }
    }
}

fn fail(what: &str, path: &Path, e: io::Error) -> Diagnostic {
    Diagnostic::error(path, format!("cannot {what}: {e}")).with_help("the previous output was left as it was")
}

/// Put `staging` where `out` is, keeping the old output aside until the new one is in place;
/// it becomes the `spare`.
fn swap(staging: &Path, out: &Path, old: &Path, spare: &Path) -> Result<(), Diagnostic> {
    if out.exists() {
        fs::rename(out, old).map_err(|e| fail("move the previous output aside", out, e))?;
    }
    if let Err(e) = fs::rename(staging, out) {
        let _ = fs::rename(old, out);
        return Err(fail("move the new output into place", out, e));
    }
    finish_interrupted_swap(out, old, spare)
}

/// A build stopped between the two renames of a swap leaves the old output aside: put it back
/// when the new one never arrived, else carry its hidden entries over and keep the rest as the
/// `spare` (removed if there is one already).
fn finish_interrupted_swap(out: &Path, old: &Path, spare: &Path) -> Result<(), Diagnostic> {
    if fs::symlink_metadata(old).is_err() {
        return Ok(());
    }
    if fs::symlink_metadata(out).is_err() {
        return fs::rename(old, out).map_err(|e| fail("restore the previous output", old, e));
    }
    for entry in fs::read_dir(old).map_err(|e| fail("read the previous output", old, e))? {
        let entry = entry.map_err(|e| fail("read the previous output", old, e))?;
        let name = entry.file_name();
        let dest = out.join(&name);
        if manifest::is_kept(&name.to_string_lossy()) && fs::symlink_metadata(&dest).is_err() {
            fs::rename(entry.path(), &dest)
                .map_err(|e| fail("keep a hidden file of the output", &dest, e))?;
        }
    }
    let kept = fs::symlink_metadata(spare).is_err() && fs::rename(old, spare).is_ok();
    if kept { Ok(()) } else { remove(old).map_err(|e| fail("remove the previous output", old, e)) }
}

/// Rename `from` to `to` when `from` exists.
fn rename_if_there(from: &Path, to: &Path) -> io::Result<()> {
    match fs::rename(from, to) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Stop when the output holds files that no earlier build wrote: they are someone's work.
fn refuse_foreign_files(target: &Target, recorded: Option<&HashSet<String>>) -> Result<(), Diagnostic> {
    if !target.dir.is_dir() {
        return Ok(());
    }
    let foreign = manifest::foreign_files(&target.dir, recorded)
        .map_err(|e| fail("read the output folder", &target.dir, e))?;
    let Some(first) = foreign.first() else { return Ok(()) };
    let mut names: Vec<&str> = foreign.iter().take(3).map(String::as_str).collect();
    if foreign.len() > 3 {
        names.push("...");
    }
    let files = if foreign.len() == 1 {
        format!("`{first}`")
    } else {
        format!("{} files ({})", foreign.len(), names.join(", "))
    };
    Err(Diagnostic::error(
        &target.shown,
        format!("the output folder `{}` holds {files} that stackguide did not write", target.shown.display()),
    )
    .with_help(
        "a build replaces the whole folder: choose an empty or new folder, put files to publish in content/ (they are copied as they are), or pass --force to replace them (hidden entries such as .git are kept)",
    ))
}

/// `a/b.html` -> `a/b.html`; anything with `..`, a root or a drive is refused.
fn safe_relative(path: &str) -> Option<PathBuf> {
    let p = Path::new(path);
    p.components().all(|c| matches!(c, Component::Normal(_))).then(|| p.to_path_buf())
}

/// Remove a folder tree: its files on every core, then its folders, deepest first.
fn remove(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Err(_) => return Ok(()),
        // A link (or a file) in a folder's place goes itself; what it points to is not ours.
        Ok(m) if !m.is_dir() => return fs::remove_file(path),
        Ok(_) => {}
    }
    let (mut dirs, files): (Vec<_>, Vec<_>) =
        walkdir::WalkDir::new(path).into_iter().filter_map(Result::ok).partition(|e| e.file_type().is_dir());
    files.par_iter().try_for_each(|f| held::unlink(f.path()))?;
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

    fn target(dir: &Path) -> Target {
        Target { shown: PathBuf::from("public"), dir: dir.join("public") }
    }

    fn put(files: &[OutputFile], dir: &Path, force: bool) -> Result<(), Diagnostic> {
        write(files, &target(dir), WriteOptions { force }, &|| {})
    }

    #[test]
    fn swaps_in_new_output_and_refuses_escapes() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        put(&[OutputFile::text("a/index.html", "one".into())], dir.path(), false).unwrap();
        put(&[OutputFile::text("b.txt", "two".into())], dir.path(), false).unwrap();
        assert!(!out.join("a/index.html").exists(), "stale files are gone");
        assert_eq!(fs::read_to_string(out.join("b.txt")).unwrap(), "two");
        let e = put(&[OutputFile::text("../evil", "x".into())], dir.path(), false).unwrap_err();
        assert!(e.message.contains("outside"));
        let e =
            put(&[OutputFile::text("x", "1".into()), OutputFile::text("x", "2".into())], dir.path(), false)
                .unwrap_err();
        assert!(e.message.contains("twice"), "{e}");
        assert_eq!(
            fs::read_to_string(out.join("b.txt")).unwrap(),
            "two",
            "a failed write keeps the old output"
        );
        let mut leftovers: Vec<_> =
            fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        leftovers.sort();
        assert_eq!(
            leftovers,
            [".public.lock", ".public.spare", "public"],
            "the old output is kept as a spare"
        );
    }

    /// Every file under `dir` with its text, hidden or not.
    fn files_in(dir: &Path) -> Vec<(String, String)> {
        let mut files: Vec<(String, String)> = walkdir::WalkDir::new(dir)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                (rel, fs::read_to_string(e.path()).unwrap())
            })
            .collect();
        files.sort();
        files
    }

    /// The output as `files` alone would make it, with its manifest.
    fn expected(files: &[OutputFile]) -> Vec<(String, String)> {
        let fresh = tempfile::tempdir().unwrap();
        put(files, fresh.path(), false).unwrap();
        files_in(&fresh.path().join("public"))
    }

    #[test]
    fn the_spare_is_updated_into_the_next_output_without_touching_the_live_one() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let text = |p: &str, t: &str| OutputFile::text(p, t.to_string());
        let builds = [
            vec![text("same.html", "s"), text("a/index.html", "1"), text("gone/deep/x.html", "x")],
            vec![text("same.html", "s"), text("a/index.html", "2"), text("gone", "now a file")],
            // A folder where a file was, and a file where a folder was.
            vec![text("same.html", "s"), text("a", "3"), text("gone/index.html", "a folder again")],
            vec![text("same.html", "s"), text("a/index.html", "4")],
        ];
        let mut live = Vec::new();
        for files in &builds {
            // Twice: the second build links unchanged files from the first, so the spare and
            // the live output then share them.
            for _ in 0..2 {
                put(files, dir.path(), false).unwrap();
                assert_eq!(files_in(&out), expected(files));
            }
            // A build that stops after writing other bytes into the reused spare (whose files
            // may be links to the live ones) changes nothing in the live output.
            let stopped: Vec<OutputFile> = files.iter().map(|f| text(&f.path, "other")).collect();
            let target = target(dir.path());
            let mut staging = Staging::begin(&target, WriteOptions::default(), &|| {}).unwrap();
            staging.write(&stopped).unwrap();
            drop(staging);
            assert_eq!(files_in(&out), expected(files));
            live = files_in(&out);
        }
        assert_eq!(live, expected(&builds[3]));
        assert!(dir.path().join(".public.spare").is_dir());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_in_place_of_the_spare_or_staging_folder_is_removed_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        fs::write(elsewhere.path().join("keep.html"), "someone's").unwrap();
        let files = [OutputFile::text("index.html", "home".into())];
        for name in [".public.staging", ".public.spare"] {
            std::os::unix::fs::symlink(elsewhere.path(), dir.path().join(name)).unwrap();
            put(&files, dir.path(), false).unwrap();
            assert_eq!(files_in(&dir.path().join("public")), expected(&files));
            assert_eq!(fs::read_to_string(elsewhere.path().join("keep.html")).unwrap(), "someone's");
            assert_eq!(fs::read_dir(elsewhere.path()).unwrap().count(), 1, "nothing added there");
        }
    }

    #[test]
    fn a_staging_folder_a_stopped_build_left_is_reused_and_cleaned() {
        let dir = tempfile::tempdir().unwrap();
        let files =
            [OutputFile::text("index.html", "home".into()), OutputFile::text("b/index.html", "b".into())];
        put(&files, dir.path(), false).unwrap();
        let staging = dir.path().join(".public.staging");
        for (p, t) in [("junk.html", "j"), ("b", "a file where a folder goes"), ("index.html", "half")] {
            fs::create_dir_all(staging.join(p).parent().unwrap()).unwrap();
            fs::write(staging.join(p), t).unwrap();
        }
        fs::create_dir_all(staging.join("old/empty")).unwrap();
        put(&files, dir.path(), false).unwrap();
        assert_eq!(files_in(&dir.path().join("public")), expected(&files));
        assert!(!staging.exists());
    }

    #[test]
    fn keeps_hidden_entries_and_refuses_files_it_did_not_write() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        put(&[OutputFile::text("index.html", "one".into())], dir.path(), false).unwrap();
        fs::create_dir(out.join(".git")).unwrap();
        fs::write(out.join(".git/HEAD"), "ref").unwrap();
        put(&[OutputFile::text("index.html", "two".into())], dir.path(), false).unwrap();
        assert_eq!(fs::read_to_string(out.join(".git/HEAD")).unwrap(), "ref");
        fs::write(out.join("CNAME"), "example.org").unwrap();
        let e = put(&[OutputFile::text("index.html", "three".into())], dir.path(), false).unwrap_err();
        assert_eq!(e.message, "the output folder `public` holds `CNAME` that stackguide did not write");
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        put(&[OutputFile::text("index.html", "three".into())], dir.path(), true).unwrap();
        assert!(!out.join("CNAME").exists(), "--force replaces them");
        assert_eq!(
            fs::read_to_string(out.join(".git/HEAD")).unwrap(),
            "ref",
            "hidden entries stay, even then"
        );
    }

    #[test]
    fn an_interrupted_swap_is_finished_by_the_next_build() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        put(&[OutputFile::text("index.html", "one".into())], dir.path(), false).unwrap();
        // Stopped after moving the old output aside, with a half-written staging folder.
        fs::rename(&out, dir.path().join(".public.old")).unwrap();
        fs::create_dir(dir.path().join(".public.staging")).unwrap();
        fs::write(dir.path().join(".public.staging/half.html"), "x").unwrap();
        put(&[OutputFile::text("index.html", "two".into())], dir.path(), false).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert!(!dir.path().join(".public.old").exists() && !dir.path().join(".public.staging").exists());
    }

    #[cfg(unix)]
    #[test]
    fn files_rendered_the_same_again_are_linked_from_the_previous_output() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let inode = |p: &str| fs::metadata(out.join(p)).unwrap().ino();
        let files = |b: &str| {
            vec![OutputFile::text("same.html", "same".into()), OutputFile::text("b.html", b.into())]
        };
        put(&files("one"), dir.path(), false).unwrap();
        let (same, b) = (inode("same.html"), inode("b.html"));
        put(&files("two"), dir.path(), false).unwrap();
        assert_eq!(inode("same.html"), same, "unchanged: the same file, linked");
        assert_ne!(inode("b.html"), b, "changed: written anew");
        assert_eq!(fs::read_to_string(out.join("b.html")).unwrap(), "two");
        // A file changed in place after the build is never taken for the build's own.
        fs::write(out.join("same.html"), "samE").unwrap();
        put(&files("two"), dir.path(), false).unwrap();
        assert_eq!(fs::read_to_string(out.join("same.html")).unwrap(), "same");
    }
}
