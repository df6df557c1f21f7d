"""Sessions share the cached frames: none of them may change what the others read."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pandas as pd
from streamlit.testing.v1 import AppTest

from dashboard.core.loading import read_commitments, read_targets
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
]


def _visit(link: dict[str, str]) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in link.items():
        at.query_params[key] = value
    return at.run()


def test_concurrent_sessions_leave_the_cached_frames_as_they_were():
    fresh_commitments, fresh_targets = read_commitments(), read_targets()
    with ThreadPoolExecutor(max_workers=4) as pool:
        pages = list(pool.map(_visit, LINKS * 2))
    for at in pages:
        assert not at.exception, at.exception
        assert not at.error, [e.value for e in at.error]
    cached_commitments, cached_targets, _, _ = load_all()
    pd.testing.assert_frame_equal(cached_commitments, fresh_commitments)
    pd.testing.assert_frame_equal(cached_targets, fresh_targets)


def test_each_session_keeps_its_own_filters():
    kaz = _visit({"country": "KAZ", "section": "statements"})
    funding = _visit({"role": "funding", "section": "statements"})
    assert kaz.multiselect(key="country").value == ["KAZ"]
    assert kaz.multiselect(key="role").value == []
    assert funding.multiselect(key="country").value == []
    assert funding.multiselect(key="role").value == ["funding"]
    kaz_rows = kaz.dataframe[0].value
    funding_rows = funding.dataframe[0].value
    assert set(kaz_rows["Country"]) == {"Kazakhstan"}
    assert set(funding_rows["Role"]) == {"Funding"}
