//! `stackguide serve` through a real socket on 127.0.0.1: files, content types, refusals, the
//! 404 page, live reload and the error overlay's events, folders that are not sites, and a
//! browser that cannot be opened.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::{Run, TestSite, copy_dir};

/// A running `stackguide serve`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
    /// Everything it has written to stderr so far.
    stderr: Arc<Mutex<String>>,
    /// Everything it has written to stdout after its address.
    stdout: Arc<Mutex<String>>,
}

impl Server {
    /// Its stderr once it contains `needle`; fails after 15 s.
    fn wait_for_stderr(&self, needle: &str) -> String {
        wait_for_text(&self.stderr, needle, "stderr")
    }

    /// Its stdout once it contains `needle`; fails after 15 s.
    fn wait_for_stdout(&self, needle: &str) -> String {
        wait_for_text(&self.stdout, needle, "stdout")
    }
}

fn wait_for_text(text: &Mutex<String>, needle: &str, name: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let text = text.lock().unwrap().clone();
        if text.contains(needle) {
            return text;
        }
        assert!(Instant::now() < deadline, "no {needle:?} on {name} within 15 s:\n{text}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(site: &TestSite) -> Server {
    start_with(site, &[], &[])
}

/// `stackguide serve --port 0` with more `args` and environment variables.
fn start_with(site: &TestSite, args: &[&str], env: &[(&str, &str)]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_stackguide"))
        .args(["serve", "--port", "0"])
        .args(args)
        .envs(env.iter().copied())
        .current_dir(site.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = Arc::new(Mutex::new(String::new()));
    let (sink, err_lines) = (stderr.clone(), BufReader::new(child.stderr.take().unwrap()).lines());
    std::thread::spawn(move || {
        for line in err_lines.map_while(Result::ok) {
            let mut text = sink.lock().unwrap();
            text.push_str(&line);
            text.push('\n');
        }
    });
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let url = loop {
        let line = lines.next().expect("serve printed its address").unwrap();
        if let Some(rest) = line.split_once(" at ").map(|(_, r)| r.to_string()) {
            break rest.split_whitespace().next().unwrap().to_string();
        }
    };
    // Keep draining stdout so the server never blocks on a full pipe.
    let stdout = Arc::new(Mutex::new(String::new()));
    let sink = stdout.clone();
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            let mut text = sink.lock().unwrap();
            text.push_str(&line);
            text.push('\n');
        }
    });
    assert!(url.starts_with("http://127.0.0.1:"), "binds to loopback by default: {url}");
    let port = url.trim_start_matches("http://127.0.0.1:").trim_end_matches('/').parse().unwrap();
    Server { child, port, stderr, stdout }
}

/// A raw HTTP/1.1 GET, so the path reaches the server exactly as written.
fn get(server: &Server, path: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let text = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, head.to_lowercase(), body.to_string())
}

fn header(head: &str, name: &str) -> String {
    head.lines().find_map(|l| l.strip_prefix(&format!("{name}: "))).unwrap_or_default().to_string()
}

#[test]
fn serves_pages_with_their_content_types_and_the_site_404() {
    let site = TestSite::fixture("build/basic");
    let server = start(&site);
    let (status, head, body) = get(&server, "/guide/intro/");
    assert_eq!(status, 200);
    assert_eq!(header(&head, "content-type"), "text/html; charset=utf-8");
    assert!(body.contains("<h1>Introduction</h1>"));
    assert!(body.contains("id=\"stackguide-live\""), "the reload script is injected while serving");
    assert!(
        body.contains("href=\"/guide/data/sql/#indexes\""),
        "links use the server's address, not base_url"
    );
    for (path, mime) in [
        ("/style.css", "text/css; charset=utf-8"),
        ("/site.js", "text/javascript; charset=utf-8"),
        ("/sitemap.xml", "text/xml; charset=utf-8"),
        ("/guide/data/pic.png", "image/png"),
    ] {
        let (status, head, _) = get(&server, path);
        assert_eq!((status, header(&head, "content-type")), (200, mime.to_string()), "{path}");
    }
    let (status, head, _) = get(&server, "/guide/intro");
    assert_eq!((status, header(&head, "location")), (301, "/guide/intro/".to_string()));
    let (status, _, body) = get(&server, "/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"));
    // Drafts are shown while serving, marked.
    let (status, _, body) = get(&server, "/guide/wip/");
    assert_eq!(status, 200);
    assert!(body.contains("<span class=\"badge\">Draft</span>"));
}

