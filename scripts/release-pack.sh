#!/usr/bin/env bash
# `npm run release:pack [DIR]`: the tarballs a registry would get — one per public
# package (what `changeset publish` would upload), built first — written to DIR
# (default dist-tarballs/) with manifest.json (npm pack --json). Install them
# anywhere with `npm install DIR/*.tgz` to try duban outside this repository;
# the authoring guide shows how a plug-in tests against them.
# DUBAN_SKIP_BUILD=1 packs what is already built (the tests build first).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-dist-tarballs}")
if [ "${DUBAN_SKIP_BUILD:-0}" != 1 ]; then
  TURBO_TELEMETRY_DISABLED=1 npx --no-install turbo run build --output-logs=errors-only >&2
fi
mkdir -p "$out"
rm -f "$out"/*.tgz "$out/manifest.json"
# Public workspaces: every workspace package.json without "private": true.
mapfile -t workspaces < <(node -e '
  const fs = require("fs"), path = require("path");
  const globs = require("./package.json").workspaces;
  for (const g of globs) {
    const base = g.replace(/\/\*$/, "");
    for (const d of fs.readdirSync(base).sort()) {
      const f = path.join(base, d, "package.json");
      if (fs.existsSync(f) && !JSON.parse(fs.readFileSync(f, "utf8")).private) console.log(path.join(base, d));
    }
  }')
args=()
for w in "${workspaces[@]}"; do args+=(-w "$w"); done
npm pack --json --loglevel=error --pack-destination "$out" "${args[@]}" > "$out/manifest.json"
node -e '
  const m = require(process.argv[1]);
  for (const p of m) console.log(`${(p.name + "@" + p.version).padEnd(34)} ${p.filename}  (${p.entryCount} files, ${Math.round(p.size / 1024)} kB)`);
' "$out/manifest.json"
echo "[release:pack] ${#workspaces[@]} tarballs in $out" >&2
