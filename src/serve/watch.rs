//! Watching `content/` and `themes/` and calling back, debounced, after changes. The site folder
//! itself is watched too, but not recursively (it may hold `target/` or `node_modules/`), so that
//! an input folder deleted and created again (or renamed away and back) is watched again.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

/// How long to wait for an editor's burst of writes to settle.
pub(super) const DEBOUNCE: Duration = Duration::from_millis(15);

/// The folders under the site root whose changes trigger a build.
const INPUTS: [&str; 2] = ["content", "themes"];

type Watcher = Arc<Mutex<Debouncer<notify::RecommendedWatcher, RecommendedCache>>>;

/// The running watcher; dropping it stops watching.
pub(super) struct Watch {
    _debouncer: Watcher,
    _thread: std::thread::JoinHandle<()>,
}

/// Watch the site's inputs under `root`; `on_change` runs on a thread of its own after each burst.
pub(super) fn start(root: &Path, on_change: impl Fn() + Send + 'static) -> Result<Watch, String> {
    // Events name absolute paths; compare them with an absolute root.
    let root = &root.canonicalize().map_err(|e| format!("{}: {e}", root.display()))?;
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(DEBOUNCE, None, tx).map_err(|e| e.to_string())?;
    debouncer.watch(root, RecursiveMode::NonRecursive).map_err(|e| format!("{}: {e}", root.display()))?;
    let debouncer = Arc::new(Mutex::new(debouncer));
    watch_inputs(&debouncer, root)?;
    let thread = {
        let (debouncer, root) = (debouncer.clone(), root.to_path_buf());
        std::thread::spawn(move || {
            while let Ok(first) = rx.recv() {
                // Coalesce whatever else arrived while the last build ran.
                let mut batch = Batch::default();
                batch.add(&first, &root);
                while let Ok(more) = rx.try_recv() {
                    batch.add(&more, &root);
                }
                if batch.inputs_moved
                    && let Err(e) = watch_inputs(&debouncer, &root)
                {
                    eprintln!("warning: not watching for changes: {e}");
                }
                if batch.relevant {
                    on_change();
                }
            }
        })
    };
    Ok(Watch { _debouncer: debouncer, _thread: thread })
}

/// Watch each input folder that exists, recursively. Watching a folder again is harmless.
fn watch_inputs(debouncer: &Watcher, root: &Path) -> Result<(), String> {
    let mut debouncer = debouncer.lock().map_err(|_| "the watcher failed".to_string())?;
    for path in INPUTS.map(|dir| root.join(dir)).iter().filter(|p| p.is_dir()) {
        debouncer.watch(path, RecursiveMode::Recursive).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// What a burst of events means for the site.
#[derive(Debug, Default, PartialEq, Eq)]
struct Batch {
    /// A file under an input folder changed: build again.
    relevant: bool,
    /// An input folder itself appeared, vanished or was renamed: watch it again.
    inputs_moved: bool,
}

impl Batch {
    fn add(&mut self, result: &DebounceEventResult, root: &Path) {
        use notify::EventKind::{Any, Create, Modify, Other, Remove};
        let Ok(events) = result else { return };
        // Reading files (as every build does) raises access events, which must not trigger
        // another build; nor does anything else in the site folder, such as `public/`.
        for event in
            events.iter().filter(|e| matches!(e.kind, Create(_) | Modify(_) | Remove(_) | Any | Other))
        {
            // An event without a path (the kernel's queue overflowed, say) could be anything.
            self.relevant |= event.paths.is_empty();
            for path in &event.paths {
                self.relevant |= input_of(root, path).is_some();
                self.inputs_moved |= input_of(root, path).is_some_and(|input| input == path.as_path());
            }
        }
    }
}

/// The input folder `path` lies in (or is), if any.
fn input_of(root: &Path, path: &Path) -> Option<PathBuf> {
    INPUTS.iter().map(|dir| root.join(dir)).find(|input| path.starts_with(input))
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::EventKind;
    use notify::event::{AccessKind, CreateKind, ModifyKind, RenameMode};
    use notify_debouncer_full::DebouncedEvent;

    fn batch(kind: EventKind, paths: &[&str]) -> Batch {
        let mut event = notify::Event::new(kind);
        event.paths = paths.iter().map(PathBuf::from).collect();
        let mut b = Batch::default();
        b.add(&Ok(vec![DebouncedEvent::new(event, std::time::Instant::now())]), Path::new("/site"));
        b
    }

    #[test]
    fn only_changes_to_the_inputs_count() {
        let modify = EventKind::Modify(ModifyKind::Any);
        let changed = Batch { relevant: true, inputs_moved: false };
        assert_eq!(batch(modify, &["/site/content/a.md"]), changed);
        assert_eq!(batch(modify, &["/site/themes/t/templates/page.html"]), changed);
        assert_eq!(batch(modify, &["/site/public/index.html"]), Batch::default());
        assert_eq!(batch(modify, &["/site/contents.md"]), Batch::default());
        assert_eq!(batch(EventKind::Access(AccessKind::Any), &["/site/content/a.md"]), Batch::default());
        assert_eq!(batch(EventKind::Other, &[]), changed);
    }

    #[test]
    fn an_input_folder_that_comes_back_is_watched_again() {
        let moved = Batch { relevant: true, inputs_moved: true };
        assert_eq!(batch(EventKind::Create(CreateKind::Folder), &["/site/content"]), moved);
        assert_eq!(batch(EventKind::Modify(ModifyKind::Name(RenameMode::To)), &["/site/themes"]), moved);
    }
}
