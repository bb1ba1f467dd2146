//! Where a build may write: the output folder resolved on disk (symlinks followed), and the
//! places it may never be, whatever the flags.

use std::io;
use std::path::{Component, Path, PathBuf};

use crate::diagnostics::Diagnostic;

/// An output folder that passed every check that does not depend on its contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Target {
    /// The folder as the user named it, for messages.
    pub shown: PathBuf,
    /// The folder on disk, symlinks resolved: the site lands here.
    pub dir: PathBuf,
}

impl Target {
    /// Resolve `out` (relative to the working folder) for the site at `root`, refusing the site
    /// itself, its ancestors, anything inside `content/` or `themes/` (existing or not) and
    /// anything that is not a folder.
    pub(crate) fn resolve(root: &Path, out: &Path, shown: &Path) -> Result<Target, Diagnostic> {
        let refuse = |message: String, help: &str| Err(Diagnostic::error(shown, message).with_help(help));
        let root = root
            .canonicalize()
            .map_err(|e| Diagnostic::error(root, format!("cannot read the site folder: {e}")))?;
        let dir = resolve_path(out)
            .map_err(|e| Diagnostic::error(shown, format!("cannot resolve the output folder: {e}")))?;
        let name = shown.display();
        if dir == root {
            return refuse(
                format!("the output folder `{name}` is the site folder itself"),
                "building there would replace the site; write to a folder of its own, e.g. public/",
            );
        }
        if root.starts_with(&dir) {
            return refuse(
                format!("the output folder `{name}` contains the site folder `{}`", root.display()),
                "building there would replace the site; write to a folder of its own, e.g. public/",
            );
        }
        for inputs in ["content", "themes"] {
            let plain = root.join(inputs);
            let real = plain.canonicalize().unwrap_or_else(|_| plain.clone());
            if dir.starts_with(&plain) || dir.starts_with(&real) {
                return refuse(
                    format!("the output folder `{name}` is inside the site's `{inputs}/` folder"),
                    "the build reads that folder, so it would publish its own output again; write outside it, e.g. public/",
                );
            }
        }
        match std::fs::metadata(&dir) {
            Ok(m) if !m.is_dir() => refuse(
                format!("the output `{name}` is a file, not a folder"),
                "the site is a folder of files; choose a folder for --output",
            ),
            _ => Ok(Target { shown: shown.to_path_buf(), dir }),
        }
    }

    /// The folder that holds the output, and the output's own name in it.
    pub(crate) fn parent_and_name(&self) -> (&Path, String) {
        let parent = self.dir.parent().unwrap_or(Path::new("/"));
        let name = self.dir.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        (parent, name)
    }

    /// A folder beside the output, named after it: `.public.staging`, `.public.old`...
    pub(crate) fn sibling(&self, suffix: &str) -> PathBuf {
        let (parent, name) = self.parent_and_name();
        parent.join(format!(".{name}.{suffix}"))
    }
}

/// `path` made absolute with every symlink of its existing part resolved and `.`/`..` applied;
/// the part that does not exist yet is taken as written.
fn resolve_path(path: &Path) -> io::Result<PathBuf> {
    let absolute = if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir()?.join(path) };
    let mut resolved = PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::Prefix(_) | Component::RootDir => resolved.push(part.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(name) => {
                resolved.push(name);
                // Follow a symlink to where it really is; a dangling one cannot be followed.
                if let Ok(meta) = std::fs::symlink_metadata(&resolved) {
                    resolved = resolved.canonicalize().map_err(|e| {
                        if meta.file_type().is_symlink() {
                            io::Error::new(
                                e.kind(),
                                format!("`{}` is a symlink to nothing ({e})", resolved.display()),
                            )
                        } else {
                            e
                        }
                    })?;
                }
            }
        }
    }
    Ok(resolved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_dots_and_symlinks_of_the_existing_part_only() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().canonicalize().unwrap();
        std::fs::create_dir(base.join("real")).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(base.join("real"), base.join("link")).unwrap();
        assert_eq!(resolve_path(&base.join("a/b/../c")).unwrap(), base.join("a/c"));
        #[cfg(unix)]
        assert_eq!(resolve_path(&base.join("link/x")).unwrap(), base.join("real/x"));
    }
}
