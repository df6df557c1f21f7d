"""Load the data files once per change of file, shared by every session.

The frames are cached as resources, not data: st.cache_data would copy a whole frame into
every rerun of every session. Sharing is safe because nothing downstream changes a frame in
place (pandas 3 copies on write, and the core only derives new frames); a test checks it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import streamlit as st

from dashboard.core.dataset import Dataset, corrections_path, read_dataset, review_path
from dashboard.core.language import language, speaking
from dashboard.core.loading import (
    BUNDLED_COMMITMENTS,
    BUNDLED_EVENTS,
    BUNDLED_MISSIONS,
    BUNDLED_PLACES,
    BUNDLED_TARGETS,
    read_country_points,
)
from dashboard.core.over_time import OverTime, over_time
from dashboard.core.picture import as_of
from dashboard.core.selection import Selection
from dashboard.settings import commitments_path


class Loaded(NamedTuple):
    """The validated dataset and the countries' marker points."""

    dataset: Dataset
    points: pd.DataFrame


def _stamp(path: Path) -> float:
    # The modification time is part of the cache key, so editing a file reloads it.
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _stamps(path: Path) -> tuple[float, ...]:
    files: tuple[Path, ...] = (path, review_path(path), corrections_path(path))
    files += (BUNDLED_TARGETS, BUNDLED_PLACES, BUNDLED_EVENTS, BUNDLED_MISSIONS)
    return tuple(_stamp(file) for file in files)


@st.cache_resource(show_spinner=False, max_entries=4)
# `stamps` is unused in the body on purpose: it is part of the cache key, so an edited file
# (new modification time) is read again.
def _dataset(path: str, stamps: tuple[float, ...]) -> Dataset:  # noqa: ARG001
    return read_dataset(Path(path))


@st.cache_resource(show_spinner=False, max_entries=4)
def _points() -> pd.DataFrame:
    return read_country_points()


def data_label() -> str:
    """The commitments file as the page and its exports name it.

    The bundled file is named as in the repository; another file by its name alone, since
    the server's folders are nobody's business and mean nothing to a reader.
    """
    path = commitments_path()
    if path.resolve() == BUNDLED_COMMITMENTS.resolve():
        return "data/commitments.csv"
    return path.name


def load_all() -> Loaded:
    """Return the dataset and the marker points; raises the loaders' errors."""
    path = commitments_path()
    return Loaded(_dataset(str(path), _stamps(path)), _points())


# The chart over time asks for the picture on every date a statement changed it.
@st.cache_data(show_spinner=False, max_entries=256)
def _positions(path: str, stamps: tuple[float, ...], when: str) -> pd.DataFrame:
    return as_of(_dataset(path, stamps).commitments, when)


def positions_on(when: date) -> pd.DataFrame:
    """The latest statement per country and role on `when`, computed once per file and date.

    Every filter change reuses it: only the as-of date changes which statements count.
    """
    path = commitments_path()
    return _positions(str(path), _stamps(path), when.isoformat())


def reload_data() -> None:
    """Forget the loaded files, so the next run reads them again as they are now."""
    _dataset.clear()
    _positions.clear()
    _over_time.clear()


@st.cache_data(show_spinner=False, max_entries=32)
# `lang` is part of the cache key: the result carries words (its figure's label).
def _over_time(path: str, stamps: tuple[float, ...], selection: Selection, lang: str) -> OverTime:
    with speaking(lang):
        return over_time(_dataset(path, stamps), selection, positions_on)


def picture_over_time(selection: Selection) -> OverTime:
    """The selection's picture on every date, computed once per file and selection.

    It draws the picture on every date a statement fell on (dozens of pictures), so a
    session coming back to the section, or another reader with the same filters, reuses it.
    """
    path = commitments_path()
    return _over_time(str(path), _stamps(path), selection, language())
