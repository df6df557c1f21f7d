"""What the command-line tests share: where to run `python -m dashboard` and the data files.

These tests start processes (the command, `make run`, a server), so they live apart from the
core tests, which stay pure and fast. They read the same small data files as the core tests.
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "core" / "fixtures"
