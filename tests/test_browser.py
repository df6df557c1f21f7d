"""Finding Chromium: $CHROMIUM_PATH decides when set, then kaleido's variable, then the system's."""

from __future__ import annotations

import os

import pytest

from dashboard.browser import SYSTEM_CHROMIUM, NoBrowser, find_browser, require_browser


@pytest.fixture(autouse=True)
def _no_browser_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("CHROMIUM_PATH", "BROWSER_PATH"):
        monkeypatch.delenv(name, raising=False)


def test_find_browser_takes_an_existing_chromium_path(monkeypatch, tmp_path):
    browser = tmp_path / "my-chromium"
    browser.write_text("#!/bin/sh\n")
    browser.chmod(0o755)
    monkeypatch.setenv("CHROMIUM_PATH", str(browser))
    monkeypatch.setenv("BROWSER_PATH", SYSTEM_CHROMIUM)
    assert find_browser() == str(browser)


def test_find_browser_with_a_missing_chromium_path_finds_none(monkeypatch, tmp_path):
    monkeypatch.setenv("CHROMIUM_PATH", str(tmp_path / "missing"))
    # CHROMIUM_PATH decides when set: no fallback to BROWSER_PATH or /usr/bin/chromium.
    monkeypatch.setenv("BROWSER_PATH", SYSTEM_CHROMIUM)
    assert find_browser() is None


def test_find_browser_rejects_a_path_that_cannot_run(monkeypatch, tmp_path):
    not_executable = tmp_path / "chromium.txt"
    not_executable.write_text("not a browser")
    monkeypatch.setenv("CHROMIUM_PATH", str(not_executable))
    assert find_browser() is None
    monkeypatch.setenv("CHROMIUM_PATH", str(tmp_path))  # a directory
    assert find_browser() is None


def test_find_browser_skips_a_stale_browser_path(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chrome")
    assert find_browser() == SYSTEM_CHROMIUM


def test_find_browser_falls_back_to_the_system_chromium():
    assert os.path.exists(SYSTEM_CHROMIUM), "these tests need Debian's chromium"
    assert find_browser() == SYSTEM_CHROMIUM


def test_find_browser_reads_the_environment_only():
    before = dict(os.environ)
    find_browser()
    assert dict(os.environ) == before


def test_require_browser_says_how_to_get_one(monkeypatch):
    monkeypatch.setenv("CHROMIUM_PATH", "/nonexistent")
    with pytest.raises(NoBrowser, match=r"^no Chromium browser found: install Chromium"):
        require_browser()
    monkeypatch.delenv("CHROMIUM_PATH")
    assert require_browser() == SYSTEM_CHROMIUM
