"""The Chromium on this machine: where it is, the flags it runs with, what to say if missing.

One home for the snapshot command, the chart-image downloads, the benchmark and the browser
tests, so they all find the same browser and run it the same way.
"""

from __future__ import annotations

import os
import shutil

SYSTEM_CHROMIUM = "/usr/bin/chromium"
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Headless, and quiet on this closed network: no sync, no updates, no background requests.
# The sandbox is off because it needs privileges a container or CI runner seldom has.
BROWSER_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class NoBrowser(RuntimeError):
    """No Chromium-family browser was found to render with."""


def find_browser() -> str | None:
    """Return the path of a Chromium-family browser, or None.

    $CHROMIUM_PATH decides when set (a path that cannot run means "no browser"); then
    $BROWSER_PATH (kaleido's own variable), then /usr/bin/chromium and the usual names.
    """
    chosen = os.environ.get("CHROMIUM_PATH", "")
    if chosen:
        return chosen if _runnable(chosen) else None
    path = os.environ.get("BROWSER_PATH", "")
    if path and _runnable(path):
        return path
    if _runnable(SYSTEM_CHROMIUM):
        return SYSTEM_CHROMIUM
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _runnable(path: str) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


def install_hint() -> str:
    """How to get a browser, for error messages."""
    return (
        "install Chromium (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH to a "
        "Chromium or Chrome executable"
    )


def require_browser() -> str:
    """Return the path of a Chromium-family browser.

    Raises:
        NoBrowser: none is installed; the message says how to get one.
    """
    browser = find_browser()
    if browser is None:
        raise NoBrowser(f"no Chromium browser found: {install_hint()}")
    return browser
