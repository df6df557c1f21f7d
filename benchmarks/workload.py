"""What the benchmark loads the apps with: the two apps, the data sizes, the country a filter
change picks and how many sessions the memory test opens.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DASHBOARD_APP = ROOT / "dashboard" / "app.py"
BARE_APP = ROOT / "benchmarks" / "bare_app.py"
BUNDLED = ROOT / "data" / "commitments.csv"
PICK_CODE, PICK_NAME = "KAZ", "Kazakhstan"
DASH_PLOTS, BARE_PLOTS = 1, 1  # plotly charts each page draws with no link (the overview)
SESSIONS = 20
MEMORY_CONTEXTS = 2  # the sessions' pages share few contexts, so they share Chromium's caches
SCALE_ROWS = (10_000, 100_000)
SEED = 7


@dataclass
class Size:
    label: str
    rows: int
    path: Path
    csv_env: Path | None  # None: the bundled file, COMMITMENTS_CSV unset
