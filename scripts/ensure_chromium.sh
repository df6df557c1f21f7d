#!/usr/bin/env bash
# Make sure a Chromium for the browser tests exists; install Debian's package when we can.
set -euo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
# The page, the slides and the chart images are drawn in Russian and Arabic too: without a
# font that has Cyrillic and Arabic letters they come out as empty boxes. DejaVu has both.
fonts_ok() { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=ar)" ] && [ -n "$(fc-list :lang=ru)" ]; }
if [ -x "$browser" ] && fonts_ok; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium and fonts-dejavu-core for the browser tests (about a minute)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core fontconfig >/dev/null
  exit 0
fi
if [ -x "$browser" ]; then
  echo "No font with Arabic and Cyrillic letters found (fc-list :lang=ar); install fonts-dejavu-core." >&2
  exit 1
fi
cat >&2 <<MSG
No Chromium found at $browser: the browser tests need one.
Install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH to its path.
MSG
exit 1
