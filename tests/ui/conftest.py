"""Fixtures for the page tests: the real app in AppTest, a clean cache, other data files.

AppTest runs dashboard/app.py in this process, so the page is tested as served, minus the
browser.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import streamlit
from streamlit.runtime.media_file_storage import MediaFileStorageError
from streamlit.runtime.memory_media_file_storage import (
    MemoryFile,
    MemoryMediaFileStorage,
)
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "dashboard" / "app.py"

Query = dict[str, str | list[str]]
OpenPage = Callable[..., AppTest]


@pytest.fixture(autouse=True)
def _fresh_app(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test starts from the bundled data and an empty cache.

    Streamlit's caches live in the process, not in an AppTest instance: without clearing them,
    a test would see the frames a previous test loaded.
    """
    monkeypatch.delenv("COMMITMENTS_CSV", raising=False)
    _clear_caches()
    yield
    _clear_caches()


def _clear_caches() -> None:
    streamlit.cache_data.clear()
    streamlit.cache_resource.clear()


def _open(query: Query | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=30)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


@pytest.fixture
def open_page() -> OpenPage:
    """Open the page as a first visit to a link would: `open_page({"country": "KAZ"})`."""
    return _open


@pytest.fixture(scope="module")
def bundled_page() -> AppTest:
    """One plain visit on the bundled data, shared by the tests that only read it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("COMMITMENTS_CSV", raising=False)
        _clear_caches()
        at = _open()
        _clear_caches()
    return at


@pytest.fixture
def use_commitments(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], Path]:
    """Point the app at another commitments file, as COMMITMENTS_CSV does for a reader."""

    def use(path: Path) -> Path:
        monkeypatch.setenv("COMMITMENTS_CSV", str(path))
        return path

    return use


class MediaFiles:
    """The media files the app handed to Streamlit during one test's runs."""

    def __init__(self) -> None:
        self.stores: list[MemoryMediaFileStorage] = []

    def get(self, url: str) -> MemoryFile:
        """The stored file behind a media URL such as /mock/media/<id>.csv."""
        name = url.rsplit("/", 1)[-1]
        for store in reversed(self.stores):
            try:
                return store.get_file(name)
            except MediaFileStorageError:
                continue
        raise AssertionError(f"no media file behind {url}")


@pytest.fixture
def media_files(monkeypatch: pytest.MonkeyPatch) -> MediaFiles:
    """Keep the in-memory media stores AppTest creates, so a download's bytes can be read.

    AppTest 1.67 gives a download button only a URL (/mock/media/<id>.<ext>); the bytes live
    in a MemoryMediaFileStorage that AppTest creates for each run and drops afterwards.
    Recording the stores (a private detail of streamlit.testing.v1.app_test) is the only way
    to read the file without a browser.
    """
    files = MediaFiles()

    class Recording(MemoryMediaFileStorage):
        def __init__(self, media_endpoint: str) -> None:
            super().__init__(media_endpoint)
            files.stores.append(self)

    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", Recording)
    return files