#[test]
fn refuses_paths_that_leave_the_output() {
    let site = TestSite::fixture("build/basic");
    std::fs::write(site.root().join("secret.txt"), "top secret").unwrap();
    let server = start(&site);
    for path in [
        "/../secret.txt",
        "/guide/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/%252e%252e/secret.txt",
        "/..%5csecret.txt",
        "/guide\\..\\..\\secret.txt",
        "//etc/passwd",
        "/C:/secret.txt",
    ] {
        let (status, _, body) = get(&server, path);
        assert!(status == 400 || status == 404, "{path}: {status}");
        assert!(!body.contains("top secret"), "{path}");
    }
    let (status, _, _) = get(&server, "/content/site.yaml");
    assert_eq!(status, 404, "sources are not served, only the build");
}

/// Read server-sent events until one named `event` arrives; its data.
fn next_event(reader: &mut BufReader<TcpStream>, event: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(15);
    let mut current = String::new();
    let mut line = String::new();
    while Instant::now() < deadline {
        line.clear();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            continue;
        }
        if let Some(name) = line.trim_end().strip_prefix("event: ") {
            current = name.to_string();
        } else if let Some(data) = line.trim_end().strip_prefix("data: ")
            && current == event
        {
            return data.to_string();
        }
    }
    panic!("no `{event}` event within 15 s");
}

