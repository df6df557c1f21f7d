"""Shared fixtures for the core tests: tiny data files, read back exactly like the real ones."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from dashboard.core.loading import read_commitments, read_targets
from dashboard.core.schema import commitment_columns, target_columns

TODAY = date(2026, 11, 28)

Rows = list[dict[str, str]]


def _write(path: Path, columns: list[str], rows: Rows, defaults: Callable[[int], dict]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, restval="")
        writer.writeheader()
        for i, row in enumerate(rows):
            writer.writerow({**defaults(i), **row})
    return path


def _commitment_defaults(i: int) -> dict[str, str]:
    return {
        "id": f"row-{i}",
        "date": "2026-02-19",
        "date_precision": "day",
        "country": "IDN",
        "role": "troops",
        "status": "committed",
        "source_outlet": "Test outlet",
        "source_url": f"https://example.org/statement/{i}",
        "source_kind": "media",
    }


def _target_defaults(i: int) -> dict[str, str]:
    return {
        "id": f"target-{i}",
        "figure": f"figure_{i}",
        "label": f"Figure {i}",
        "value": "1000",
        "unit": "personnel",
        "counts_roles": "troops",
        "date": "2026-02-19",
        "source_outlet": "Test outlet",
        "source_url": f"https://example.org/target/{i}",
        "source_kind": "wire",
    }


@pytest.fixture
def make_commitments(tmp_path: Path) -> Callable[[Rows], pd.DataFrame]:
    """Write rows (only the interesting columns) to a CSV and read it as real data is read."""
    columns = [c.name for c in commitment_columns(TODAY)]
    count = iter(range(1_000_000))

    def make(rows: Rows) -> pd.DataFrame:
        path = tmp_path / f"commitments-{next(count)}.csv"
        return read_commitments(_write(path, columns, rows, _commitment_defaults), today=TODAY)

    return make


@pytest.fixture
def make_targets(tmp_path: Path) -> Callable[[Rows], pd.DataFrame]:
    """Write planned figures (only the interesting columns) to a CSV and read them back."""
    columns = [c.name for c in target_columns(TODAY)]
    count = iter(range(1_000_000))

    def make(rows: Rows) -> pd.DataFrame:
        path = tmp_path / f"targets-{next(count)}.csv"
        return read_targets(_write(path, columns, rows, _target_defaults), today=TODAY)

    return make
