"""The run's clock: progress lines stamped with the time since the start, timing one action,
and medians that leave out figures that could not be measured.
"""

from __future__ import annotations

import math
import statistics
import sys
import time
from collections.abc import Callable

T0 = time.monotonic()


def log(message: str) -> None:
    print(f"[{time.monotonic() - T0:6.1f} s] {message}", file=sys.stderr, flush=True)


def median(values: list[float]) -> float:
    kept = [v for v in values if v is not None and not math.isnan(v)]
    return statistics.median(kept) if kept else math.nan


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start
