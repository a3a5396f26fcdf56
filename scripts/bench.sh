#!/usr/bin/env bash
# Benchmarks: writes bench/results.json and prints a table.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec node --expose-gc --import tsx bench/run.ts "$@"
