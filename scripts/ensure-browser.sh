#!/usr/bin/env bash
# What the e2e suites need besides node_modules: a Chromium (Debian's, or CHROMIUM_PATH) and a CJK font (without it
# every Chinese character renders as a box). Installs them with apt-get when missing and running as root; otherwise
# prints the one command to run and fails, before a long build rather than in the middle of the e2e suites.
# ENSURE_BROWSER_DRY_RUN=1 prints the apt-get commands instead of running them.
set -euo pipefail

PACKAGES=(chromium fonts-wqy-microhei fontconfig)
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"

has_browser() { [ -x "$browser" ]; }
has_cjk_font() { command -v fc-list >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi 'wenquanyi'; }

missing=()
has_browser || missing+=("Chromium ($browser)")
has_cjk_font || missing+=("a CJK font (WenQuanYi)")
[ ${#missing[@]} -eq 0 ] && exit 0

if [ -n "${CHROMIUM_PATH:-}" ] && ! has_browser; then
  echo "npm test: CHROMIUM_PATH=$CHROMIUM_PATH is not an executable; point it at a Chromium or unset it to use Debian's /usr/bin/chromium." >&2
  exit 1
fi

run() {
  if [ "${ENSURE_BROWSER_DRY_RUN:-}" = 1 ]; then echo "would run: $*"; else "$@"; fi
}

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "== installing what the e2e suites need: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  run apt-get update -q
  run apt-get install -y -q --no-install-recommends "${PACKAGES[@]}"
  [ "${ENSURE_BROWSER_DRY_RUN:-}" = 1 ] && exit 0
  if ! has_browser || ! has_cjk_font; then
    echo "npm test: installed ${PACKAGES[*]} but still missing ${missing[*]}; see the apt-get output above." >&2
    exit 1
  fi
  exit 0
fi

echo "npm test needs ${missing[*]} for the e2e suites: run  sudo apt-get install -y --no-install-recommends ${PACKAGES[*]}" >&2
exit 1
