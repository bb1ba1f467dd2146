//! Themes: the default theme embedded in the binary, overridden file by file by a site's own
//! `themes/<name>/templates/` and `themes/<name>/static/`.

use std::collections::BTreeMap;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use include_dir::{Dir, include_dir};
use tera::{ErrorKind, Tera};

use crate::diagnostics::{Diagnostic, Diagnostics, Span};
use crate::load;
use crate::session::Session;
use crate::source::SourceMap;

static DEFAULT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A static file of the theme: embedded bytes or a file of the site's own theme.
#[derive(Debug, Clone)]
pub(crate) enum Asset {
    Embedded(&'static [u8]),
    File(PathBuf),
}

/// The templates, ready to render, and the static files to copy.
pub(crate) struct Theme {
    /// Shared with the session that remembers them (`serve`).
    pub tera: Arc<Tera>,
    /// Path under `static/` -> file.
    pub statics: BTreeMap<String, Asset>,
    /// Template name -> the file it came from, for error messages.
    pub origins: BTreeMap<String, PathBuf>,
    /// A hash of every template's name and text: pages rendered with other templates differ.
    pub fingerprint: u64,
}

impl Theme {
    /// The static files, by path in the output, with where each comes from (for messages).
    pub(crate) fn static_files(&self, root: &Path) -> Vec<(String, PathBuf)> {
        self.statics
            .iter()
            .map(|(name, asset)| {
                let origin = match asset {
                    Asset::Embedded(_) => PathBuf::from("(default theme)/static").join(name),
                    Asset::File(path) => load::rel_to(root, path),
                };
                (name.clone(), origin)
            })
            .collect()
    }
}

/// A theme's static file as it is served: scripts without their indentation and comment lines
/// (a quarter fewer bytes to download). A script with a template literal or a line ending in
/// `\` is served as it is, since a line break may be part of a string there.
pub(crate) fn served(path: &str, bytes: Vec<u8>) -> Vec<u8> {
    let Ok(script) = std::str::from_utf8(&bytes) else { return bytes };
    if !path.ends_with(".js") || script.contains('`') || script.lines().any(|l| l.trim_end().ends_with('\\'))
    {
        return bytes;
    }
    script
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("//"))
        .flat_map(|line| [line, "\n"])
        .collect::<String>()
        .into_bytes()
}

