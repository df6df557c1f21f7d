"""Fixtures for the page tests: the real app in AppTest, a clean cache, other data files.

AppTest runs dashboard/app.py in this process, so the page is tested as served, minus the
browser.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
import streamlit
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.media_file_storage import MediaFileStorage, MediaFileStorageError
from streamlit.runtime.memory_media_file_storage import (
    MemoryFile,
    MemoryMediaFileStorage,
)
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

from dashboard.core.dataset import Dataset, read_dataset
from dashboard.core.loading import BUNDLED_COMMITMENTS, CORRECTIONS_NAME, REVIEW_NAME
from dashboard.core.review import default_as_of
from dashboard.core.schema import commitment_columns, correction_columns

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "dashboard" / "app.py"

Query = dict[str, str | list[str]]
OpenPage = Callable[..., AppTest]
Row = dict[str, str]


# --- the bundled data, as the app reads it ---------------------------------------------------


@functools.cache
def bundled() -> Dataset:
    """The bundled data, read and checked by the app's own loader (shared: never change it).

    Tests derive what the page should say from it, so the next data review does not break them.
    """
    return read_dataset(BUNDLED_COMMITMENTS)


def bundled_default() -> date:
    """The bundled data's default as-of date: its review date (or its newest statement)."""
    data = bundled()
    return default_as_of(data.latest, data.review)


# --- small data folders of our own -----------------------------------------------------------


def statement(**fields: str) -> Row:
    """One row of a commitments file: the given fields over valid defaults."""
    defaults = {
        "date_precision": "day",
        "status": "committed",
        "source_outlet": "Test outlet",
        "source_kind": "media",
    }
    row = {**defaults, **fields}
    row.setdefault("source_url", f"https://example.org/statement/{row['id']}")
    return row


def write_rows(path: Path, columns: list[str], rows: list[Row]) -> Path:
    """Write `rows` as a CSV with `columns` (missing cells blank), as a curator's file is."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, restval="")
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_data_folder(
    folder: Path,
    rows: list[Row],
    review: str | None = None,
    corrections: list[Row] | None = None,
) -> Path:
    """A data folder: commitments.csv, and review.toml and corrections.csv when given.

    Returns the commitments file, the path COMMITMENTS_CSV would name.
    """
    folder.mkdir(parents=True, exist_ok=True)
    today = date.today()
    path = write_rows(folder / "commitments.csv", [c.name for c in commitment_columns(today)], rows)
    if review is not None:
        (folder / REVIEW_NAME).write_text(review, encoding="utf-8")
    if corrections is not None:
        write_rows(
            folder / CORRECTIONS_NAME, [c.name for c in correction_columns(today)], corrections
        )
    return path


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
        self.managers: list[MediaFileManager] = []

    def get(self, url: str) -> MemoryFile:
        """The stored file behind a media URL such as /mock/media/<id>.csv."""
        name = url.rsplit("/", 1)[-1]
        for store in reversed(self.stores):
            try:
                return store.get_file(name)
            except MediaFileStorageError:
                continue
        raise AssertionError(f"no media file behind {url}")

    def deferred(self, file_id: str) -> MemoryFile:
        """The file a deferred download (`data=` a callable) makes when its button is clicked.

        Such a button carries only `deferred_file_id`; the runtime runs the callable on a
        click. This runs it as the runtime would, and returns the file it stored.
        """
        assert file_id, "the button has no deferred file id"
        for manager in reversed(self.managers):
            try:
                url = manager.execute_deferred(file_id)
            except MediaFileStorageError:
                continue
            return self.get(url)
        raise AssertionError(f"no deferred download {file_id}")


@pytest.fixture
def media_files(monkeypatch: pytest.MonkeyPatch) -> MediaFiles:
    """Keep the in-memory media stores AppTest creates, so a download's bytes can be read.

    AppTest 1.67 gives a download button only a URL (/mock/media/<id>.<ext>), or for a
    deferred download only a file id; the bytes live in a MemoryMediaFileStorage, behind a
    MediaFileManager, that AppTest creates for each run and drops afterwards. Recording them
    (a private detail of streamlit.testing.v1.app_test) is the only way to read the file
    without a browser.
    """
    files = MediaFiles()

    class Recording(MemoryMediaFileStorage):
        def __init__(self, media_endpoint: str) -> None:
            super().__init__(media_endpoint)
            files.stores.append(self)

    class RecordingManager(MediaFileManager):
        def __init__(self, storage: MediaFileStorage) -> None:
            super().__init__(storage)
            files.managers.append(self)

    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", Recording)
    monkeypatch.setattr(app_test_module, "MediaFileManager", RecordingManager)
    return files
