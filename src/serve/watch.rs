//! Watching `content/` and `themes/` and calling back, debounced, after changes.

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

/// How long to wait for an editor's burst of writes to settle.
pub(super) const DEBOUNCE: Duration = Duration::from_millis(15);

/// The running watcher; dropping it stops watching.
pub(super) struct Watch {
    _debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    _thread: std::thread::JoinHandle<()>,
}

/// Watch the site's inputs under `root`; `on_change` runs on a thread of its own after each burst.
pub(super) fn start(root: &Path, on_change: impl Fn() + Send + 'static) -> Result<Watch, String> {
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(DEBOUNCE, None, tx).map_err(|e| e.to_string())?;
    for dir in ["content", "themes"] {
        let path = root.join(dir);
        if path.is_dir() {
            debouncer
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    let thread = std::thread::spawn(move || {
        while let Ok(first) = rx.recv() {
            // Coalesce whatever else arrived while the last build ran.
            let mut relevant = changes(&first);
            while let Ok(more) = rx.try_recv() {
                relevant |= changes(&more);
            }
            if relevant {
                on_change();
            }
        }
    });
    Ok(Watch { _debouncer: debouncer, _thread: thread })
}

/// Whether events change a file. Reading files (as every build does) raises access events,
/// which must not trigger another build.
fn changes(result: &DebounceEventResult) -> bool {
    use notify::EventKind::{Any, Create, Modify, Other, Remove};
    matches!(result, Ok(events) if events.iter().any(|e| matches!(e.kind, Create(_) | Modify(_) | Remove(_) | Any | Other)))
}
