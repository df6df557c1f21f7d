"""On the server side, without a browser: AppTest runs in this process, validation and its
phases, the command line as a subprocess, and the cost of each piece of one dashboard rerun.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from benchmarks.timing import log, median, timed
from benchmarks.workload import PICK_CODE, ROOT
from dashboard.local_server import ENV_CSV

PY = sys.executable


@contextmanager
def commitments_env(csv_path: Path | None) -> Iterator[None]:
    before = os.environ.get(ENV_CSV)
    if csv_path is None:
        os.environ.pop(ENV_CSV, None)
    else:
        os.environ[ENV_CSV] = str(csv_path)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(ENV_CSV, None)
        else:
            os.environ[ENV_CSV] = before


@dataclass
class AppTimes:
    first_cold: list[float] = field(default_factory=list)
    first_warm: list[float] = field(default_factory=list)
    rerun_pick: list[float] = field(default_factory=list)
    rerun_clear: list[float] = field(default_factory=list)


def _ok(at: Any, app: Path) -> None:
    if at.exception:
        raise RuntimeError(f"{app.name} raised: {at.exception[0].value}")
    errors = [e.value for e in at.error]
    if errors:
        raise RuntimeError(f"{app.name} showed an error: {errors[0]}")


def clear_caches() -> None:
    import streamlit as st

    # The dashboard caches its frames with st.cache_resource, the bare page too; clear both.
    st.cache_data.clear()
    st.cache_resource.clear()


def _choose(box: Any, codes: list[str]) -> None:
    box.set_value(codes).run()


def apptest_times(app: Path, csv_path: Path | None, n: int, warm_up: bool) -> AppTimes:
    """AppTest in this process: first runs (caches cleared, then warm) and filter reruns."""
    from streamlit.testing.v1 import AppTest

    out = AppTimes()
    with commitments_env(csv_path):
        if warm_up:  # the first run in this process pays the imports: not counted
            clear_caches()
            AppTest.from_file(str(app), default_timeout=600).run()
        for _ in range(n):
            clear_caches()
            at = AppTest.from_file(str(app), default_timeout=600)
            out.first_cold.append(timed(at.run))
            _ok(at, app)
            box = at.multiselect(key="country")
            out.rerun_pick.append(timed(partial(_choose, box, [PICK_CODE])))
            _ok(at, app)
            box = at.multiselect(key="country")
            out.rerun_clear.append(timed(partial(_choose, box, [])))
            _ok(at, app)
            again = AppTest.from_file(str(app), default_timeout=600)
            out.first_warm.append(timed(again.run))
            _ok(again, app)
        clear_caches()
    return out


def validation_times(path: Path, n: int, warm_up: bool) -> tuple[list[float], Any]:
    """Times of read_commitments(path), and the frame it returned."""
    from dashboard.core.loading import read_commitments

    if warm_up:
        read_commitments(path)  # imports, pycountry's tables: not counted
    out: list[Any] = []
    spent = [timed(lambda: out.append(read_commitments(path))) for _ in range(n)]
    return spent, out[-1]


def validation_phases(path: Path, n: int) -> dict[str, float]:
    """Where validation spends its time: parse, pandera cell checks, row checks, typing."""
    from dashboard.core import loading
    from dashboard.core.schema import commitment_columns

    columns = commitment_columns(date.today())
    phases: dict[str, list[float]] = {}
    try:
        for _ in range(n):
            start = time.perf_counter()
            frame, lines, _ = loading._read_frame(path, columns)
            t1 = time.perf_counter()
            loading._check_cells(str(path), frame, lines, columns)
            t2 = time.perf_counter()
            loading._check_commitment_rows(str(path), frame, lines)
            t3 = time.perf_counter()
            loading._typed(frame, lines, columns)
            t4 = time.perf_counter()
            for name, value in (
                ("read and split the CSV", t1 - start),
                ("pandera cell checks", t2 - t1),
                ("row checks (Python loop)", t3 - t2),
                ("typing (dates, numbers)", t4 - t3),
            ):
                phases.setdefault(name, []).append(value)
    except (AttributeError, TypeError, ValueError) as err:  # private helpers changed
        log(f"  validation phases not measured: {err}")
        return {}
    return {name: median(values) for name, values in phases.items()}


def cli_times(args: list[str], csv_path: Path | None, n: int) -> list[float]:
    env = {k: v for k, v in os.environ.items() if k != ENV_CSV}
    if csv_path is not None:
        env[ENV_CSV] = str(csv_path)
    out = []
    for _ in range(n):
        start = time.perf_counter()
        done = subprocess.run(
            [PY, "-m", "dashboard", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            timeout=600,
            check=False,
        )
        out.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise RuntimeError(f"dashboard {' '.join(args)} failed: {done.stderr[-2000:]!r}")
    return out


def stage_costs(commitments: Any, n: int) -> list[tuple[str, float, str]]:
    """The pieces of one dashboard rerun with no filter, timed alone: (stage, seconds, size)."""
    import plotly.io
    from streamlit.dataframe_util import convert_pandas_df_to_arrow_bytes

    from dashboard.core.charts import (
        planned_vs_announced_chart,
        role_breakdown_chart,
        role_counts_chart,
    )
    from dashboard.core.countries import country_name
    from dashboard.core.exports import captioned, export_csv
    from dashboard.core.geo import contributor_map
    from dashboard.core.loading import read_country_points, read_places, read_targets
    from dashboard.core.picture import as_of, filter_statements, planned_vs_announced
    from dashboard.core.statements import statement_table
    from dashboard.ui import data

    kind = type(getattr(getattr(data, "_commitments", None), "_info", None)).__name__
    cached_as = {"CachedDataFuncInfo": "st.cache_data", "CachedResourceFuncInfo": ""}.get(kind)
    cached_as = "st.cache_resource" if cached_as == "" else (cached_as or "an unknown cache")
    targets, places, points = read_targets(), read_places(), read_country_points()
    latest = commitments["date"].max()
    when = latest.date()
    current = as_of(commitments, when)
    figures = planned_vs_announced(current, targets)
    table = statement_table(current)
    roles_fig = role_breakdown_chart(current, "t")
    deck = contributor_map(current, points, places)

    # What the captions read from a picture, as plain values: the stage times the figure copy.
    described = SimpleNamespace(when=when, filters_text="all", sources="s", freshness="fresh")

    def best(action: Callable[[], object]) -> float:
        return median([timed(action) for _ in range(n)])

    def kb(size: int) -> str:
        return f"{size / 1024:,.0f} KB"

    pickled = len(pickle.dumps(commitments, protocol=pickle.HIGHEST_PROTOCOL))
    figs = [
        planned_vs_announced_chart(figures, "t"),
        roles_fig,
        role_counts_chart(current, "t"),
    ]
    return [
        (
            f"pickle round trip of the frame (an st.cache_data hit; the dashboard uses "
            f"{cached_as})",
            best(lambda: pickle.loads(pickle.dumps(commitments, protocol=5))),
            kb(pickled),
        ),
        ("as_of (latest statement per country and role)", best(lambda: as_of(commitments)), ""),
        (
            "in-view count + filter_statements on all statements",
            best(lambda: int((filter_statements(commitments)["date"] <= latest).sum())),
            "",
        ),
        ("planned_vs_announced", best(lambda: planned_vs_announced(current, targets)), ""),
        (
            "sidebar: country codes sorted by name",
            best(lambda: sorted(commitments["country"].unique(), key=country_name)),
            "",
        ),
        (
            "role_breakdown_chart build",
            best(lambda: role_breakdown_chart(current, "t")),
            f"{current['country'].nunique()} countries, {len(current)} markers",
        ),
        (
            "role_breakdown_chart to JSON (what st.plotly_chart sends)",
            best(lambda: plotly.io.to_json(roles_fig, validate=False)),
            kb(len(plotly.io.to_json(roles_fig, validate=False))),
        ),
        (
            "the other two charts, build + JSON",
            best(
                lambda: [
                    plotly.io.to_json(planned_vs_announced_chart(figures, "t"), validate=False),
                    plotly.io.to_json(role_counts_chart(current, "t"), validate=False),
                ]
            ),
            kb(sum(len(plotly.io.to_json(f, validate=False)) for f in (figs[0], figs[2]))),
        ),
        (
            "captioned() copies of the 3 charts (only when an image is downloaded)",
            best(lambda: [captioned(f, "t", described) for f in figs]),
            "",
        ),
        (
            "contributor_map build + deck JSON",
            best(lambda: contributor_map(current, points, places).to_json()),
            kb(len(deck.to_json())),
        ),
        (
            "statement_table + Arrow bytes (st.dataframe)",
            best(lambda: convert_pandas_df_to_arrow_bytes(statement_table(current))),
            f"{len(table)} rows, " + kb(len(convert_pandas_df_to_arrow_bytes(table))),
        ),
        (
            "export_csv for the download button (made on every run)",
            best(lambda: export_csv(table, ["h"])),
            kb(len(export_csv(table, ["h"]).encode("utf-8"))),
        ),
    ]
