"""Which commitments file a process reads: COMMITMENTS_CSV if set, else the bundled file."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.core.dataset import read_dataset
from dashboard.core.loading import BUNDLED_COMMITMENTS, InvalidData, read_commitments
from dashboard.settings import ENV_COMMITMENTS, commitments_path

FIXTURES = Path(__file__).resolve().parent / "core" / "fixtures"


def test_the_environment_variable_picks_the_file(monkeypatch):
    chosen = FIXTURES / "valid" / "non_ascii.csv"
    monkeypatch.setenv(ENV_COMMITMENTS, str(chosen))
    assert commitments_path() == chosen


def test_a_file_the_variable_names_is_read_and_checked_like_any_other(monkeypatch):
    chosen = FIXTURES / "broken" / "bad_date.csv"
    monkeypatch.setenv(ENV_COMMITMENTS, str(chosen))
    with pytest.raises(InvalidData) as caught:
        read_commitments(commitments_path())
    assert caught.value.path == str(chosen)
    assert [(p.line, p.column) for p in caught.value.problems] == [(3, "date")]


@pytest.mark.parametrize("value", ["", "   ", None])
def test_blank_or_unset_means_the_bundled_file(monkeypatch, value):
    if value is None:
        monkeypatch.delenv(ENV_COMMITMENTS, raising=False)
    else:
        monkeypatch.setenv(ENV_COMMITMENTS, value)
    assert commitments_path() == BUNDLED_COMMITMENTS
    assert read_dataset(commitments_path()).path == BUNDLED_COMMITMENTS
