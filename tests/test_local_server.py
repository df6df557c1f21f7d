"""The local server: healthy when the block starts, stopped however it ends, its output kept."""

from __future__ import annotations

import subprocess
import urllib.request
from pathlib import Path

import pytest

from dashboard import local_server as serving
from dashboard.local_server import ServerNotStarted, free_port, local_server, server_healthy

HELLO = 'import os\nimport streamlit as st\n\nst.write(os.environ.get("COMMITMENTS_CSV", "-"))\n'


@pytest.fixture
def hello_app(tmp_path: Path) -> Path:
    """A one-line app: starts in a second or two, unlike the dashboard."""
    app = tmp_path / "hello.py"
    app.write_text(HELLO, encoding="utf-8")
    return app


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[subprocess.Popen[bytes]]:
    """Every process local_server starts, so a test can check that it was stopped."""
    processes: list[subprocess.Popen[bytes]] = []
    real = subprocess.Popen

    def popen(*args: object, **kwargs: object) -> subprocess.Popen[bytes]:
        process = real(*args, **kwargs)  # type: ignore[call-overload]
        processes.append(process)
        return process

    monkeypatch.setattr(serving.subprocess, "Popen", popen)
    return processes


def test_the_server_is_healthy_inside_the_block_and_stopped_after(hello_app, tmp_path, started):
    log = tmp_path / "server.log"
    with local_server(hello_app, csv=tmp_path / "mine.csv", cwd=tmp_path, log=log) as server:
        assert server.url == f"http://127.0.0.1:{server.port}"
        assert server_healthy(server.url)
        with urllib.request.urlopen(f"{server.url}/", timeout=10) as answer:
            assert answer.status == 200
        assert server.process.poll() is None
        assert "127.0.0.1" in server.output() or server.output() == ""
    [process] = started
    assert process.poll() is not None
    assert not server_healthy(server.url)
    assert log.is_file()


def test_the_server_stops_when_the_block_raises(hello_app, tmp_path, started):
    with pytest.raises(KeyError), local_server(hello_app, cwd=tmp_path):
        raise KeyError("the caller's own error")
    [process] = started
    assert process.poll() is not None


def test_a_server_that_exits_while_starting_says_what_it_printed(hello_app, tmp_path, started):
    with (
        pytest.raises(ServerNotStarted, match=r"stopped while starting \(exit code [1-9]") as err,
        local_server(hello_app, flags=("--no.such-setting=1",), cwd=tmp_path),
    ):
        pytest.fail("the block must not run")
    assert "no.such-setting" in str(err.value)  # Streamlit's own complaint, passed on
    [process] = started
    assert process.poll() is not None


def test_a_server_that_does_not_answer_in_time_is_stopped(hello_app, tmp_path, started):
    with (
        pytest.raises(ServerNotStarted, match=r"did not answer .*/_stcore/health within 0 s"),
        local_server(hello_app, cwd=tmp_path, timeout=0),
    ):
        pytest.fail("the block must not run")
    [process] = started
    assert process.poll() is not None


def test_free_port_can_be_bound():
    import socket

    port = free_port()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", port))


def test_nothing_answers_on_a_free_port():
    assert not server_healthy(f"http://127.0.0.1:{free_port()}")
