"""The report: Markdown tables printed as they are added and written to one file, how a figure
is shown and judged against its target, and the facts about the machine and the code measured.
"""

from __future__ import annotations

import math
import os
import platform
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from benchmarks.workload import ROOT

PACKAGES = ("streamlit", "pandas", "pandera", "plotly", "pydeck", "pyarrow", "playwright")


@dataclass
class Report:
    sections: list[tuple[str, list[str], list[list[str]], str]] = field(default_factory=list)

    def table(self, title: str, header: list[str], rows: list[list[str]], note: str = "") -> None:
        self.sections.append((title, header, rows, note))
        print(self._render(title, header, rows, note), flush=True)

    @staticmethod
    def _render(title: str, header: list[str], rows: list[list[str]], note: str) -> str:
        lines = [f"\n## {title}\n", "| " + " | ".join(header) + " |"]
        lines.append("|" + "|".join("---" for _ in header) + "|")
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        if note:
            lines += ["", note]
        return "\n".join(lines)

    def markdown(self, facts: list[str], preamble: str) -> str:
        parts = ["# Benchmark results\n", preamble, "", *facts]
        parts += [self._render(*section) for section in self.sections]
        return "\n".join(parts) + "\n"


def secs(value: float, unit: str = "s") -> str:
    if math.isnan(value):
        return "n/a"
    if unit == "ms":
        return f"{value * 1000:.0f} ms"
    return f"{value:.2f} s"


def ratio(a: float, b: float) -> float:
    return a / b if b and not (math.isnan(a) or math.isnan(b)) else math.nan


def times(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:.2f}×"


def verdict(ok: bool | None) -> str:
    return "INFO" if ok is None else ("PASS" if ok else "FAIL")


def check(value: float, ok: Callable[[float], bool]) -> str:
    return "n/a" if math.isnan(value) else verdict(ok(value))


def exponent(small: float, large: float, rows_small: int, rows_large: int) -> float:
    """Growth exponent b in time ∝ rows^b between two sizes (1.0 = linear)."""
    if math.isnan(small) or math.isnan(large) or small <= 0 or large <= 0:
        return math.nan
    return math.log(large / small) / math.log(rows_large / rows_small)


def machine_facts(chromium_version: str) -> list[str]:
    cpu = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram = "unknown"
    with open("/proc/meminfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    from importlib.metadata import version

    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    return [
        f"- Code: {_git_state()}",
        f"- Date: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- CPU: {cpu}, {os.cpu_count()} cores; RAM {ram}; load average (1/5/15 min) {load}",
        f"- Python {platform.python_version()}, "
        + ", ".join(f"{name} {version(name)}" for name in PACKAGES)
        + f", Chromium {chromium_version}",
    ]


def _git_state() -> str:
    def git(*args: str) -> str:
        try:
            done = subprocess.run(
                ["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=30, check=False
            )
        except (OSError, subprocess.TimeoutExpired):
            return ""
        return done.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = [line[3:] for line in git("status", "--porcelain", "dashboard").splitlines()]
    if not dirty:
        return f"commit {commit}, dashboard/ as committed"
    return f"commit {commit} plus uncommitted changes in {len(dirty)} file(s) under dashboard/"