/// Load the default theme and the overrides of `themes/<name>/` under `root`.
pub(crate) fn load(
    root: &Path,
    name: &str,
    session: &Session,
    sources: &mut SourceMap,
    d: &mut Diagnostics,
) -> Option<Theme> {
    let mut templates: BTreeMap<String, String> = BTreeMap::new();
    let mut origins = BTreeMap::new();
    let mut statics = BTreeMap::new();
    for file in embedded_files(&DEFAULT) {
        let path = file.path().to_string_lossy().replace('\\', "/");
        if let Some(name) = path.strip_prefix("templates/") {
            templates.insert(name.to_string(), file.contents_utf8().unwrap_or_default().to_string());
            origins.insert(name.to_string(), PathBuf::from("(default theme)/templates").join(name));
        } else if let Some(name) = path.strip_prefix("static/") {
            statics.insert(name.to_string(), Asset::Embedded(file.contents()));
        }
    }
    let dir = root.join("themes").join(name);
    if name != "default"
        && let Err(problem) = check_theme_dir(root, name, &dir)
    {
        let text = sources.get(Path::new(SITE_YAML)).unwrap_or_default();
        d.push(problem.at(load::yaml::locate(text, 0..text.len(), &[load::yaml::Seg::Key("theme")])));
    } else if dir.is_dir() {
        for file in load::walk(root, &dir, d) {
            let rel = file.strip_prefix(&dir).unwrap_or(&file).to_string_lossy().replace('\\', "/");
            let shown = load::rel_to(root, &file);
            if let Some(tpl) = rel.strip_prefix("templates/") {
                if let Some(text) = load::read_text(&file, &shown, d) {
                    templates.insert(tpl.to_string(), text.clone());
                    origins.insert(tpl.to_string(), shown.clone());
                    sources.insert(shown, text);
                }
            } else if let Some(s) = rel.strip_prefix("static/") {
                statics.insert(s.to_string(), Asset::File(file));
            }
        }
    }
    let fingerprint = crate::memo::key(&templates);
    let parsed = session.templates(fingerprint, || {
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml", ".svg"]);
        tera.add_raw_templates(templates.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
        Ok(tera)
    });
    match parsed {
        Ok(tera) => Some(Theme { tera, statics, origins, fingerprint }),
        Err(e) => {
            d.push(template_error(&e, &origins, None));
            None
        }
    }
}

const SITE_YAML: &str = "content/site.yaml";

/// The theme loaded by a worker of the build beside the content, by the name a line
/// `theme: NAME` of `site.yaml` gives (`default` without one): used only if that is the name the
/// loaded configuration gives and it loaded without a word to say; else, or if no worker had
/// started on it by then, the theme is loaded after the content, as it would have been, with
/// its messages.
#[derive(Default)]
pub(crate) struct Ahead {
    /// Set by whoever starts loading the theme first: the worker, or the build once the content
    /// is loaded (which then loads it itself rather than wait for a worker to wake).
    claimed: AtomicBool,
    loaded: OnceLock<Mutex<Option<Loaded>>>,
}

/// A theme loaded ahead, with the name it was loaded by and the texts of its templates.
struct Loaded {
    name: String,
    theme: Option<Theme>,
    sources: SourceMap,
    quiet: bool,
}

impl Ahead {
    pub(crate) fn load(&self, root: &Path, session: &Session) {
        if !self.claimed.swap(true, Ordering::AcqRel) {
            // Set even if loading panics, so the build never waits for it forever: it then
            // loads the theme itself, and the panic is its own.
            let loaded = std::panic::catch_unwind(AssertUnwindSafe(|| Loaded::load(root, session)));
            let _ = self.loaded.set(Mutex::new(loaded.ok()));
        }
    }

    /// The theme named `name`, loaded ahead, with its templates' texts put into `sources`.
    pub(crate) fn theme(&self, name: &str, sources: &mut SourceMap) -> Option<Theme> {
        if !self.claimed.swap(true, Ordering::AcqRel) {
            return None;
        }
        // Being loaded by a worker that has started: it finishes without waiting on anything.
        let loaded = self.loaded.wait().lock().ok()?.take()?;
        let theme = loaded.theme.filter(|_| loaded.quiet && loaded.name == name)?;
        sources.append(loaded.sources);
        Some(theme)
    }
}

impl Loaded {
    fn load(root: &Path, session: &Session) -> Loaded {
        // A plain file only, read as the content is (no larger than its limit).
        let file = root.join(SITE_YAML);
        let plain = std::fs::symlink_metadata(&file).is_ok_and(|m| m.is_file());
        let text = plain.then(|| load::read_text(&file, Path::new(SITE_YAML), &mut Diagnostics::new()));
        let name = text
            .flatten()
            .unwrap_or_default()
            .lines()
            .find_map(|line| line.strip_prefix("theme:"))
            .map_or("default", |name| name.trim().trim_matches(['"', '\'']))
            .to_string();
        let (mut sources, mut d) = (SourceMap::default(), Diagnostics::new());
        let theme = self::load(root, &name, session, &mut sources, &mut d);
        Loaded { name, theme, sources, quiet: d.is_empty() }
    }
}

/// A theme is a folder name under `themes/`: no paths, and no symlink out of the site.
fn check_theme_dir(root: &Path, name: &str, dir: &Path) -> Result<(), Diagnostic> {
    let plain = !name.is_empty()
        && name != "."
        && name != ".."
        && name.chars().all(|c| c.is_alphanumeric() || "-_.".contains(c));
    if !plain {
        return Err(Diagnostic::error(SITE_YAML, format!("`theme: {name}` is not a theme name"))
            .with_help("a theme is the name of a folder under themes/, such as `mine` for themes/mine/; paths are not allowed"));
    }
    if !dir.is_dir() {
        return Err(Diagnostic::error(
            SITE_YAML,
            format!("theme `{name}` not found: there is no folder `themes/{name}/`"),
        )
        .with_help("remove `theme:` to use the default theme, or create the folder"));
    }
    let inside = match (dir.canonicalize(), root.canonicalize()) {
        (Ok(d), Ok(r)) => d.starts_with(r),
        _ => false,
    };
    if !inside {
        return Err(Diagnostic::error(
            SITE_YAML,
            format!("`themes/{name}` is a symlink to a folder outside the site"),
        )
        .with_help("copy the theme into themes/; stackguide reads nothing outside the site folder"));
    }
    Ok(())
}

fn embedded_files(dir: &'static Dir<'static>) -> Vec<&'static include_dir::File<'static>> {
    let mut out = Vec::new();
    for entry in dir.entries() {
        match entry {
            include_dir::DirEntry::Dir(d) => out.extend(embedded_files(d)),
            include_dir::DirEntry::File(f) => out.push(f),
        }
    }
    out
}

/// A Tera error as a diagnostic at the template's file:line:col; `page` names what was being rendered.
pub(crate) fn template_error(
    e: &tera::Error,
    origins: &BTreeMap<String, PathBuf>,
    page: Option<&Path>,
) -> Diagnostic {
    let (file, span, message) = match e.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
            let file = origins.get(r.filename()).cloned().unwrap_or_else(|| PathBuf::from(r.filename()));
            let s = r.span();
            let len =
                if s.end_line == s.start_line { s.end_col.saturating_sub(s.start_col).max(1) } else { 1 };
            (file, Some(Span { line: s.start_line, col: s.start_col + 1, len }), r.message().to_string())
        }
        _ => (PathBuf::from("themes"), None, full_message(e)),
    };
    let d = Diagnostic::error(file, format!("template error: {message}")).at(span);
    match page {
        Some(p) => d.with_help(format!("while rendering the page for `{}`", p.display())),
        None => d,
    }
}

fn full_message(e: &tera::Error) -> String {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_are_served_without_indentation_and_comment_lines() {
        let script = "// What it does.\n(function () {\n  var u = \"https://example.org\"; // kept\n\n    // gone\n  f(u);\n})();\n";
        let compact = String::from_utf8(served("site.js", script.as_bytes().to_vec())).unwrap();
        assert_eq!(compact, "(function () {\nvar u = \"https://example.org\"; // kept\nf(u);\n})();\n");
        assert_eq!(served("style.css", b"  a { }\n// x\n".to_vec()), b"  a { }\n// x\n", "only scripts");
        let literal = "var t = `a\n  // b`;\n";
        assert_eq!(served("t.js", literal.into()), literal.as_bytes(), "line breaks inside strings are kept");
    }
}
