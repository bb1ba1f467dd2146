#!/usr/bin/env python3
"""Count the instructions stackguide runs, with valgrind's callgrind: the same on every run
whatever else the machine is doing, so a change of a few percent shows where wall-clock times
on a shared machine vary by more. Not a figure of the benchmark (bench/run.sh measures time):
a way to see what a change to the code did.

    python3 bench/instructions.py --bin target/release/stackguide [--edits 5]

Copies the guide (content/ and themes/) to a temporary folder, counts a cold build of it (no
cache, fresh output), then starts `stackguide serve` on it, lets it build, and counts the
rebuilds after EDITS edits to one chapter (a line appended each time): prints the cold build's
total and the mean per rebuild. Needs valgrind (Debian: apt-get install valgrind). Standard
library only; the output of callgrind (callgrind.out.*) is left in the temporary folder, and
its path printed, for callgrind_annotate.
"""

import argparse
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHAPTER = "content/guide/architecture/ai-features.md"


def totals(path):
    """The instructions a callgrind output file counted."""
    for line in Path(path).read_text().splitlines():
        if line.startswith(("totals:", "summary:")):
            return int(line.split()[1])
    raise SystemExit(f"no totals in {path}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", required=True, type=Path)
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is needed (Debian: apt-get install valgrind)")
    binary = args.bin.resolve()
    work = Path(tempfile.mkdtemp(prefix="stackguide-instructions-"))
    site = work / "site"
    for part in ("content", "themes"):
        shutil.copytree(REPO / part, site / part)
    env = dict(os.environ, STACKGUIDE_TODAY=os.environ.get("STACKGUIDE_TODAY", "2026-12-02"))
    grind = ["valgrind", "--tool=callgrind"]

    cold = work / "callgrind.out.cold"
    subprocess.run(
        grind + [f"--callgrind-out-file={cold}", binary, "build", "--root", site, "--output", work / "out", "--quiet"],
        check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    print(f"cold build: {totals(cold):,} instructions ({cold})")

    shutil.rmtree(site / ".stackguide-cache", ignore_errors=True)
    served = work / "callgrind.out.serve"
    proc = subprocess.Popen(
        grind + [f"--callgrind-out-file={served}", binary, "serve", "--root", site, "--port", "0"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(l) for l in proc.stdout], daemon=True).start()

    def seen(pattern):
        while not re.match(pattern, lines.get(timeout=900)):
            pass

    def built():
        seen(r"built \d+ pages?")

    try:
        built()
        seen(r"serving ")
        # The file watcher starts beside the server, and everything is slow under valgrind.
        time.sleep(2)
        # Count from here: the first build is not a rebuild.
        subprocess.run(["callgrind_control", "-z", str(proc.pid)], check=True, capture_output=True)
        for i in range(args.edits):
            with open(site / CHAPTER, "a", encoding="utf-8") as f:
                f.write(f"\nEdited {i}.\n")
            built()
        subprocess.run(["callgrind_control", "-d", str(proc.pid)], check=True, capture_output=True)
    finally:
        proc.terminate()
        proc.wait()
    # The dump made on request is the file with the highest number.
    dumps = sorted(work.glob("callgrind.out.serve.*"), key=lambda p: int(p.suffix[1:]))
    if not dumps:
        sys.exit("callgrind wrote no dump of serve")
    print(f"serve, a rebuild after a chapter edit: {totals(dumps[-1]) // args.edits:,} instructions "
          f"(mean of {args.edits}; {dumps[-1]})")


if __name__ == "__main__":
    main()
