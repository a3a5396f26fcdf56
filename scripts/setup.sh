#!/usr/bin/env bash
# Installs everything duban needs, idempotently: Debian packages (Chromium, CJK
# fonts, poppler-utils, mupdf-tools, python3-fonttools; LibreOffice Writer and Calc
# and python-docx, which the .docx and workbook checks convert and read back with),
# npm dependencies, the build, and the prepared fonts (converted once per machine,
# cached by content).
# Fast when everything is already present. Set DUBAN_SKIP_APT=1 to skip apt.
set -euo pipefail
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
cd "$(dirname "$0")/.."

say() { printf '[setup] %s\n' "$*" >&2; }

# --- system packages -------------------------------------------------------
# python3-fonttools converts the CFF substitutes (Noto CJK, Fandol) to TrueType once, so PDFs embed CID fonts, not Type 3.
# libreoffice-calc-nogui lets the tests open the 台账 workbook in a real spreadsheet program;
# libreoffice-writer-nogui and python3-docx convert and read back the .docx documents.
# postgresql runs the store tests on the second engine (a throwaway cluster per test run);
# libpq-dev builds pg-native's libpq binding, the store's PostgreSQL driver;
# g++, make and python3 are node-gyp's tools: that binding has no prebuilt binary, and
# better-sqlite3 compiles too when its prebuilt binary cannot be downloaded.
APT_PACKAGES=(chromium chromium-headless-shell fonts-noto-cjk fonts-arphic-gkai00mp poppler-utils mupdf-tools texlive-lang-chinese python3-fonttools libreoffice-calc-nogui libreoffice-writer-nogui python3-docx postgresql libpq-dev g++ make python3)
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
fi
if [ "${#missing[@]}" -gt 0 ] && [ "${DUBAN_SKIP_APT:-0}" != 1 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null || { say "apt-get update failed"; exit 3; }
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || { say "apt-get install failed for: ${missing[*]}"; exit 3; }
  else
    cat >&2 <<MSG
[setup] These system packages are missing: ${missing[*]}
[setup] duban needs them for PDFs (Chromium, CJK fonts) and their checks (poppler-utils, mupdf-tools; LibreOffice and python-docx check the .docx files), and PostgreSQL (postgresql for the tests, libpq-dev to build the driver).
[setup] On Debian/Ubuntu run as root:  apt-get install --no-install-recommends ${missing[*]}
[setup] Elsewhere: install Chromium or Chrome (or set DUBAN_BROWSER=/path/to/browser), Noto CJK SC fonts,
[setup] AR PL KaitiM GB, FandolFang, poppler, mupdf, LibreOffice Writer and python-docx; then run this command again (DUBAN_SKIP_APT=1 skips this check).
MSG
    exit 3
  fi
fi

# --- node ---------------------------------------------------------------------
node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20||(a===20&&b<11)) process.exit(1)' || {
  say "Node.js >= 20.11 is required (found $(node --version)). Install Node 20 LTS and retry."; exit 3; }

# --- npm dependencies (skipped when the lockfile has not changed) --------------
stamp=node_modules/.duban-install-stamp
want=$(sha256sum package-lock.json 2>/dev/null | cut -c1-64 || echo none)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  export PUPPETEER_SKIP_DOWNLOAD=1
  if [ -d node_modules ]; then
    say "updating npm dependencies (npm install)"
    npm install --no-audit --no-fund --loglevel=error >&2
  else
    say "installing npm dependencies (npm ci; better-sqlite3 compiles from source, ~1-2 min)"
    npm ci --no-audit --no-fund --loglevel=error >&2
  fi
  want=$(sha256sum package-lock.json | cut -c1-64)
  echo "$want" > "$stamp"
fi

# better-sqlite3 is a native addon: make sure it loads (npm 11 runs its install
# script only because package.json "allowScripts" approves it; rebuild if not).
node -e "new (require('better-sqlite3'))(':memory:')" 2>/dev/null || {
  say "building better-sqlite3 from source (node-gyp)"; npm rebuild better-sqlite3 --loglevel=error >&2; }

# --- build (turbo caches unchanged packages) ------------------------------------
say "building"
npx --no-install turbo run build --output-logs=errors-only >&2

# --- fonts (the first time about a minute per CJK face; instant once cached) -----
say "preparing fonts"
node --input-type=module -e "const { prepareFontCache } = await import('./packages/pdf/dist/index.js'); await prepareFontCache();" >&2 || {
  say "could not prepare the fonts now (documents will prepare them on first use); \`node apps/cli/bin/duban.js doctor\` says why"; }
