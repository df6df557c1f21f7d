#!/usr/bin/env bash
# Make sure a Chromium for the browser tests exists; install Debian's package when we can.
set -euo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$browser" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests (about a minute)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
cat >&2 <<MSG
No Chromium found at $browser: the browser tests need one.
Install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH to its path.
MSG
exit 1
