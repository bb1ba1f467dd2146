#!/usr/bin/env python3
"""Measure how long a saved edit takes to reach the browser under `stackguide serve`.

    python3 bench/serve_edit.py --bin target/release/stackguide --root COPY_OF_SITE \\
        --chapter content/guide/basics/why-it-matters.md --edits 10 --json out.json

Starts `stackguide serve --root ROOT --port 0`, listens to its server-sent events
(/__stackguide/events) as an open page does, then EDITS times appends a line to the chapter and
measures the time from the write to the `reload` event. Serve also prints
`built N pages in X ms` for each rebuild; that figure (the build alone, without the file
watcher's debounce and the event) is recorded beside each latency.

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
from pathlib import Path

SERVING = re.compile(r"^serving .* at http://([^/]+)/")
BUILT = re.compile(r"^built (\d+) pages? in (\d+) ms")


def read_stdout(proc, lines):
    """Forward serve's stdout lines, timestamped, into a queue."""
    for line in proc.stdout:
        lines.put((time.perf_counter(), line.rstrip("\n")))
    lines.put((time.perf_counter(), None))


def read_events(host, events, ready):
    """Connect to the event stream and put (time, event, data) for each event received."""
    conn = http.client.HTTPConnection(host, timeout=120)
    conn.request("GET", "/__stackguide/events", headers={"Accept": "text/event-stream"})
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
        ready = threading.Event()
        threading.Thread(target=read_events, args=(host, events, ready), daemon=True).start()
        if not ready.wait(30):
            sys.exit("could not connect to the event stream")
        wait_for(events, lambda e: e[1] == "hello", 30)
        time.sleep(args.settle)
        drain(events)
        drain(lines)

        for i in range(1, args.edits + 1):
            start = time.perf_counter()
            # One append, as an editor's save of a small change would be.
            with open(chapter, "a", encoding="utf-8") as f:
                f.write(f"\nEdit {i} for the serve benchmark.\n")
            t, kind, data = wait_for(events, lambda e: e[1] in ("reload", "errors", "closed"), 60)
            if kind != "reload":
                sys.exit(f"edit {i}: expected a reload event, got {kind}: {data[:300]}")
            latency_ms = (t - start) * 1000
            # Serve prints its `built` line before it sends the event.
            built_ms = None
            for _, line in drain(lines):
                if line and (m := BUILT.match(line)):
                    built_ms = int(m.group(2))
            time.sleep(args.settle)
            extra = [e for e in drain(events) if e[1] == "reload"]  # a second rebuild for one save?
            for _, line in drain(lines):
                if line and (m := BUILT.match(line)) and built_ms is None:
                    built_ms = int(m.group(2))
            results.append({"edit": i, "reload_ms": round(latency_ms, 1), "built_ms": built_ms,
                            "extra_reloads": len(extra)})
            print(f"edit {i:2}: reload after {latency_ms:7.1f} ms (serve: built in {built_ms} ms)"
                  + (f", {len(extra)} extra reload(s)" if extra else ""), flush=True)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()

    reload = [r["reload_ms"] for r in results]
    built = [r["built_ms"] for r in results if r["built_ms"] is not None]
    summary = {
        "edits": len(results),
        "initial_build": first_build,
        "reload_ms": {"median": round(statistics.median(reload), 1), "mean": round(statistics.mean(reload), 1),
                      "min": min(reload), "max": max(reload)},
        "built_ms": {"median": statistics.median(built), "min": min(built), "max": max(built)} if built else None,
        "extra_reloads": sum(r["extra_reloads"] for r in results),
        "runs": results,
    }
    print(f"reload after an edit: median {summary['reload_ms']['median']} ms "
          f"(min {summary['reload_ms']['min']}, max {summary['reload_ms']['max']}); "
          f"serve's own build time: median {summary['built_ms']['median'] if built else '?'} ms")
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n")


if __name__ == "__main__":
    main()
