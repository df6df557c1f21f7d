"""dashboard/core is pure: it starts no process, drives no browser and reads no environment.

Finding the browser, starting servers and the like live outside it (dashboard/browser.py,
dashboard/local_server.py, dashboard/snapshot.py). kaleido, which renders a chart image in a
browser it is given, is the one accepted exception: it is a renderer, not a process API.
Which data file to read is the caller's choice too (dashboard/settings.py reads COMMITMENTS_CSV).
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
BANNED_OS |= {"posix_spawn", "posix_spawnp", "getenv", "getenvb", "environ", "environb"}


def impurities(source: str) -> list[str]:
    """What in `source` starts a process, drives a browser or reads the environment."""
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
        if isinstance(node, ast.Name) and node.id == "Popen":
            found.append(f"{where}: Popen")
        if isinstance(node, ast.Name) and node.id in ("environ", "getenv"):
            found.append(f"{where}: {node.id}")
    return found


@pytest.mark.parametrize("path", sorted(CORE.glob("*.py")), ids=lambda p: p.name)
def test_core_starts_no_process_and_reads_no_environment(path):
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
        "import os\nx = os.environ.get('COMMITMENTS_CSV')",
        "import os\nx = os.getenv('COMMITMENTS_CSV')",
        "from os import getenv",
        "from os import environ\nx = environ['X']",
    ],
)
def test_the_scan_catches(source):
    assert impurities(source), source


def test_the_scan_lets_file_reading_pass():
    source = "import os\ny = os.path.isfile('z')\nos.stat('z')\nos.open('z', os.O_RDONLY)"
    assert impurities(source) == []
