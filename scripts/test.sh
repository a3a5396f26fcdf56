#!/usr/bin/env bash
# The whole test suite: set-up (idempotent), type check, then every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "[test] type check" >&2
npx --no-install tsc -p tsconfig.json --noEmit
echo "[test] vitest" >&2
npx --no-install vitest run "$@"
