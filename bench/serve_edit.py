#!/usr/bin/env python3
"""Measure how long a saved edit takes to reach the browser under `stackguide serve`.

    python3 bench/serve_edit.py --bin target/release/stackguide --root COPY_OF_SITE \\
        --chapter content/guide/basics/why-it-matters.md --edits 10 --json out.json

Starts `stackguide serve --root ROOT --port 0`, listens to its server-sent events
(/__stackguide/events?page=ADDRESS) as the chapter's page open in a browser does, then EDITS
times appends a line to the chapter and measures the time from the write to the `reload` event,
and to the page fetched then holding the edit. Serve renders the pages open in browsers first
and prints `updated 1 open page in X ms` when it reloads them, then `built N pages in X ms` when
the whole site is rebuilt; both figures (without the file watcher's debounce) are recorded
beside each latency.

ROOT is modified: pass a copy of the site. Standard library only.
"""

import argparse
import http.client
import json
import queue
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

SERVING = re.compile(r"^serving .* at http://([^/]+)/")
BUILT = re.compile(r"^built (\d+) pages? in (\d+) ms")
UPDATED = re.compile(r"^updated (\d+) open pages? in (\d+) ms")


def read_stdout(proc, lines):
    """Forward serve's stdout lines, timestamped, into a queue."""
    for line in proc.stdout:
        lines.put((time.perf_counter(), line.rstrip("\n")))
    lines.put((time.perf_counter(), None))


def read_events(host, page, events, ready):
    """Connect to the event stream as the page at address `page` does and put (time, event,
    data) for each event received."""
    conn = http.client.HTTPConnection(host, timeout=120)
    query = urllib.parse.urlencode({"page": page})
    conn.request("GET", f"/__stackguide/events?{query}", headers={"Accept": "text/event-stream"})
    resp = conn.getresponse()
    if resp.status != 200:
        events.put((time.perf_counter(), "http-error", str(resp.status)))
        return
    ready.set()
    name, data = None, []
    while True:
        raw = resp.fp.readline()
        now = time.perf_counter()
        if not raw:
            events.put((now, "closed", ""))
            return
        line = raw.decode("utf-8").rstrip("\r\n")
        if line == "":  # end of one event
            if name is not None:
                events.put((now, name, "\n".join(data)))
            name, data = None, []
        elif line.startswith("event:"):
            name = line[6:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].strip())
        # comments (keep-alives, ":") are ignored


def fetch(host, page):
    """The text of the page at address `page`."""
    conn = http.client.HTTPConnection(host, timeout=60)
    conn.request("GET", page)
    resp = conn.getresponse()
    return resp.status, resp.read().decode("utf-8", "replace")


def address_of(chapter):
    """`content/guide/a/b.md` -> `/guide/a/b/`; `content/guide/_index.md` -> `/guide/`."""
    rel = Path(chapter).relative_to("content").with_suffix("")
    parts = list(rel.parts[:-1]) if rel.name in ("_index", "index") else list(rel.parts)
    return "/" + "".join(p + "/" for p in parts)


def wait_for(q, pred, timeout):
    """The first item of q for which pred is true, within timeout seconds; others are dropped."""
    deadline = time.perf_counter() + timeout
    while True:
        left = deadline - time.perf_counter()
        if left <= 0:
            raise TimeoutError
        item = q.get(timeout=left)
        if pred(item):
            return item


