#!/usr/bin/env python3
"""Summarise the measurements left in bench/.work by bench/run.sh as a Markdown table,
print it and write it to bench/results.md. Standard library only."""

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
from datetime import datetime, timezone
from pathlib import Path

RSS = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")
BUILT = re.compile(r"^built (\d+) pages? in (\d+) ms", re.M)


def run(*cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def machine(work):
    model = "?"
    for line in run("lscpu").splitlines():
        if line.startswith("Model name:"):
            model = line.split(":", 1)[1].strip()
    mem_kb = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            mem_kb = int(line.split()[1])
    os_name = platform.platform()
    if Path("/etc/os-release").exists():
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                os_name = line.split("=", 1)[1].strip('"') + f" (kernel {platform.release()})"
    rows = [
        ("CPU", f"{model}, {run('nproc')} cores (nproc)"),
        ("RAM", f"{mem_kb / 1024 / 1024:.1f} GiB"),
        ("OS", os_name),
        ("rustc", run("rustc", "--version")),
    ]
    for tool, file in (("Zola", "zola-version"), ("Hugo", "hugo-version")):
        if (work / file).exists():
            rows.append((tool, (work / file).read_text().strip()))
    rows.append(("hyperfine", run("hyperfine", "--version")))
    return rows


def secs(s):
    return f"{s * 1000:.0f} ms" if s < 1 else f"{s:.2f} s"


def mib(kb):
    return f"{kb / 1024:.0f} MiB"


def peak_rss(path):
    """The largest max RSS over every run recorded in a /usr/bin/time -v log (kB)."""
    values = [int(v) for v in RSS.findall(path.read_text())] if path.exists() else []
    return max(values) if values else None


def hyperfine(work, tag, name):
    data = json.loads((work / f"hf-{tag}-{name}.json").read_text())
    return data["results"][0]


def load(work, tag, name):
    p = work / f"load-{tag}-{name}.txt"
    if not p.exists():
        return "?"
    lines = p.read_text().split("\n")
    return " → ".join(line.split()[0] for line in lines if line.strip())


def built_ms(work, tag, name):
    """(pages, [ms, ...]) from stackguide's `built N pages in X ms` lines, warm-ups first."""
    built = BUILT.findall((work / f"stdout-{tag}-{name}.log").read_text())
    return (int(built[-1][0]) if built else None), [int(ms) for _, ms in built]


def cpu(r):
    return r["user"] + r["system"]


# (name in the work folder, label in the tables)
RUNS = [("stackguide-cold", "stackguide cold"), ("stackguide-warm", "stackguide warm"),
        ("stackguide-edit", "stackguide warm, one chapter edited"), ("zola", "Zola"), ("hugo", "Hugo")]


def output_of(work, n, name):
    """The output figures of a run's tool (stackguide's are measured after the warm runs)."""
    tool = name.split("-")[0]
    p = work / f"output-{n}-{tool}.json"
    return json.loads(p.read_text()) if p.exists() else None


def size_table(work, sizes):
    out = ["| chapters | tool | pages | time (mean ± sd) | min … max | pages/s | CPU (user + sys) | peak RSS | output | median chapter page | load avg (before → after) |",
           "|---:|---|---:|---|---|---:|---:|---:|---:|---:|---|"]
    for n in sizes:
        for name, label in RUNS:
            if not (work / f"hf-{n}-{name}.json").exists():
                continue
            r = hyperfine(work, n, name)
            if name.startswith("stackguide"):
                pages = built_ms(work, n, name)[0]
            else:
                pages = int((work / f"pages-{n}-{name}").read_text())
            rss = peak_rss(work / f"rss-{n}-{name}.txt")
            o = output_of(work, n, name)
            size = f"{o['total_bytes'] / 2**20:,.1f} MiB" if o else "?"
            median = f"{o['median_chapter_bytes'] / 1024:,.1f} KiB" if o and o["median_chapter_bytes"] else "?"
            out.append(f"| {int(n):,} | {label} | {pages:,} | {secs(r['mean'])} ± {secs(r['stddev'] or 0)} | "
                       f"{secs(r['min'])} … {secs(r['max'])} | {pages / r['mean']:,.0f} | {secs(cpu(r))} | "
                       f"{mib(rss) if rss else '?'} | {size} | {median} | {load(work, n, name)} |")
    return out


def ratio_table(work, sizes):
    zola = all((work / f"hf-{n}-zola.json").exists() for n in sizes)
    head = "| chapters |"
    if zola:
        head += " Zola time / stackguide cold | Zola CPU / stackguide cold |"
    head += " Hugo time / stackguide cold | Hugo CPU / stackguide cold |"
    if zola:
        head += " Zola time / stackguide warm |"
    head += " peak RSS: Hugo / stackguide cold |"
    if zola:
        head += " peak RSS: Zola / stackguide cold |"
    head += " stackguide's own `built … in X ms`: cold; warm (warm-ups first) |"
    out = [head, "|---:|" + "---:|" * (head.count("|") - 3) + "---|"]
    for n in sizes:
        cold, warm, hugo = (hyperfine(work, n, t) for t in ("stackguide-cold", "stackguide-warm", "hugo"))
        rss = {t: peak_rss(work / f"rss-{n}-{t}.txt") for t in ("stackguide-cold", "zola", "hugo")}
        row = f"| {int(n):,} |"
        if zola:
            z = hyperfine(work, n, "zola")
            row += f" **{z['mean'] / cold['mean']:.2f}×** | {cpu(z) / cpu(cold):.2f}× |"
        row += f" **{hugo['mean'] / cold['mean']:.2f}×** | {cpu(hugo) / cpu(cold):.2f}× |"
        if zola:
            row += f" **{z['mean'] / warm['mean']:.2f}×** |"
        row += f" {rss['hugo'] / rss['stackguide-cold']:.2f}× |"
        if zola:
            row += f" {rss['zola'] / rss['stackguide-cold']:.2f}× |"
        own = [", ".join(map(str, built_ms(work, n, f"stackguide-{m}")[1])) for m in ("cold", "warm")]
        out.append(row + f" {own[0]}; {own[1]} |")
    return out


def code_table(work, sizes):
    out = ["| chapters | tool | code lines in the chapters | `<pre>` blocks | `<pre>` bytes | bytes per code line |",
           "|---:|---|---:|---:|---:|---:|"]
    for n in sizes:
        corpus = json.loads((work / f"corpus-{n}.json").read_text())
        for tool, label in (("stackguide", "stackguide"), ("zola", "Zola"), ("hugo", "Hugo")):
            o = output_of(work, n, tool)
            if not o:
                continue
            out.append(f"| {int(n):,} | {label} | {corpus['code_lines']:,} | {o['pre_blocks']:,} | "
                       f"{o['pre_bytes']:,} | **{o['pre_bytes'] / corpus['code_lines']:.0f}** |")
    return out


def synthetic(work, sizes):
    zola = any((work / f"hf-{n}-zola.json").exists() for n in sizes)
    tools = "stackguide, Zola and Hugo" if zola else "stackguide and Hugo"
    out = [f"## Synthetic sites: {tools} on the same chapters", ""]
    if not zola:
        out += ["Zola is left out: no `ZOLA=/path/to/zola` was given.", ""]
    out += ["Generated by `bench/gen_site.py` (about 700 words, a table, lists, links and a Python "
           "and a Go code block per chapter, 20 sections). Each tool highlights code into CSS classes "
           "and renders a sidebar of every section with the current section's chapters, a table of contents, "
           "breadcrumbs and previous/next links (BENCHMARKS.md says how each tool's templates do it). stackguide cold: its `.stackguide-cache/` and output moved "
           "aside before each run; warm: both kept from the previous run, nothing edited (the build finds nothing "
           "to write); warm, one chapter edited: the same, with a line added to one chapter before each run (the "
           "whole site is rendered again). Zola and Hugo build into a fresh output "
           "folder each run (the previous one moved aside). Outputs are moved aside rather than deleted "
           "because on ext4 making files soon after many were deleted is slower, which would charge each run "
           "for its own preparation. Times are hyperfine's mean ± standard deviation of the timed runs; pages/s = "
           "pages written / mean time; peak RSS is the largest over all runs (`/usr/bin/time -v`); CPU is "
           "the mean user + system time of a run, which other load on the machine disturbs less than the "
           "wall-clock time. Output: bytes of all files written, and the median size of a chapter's page "
           "(stackguide's measured after the warm runs).", ""]
    out += size_table(work, sizes)
    out += ["", "Ratios (above 1: stackguide is faster or smaller):", ""]
    out += ratio_table(work, sizes)
    out += ["", "### Highlighted code", "",
            "The `<pre>…</pre>` elements of the chapter pages (each chapter's Python and Go blocks, "
            "highlighted into CSS classes) divided by the lines of code in the chapters' Markdown: the "
            "HTML one line of highlighted code costs (wrappers around the `<pre>` and style sheets not "
            "counted; `bench/output_stats.py`).", ""]
    out += code_table(work, sizes)
    return out


def guide(work):
    out = ["## The guide in `content/`", "",
           "Cold: `.stackguide-cache/` and output moved aside before each run; warm: both kept, nothing "
           "edited; edit: both kept, a line added to one chapter before each run (3 warm-ups each).", "",
           "| build | pages | time (mean ± sd) | min … max | runs | CPU (user + sys) | stackguide's own time (median) | peak RSS |",
           "|---|---:|---|---|---:|---:|---:|---:|"]
    for mode in ("cold", "warm", "edit"):
        g = hyperfine(work, "guide", f"stackguide-{mode}")
        pages, own = built_ms(work, "guide", f"stackguide-{mode}")
        median = f"{statistics.median(own):.0f} ms" if own else "?"
        rss = peak_rss(work / f"rss-guide-stackguide-{mode}.txt")
        out.append(f"| {mode} | {pages if pages else '?'} | {secs(g['mean'])} ± {secs(g['stddev'] or 0)} | "
                   f"{secs(g['min'])} … {secs(g['max'])} | {len(g['times'])} | {secs(cpu(g))} | "
                   f"{median} | {mib(rss) if rss else '?'} |")
    return out


def scale(work, tags):
    """One cold run each of stackguide alone on the scale sites."""
    out = ["## Scale: stackguide alone, one cold build each", "",
           "`scale-N`: N chapters and the usual 6 stacks; `stacks-N`: 1,000 chapters and N stacks, "
           "every pair compared on a page of its own.", "",
           "| site | pages | time | CPU (user + sys) | peak RSS | output | largest page | sitemap |",
           "|---|---:|---:|---:|---:|---:|---|---|"]
    for tag in tags:
        if not (work / f"hf-{tag}-stackguide-cold.json").exists():
            continue
        r = hyperfine(work, tag, "stackguide-cold")
        pages = built_ms(work, tag, "stackguide-cold")[0]
        rss = peak_rss(work / f"rss-{tag}-stackguide-cold.txt")
        o = output_of(work, tag, "stackguide") or {}
        sitemap = (f"index of {o['sitemap_files'] - 1} files" if o.get("sitemap_is_index")
                   else f"{o.get('sitemap_files', '?')} file")
        out.append(f"| {tag} | {pages:,} | {secs(r['mean'])} | {secs(cpu(r))} | {mib(rss) if rss else '?'} | "
                   f"{o.get('total_bytes', 0) / 2**20:,.0f} MiB | {o.get('largest_page', '?')} "
                   f"({o.get('largest_page_bytes', 0) / 1024:,.0f} KiB) | {sitemap} |")
    return out


def serve(work, chapter):
    s = json.loads((work / "serve.json").read_text())
    span = lambda k: (f"{s[k]['median']:.0f} ms ({s[k]['min']:.0f} … {s[k]['max']:.0f})" if s.get(k) else "?")
    out = ["## `serve`: from saving an edit to the reloaded page", "",
           f"A line appended to `{chapter}` {s['edits']} times while its page (`{s.get('page', '?')}`) is "
           "open (its live-reload connection names it). Times from the write: to the server-sent "
           "`reload` event (includes the file watcher's 15 ms debounce), and to the page fetched "
           "then showing the edit. Serve renders the open pages first (`updated 1 open page in X ms`, "
           "the time a writer waits), then the rest of the site (`built N pages in X ms`); a request "
           "for another page waits for the rest.", "",
           "| edits | reload | page with the edit | serve: open page updated | serve: whole site built |",
           "|---:|---|---|---|---|",
           f"| {s['edits']} | {span('reload_ms')} | {span('page_ms')} | {span('open_ms')} | {span('built_ms')} |",
           "", "Medians, with min … max."]
    if s.get("extra_reloads"):
        out.append(f"\n{s['extra_reloads']} edit(s) caused more than one rebuild.")
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", type=Path, required=True)
    ap.add_argument("--sizes", required=True)
    ap.add_argument("--repo", type=Path, required=True)
    ap.add_argument("--chapter", required=True, help="the chapter edited under serve")
    ap.add_argument("--scale", default="", help="tags of the scale runs (scale-N, stacks-N)")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    work = args.work
    rev = (work / "git-rev").read_text().strip()
    dirty = int((work / "git-dirty").read_text().strip() or 0)

    out = ["# Benchmark results", ""]
    out.append(f"Produced by `bash bench/run.sh` on {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, "
               f"stackguide at commit `{rev}`" + (f" with {dirty} uncommitted changed file(s)" if dirty else "") + ".")
    out += ["", "## Machine", "", "| | |", "|---|---|"]
    out += [f"| {k} | {v} |" for k, v in machine(work)]
    sizes = args.sizes.split()
    for part in (synthetic(work, sizes), scale(work, args.scale.split()), guide(work), serve(work, args.chapter)):
        out += [""] + part

    text = "\n".join(out) + "\n"
    args.out.write_text(text)
    print(text)
    print(f"written to {os.path.relpath(args.out)}")


if __name__ == "__main__":
    main()
