#!/usr/bin/env python3
"""Measure what a tool wrote for a synthetic site: sizes, and what its highlighted code costs.

    python3 bench/output_stats.py OUTPUT_DIR --json stats.json

Counts every file under OUTPUT_DIR (bytes of the files themselves, not of the folders), the
HTML pages, and, over the chapter pages only (`guide/section-*/chapter-*/index.html`, the same
addresses in every tool), the median page size and the `<pre>…</pre>` elements: each chapter's
two fenced code blocks, highlighted. Divided by the code lines of the corpus (corpus.json, from
bench/gen_site.py) that gives the HTML bytes one highlighted line of code costs. Wrappers around
the `<pre>` (Hugo's `<div class="highlight">`) and the highlighting style sheet are not counted.
Standard library only.
"""

import argparse
import json
import os
import re
import statistics
from pathlib import Path

CHAPTER = re.compile(r"^guide/section-\d+/chapter-\d+/index\.html$")
PRE = re.compile(rb"<pre[\s>].*?</pre>", re.S)


def stats(root):
    total, files, html, chapter_sizes, largest = 0, 0, 0, [], (0, "")
    sitemaps = 0
    pre_blocks, pre_bytes = 0, 0
    for folder, _, names in os.walk(root):
        for name in names:
            path = Path(folder) / name
            if path.is_symlink() or not path.is_file():
                continue
            size = path.stat().st_size
            total += size
            files += 1
            rel = path.relative_to(root).as_posix()
            if re.fullmatch(r"sitemap(-\d+)?\.xml", rel):
                sitemaps += 1
            if not name.endswith(".html"):
                continue
            html += 1
            largest = max(largest, (size, rel))
            if CHAPTER.match(path.relative_to(root).as_posix()):
                chapter_sizes.append(size)
                blocks = PRE.findall(path.read_bytes())
                pre_blocks += len(blocks)
                pre_bytes += sum(len(b) for b in blocks)
    return {
        "total_bytes": total,
        "files": files,
        "html_pages": html,
        "chapter_pages": len(chapter_sizes),
        "median_chapter_bytes": statistics.median(chapter_sizes) if chapter_sizes else None,
        "pre_blocks": pre_blocks,
        "pre_bytes": pre_bytes,
        "largest_page_bytes": largest[0],
        "largest_page": largest[1],
        # sitemap.xml alone, or sitemap.xml as an index of sitemap-N.xml files.
        "sitemap_files": sitemaps,
        "sitemap_is_index": b"<sitemapindex" in (root / "sitemap.xml").read_bytes()[:500]
        if (root / "sitemap.xml").is_file() else False,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("output", type=Path, help="the folder a tool wrote")
    ap.add_argument("--json", type=Path, required=True, help="where to write the figures")
    args = ap.parse_args()
    args.json.write_text(json.dumps(stats(args.output), indent=1) + "\n")


if __name__ == "__main__":
    main()