def drain(q):
    items = []
    while True:
        try:
            items.append(q.get_nowait())
        except queue.Empty:
            return items


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True, help="the stackguide binary")
    ap.add_argument("--root", type=Path, required=True, help="a copy of the site (it is edited)")
    ap.add_argument("--chapter", required=True, help="chapter to edit, relative to ROOT")
    ap.add_argument("--edits", type=int, default=10)
    ap.add_argument("--settle", type=float, default=1.0, help="seconds to wait between edits")
    ap.add_argument("--json", type=Path, help="write the measurements here")
    args = ap.parse_args()

    chapter = args.root / args.chapter
    if not chapter.is_file():
        sys.exit(f"no such chapter: {chapter}")

    proc = subprocess.Popen([args.bin, "serve", "--root", str(args.root), "--port", "0"],
                            stdout=subprocess.PIPE, text=True, bufsize=1)
    lines, events = queue.Queue(), queue.Queue()
    threading.Thread(target=read_stdout, args=(proc, lines), daemon=True).start()
    results = []
    try:
        # The first build, then the address.
        first_build = None
        while True:
            _, line = lines.get(timeout=300)
            if line is None:
                sys.exit("serve exited before listening")
            if m := BUILT.match(line):
                first_build = {"pages": int(m.group(1)), "ms": int(m.group(2))}
            if m := SERVING.match(line):
                host = m.group(1)
                break
        page = address_of(args.chapter)
        status, _ = fetch(host, page)
        if status != 200:
            sys.exit(f"{page}: HTTP {status}")
        ready = threading.Event()
        threading.Thread(target=read_events, args=(host, page, events, ready), daemon=True).start()
        if not ready.wait(30):
            sys.exit("could not connect to the event stream")
        wait_for(events, lambda e: e[1] == "hello", 30)
        time.sleep(args.settle)
        drain(events)
        drain(lines)

        for i in range(1, args.edits + 1):
            start = time.perf_counter()
            # One append, as an editor's save of a small change would be.
            marker = f"Edit {i} for the serve benchmark."
            with open(chapter, "a", encoding="utf-8") as f:
                f.write(f"\n{marker}\n")
            t, kind, data = wait_for(events, lambda e: e[1] in ("reload", "errors", "closed"), 60)
            if kind != "reload":
                sys.exit(f"edit {i}: expected a reload event, got {kind}: {data[:300]}")
            latency_ms = (t - start) * 1000
            # As the reloading page does: fetch it, and check that it shows the edit.
            status, text = fetch(host, page)
            page_ms = (time.perf_counter() - start) * 1000
            if status != 200 or marker not in text:
                sys.exit(f"edit {i}: the page fetched after the reload does not show the edit")
            time.sleep(args.settle)
            open_ms = built_ms = None
            for _, line in drain(lines):
                if line and (m := UPDATED.match(line)):
                    open_ms = int(m.group(2))
                if line and (m := BUILT.match(line)):
                    built_ms = int(m.group(2))
            extra = [e for e in drain(events) if e[1] == "reload"]  # a second rebuild for one save?
            results.append({"edit": i, "reload_ms": round(latency_ms, 1), "page_ms": round(page_ms, 1),
                            "open_ms": open_ms, "built_ms": built_ms, "extra_reloads": len(extra)})
            print(f"edit {i:2}: reload after {latency_ms:7.1f} ms, page with the edit after {page_ms:7.1f} ms "
                  f"(serve: open page updated in {open_ms} ms, whole site built in {built_ms} ms)"
                  + (f", {len(extra)} extra reload(s)" if extra else ""), flush=True)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()

    def stats(key):
        values = [r[key] for r in results if r[key] is not None]
        if not values:
            return None
        return {"median": round(statistics.median(values), 1), "mean": round(statistics.mean(values), 1),
                "min": min(values), "max": max(values)}

    summary = {
        "edits": len(results),
        "page": page,
        "initial_build": first_build,
        "reload_ms": stats("reload_ms"),
        "page_ms": stats("page_ms"),
        "open_ms": stats("open_ms"),
        "built_ms": stats("built_ms"),
        "extra_reloads": sum(r["extra_reloads"] for r in results),
        "runs": results,
    }
    median = lambda key: summary[key]["median"] if summary[key] else "?"
    print(f"after an edit (medians): reload {median('reload_ms')} ms, page with the edit {median('page_ms')} ms; "
          f"serve: open page updated in {median('open_ms')} ms, whole site built in {median('built_ms')} ms")
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n")


if __name__ == "__main__":
    main()
