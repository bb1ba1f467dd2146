//! The progress line of a long build on a terminal: drawn only once the build has run for a
//! second, cleared when it ends, so short builds print nothing but their summary.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::progress::Progress;

/// How long a build runs before its progress is shown.
const DELAY: Duration = Duration::from_secs(1);
const TICK: Duration = Duration::from_millis(100);

/// Show `progress` on stderr until `done`.
pub(super) fn show(progress: &Progress, done: &AtomicBool) {
    let start = Instant::now();
    let mut bar: Option<ProgressBar> = None;
    while !done.load(Ordering::Relaxed) {
        std::thread::sleep(TICK);
        if start.elapsed() < DELAY {
            continue;
        }
        let bar = bar.get_or_insert_with(|| {
            let style = ProgressStyle::with_template("{msg:>20} [{bar:30}] {pos}/{len} {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> ");
            ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()).with_style(style)
        });
        let (stage, items, total) = progress.now();
        bar.set_message(stage.label());
        bar.set_length(total as u64);
        bar.set_position(items.min(total) as u64);
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
}
