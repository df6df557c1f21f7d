"""The top-level README says what the program does: its `summary --json` keys are the real ones."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def _summary_paragraph() -> str:
    """The README's sentence on `summary --json`, from its name to the end of the paragraph."""
    text = README.read_text(encoding="utf-8")
    start = text.index("`summary --json` prints")
    end = text.index("\n\n", start)
    return text[start:end]


def _keys(value: Any) -> set[str]:
    """Every key of every object in a JSON value, however deep."""
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def _summary() -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "summary", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    data: dict[str, Any] = json.loads(done.stdout)
    return data


def test_the_readme_names_every_top_level_key_of_summary_json():
    named = set(re.findall(r"`([a-z_]+)`", _summary_paragraph()))
    missing = set(_summary()) - named
    assert not missing, f"README.md does not name these summary --json keys: {sorted(missing)}"


def test_every_key_the_readme_names_is_in_summary_json():
    named = set(re.findall(r"`([a-z_]+)`", _summary_paragraph())) - {"null"}
    unknown = named - _keys(_summary())
    assert not unknown, f"README.md names keys summary --json does not print: {sorted(unknown)}"
