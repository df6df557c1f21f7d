"""dashboard/core is pure: it starts no process, drives no browser and writes no environment.

Finding the browser, starting servers and the like live outside it (dashboard/browser.py,
dashboard/local_server.py, dashboard/snapshot.py). kaleido, which renders a chart image in a
browser it is given, is the one accepted exception: it is a renderer, not a process API.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[2] / "dashboard" / "core"
BANNED_MODULES = {"subprocess", "multiprocessing", "playwright", "pty", "dashboard.browser"}
BANNED_MODULES |= {"dashboard.local_server", "dashboard.snapshot"}
# os functions that start processes or change the environment.
BANNED_OS = {"system", "popen", "putenv", "unsetenv", "fork", "forkpty", "kill", "killpg"}
BANNED_OS |= {f"exec{s}" for s in ("l", "le", "lp", "lpe", "v", "ve", "vp", "vpe")}
BANNED_OS |= {f"spawn{s}" for s in ("l", "le", "lp", "lpe", "v", "ve", "vp", "vpe")}
BANNED_OS |= {"posix_spawn", "posix_spawnp"}
ENVIRON_WRITES = {"setdefault", "update", "pop", "popitem", "clear", "__setitem__"}


def _is_environ(node: ast.AST) -> bool:
    """`os.environ` or a bare `environ` (from os import environ)."""
    if isinstance(node, ast.Attribute):
        return node.attr == "environ"
    return isinstance(node, ast.Name) and node.id == "environ"


def impurities(source: str) -> list[str]:
    """What in `source` starts a process, drives a browser or writes the environment."""
    found = []
    for node in ast.walk(ast.parse(source)):
        where = f"line {getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
            names += [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            names = []
        for name in names:
            top = name.split(".")[0]
            if name in BANNED_MODULES or top in BANNED_MODULES:
                found.append(f"{where}: imports {name}")
            if (name.startswith("os.") and name[3:] in BANNED_OS) or name.endswith(".Popen"):
                found.append(f"{where}: imports {name}")
        if isinstance(node, ast.Attribute):
            if (
                isinstance(node.value, ast.Name)
                and node.value.id == "os"
                and node.attr in BANNED_OS
            ):
                found.append(f"{where}: os.{node.attr}")
            if node.attr == "Popen":
                found.append(f"{where}: Popen")
            if node.attr in ENVIRON_WRITES and _is_environ(node.value):
                found.append(f"{where}: environ.{node.attr}")
        if isinstance(node, ast.Name) and node.id == "Popen":
            found.append(f"{where}: Popen")
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign | ast.Delete):
            targets = list(node.targets)
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            if isinstance(target, ast.Subscript) and _is_environ(target.value):
                found.append(f"{where}: writes environ[...]")
    return found


@pytest.mark.parametrize("path", sorted(CORE.glob("*.py")), ids=lambda p: p.name)
def test_core_starts_no_process_and_writes_no_environment(path):
    assert impurities(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "source",
    [
        "import subprocess",
        "from subprocess import run",
        "import playwright.sync_api",
        "from playwright.sync_api import sync_playwright",
        "from dashboard.browser import find_browser",
        "import os\nos.environ['BROWSER_PATH'] = 'x'",
        "import os\nos.environ.setdefault('BROWSER_PATH', 'x')",
        "import os\nos.environ.update(BROWSER_PATH='x')",
        "import os\ndel os.environ['X']",
        "from os import environ\nenviron['X'] = 'y'",
        "import os\nos.putenv('X', 'y')",
        "from os import putenv",
        "import os\nos.system('ls')",
        "import os\nos.execv('/bin/ls', ['ls'])",
        "import asyncio\nasyncio.subprocess.Popen",
        "from somewhere import Popen",
    ],
)
def test_the_scan_catches(source):
    assert impurities(source), source


def test_the_scan_lets_reading_pass():
    source = "import os\nx = os.environ.get('X')\ny = os.path.isfile('z')\nos.stat('z')"
    assert impurities(source) == []
