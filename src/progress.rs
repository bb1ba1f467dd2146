//! How far a build has got: its stage and, within it, items done of a total. The stages count;
//! the command line reads the counts from another thread to draw a progress line.

use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};

/// A stage of a build that reports progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Reading,
    Markdown,
    Writing,
}

impl Stage {
    /// What the stage does, for people.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Reading => "reading",
            Stage::Markdown => "rendering Markdown",
            Stage::Writing => "writing pages",
        }
    }
}

/// The counts, shared between the build and whoever shows them.
#[derive(Debug, Default)]
pub struct Progress {
    stage: AtomicU8,
    done: AtomicUsize,
    total: AtomicUsize,
}

impl Progress {
    pub(crate) fn start(&self, stage: Stage, total: usize) {
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        self.stage.store(stage as u8, Ordering::Relaxed);
    }

    pub(crate) fn advance(&self, n: usize) {
        self.done.fetch_add(n, Ordering::Relaxed);
    }

    /// The stage, and items done of the total.
    pub fn now(&self) -> (Stage, usize, usize) {
        let stage = match self.stage.load(Ordering::Relaxed) {
            1 => Stage::Markdown,
            2 => Stage::Writing,
            _ => Stage::Reading,
        };
        (stage, self.done.load(Ordering::Relaxed), self.total.load(Ordering::Relaxed))
    }
}
