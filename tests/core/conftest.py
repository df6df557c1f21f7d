"""Fixtures of the core tests beyond the shared ones: a corrections log read like the real one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from dashboard.core.loading import read_corrections
from dashboard.core.picture import as_of, planned_vs_announced
from tests.factories import write_corrections

TODAY = date(2026, 11, 28)


@pytest.fixture
def make_corrections(tmp_path: Path) -> Callable[[list[dict[str, str]]], pd.DataFrame]:
    """Write a corrections log (only the interesting cells) and read it as the dataset does."""
    count = iter(range(1_000_000))

    def make(rows: list[dict[str, str]]) -> pd.DataFrame:
        path = write_corrections(tmp_path / f"corrections-{next(count)}.csv", rows)
        return read_corrections(path, today=TODAY)

    return make


# A small picture shared by the text alternatives' tests, in English and in translation.
@pytest.fixture
def current(make_commitments):
    return as_of(
        make_commitments(
            [
                {"country": "IDN", "role": "troops", "personnel_high": "8000"},
                {"country": "KAZ", "role": "troops"},
                {"country": "KAZ", "role": "medical", "status": "offered"},
                {"country": "MAR", "role": "troops", "status": "deployed"},
                {"country": "GRC", "role": "troops", "status": "withdrawn"},
            ]
        )
    )


@pytest.fixture
def figures(current, make_targets):
    targets = make_targets(
        [
            {
                "figure": "security_personnel",
                "label": "Security personnel",
                "value": "20000",
                "counts_roles": "troops",
            },
            {"figure": "base", "label": "Base", "value": "5000", "counts_roles": ""},
        ]
    )
    return planned_vs_announced(current, targets)
