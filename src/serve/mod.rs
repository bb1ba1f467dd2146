//! `stackguide serve`: build into memory, serve over HTTP on loopback, rebuild on save and push
//! a reload (or the errors, shown as an overlay) to open pages through server-sent events.

mod files;
mod live;
mod open;
mod watch;

use std::collections::HashMap;
use std::convert::Infallible;
use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Instant;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::{broadcast, watch as signal};
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

use crate::build;
use crate::config::BuildOptions;
use crate::diagnostics::{Diagnostic, MessageFormat, counted, emit};
use crate::output::{Contents, OutputFile};
use crate::session::Session;
pub(crate) use files::{Lookup, lookup, read_inside};
use open::OpenPages;

/// Where the live-reload events are served.
pub(crate) const EVENTS_PATH: &str = "/__stackguide/events";

/// What `serve` was asked for.
#[derive(Debug, Clone)]
pub(crate) struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    pub open: bool,
}

/// The last good build and the current problems.
#[derive(Debug, Default)]
pub(crate) struct Snapshot {
    pub files: HashMap<String, Contents>,
    pub errors: Vec<Diagnostic>,
    pub generation: u64,
    /// Only the pages open in browsers and the files they load are in: the rest of the site is
    /// still rendering, and a request for it waits.
    pub partial: bool,
}

/// A message to open pages.
#[derive(Debug, Clone)]
enum Push {
    Reload(u64),
    Errors(String),
}

/// Why `serve` did not start or stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ServeError {
    /// The folder holds no site at all, so there is nothing to serve.
    NoSite(String),
    /// The server could not start, or failed while running.
    Failed(String),
}

impl fmt::Display for ServeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServeError::NoSite(m) | ServeError::Failed(m) => f.write_str(m),
        }
    }
}

struct Shared {
    /// The site folder, canonical, as it was when serving started: nothing outside it is served.
    root: PathBuf,
    snapshot: RwLock<Arc<Snapshot>>,
    events: broadcast::Sender<Push>,
    /// What rebuilds remember: a save renders again only what it changed.
    session: Session,
    /// The pages open in browsers, rendered first after a save.
    open: OpenPages,
    /// The last generation whose every file is in.
    complete: signal::Sender<u64>,
}

/// Build, then serve until interrupted. Prints the address once it is listening. Refuses a
/// folder without `content/` or `content/site.yaml`; any other problem is shown while serving.
pub(crate) fn serve(opts: ServeOptions) -> Result<(), ServeError> {
    let root = site_root(&opts.root)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| ServeError::Failed(format!("cannot start the server: {e}")))?;
    runtime.block_on(run(opts, root)).map_err(ServeError::Failed)
}

/// The canonical path of the site at `root`, or why it is not a site.
fn site_root(root: &Path) -> Result<PathBuf, ServeError> {
    let missing = if !root.join("content").is_dir() {
        "`content/` folder"
    } else if !root.join("content/site.yaml").is_file() {
        "`content/site.yaml`"
    } else {
        return root.canonicalize().map_err(|e| ServeError::Failed(format!("{}: {e}", root.display())));
    };
    let shown = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    Err(ServeError::NoSite(format!(
        "{} holds no site: there is no {missing}\nhelp: run `stackguide init {}` to create one, or pass --root with the folder of a site",
        shown.display(),
        root.display()
    )))
}

