//! What a build wrote: a manifest inside the output lists every file, so the next build knows
//! which files are its own to replace and which a person (or another tool) put there.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::Path;

/// The manifest's file name, at the top of the output.
pub const MANIFEST: &str = ".stackguide-manifest";
pub const HEADER: &str =
    "# Written by stackguide: the files of its last build here. The next build replaces only these.";

/// Files operating systems drop into folders they show; never anyone's work.
const SYSTEM_FILES: &[&str] = &[".DS_Store", "Thumbs.db", "desktop.ini"];

/// Write the manifest of `paths` (relative, `/`-separated) into `dir`; its text.
pub(super) fn write<'a>(dir: &Path, paths: impl Iterator<Item = &'a str>) -> io::Result<String> {
    let mut text = String::from(HEADER);
    text.push('\n');
    for p in paths {
        text.push_str(p);
        text.push('\n');
    }
    fs::write(dir.join(MANIFEST), &text)?;
    Ok(text)
}

/// The paths the manifest in `dir` lists; `None` when there is no manifest (or a file of that
/// name that is not one).
pub(super) fn recorded(dir: &Path) -> io::Result<Option<HashSet<String>>> {
    match fs::read_to_string(dir.join(MANIFEST)) {
        Ok(text) if text.starts_with(HEADER) => Ok(Some(text.lines().skip(1).map(str::to_string).collect())),
        Ok(_) => Ok(None),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Whether a top-level entry of the output is kept from one build to the next: hidden entries
/// (`.git`, `.nojekyll`, ...) are never the build's, except its manifest.
pub(super) fn is_kept(name: &str) -> bool {
    name.starts_with('.') && name != MANIFEST
}

/// The files under `dir` that are not among those `recorded` by an earlier build (all of them
/// when there is no manifest), sorted; hidden top-level entries and system files are not counted.
pub(super) fn foreign_files(dir: &Path, recorded: Option<&HashSet<String>>) -> io::Result<Vec<String>> {
    let mut foreign = Vec::new();
    let walker = walkdir::WalkDir::new(dir).min_depth(1).sort_by_file_name().into_iter().filter_entry(|e| {
        let name = e.file_name().to_string_lossy();
        !(e.depth() == 1 && (is_kept(&name) || name == MANIFEST)) && !SYSTEM_FILES.contains(&name.as_ref())
    });
    for entry in walker {
        let entry = entry.map_err(io::Error::from)?;
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
        if !recorded.is_some_and(|r| r.contains(&rel)) {
            foreign.push(rel);
        }
    }
    Ok(foreign)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_not_in_the_manifest_are_foreign() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for f in ["index.html", "a/b.html", "CNAME", ".git/HEAD", ".DS_Store", "a/Thumbs.db"] {
            fs::create_dir_all(d.join(f).parent().unwrap()).unwrap();
            fs::write(d.join(f), "x").unwrap();
        }
        assert_eq!(
            foreign_files(d, recorded(d).unwrap().as_ref()).unwrap(),
            ["CNAME", "a/b.html", "index.html"],
            "no manifest: all visible files"
        );
        write(d, ["index.html", "a/b.html"].into_iter()).unwrap();
        assert_eq!(foreign_files(d, recorded(d).unwrap().as_ref()).unwrap(), ["CNAME"]);
        fs::write(d.join(MANIFEST), "index.html\n").unwrap();
        assert_eq!(
            foreign_files(d, recorded(d).unwrap().as_ref()).unwrap().len(),
            3,
            "a file without the header is not a manifest"
        );
    }
}
