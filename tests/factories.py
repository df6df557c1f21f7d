"""Small data files written from only their interesting cells, and datasets made of frames."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pandas as pd

from dashboard.core.dataset import Dataset, empty_corrections
from dashboard.core.review import Review
from dashboard.core.schema import correction_columns

CORRECTION_DEFAULTS = {
    "date": "2026-03-20",
    "action": "corrected",
    "what_changed": "personnel_high: 8000 to 5000",
    "why": "The ministry's own release gives 5,000",
}


def write_corrections(path: Path, rows: list[dict[str, str]]) -> Path:
    """Write a corrections log; each row gives only the cells that differ from the defaults."""
    columns = [c.name for c in correction_columns(date.today())]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, restval="")
        writer.writeheader()
        for row in rows:
            writer.writerow({**CORRECTION_DEFAULTS, **row})
    return path


def dataset_of(
    commitments: pd.DataFrame,
    targets: pd.DataFrame,
    review: Review | None = None,
    corrections: pd.DataFrame | None = None,
) -> Dataset:
    """A dataset made of frames already read (no places: no picture needs them)."""
    return Dataset(
        commitments=commitments,
        targets=targets,
        places=pd.DataFrame(columns=["name", "lat", "lon"]),
        review=review or Review(),
        corrections=empty_corrections() if corrections is None else corrections,
        path=Path("commitments.csv"),
    )