async fn run(opts: ServeOptions, root: PathBuf) -> Result<(), String> {
    let listener = tokio::net::TcpListener::bind(SocketAddr::new(opts.bind, opts.port))
        .await
        .map_err(|e| format!("cannot listen on {}:{}: {e}", opts.bind, opts.port))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let host = match addr.ip() {
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) => ip.to_string(),
    };
    let base_url = format!("http://{host}:{}/", addr.port());
    let build_opts = BuildOptions {
        root: opts.root.clone(),
        output: None,
        base_url: Some(base_url.clone()),
        drafts: true,
        force: false,
        today: None,
    };
    let (events, _) = broadcast::channel(16);
    let shared = Arc::new(Shared {
        root: root.clone(),
        snapshot: RwLock::new(Arc::new(Snapshot::default())),
        events,
        session: Session::for_rebuilds(),
        open: OpenPages::default(),
        complete: signal::channel(0).0,
    });
    rebuild(&shared, &build_opts);
    println!("serving {} at {base_url} (Ctrl+C to stop)", opts.root.display());
    if opts.open {
        open_browser(&base_url);
    }
    let watcher = {
        let shared = shared.clone();
        let build_opts = build_opts.clone();
        watch::start(&root, move || rebuild(&shared, &build_opts))
    };
    if let Err(e) = &watcher {
        eprintln!("warning: not watching for changes: {e}");
    }
    let app =
        Router::new().route(EVENTS_PATH, get(events_handler)).fallback(get(file_handler)).with_state(shared);
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| format!("the server stopped: {e}"))?;
    drop(watcher);
    Ok(())
}

/// Open `url` in the browser (the one `BROWSER` names, if set); say so when that fails.
fn open_browser(url: &str) {
    if let Err(e) = opener::open_browser(url) {
        let cause = std::error::Error::source(&e).map(|s| format!(": {s}")).unwrap_or_default();
        let reason = format!("{e}{cause}").replace('\n', "; ");
        eprintln!("warning: could not open a browser ({reason}); open {url} yourself");
    }
}

/// Rebuild into memory; keep the last good files when the build fails. The pages open in
/// browsers are rendered first and reloaded while the rest of the site renders.
fn rebuild(shared: &Shared, opts: &BuildOptions) {
    let start = Instant::now();
    shared.session.next_build();
    let previous = current(shared);
    let generation = previous.generation + 1;
    let mut reloaded = false;
    let mut early = |files: Vec<OutputFile>| {
        let pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
        let files = files.into_iter().map(|f| (f.path, f.contents)).collect();
        publish(shared, Snapshot { files, errors: Vec::new(), generation, partial: true });
        let _ = shared.events.send(Push::Reload(generation));
        println!("updated {} in {} ms", counted(pages, "open page"), start.elapsed().as_millis());
        reloaded = true;
    };
    let result = build::render_site_first(opts, &shared.session, &shared.open.paths(), &mut early);
    let diagnostics = result.diagnostics.sorted();
    if !diagnostics.is_empty() {
        let mut err = std::io::stderr().lock();
        let _ = emit(&mut err, &diagnostics, &result.sources, MessageFormat::Human, false);
    }
    let snapshot = if result.ok() {
        println!("built {} pages in {} ms", result.pages, start.elapsed().as_millis());
        let files = result.files.into_iter().map(|f| (f.path, f.contents)).collect();
        Snapshot { files, errors: Vec::new(), generation, partial: false }
    } else {
        let errors: Vec<Diagnostic> = diagnostics.into_iter().filter(Diagnostic::is_error).collect();
        // Open pages that already reloaded keep their generation, so they are not reloaded
        // again into the old files.
        let generation = if reloaded { generation } else { previous.generation };
        Snapshot { files: previous.files.clone(), errors, generation, partial: false }
    };
    let push = if snapshot.errors.is_empty() {
        (!reloaded).then_some(Push::Reload(snapshot.generation))
    } else {
        Some(Push::Errors(live::errors_json(&snapshot.errors)))
    };
    let done = snapshot.generation;
    publish(shared, snapshot);
    shared.complete.send_replace(done);
    if let Some(push) = push {
        let _ = shared.events.send(push);
    }
}

/// The snapshot served now.
fn current(shared: &Shared) -> Arc<Snapshot> {
    shared.snapshot.read().map(|s| s.clone()).unwrap_or_default()
}

fn publish(shared: &Shared, snapshot: Snapshot) {
    if let Ok(mut s) = shared.snapshot.write() {
        *s = Arc::new(snapshot);
    }
}

