"""Load the data files once per change of file, shared by every session.

The frames are cached as resources, not data: st.cache_data would copy a whole frame into
every rerun of every session. Sharing is safe because nothing downstream changes a frame in
place (pandas 3 copies on write, and the core only derives new frames); a test checks it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.core.loading import (
    BUNDLED_PLACES,
    BUNDLED_TARGETS,
    commitments_path,
    read_commitments,
    read_country_points,
    read_places,
    read_targets,
)
from dashboard.core.picture import as_of


def _stamp(path: Path) -> float:
    # The modification time is part of the cache key, so editing a file reloads it.
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


@st.cache_resource(show_spinner=False, max_entries=4)
def _commitments(path: str, stamp: float) -> pd.DataFrame:
    return read_commitments(Path(path))


@st.cache_resource(show_spinner=False, max_entries=4)
def _targets(path: str, stamp: float) -> pd.DataFrame:
    return read_targets(Path(path))


@st.cache_resource(show_spinner=False, max_entries=4)
def _places(path: str, stamp: float) -> pd.DataFrame:
    return read_places(Path(path))


@st.cache_resource(show_spinner=False, max_entries=4)
def _points() -> pd.DataFrame:
    return read_country_points()


def load_all() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Return commitments, targets, places and country points; raises the loaders' errors."""
    path = commitments_path()
    return (
        _commitments(str(path), _stamp(path)),
        _targets(str(BUNDLED_TARGETS), _stamp(BUNDLED_TARGETS)),
        _places(str(BUNDLED_PLACES), _stamp(BUNDLED_PLACES)),
        _points(),
    )


@st.cache_data(show_spinner=False, max_entries=64)
def _picture(path: str, stamp: float, when: str) -> pd.DataFrame:
    commitments = _commitments(path, stamp)
    return as_of(commitments, when)


def picture(when: date) -> pd.DataFrame:
    """The latest statement per country and role on `when`, computed once per file and date.

    Every filter change reuses it: only the as-of date changes which statements count.
    """
    path = commitments_path()
    return _picture(str(path), _stamp(path), when.isoformat())
