#!/usr/bin/env bash
# The whole test suite (what CI runs): set-up (idempotent), type check, every test.
# Ends with a plain "N passed, M failed" line.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "[test] type check (tsc --noEmit)" >&2
npx --no-install tsc -p tsconfig.json --noEmit
npx --no-install biome ci --max-diagnostics=50 . # house rules (biome.jsonc): format, import order, lint, package boundaries
echo "[test] vitest" >&2
mkdir -p tmp
set +e
npx --no-install vitest run --reporter=default --reporter=json --outputFile.json=tmp/vitest-results.json "$@"
status=$?
set -e
node -e '
  const r = JSON.parse(require("fs").readFileSync("tmp/vitest-results.json", "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
' || echo "0 passed, 1 failed"
exit $status
