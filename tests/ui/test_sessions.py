"""Sessions share the cached frames: none of them may change what the others read."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pandas as pd
import pytest
from streamlit.runtime import Runtime
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

from dashboard.core.dataset import read_dataset
from dashboard.ui.data import load_all
from tests.ui.conftest import APP

LINKS = [
    {"country": "KAZ"},
    {"role": "funding", "status": "committed"},
    {"as_of": "2026-02-20", "since": "2025-11-01"},
    {"country": "IDN", "focus": "IDN", "history": "true"},
    {"view": "briefing", "since": "2026-02-19"},
    {"country": "XKX,ALB", "as_of": "2026-02-19"},
    {"status": "declined"},
    {"role": "observers"},
    {"country": "IDN", "section": "statements"},  # the table and the corrections log
]


def _visit(link: dict[str, str]) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in link.items():
        at.query_params[key] = value
    return at.run()


class _KeepsTheFirstRuntime(type):
    def __setattr__(cls, name: str, value: Any) -> None:
        if name != "_instance":
            super().__setattr__(name, value)
        elif value is not None and Runtime._instance is None:
            Runtime._instance = value


class _SharedRuntime(Runtime, metaclass=_KeepsTheFirstRuntime):
    """What AppTest sees as `Runtime`: its runs set the real runtime once and never unset it."""


@pytest.fixture
def one_runtime(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Let AppTest runs in parallel threads share one runtime, as a server's sessions do.

    Each AppTest run sets the global Runtime._instance to a runtime of its own and sets it to
    None when it ends; a run in another thread then finds no runtime halfway through
    ("Runtime hasn't been created!", in Streamlit's script runner, one test run in five).
    """
    monkeypatch.setattr(app_test_module, "Runtime", _SharedRuntime)
    yield
    Runtime._instance = None


@pytest.mark.usefixtures("one_runtime")
def test_concurrent_sessions_leave_the_cached_frames_as_they_were():
    fresh = read_dataset()
    with ThreadPoolExecutor(max_workers=4) as pool:
        pages = list(pool.map(_visit, LINKS * 2))
    for at in pages:
        assert not at.exception, at.exception
        assert not at.error, [e.value for e in at.error]
    cached = load_all().dataset
    for frame in ("commitments", "targets", "places", "corrections"):
        pd.testing.assert_frame_equal(getattr(cached, frame), getattr(fresh, frame), obj=frame)
    assert cached.review == fresh.review
