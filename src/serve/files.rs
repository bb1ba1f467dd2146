//! Mapping a request path to a file of the build, refusing anything that could leave it.

use std::collections::HashMap;

use percent_encoding::percent_decode_str;

use crate::output::Contents;

/// What a request path maps to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// A file of the build, by its path in the output.
    Found(String),
    /// A folder asked for without its trailing slash.
    Redirect(String),
    NotFound,
    /// `..`, backslashes, NUL, absolute or drive paths, in any encoding.
    Refused,
}

/// Map the request path `raw` (still percent-encoded) to a file of `files`.
pub fn lookup(files: &HashMap<String, Contents>, raw: &str) -> Lookup {
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
    let file =
        if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.to_string() };
    if files.contains_key(&file) {
        return Lookup::Found(file);
    }
    if !path.is_empty() && !path.ends_with('/') && files.contains_key(&format!("{path}/index.html")) {
        return Lookup::Redirect(format!("{raw}/"));
    }
    Lookup::NotFound
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> HashMap<String, Contents> {
        ["index.html", "guide/intro/index.html", "style.css", "a b.png"]
            .into_iter()
            .map(|p| (p.to_string(), Contents::Bytes(Vec::new())))
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
}
