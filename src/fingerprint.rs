//! What a build's output is made from, as one hash: the binary that renders it, the options and
//! the day that change pages, and the bytes of every input (the texts read and the files copied).
//! Two builds with the same fingerprint write the same files, so the second need write nothing
//! (see `output::unchanged`).

use std::fs;
use std::hash::{Hash, Hasher};
use std::path::Path;

use rayon::prelude::*;
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use crate::model::Site;
use crate::theme::{Asset, Theme};

/// The fingerprint of `site` built with `theme` from input texts that hash to `texts` (see
/// `SourceMap::digest`), with `drafts` or not; `None` when a file it copies cannot be read, or
/// this program's own file cannot be found (a rebuilt binary may render differently).
pub(crate) fn inputs(texts: u64, site: &Site, theme: &Theme, drafts: bool) -> Option<u64> {
    let mut h = Xxh3::new();
    this_program(&mut h)?;
    h.write_u64(texts);
    h.write_u64(theme.fingerprint);
    site.base.hash(&mut h);
    site.today.hash(&mut h);
    drafts.hash(&mut h);
    let theme_files = theme.statics.iter().map(|(name, asset)| match asset {
        Asset::File(file) => (name.as_str(), Some(file.as_path())),
        // Part of the program.
        Asset::Embedded(_) => (name.as_str(), None),
    });
    let copied: Vec<(&str, Option<&Path>)> = site
        .assets
        .iter()
        .map(|(path, file)| (path.as_str(), Some(file.as_path())))
        .chain(theme_files)
        .collect();
    let hashes = copied
        .par_iter()
        .map(|(_, file)| file.map_or(Some(0), |f| fs::read(f).ok().map(|bytes| xxh3_64(&bytes))))
        .collect::<Option<Vec<u64>>>()?;
    for ((path, _), hash) in copied.iter().zip(hashes) {
        path.hash(&mut h);
        h.write_u64(hash);
    }
    Some(h.finish())
}

/// The version, size and modification time of the running program.
fn this_program(h: &mut Xxh3) -> Option<()> {
    let meta = fs::metadata(std::env::current_exe().ok()?).ok()?;
    env!("CARGO_PKG_VERSION").hash(h);
    h.write_u64(meta.len());
    meta.modified().ok()?.hash(h);
    Some(())
}
