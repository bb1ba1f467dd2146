#!/usr/bin/env bash
# Every test of the project: formatting and lints, the Rust unit and integration tests, then the built guide checked
# in a real browser (Nu HTML Checker, axe-core, behaviour, page weight). Installs what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
updated=false
need() { # need COMMAND PACKAGE: install PACKAGE with apt-get when COMMAND is missing
  command -v "$1" >/dev/null 2>&1 && return
  $updated || { as_root apt-get update -qq; updated=true; }
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2"
}
need java default-jre-headless
need node nodejs
need npm npm
if [ -z "${CHROMIUM:-}" ]; then
  CHROMIUM=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
  if [ -z "$CHROMIUM" ]; then need chromium chromium; CHROMIUM=$(command -v chromium); fi
fi
export CHROMIUM

# Style and lints first: a red here means nothing else needs to run.
cargo fmt --version >/dev/null 2>&1 || rustup component add rustfmt
cargo clippy --version >/dev/null 2>&1 || rustup component add clippy
cargo fmt --check
cargo clippy --locked --all-targets -- -D warnings
# The deploy workflow: actionlint (installs a pinned one when none is on PATH).
bash tests/lint-workflows.sh

cargo test --locked

(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
port=${BROWSER_TEST_PORT:-8765}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo run --locked --release --quiet -- build --output "$out/site" --base-url "http://127.0.0.1:$port/"
node tests/browser/run.mjs "$out/site" "$port"
