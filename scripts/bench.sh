#!/usr/bin/env bash
# Benchmarks: writes bench/results.json and prints a table.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
node --expose-gc --import tsx bench/run.ts "$@"
# The README quotes bench/results.json, never figures typed by hand.
node --import tsx bench/readme.ts
