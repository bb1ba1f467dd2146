#!/usr/bin/env bash
# The benchmark: reproduces the figures in bench/results.md.
#
#   bash bench/run.sh
#
# 1. installs hyperfine, hugo and GNU time if missing (Debian packages);
# 2. builds stackguide in release and snapshots the binary (so a rebuild elsewhere cannot change
#    it mid-run);
# 3. for each size N, generates a synthetic site (bench/gen_site.py) and times, with hyperfine
#    in one run, `stackguide build` and `hugo --quiet` building the same chapters, with peak
#    memory from /usr/bin/time -v around every timed run;
# 4. times the build of this repository's guide (a copy of content/ and themes/) and, under
#    `stackguide serve`, the time from saving an edit to the `reload` event (bench/serve_edit.py);
# 5. prints a summary and writes it to bench/results.md (bench/report.py).
#
# Settings (environment):
#   BENCH_SIZES    synthetic site sizes, default "1000 10000"
#   BENCH_RUNS     timed runs per command; default 5 up to 2,000 pages, 3 above
#   BENCH_EDITS    edits under serve, default 10
#   BENCH_WORK     scratch folder, default bench/.work (git-ignored; several GB at 10,000 pages)
#   BENCH_RESULTS  summary file, default bench/results.md
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$HERE")
SIZES=${BENCH_SIZES:-"1000 10000"}
EDITS=${BENCH_EDITS:-10}
WORK=${BENCH_WORK:-$HERE/.work}
RESULTS=${BENCH_RESULTS:-$HERE/results.md}

log() { printf '\n== %s\n' "$*" >&2; }

# --- 1. tools ------------------------------------------------------------------------------
missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v hugo >/dev/null || missing+=(hugo)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    if [ "$(id -u)" -eq 0 ]; then
        SUDO=()
    elif command -v sudo >/dev/null; then
        SUDO=(sudo)
    else
        echo "run as root or install: ${missing[*]}" >&2
        exit 1
    fi
    "${SUDO[@]}" apt-get update -qq
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v python3 >/dev/null || { echo "python3 is needed" >&2; exit 1; }
command -v cargo >/dev/null || { echo "cargo is needed" >&2; exit 1; }

# --- 2. stackguide -------------------------------------------------------------------------
log "building stackguide (release)"
(cd "$REPO" && cargo build --release)
case "$WORK" in "" | / | "$REPO" | "$HERE") echo "refusing BENCH_WORK=$WORK" >&2; exit 1 ;; esac
rm -rf "$WORK"
mkdir -p "$WORK/bin"
cp "$REPO/target/release/stackguide" "$WORK/bin/stackguide"
SG=$WORK/bin/stackguide
git -C "$REPO" rev-parse --short HEAD > "$WORK/git-rev" 2>/dev/null || echo unknown > "$WORK/git-rev"
# Uncommitted changes to tracked files, if any, are noted in the results.
git -C "$REPO" status --porcelain --untracked-files=no 2>/dev/null | wc -l > "$WORK/git-dirty" || true

# Times one or more commands with hyperfine. Every timed run is wrapped in /usr/bin/time -v
# (appending to $WORK/rss-<tag>-<name>.txt), and its stdout and stderr are appended to
# $WORK/stdout-<tag>-<name>.log and $WORK/stderr-<tag>-<name>.log; the wrapper and the
# redirections cost nothing measurable (hyperfine subtracts its shell's start-up).
#   bench TAG RUNS NAME COMMAND [NAME COMMAND ...]
bench() {
    local tag=$1 runs=$2
    shift 2
    local args=()
    while [ $# -gt 0 ]; do
        local name=$1 cmd=$2
        shift 2
        : > "$WORK/rss-$tag-$name.txt"
        : > "$WORK/stdout-$tag-$name.log"
        : > "$WORK/stderr-$tag-$name.log"
        args+=(-n "$name" "/usr/bin/time -v -a -o '$WORK/rss-$tag-$name.txt' $cmd >>'$WORK/stdout-$tag-$name.log' 2>>'$WORK/stderr-$tag-$name.log'")
    done
    cat /proc/loadavg > "$WORK/load-$tag.txt"
    # `sync` before each run so one run's written output is not flushed during the next.
    hyperfine --warmup 1 --runs "$runs" --prepare sync \
        --export-json "$WORK/hf-$tag.json" "${args[@]}"
    cat /proc/loadavg >> "$WORK/load-$tag.txt"
}

# --- 3. synthetic sites --------------------------------------------------------------------
for n in $SIZES; do
    runs=${BENCH_RUNS:-$([ "$n" -le 2000 ] && echo 5 || echo 3)}
    site=$WORK/site-$n
    out=$WORK/out-$n
    log "generating $n chapters"
    python3 "$HERE/gen_site.py" --pages "$n" --out "$site"
    log "timing stackguide and Hugo on $n chapters ($runs runs each, 1 warm-up)"
    bench "$n" "$runs" \
        stackguide "'$SG' build --root '$site' --output '$out/stackguide'" \
        hugo "hugo --quiet --source '$site/hugo' --destination '$out/hugo'"
    # The generated site must build without a single error or warning.
    if [ -s "$WORK/stderr-$n-stackguide.log" ]; then
        echo "stackguide reported problems on the generated site:" >&2
        head -50 "$WORK/stderr-$n-stackguide.log" >&2
        exit 1
    fi
    if [ -s "$WORK/stderr-$n-hugo.log" ]; then
        echo "hugo printed on stderr (see $WORK/stderr-$n-hugo.log):" >&2
        head -20 "$WORK/stderr-$n-hugo.log" >&2
    fi
    find "$out/hugo" -name '*.html' | wc -l > "$WORK/pages-$n-hugo"
    du -sb "$out/stackguide" | cut -f1 > "$WORK/size-$n-stackguide"
    du -sb "$out/hugo" | cut -f1 > "$WORK/size-$n-hugo"
    # The outputs of 10,000 pages are large; keep only the measurements.
    rm -rf "$out"
done

# --- 4. the guide in this repository, and serve --------------------------------------------
# A copy, so that edits made while the benchmark runs (and the edits it makes itself under
# serve) do not touch the working tree.
guide=$WORK/guide
mkdir -p "$guide"
cp -R "$REPO/content" "$guide/content"
[ -d "$REPO/themes" ] && cp -R "$REPO/themes" "$guide/themes"
log "timing the build of the guide in content/"
bench guide 20 stackguide "'$SG' build --root '$guide' --output '$WORK/out-guide'"
if [ -s "$WORK/stderr-guide-stackguide.log" ]; then
    echo "note: the guide built with diagnostics:" >&2
    head -20 "$WORK/stderr-guide-stackguide.log" >&2
fi

log "serve: $EDITS edits, each timed from the write to the reload event"
# The first chapter of the first section, in file order.
chapter=$(cd "$guide" && find content/guide -name '*.md' ! -name '_index.md' | sort | head -1)
python3 "$HERE/serve_edit.py" --bin "$SG" --root "$guide" --chapter "$chapter" \
    --edits "$EDITS" --json "$WORK/serve.json"

# --- 5. summary ----------------------------------------------------------------------------
python3 "$HERE/report.py" --work "$WORK" --sizes "$SIZES" --repo "$REPO" --chapter "$chapter" \
    --out "$RESULTS"
