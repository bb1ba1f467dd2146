//! `stackguide serve`: build into memory, serve over HTTP on loopback, rebuild on save and push
//! a reload (or the errors, shown as an overlay) to open pages through server-sent events.

mod files;
mod live;
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
use tokio::sync::broadcast;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

use crate::build;
use crate::config::BuildOptions;
use crate::diagnostics::{Diagnostic, MessageFormat, emit};
use crate::output::Contents;
use crate::session::Session;
pub(crate) use files::{Lookup, lookup, read_inside};

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

/// Rebuild into memory; keep the last good files when the build fails.
fn rebuild(shared: &Shared, opts: &BuildOptions) {
    let start = Instant::now();
    shared.session.next_build();
    let result = build::render_site(opts, &shared.session);
    let diagnostics = result.diagnostics.sorted();
    if !diagnostics.is_empty() {
        let mut err = std::io::stderr().lock();
        let _ = emit(&mut err, &diagnostics, &result.sources, MessageFormat::Human, false);
    }
    let previous = shared.snapshot.read().map(|s| s.clone()).unwrap_or_default();
    let generation = previous.generation + 1;
    let snapshot = if result.ok() {
        println!("built {} pages in {} ms", result.pages, start.elapsed().as_millis());
        let files = result.files.into_iter().map(|f| (f.path, f.contents)).collect();
        Snapshot { files, errors: Vec::new(), generation }
    } else {
        let errors: Vec<Diagnostic> = diagnostics.into_iter().filter(Diagnostic::is_error).collect();
        Snapshot { files: previous.files.clone(), errors, generation: previous.generation }
    };
    let push = if snapshot.errors.is_empty() {
        Push::Reload(snapshot.generation)
    } else {
        Push::Errors(live::errors_json(&snapshot.errors))
    };
    if let Ok(mut s) = shared.snapshot.write() {
        *s = Arc::new(snapshot);
    }
    let _ = shared.events.send(push);
}

async fn events_handler(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl tokio_stream::Stream<Item = Result<Event, Infallible>>> {
    let snapshot = shared.snapshot.read().map(|s| s.clone()).unwrap_or_default();
    // A new connection learns the current state first: the generation, and errors if any.
    let mut first = vec![Ok(Event::default().event("hello").data(snapshot.generation.to_string()))];
    if !snapshot.errors.is_empty() {
        first.push(Ok(Event::default().event("errors").data(live::errors_json(&snapshot.errors))));
    }
    let updates = BroadcastStream::new(shared.events.subscribe()).filter_map(|push| {
        Some(Ok(match push.ok()? {
            Push::Reload(g) => Event::default().event("reload").data(g.to_string()),
            Push::Errors(json) => Event::default().event("errors").data(json),
        }))
    });
    Sse::new(tokio_stream::iter(first).chain(updates)).keep_alive(KeepAlive::default())
}

async fn file_handler(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    let snapshot = shared.snapshot.read().map(|s| s.clone()).unwrap_or_default();
    if snapshot.files.is_empty() && !snapshot.errors.is_empty() {
        let page = live::waiting_page(snapshot.generation).into_bytes();
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
            live::inject(&String::from_utf8_lossy(b), generation).into_bytes()
        }
        (Some(Contents::Bytes(b)), _) => b.clone(),
        (Some(Contents::Copy(from)), _) => match read_inside(root, from) {
            Some(b) => b,
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
