"""The package as pip installs it: a wheel built from the repository works outside a checkout.

The wheel is installed (not editable) into a folder of its own and run from an empty folder,
so nothing can be read from the repository by accident.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard.snapshot import free_port, server_healthy

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT_S = 60.0
NOT_SOURCE = (".git", ".venv", "build", "*.egg-info", "__pycache__", ".*_cache", "bench-results*")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # From a clean copy: setuptools keeps a build/ folder in the source tree, and a stale one
    # would hand the wheel files the configuration no longer packages.
    source = tmp_path_factory.mktemp("source") / "repo"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(out)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    [built] = out.glob("isf_dashboard-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder the wheel was installed into (its dependencies come from this environment)."""
    site = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), wheel],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return site


def _run_installed(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("COMMITMENTS_CSV", None)
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_wheel_carries_the_data_the_outlines_and_the_settings(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for file in sorted((ROOT / "data").iterdir()):
        assert f"dashboard/bundled_data/{file.name}" in names, file.name
    for file in sorted((ROOT / "dashboard" / "static").iterdir()):
        assert f"dashboard/static/{file.name}" in names, file.name
    assert "dashboard/streamlit_config/config.toml" in names


def test_the_installed_package_validates_its_own_data_from_any_folder(
    installed: Path, tmp_path: Path
) -> None:
    where = _run_installed(installed, tmp_path, "validate")
    assert where.returncode == 0, where.stderr
    assert f"in {installed / 'dashboard' / 'bundled_data' / 'commitments.csv'};" in where.stdout
    assert str(ROOT) not in where.stdout


def test_the_installed_summary_equals_the_checkouts(installed: Path, tmp_path: Path) -> None:
    args = ("summary", "--json", "--as-of", "2026-03-01")
    packaged = _run_installed(installed, tmp_path, *args)
    assert packaged.returncode == 0, packaged.stderr
    checkout = subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert json.loads(packaged.stdout) == json.loads(checkout.stdout)


def test_the_installed_command_line_script_runs(installed: Path, tmp_path: Path) -> None:
    script = installed / "bin" / "isf-dashboard"
    assert script.is_file()
    env = {**os.environ, "PYTHONPATH": str(installed)}
    done = subprocess.run(
        [sys.executable, str(script), "validate"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("valid: ")


@pytest.fixture
def served(installed: Path, tmp_path: Path) -> Iterator[str]:
    """The installed app, started with its own `app` command from an empty folder."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(installed)}
    env.pop("COMMITMENTS_CSV", None)
    command = [sys.executable, "-m", "dashboard", "app", "--port", str(port)]
    command += ["--address", "127.0.0.1"]
    log = (tmp_path / "server.log").open("wb")
    server = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not server_healthy(url):
            assert server.poll() is None, (tmp_path / "server.log").read_text(errors="replace")
            assert time.monotonic() < deadline, "the installed app did not start"
            time.sleep(0.3)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def test_the_installed_app_serves_the_page_and_its_outlines(served: str) -> None:
    with urllib.request.urlopen(f"{served}/", timeout=10) as answer:
        assert answer.status == 200
    # The outlines come from the installed static folder: the settings enabled serving it.
    with urllib.request.urlopen(f"{served}/app/static/countries.geojson", timeout=10) as answer:
        assert json.loads(answer.read())["type"] == "FeatureCollection"


def test_the_installed_app_refuses_a_static_folder_with_hidden_files(
    installed: Path, tmp_path: Path
) -> None:
    hidden = installed / "dashboard" / "static" / ".env"
    hidden.write_text("SECRET=1\n", encoding="utf-8")
    try:
        done = _run_installed(installed, tmp_path, "app", "--port", str(free_port()))
    finally:
        hidden.unlink()
    assert done.returncode == 2
    [line] = done.stderr.splitlines()
    assert "hidden files" in line
    assert ".env" in line
    assert "Traceback" not in done.stderr


@pytest.mark.browser
def test_the_installed_snapshot_writes_the_slide_from_any_folder(
    installed: Path, tmp_path: Path
) -> None:
    done = _run_installed(installed, tmp_path, "snapshot", "--out", "slide.png", "--country", "KAZ")
    assert done.returncode == 0, done.stderr
    image = (tmp_path / "slide.png").read_bytes()
    assert image.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(image) > 20_000  # a drawn slide, not an empty page
