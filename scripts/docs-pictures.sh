#!/usr/bin/env bash
# Regenerates the README's pictures of what the office gets (docs/*.png) from the
# main job's output: runs `npm start` first unless out/ already holds it, then turns
# the pages an office reads first into PNG (pdftoppm -r 60, as the brief asks).
# Usage: bash scripts/docs-pictures.sh [--rebuild]
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${DUBAN_OUT:-out}
BULLETIN="$OUT/督查通报-第3期.pdf"
ANNEX="$OUT/督查通报-第3期-附件.pdf"
if [ "${1:-}" = "--rebuild" ] || [ ! -f "$BULLETIN" ]; then bash scripts/main.sh >/dev/null; fi
mkdir -p docs
page() { # page FILE N NAME: page N of FILE as docs/NAME.png
  local tmp; tmp=$(mktemp -d)
  pdftoppm -png -r 60 -f "$2" -l "$2" "$1" "$tmp/p"
  mv "$tmp"/p-*.png "docs/$3.png"
  rm -rf "$tmp"
}
last=$(pdfinfo "$BULLETIN" | awk '/^Pages:/ {print $2}')
page "$BULLETIN" 1 bulletin-masthead
page "$BULLETIN" 4 bulletin-body
page "$ANNEX" 1 bulletin-attachment
page "$BULLETIN" "$last" bulletin-banji
page "$OUT/scoresheets/考核评分表-市发改委.pdf" 1 scoresheet
page "$OUT/scoresheets/考核得分汇总表.pdf" 1 scoresheet-summary
ls -1 docs/*.png
