//! Mapping a request path to a file of the build, and reading a file copied as it is, refusing
//! anything that could leave the site.

use std::collections::HashMap;
use std::fs::File;
use std::io::Read;
use std::path::Path;

use percent_encoding::percent_decode_str;

use crate::output::Contents;
use crate::routes::file_of;

/// What a request path maps to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Lookup {
    /// A file of the build, by its path in the output.
    Found(String),
    /// A folder asked for without its trailing slash.
    Redirect(String),
    NotFound,
    /// `..`, backslashes, NUL, absolute or drive paths, in any encoding.
    Refused,
}

/// Map the request path `raw` (still percent-encoded) to a file of `files`.
pub(crate) fn lookup(files: &HashMap<String, Contents>, raw: &str) -> Lookup {
    let Ok(decoded) = percent_decode_str(raw).decode_utf8() else { return Lookup::Refused };
    // Decoding twice catches `%252e%252e`, which some servers decode again later.
    let twice = percent_decode_str(&decoded).decode_utf8_lossy().into_owned();
    for p in [decoded.as_ref(), twice.as_str()] {
        if p.contains('\\')
            || p.contains('\0')
            || p.split('/').any(|seg| seg == ".." || seg == ".")
            || p.contains(':')
        {
            return Lookup::Refused;
        }
    }
    let path = decoded.strip_prefix('/').unwrap_or(&decoded);
    if path.starts_with('/') {
        return Lookup::Refused;
    }
    let file = file_of(path);
    if files.contains_key(&file) {
        return Lookup::Found(file);
    }
    if !path.is_empty() && !path.ends_with('/') && files.contains_key(&format!("{path}/index.html")) {
        return Lookup::Redirect(format!("{raw}/"));
    }
    Lookup::NotFound
}

/// The bytes of `from`, a file the build copies as it is, read now: `None` unless it is still a
/// regular file whose real path lies under `root` (the canonical site folder). Checked at each
/// request, since the file may have been replaced (by a symlink, say) after the build.
pub(crate) fn read_inside(root: &Path, from: &Path) -> Option<Vec<u8>> {
    let real = from.canonicalize().ok()?;
    if !real.starts_with(root) {
        return None;
    }
    // Asked before opening, since opening a FIFO or a device could block or never end.
    let seen = std::fs::metadata(&real).ok()?;
    if !seen.is_file() {
        return None;
    }
    let mut file = File::open(&real).ok()?;
    let opened = file.metadata().ok()?;
    if !opened.is_file() || !same_file(&seen, &opened) {
        return None;
    }
    let mut bytes = Vec::with_capacity(usize::try_from(opened.len()).unwrap_or(0));
    file.read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

/// Whether two metadata describe one file, so a swap between opening and resolving is caught.
#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    (a.dev(), a.ino()) == (b.dev(), b.ino())
}

#[cfg(not(unix))]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    a.is_file() && b.is_file() && a.len() == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> HashMap<String, Contents> {
        ["index.html", "guide/intro/index.html", "style.css", "a b.png"]
            .into_iter()
            .map(|p| (p.to_string(), Contents::Bytes(bytes::Bytes::new())))
            .collect()
    }

    #[test]
    fn maps_addresses_to_files() {
        let f = files();
        assert_eq!(lookup(&f, "/"), Lookup::Found("index.html".into()));
        assert_eq!(lookup(&f, "/guide/intro/"), Lookup::Found("guide/intro/index.html".into()));
        assert_eq!(lookup(&f, "/guide/intro"), Lookup::Redirect("/guide/intro/".into()));
        assert_eq!(lookup(&f, "/style.css"), Lookup::Found("style.css".into()));
        assert_eq!(lookup(&f, "/a%20b.png"), Lookup::Found("a b.png".into()));
        assert_eq!(lookup(&f, "/nope/"), Lookup::NotFound);
    }

    #[test]
    fn refuses_every_traversal_form() {
        let f = files();
        for raw in [
            "/../etc/passwd",
            "/guide/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/%252e%252e/etc/passwd",
            "/..%5cetc%5cpasswd",
            "/guide\\..\\..\\etc",
            "//etc/passwd",
            "/C:/Windows/win.ini",
            "/%00",
            "/./index.html",
            "/%ff%fe",
        ] {
            assert_eq!(lookup(&f, raw), Lookup::Refused, "{raw}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn reads_only_regular_files_inside_the_root() {
        let site = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let root = site.path().canonicalize().unwrap();
        std::fs::write(root.join("a.png"), "picture").unwrap();
        std::fs::write(outside.path().join("secret"), "secret").unwrap();
        assert_eq!(read_inside(&root, &root.join("a.png")), Some(b"picture".to_vec()));
        std::os::unix::fs::symlink(outside.path().join("secret"), root.join("b.png")).unwrap();
        assert_eq!(read_inside(&root, &root.join("b.png")), None, "a symlink out of the site");
        std::os::unix::fs::symlink(root.join("a.png"), root.join("c.png")).unwrap();
        assert_eq!(read_inside(&root, &root.join("c.png")), Some(b"picture".to_vec()), "one inside it");
        std::fs::create_dir(root.join("d.png")).unwrap();
        assert_eq!(read_inside(&root, &root.join("d.png")), None, "not a regular file");
        assert_eq!(read_inside(&root, &root.join("gone.png")), None);
    }
}