async fn events_handler(
    State(shared): State<Arc<Shared>>,
    uri: Uri,
) -> Sse<impl tokio_stream::Stream<Item = Result<Event, Infallible>>> {
    let snapshot = current(&shared);
    // The page on the other end counts as open while the stream lives.
    let opened = match open::page_of(uri.query()).map(|page| lookup(&snapshot.files, &page)) {
        Some(Lookup::Found(path)) if path.ends_with(".html") => Some(shared.open.open(path)),
        _ => None,
    };
    // A new connection learns the current state first: the generation, and errors if any.
    let mut first = vec![Ok(Event::default().event("hello").data(snapshot.generation.to_string()))];
    if !snapshot.errors.is_empty() {
        first.push(Ok(Event::default().event("errors").data(live::errors_json(&snapshot.errors))));
    }
    let updates = BroadcastStream::new(shared.events.subscribe()).filter_map(move |push| {
        let _open = &opened;
        Some(Ok(match push.ok()? {
            Push::Reload(g) => Event::default().event("reload").data(g.to_string()),
            Push::Errors(json) => Event::default().event("errors").data(json),
        }))
    });
    Sse::new(tokio_stream::iter(first).chain(updates)).keep_alive(KeepAlive::default())
}

async fn file_handler(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    let mut snapshot = current(&shared);
    if snapshot.partial && !matches!(lookup(&snapshot.files, uri.path()), Lookup::Found(_)) {
        // Not one of the files rendered first: wait for the rest of the site.
        let _ = shared.complete.subscribe().wait_for(|&done| done >= snapshot.generation).await;
        snapshot = current(&shared);
    }
    if snapshot.files.is_empty() && !snapshot.errors.is_empty() {
        let page = live::waiting_page(snapshot.generation).into_bytes().into();
        return respond(
            &shared.root,
            StatusCode::SERVICE_UNAVAILABLE,
            "index.html",
            Some(&Contents::Bytes(page)),
            None,
        );
    }
    let live = Some(snapshot.generation);
    match lookup(&snapshot.files, uri.path()) {
        Lookup::Found(path) => respond(&shared.root, StatusCode::OK, &path, snapshot.files.get(&path), live),
        Lookup::Redirect(to) => {
            let mut r = StatusCode::MOVED_PERMANENTLY.into_response();
            if let Ok(v) = HeaderValue::from_str(&to) {
                r.headers_mut().insert(header::LOCATION, v);
            }
            r
        }
        Lookup::Refused => (StatusCode::BAD_REQUEST, "refused: the path leaves the site\n").into_response(),
        Lookup::NotFound => {
            respond(&shared.root, StatusCode::NOT_FOUND, "404.html", snapshot.files.get("404.html"), live)
        }
    }
}

/// Answer with `contents`; a file copied as it is must still be a regular file inside `root`.
/// A page the build rendered gets the live-reload script of generation `live`, when given, as
/// it is sent: a rebuild does not copy every page to add it.
fn respond(
    root: &Path,
    status: StatusCode,
    path: &str,
    contents: Option<&Contents>,
    live: Option<u64>,
) -> Response {
    let body = match (contents, live) {
        (Some(Contents::Bytes(b)), Some(generation)) if path.ends_with(".html") => {
            live::inject(&String::from_utf8_lossy(b), generation).into_bytes().into()
        }
        (Some(Contents::Bytes(b)), _) => b.clone(),
        (Some(Contents::Copy(from)), _) => match read_inside(root, from) {
            Some(b) => b.into(),
            None => return (StatusCode::NOT_FOUND, "not found\n").into_response(),
        },
        (None, _) => return (status, "not found\n").into_response(),
    };
    let mime = match mime_guess::from_path(path).first_raw() {
        Some(m) if m.starts_with("text/") || m == "application/javascript" || m == "image/svg+xml" => {
            format!("{m}; charset=utf-8")
        }
        Some(m) => m.to_string(),
        None => "application/octet-stream".to_string(),
    };
    let mut r = (status, body).into_response();
    let h = r.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&mime) {
        h.insert(header::CONTENT_TYPE, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    r
}