#[test]
fn a_save_reloads_pages_and_broken_input_shows_an_overlay_until_fixed() {
    let site = TestSite::fixture("build/basic");
    let server = start(&site);
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
    write!(stream, "GET /__stackguide/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut events = BufReader::new(stream);
    let first: u64 = next_event(&mut events, "hello").parse().unwrap();

    let intro = site.root().join("content/guide/intro.md");
    let text = std::fs::read_to_string(&intro).unwrap();
    std::fs::write(&intro, text.replace("A claim", "A bold claim")).unwrap();
    let generation: u64 = next_event(&mut events, "reload").parse().unwrap();
    assert!(generation > first);
    let (_, _, body) = get(&server, "/guide/intro/");
    assert!(body.contains("A bold claim"));
    assert!(body.contains(&format!("var me={generation},")), "pages carry the generation they reload after");
    assert!(searchable(&server, "bold"), "the search index is rebuilt with the edit");

    std::fs::write(&intro, "---\ntitle: Broken\nwieght: 1\n---\n").unwrap();
    // The watcher may see the file while it is being written (empty, say): wait for the build
    // of the whole text.
    let errors = (0..5)
        .map(|_| serde_json::from_str::<serde_json::Value>(&next_event(&mut events, "errors")).unwrap())
        .find(|e| e.to_string().contains("wieght"))
        .expect("an overlay for the saved text");
    // Every problem of the front matter at once: the missing description and the typo.
    assert_eq!(errors[0]["location"], "content/guide/intro.md:2:1");
    assert_eq!(errors[0]["message"], "missing field `description`");
    assert_eq!(errors[1]["location"], "content/guide/intro.md:3:1");
    assert_eq!(errors[1]["help"], "did you mean `weight`?");
    let (status, _, body) = get(&server, "/guide/intro/");
    assert_eq!(status, 200, "the server keeps running and keeps the last good pages");
    assert!(body.contains("A bold claim"));

    std::fs::write(&intro, &text).unwrap();
    next_event(&mut events, "reload");
    let (_, _, body) = get(&server, "/guide/intro/");
    assert!(body.contains("A claim"));

    // A new title shows on the other pages too (their sidebars), not only on its own.
    std::fs::write(&intro, text.replace("title: Introduction", "title: First steps")).unwrap();
    next_event(&mut events, "reload");
    let (_, _, body) = get(&server, "/guide/data/sql/");
    assert!(body.contains(">First steps</a>"), "other pages are rendered again when a title changes");
}

/// The page open in a browser (its live-reload connection names it) is rendered and reloaded
/// before the rest of the site; a page asked for meanwhile waits for the rest and is never
/// stale.
#[test]
fn the_open_page_is_rendered_first_and_other_pages_are_never_stale() {
    let site = TestSite::fixture("build/basic");
    let server = start(&site);
    let mut events = subscribe_at(&server, "/__stackguide/events?page=%2Fguide%2Fintro%2F");
    let (_, _, page) = get(&server, "/guide/intro/");
    assert!(
        page.contains("EventSource(\"/__stackguide/events?page=\"+encodeURIComponent(location.pathname))")
    );

    let intro = site.root().join("content/guide/intro.md");
    let text = std::fs::read_to_string(&intro).unwrap();
    std::fs::write(&intro, text.replace("title: Introduction", "title: First steps")).unwrap();
    next_event(&mut events, "reload");
    // Straight after the reload: the open page, and another whose sidebar shows the new title.
    let (_, _, open) = get(&server, "/guide/intro/");
    let (_, _, other) = get(&server, "/guide/data/sql/");
    assert!(open.contains("<title>First steps"), "the open page shows the edit");
    assert!(other.contains(">First steps</a>"), "another page waits for the rest of the site");
    let out = server.wait_for_stdout("built ");
    assert!(out.contains("updated 1 open page in "), "{out}");
    assert!(
        out.find("updated 1 open page").unwrap() < out.rfind("built ").unwrap(),
        "the open page comes first: {out}"
    );
    // No reload for the rest of the site: the open page already has this generation.
    let (deadline, mut line, mut seen) =
        (Instant::now() + Duration::from_millis(600), String::new(), Vec::new());
    while Instant::now() < deadline {
        line.clear();
        if events.read_line(&mut line).unwrap_or(0) > 0
            && let Some(name) = line.trim_end().strip_prefix("event: ")
        {
            seen.push(name.to_string());
        }
    }
    assert!(!seen.contains(&"reload".to_string()), "one reload per save: {seen:?}");
}

#[test]
fn build_output_has_no_reload_script() {
    let site = TestSite::fixture("build/basic");
    assert!(site.build().ok());
    for (path, bytes) in crate::support::tree(&site.public()) {
        assert!(!String::from_utf8_lossy(&bytes).contains("stackguide-live"), "{path}");
    }
}

/// Issue 9: 200 connections at once for 10 seconds, every request answered.
#[test]
fn two_hundred_concurrent_connections_for_ten_seconds_all_succeed() {
    let site = TestSite::fixture("build/basic");
    let server = start(&site);
    let port = server.port;
    let deadline = Instant::now() + Duration::from_secs(10);
    let paths = ["/", "/guide/intro/", "/style.css", "/guide/data/pic.png", "/no/such/page/"];
    let workers: Vec<_> = (0..200)
        .map(|n| {
            std::thread::spawn(move || {
                let (mut ok, mut failed) = (0u32, Vec::new());
                let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
                stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut i = n;
                while Instant::now() < deadline {
                    let path = paths[i % paths.len()];
                    i += 1;
                    let sent = write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
                    match sent.map_err(|e| e.to_string()).and_then(|_| read_response(&mut reader)) {
                        Ok(status) if status == 200 || (status == 404 && path == "/no/such/page/") => ok += 1,
                        Ok(status) => failed.push(format!("{path}: {status}")),
                        Err(e) => failed.push(format!("{path}: {e}")),
                    }
                }
                (ok, failed)
            })
        })
        .collect();
    let (mut total, mut failures) = (0, Vec::new());
    for w in workers {
        let (ok, failed) = w.join().unwrap();
        total += ok;
        failures.extend(failed);
    }
    assert!(
        failures.is_empty(),
        "{} failed requests, e.g. {:?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
    assert!(total > 2_000, "only {total} requests in 10 s");
}

/// Read one HTTP/1.1 response with a Content-Length body; its status.
fn read_response(reader: &mut BufReader<TcpStream>) -> Result<u16, String> {
    let mut line = String::new();
    reader.read_line(&mut line).map_err(|e| e.to_string())?;
    let status =
        line.split(' ').nth(1).and_then(|s| s.parse().ok()).ok_or(format!("bad status line {line:?}"))?;
    let mut length = 0;
    loop {
        line.clear();
        reader.read_line(&mut line).map_err(|e| e.to_string())?;
        if line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length: ") {
            length = v.trim().parse().map_err(|_| "bad length")?;
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).map_err(|e| e.to_string())?;
    Ok(status)
}

/// Whether `word` is in the served search index: in the shard whose prefix is the longest
/// one of the word, as search.js looks it up.
fn searchable(server: &Server, word: &str) -> bool {
    let (_, _, manifest) = get(server, "/search/index/manifest.json");
    let manifest: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    let prefixes = manifest["s"].as_array().unwrap();
    let shard = (0..prefixes.len())
        .filter(|&i| word.starts_with(prefixes[i].as_str().unwrap()))
        .max_by_key(|&i| prefixes[i].as_str().unwrap().len());
    let Some(shard) = shard else { return false };
    let (_, _, words) = get(server, &format!("/search/index/words/{shard}.json"));
    serde_json::from_str::<serde_json::Value>(&words).unwrap().get(word).is_some()
}

/// Subscribe to the live-reload events; the first `hello` is read already.
fn subscribe(server: &Server) -> BufReader<TcpStream> {
    subscribe_at(server, "/__stackguide/events")
}

/// Subscribe to the live-reload events at `path` (with a query, as a page sends it).
fn subscribe_at(server: &Server, path: &str) -> BufReader<TcpStream> {
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut events = BufReader::new(stream);
    next_event(&mut events, "hello");
    events
}

/// Poll `path` until its body contains `text`; how long that took. Fails after `limit`.
fn wait_for_page(server: &Server, path: &str, text: &str, limit: Duration) -> Duration {
    let start = Instant::now();
    loop {
        let (status, _, body) = get(server, path);
        if status == 200 && body.contains(text) {
            return start.elapsed();
        }
        assert!(start.elapsed() < limit, "{path} did not show {text:?} within {limit:?}: {status}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Issue: deleting `content/` (or renaming it away) and creating it again no longer loses the
/// watch: the server keeps the last good pages, reports the missing folder, and picks the folder
/// up again when it comes back.
#[test]
fn content_deleted_and_created_again_is_watched_again() {
    let site = TestSite::fixture("build/basic");
    let content = site.root().join("content");
    let away = site.root().join("content.away");
    let server = start(&site);
    let mut events = subscribe(&server);

    std::fs::rename(&content, &away).unwrap();
    let errors = next_event(&mut events, "errors");
    assert!(errors.contains("the site has no `content/` folder"), "{errors}");
    let (status, _, body) = get(&server, "/guide/intro/");
    assert_eq!(status, 200, "the last good pages are still served");
    assert!(body.contains("<h1>Introduction</h1>"));

    let intro = away.join("guide/intro.md");
    let text = std::fs::read_to_string(&intro).unwrap();
    std::fs::write(&intro, text.replace("A claim", "A renamed claim")).unwrap();
    std::fs::rename(&away, &content).unwrap();
    let took = wait_for_page(&server, "/guide/intro/", "A renamed claim", Duration::from_secs(10));
    assert!(took < Duration::from_secs(5), "took {took:?}");

    // Deleted for good and written again, file by file.
    let copy = tempfile::tempdir().unwrap();
    copy_dir(&content, copy.path());
    std::fs::remove_dir_all(&content).unwrap();
    next_event(&mut events, "errors");
    let intro = copy.path().join("guide/intro.md");
    std::fs::write(&intro, text.replace("A claim", "A recreated claim")).unwrap();
    copy_dir(copy.path(), &content);
    let took = wait_for_page(&server, "/guide/intro/", "A recreated claim", Duration::from_secs(10));
    assert!(took < Duration::from_secs(5), "took {took:?}");

    // And edits inside it are seen again.
    std::fs::write(content.join("guide/intro.md"), text.replace("A claim", "An edited claim")).unwrap();
    wait_for_page(&server, "/guide/intro/", "An edited claim", Duration::from_secs(5));
}

/// `stackguide serve` with `args`, expected to exit on its own within 20 s.
fn serve_exits(site: &TestSite, args: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_stackguide"))
        .arg("serve")
        .args(args)
        .current_dir(site.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("serve kept running in a folder without a site");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Issue: a folder that holds no site is refused before anything listens.
#[test]
fn serve_refuses_a_folder_without_a_site() {
    let empty = TestSite::empty().file("notes.txt", "not a site");
    let run = serve_exits(&empty, &["--port", "0"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("holds no site: there is no `content/` folder"), "{}", run.stderr);
    assert!(run.stderr.contains("run `stackguide init .` to create one"), "{}", run.stderr);
    assert!(run.stderr.contains("--root"), "{}", run.stderr);
    assert!(!run.stdout.contains("serving"), "nothing listened: {}", run.stdout);

    let no_config = TestSite::empty().file("content/_index.md", "---\ntitle: Home\n---\n");
    let run = serve_exits(&no_config, &["--port", "0", "--root", "."]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("holds no site: there is no `content/site.yaml`"), "{}", run.stderr);

    let nested = TestSite::empty();
    let run = serve_exits(&nested, &["--port", "0", "--root", "nowhere"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("nowhere holds no site"), "{}", run.stderr);
    assert!(run.stderr.contains("`stackguide init nowhere`"), "{}", run.stderr);
    for site in [&empty, &no_config, &nested] {
        assert!(!site.root().join("public").exists(), "nothing was written");
    }
    assert_eq!(crate::support::tree(nested.root()), Vec::new());
}

/// A site with ordinary errors (a broken link, bad YAML in a chapter) still starts, and says
/// what is wrong through the overlay, even before it has ever built.
#[test]
fn a_site_with_errors_still_starts_and_shows_them() {
    let site = TestSite::minimal()
        .file("content/guide/bad.md", "---\ntitle: [unclosed\n---\nText.\n")
        .file("content/guide/links.md", "---\ntitle: Links\ndescription: D.\n---\nSee [x](missing.md).\n");
    let server = start(&site);
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
    write!(stream, "GET /__stackguide/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut events = BufReader::new(stream);
    let errors = next_event(&mut events, "errors");
    assert!(errors.contains("content/guide/bad.md:2:8"), "{errors}");
    let (status, _, body) = get(&server, "/");
    assert_eq!(status, 503);
    assert!(body.contains("id=\"stackguide-live\""), "a page that shows the overlay: {body}");

    // With the YAML fixed the links are checked: the broken one is reported next.
    std::fs::remove_file(site.root().join("content/guide/bad.md")).unwrap();
    let errors = next_event(&mut events, "errors");
    assert!(errors.contains("content/guide/links.md") && errors.contains("missing.md"), "{errors}");
    let (status, _, body) = get(&server, "/guide/links/");
    assert_eq!(status, 503);
    assert!(body.contains("id=\"stackguide-live\""), "{body}");

    let links = "---\ntitle: Links\ndescription: D.\n---\nFixed.\n";
    std::fs::write(site.root().join("content/guide/links.md"), links).unwrap();
    wait_for_page(&server, "/", "Hello.", Duration::from_secs(10));
}

/// Issue: a file copied as it is (a content asset, a theme's static file) is read when asked
/// for; if it has become a symlink out of the site since the build, its target is not sent.
#[cfg(unix)]
#[test]
fn a_copied_file_replaced_by_a_symlink_out_of_the_site_is_not_served() {
    let site = TestSite::fixture("build/basic").file("themes/custom/static/extra.txt", "extra");
    let yaml = std::fs::read_to_string(site.root().join("content/site.yaml")).unwrap();
    let site = site.file("content/site.yaml", &format!("{yaml}theme: custom\n"));
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, "TOP SECRET 4c1d").unwrap();
    let server = start(&site);
    let mut events = subscribe(&server);
    assert_eq!(get(&server, "/guide/data/pic.png").0, 200);
    assert_eq!(get(&server, "/extra.txt").2, "extra");

    for file in ["content/guide/data/pic.png", "themes/custom/static/extra.txt"] {
        let path = site.root().join(file);
        std::fs::remove_file(&path).unwrap();
        std::os::unix::fs::symlink(&secret, &path).unwrap();
    }
    // Asked at once (the server may still hold the build from before the change) and after the
    // rebuild has reported the symlinks: neither time are the secret's bytes sent.
    for when in ["at once", "after the rebuild"] {
        if when != "at once" {
            let errors = next_event(&mut events, "errors");
            assert!(errors.contains("symlink points outside the site folder"), "{errors}");
        }
        for path in ["/guide/data/pic.png", "/extra.txt"] {
            let (status, _, body) = get(&server, path);
            assert_eq!(status, 404, "{path} {when}");
            assert!(!body.contains("TOP SECRET"), "{path} {when}: {body}");
        }
    }
    assert_eq!(std::fs::read_to_string(&secret).unwrap(), "TOP SECRET 4c1d");
}

/// Issue: `--open` where no browser can be started warns and keeps serving. `opener` runs the
/// program `BROWSER` names; a missing one fails to start, whatever is installed.
#[cfg(unix)]
#[test]
fn open_without_a_browser_warns_and_keeps_serving() {
    let site = TestSite::fixture("build/basic");
    let empty = tempfile::tempdir().unwrap();
    let nothing = empty.path().join("no-such-browser");
    let path = empty.path().to_str().unwrap();
    let server = start_with(&site, &["--open"], &[("BROWSER", nothing.to_str().unwrap()), ("PATH", path)]);
    let url = format!("http://127.0.0.1:{}/", server.port);
    let stderr = server.wait_for_stderr("yourself");
    assert!(stderr.contains("warning: could not open a browser ("), "{stderr}");
    assert!(stderr.contains(&format!("); open {url} yourself")), "{stderr}");
    assert!(stderr.contains("no-such-browser"), "the reason names what failed: {stderr}");
    let (status, _, body) = get(&server, "/guide/intro/");
    assert_eq!(status, 200);
    assert!(body.contains("<h1>Introduction</h1>"));
}
