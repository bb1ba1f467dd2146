//! One build at a time per output folder: a lock file beside the folder, held from the first
//! look at the old output until the new one is in place. The lock is the operating system's, so
//! a build that dies releases it; the file itself stays (removing it would let two builds race).

use std::fs::{File, OpenOptions, TryLockError};

use super::target::Target;
use crate::diagnostics::Diagnostic;

/// Held while the output is replaced; released when dropped.
#[derive(Debug)]
pub(super) struct Lock {
    _file: File,
}

/// Take the output's lock, calling `on_wait` first when another build holds it.
pub(super) fn acquire(target: &Target, on_wait: &dyn Fn()) -> Result<Lock, Diagnostic> {
    let path = target.sibling("lock");
    let fail = |e: std::io::Error| {
        Diagnostic::error(&path, format!("cannot lock the output folder `{}`: {e}", target.shown.display()))
            .with_help("the previous output was left as it was")
    };
    let file =
        OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path).map_err(fail)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            on_wait();
            file.lock().map_err(fail)?;
        }
        Err(TryLockError::Error(e)) => return Err(fail(e)),
    }
    Ok(Lock { _file: file })
}
