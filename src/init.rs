//! `stackguide init`: write a small example site that builds as it is.

use std::fs;
use std::io;
use std::path::Path;

use include_dir::{Dir, DirEntry, include_dir};

static STARTER: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/starter");

/// Write the starter site into `dir`; refuses to touch an existing `content/`. Returns the file count.
pub fn init(dir: &Path) -> io::Result<usize> {
    if dir.join("content").exists() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} already has a content/ folder; nothing was changed", dir.display()),
        ));
    }
    let mut count = 0;
    write_dir(&STARTER, dir, &mut count)?;
    Ok(count)
}

fn write_dir(src: &Dir<'_>, dest: &Path, count: &mut usize) -> io::Result<()> {
    for entry in src.entries() {
        match entry {
            DirEntry::Dir(d) => write_dir(d, dest, count)?,
            DirEntry::File(f) => {
                let path = dest.join(f.path());
                if let Some(parent) = path.parent() {
                    fs::create_dir_all(parent)?;
                }
                fs::write(path, f.contents())?;
                *count += 1;
            }
        }
    }
    Ok(())
}
