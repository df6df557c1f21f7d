"""A Streamlit server on 127.0.0.1 for as long as a `with` block lasts: snapshot, benchmark, tests.

    with local_server(csv=path) as server:
        page.goto(server.url)

The server runs on a free port, is healthy when the block starts, and is stopped however the
block ends. Its output goes to a file (a pipe nobody reads would fill and stall the server),
so a failed start can say what the server printed.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from dashboard.serving import config_flags

ROOT = Path(__file__).resolve().parents[1]
APP = Path(__file__).resolve().parent / "app.py"
ENV_CSV = "COMMITMENTS_CSV"
HOST = "127.0.0.1"
# Streamlit settings the app needs, given on the command line so that a server started from
# another working directory (or another app folder) does not depend on .streamlit/config.toml.
# The app's own settings (.streamlit/config.toml, in a checkout or the installed package), so a
# server started from any folder serves the app as users get it; this module sets port, address
# and headless itself, and a server for one job needs no file watcher.
SERVER_FLAGS = (
    *(
        flag
        for flag in config_flags()
        if not flag.startswith(("--server.port", "--server.address", "--server.headless"))
    ),
    "--server.fileWatcherType=none",
)
STOP_TIMEOUT_S = 10.0


class ServerNotStarted(RuntimeError):
    """The server stopped or stayed silent while starting; the message holds its output."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free now (for a server started next)."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def server_healthy(base_url: str) -> bool:
    """Tell whether the Streamlit server at `base_url` answers its health check."""
    try:
        with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as answer:
            return bool(answer.read().strip() == b"ok")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


@dataclass(frozen=True)
class LocalServer:
    """A running `streamlit run`, reachable at `url` (no trailing slash)."""

    port: int
    process: subprocess.Popen[bytes]
    log: IO[bytes]

    @property
    def url(self) -> str:
        """The server's address, e.g. http://127.0.0.1:8765."""
        return f"http://{HOST}:{self.port}"

    def output(self) -> str:
        """Everything the server has printed so far."""
        self.log.flush()
        # pread leaves the file offset alone: the server writes through the same open file.
        size = os.fstat(self.log.fileno()).st_size
        return os.pread(self.log.fileno(), size, 0).decode("utf-8", errors="replace")


@contextmanager
def local_server(
    app: Path = APP,
    *,
    csv: Path | None = None,
    env: Mapping[str, str] | None = None,
    flags: Sequence[str] = SERVER_FLAGS,
    cwd: Path = ROOT,
    log: Path | None = None,
    timeout: float = 90.0,
) -> Iterator[LocalServer]:
    """Serve `app` on a free 127.0.0.1 port until the block ends; yield it once healthy.

    Args:
        app: the Streamlit script to run.
        csv: the commitments file to serve (COMMITMENTS_CSV); None leaves `env` as it is.
        env: the server's environment; None takes this process's.
        flags: Streamlit settings beyond port, address and headless; SERVER_FLAGS by default,
            `()` to take them all from `cwd`'s .streamlit/config.toml, as `make run` does.
        cwd: the folder the server runs in.
        log: a file for the server's output; None keeps it in an unnamed temporary file.
        timeout: seconds to wait for the health check to answer.

    Raises:
        ServerNotStarted: the server exited, or did not answer within `timeout`; the message
            holds what it printed.
    """
    environment = dict(os.environ if env is None else env)
    if csv is not None:
        environment[ENV_CSV] = str(csv)
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app),
        f"--server.port={port}",
        f"--server.address={HOST}",
        "--server.headless=true",
        *flags,
    ]
    with log.open("w+b") if log else tempfile.TemporaryFile() as handle:
        process = subprocess.Popen(
            command, cwd=cwd, env=environment, stdout=handle, stderr=subprocess.STDOUT
        )
        server = LocalServer(port, process, handle)
        try:
            _wait_until_healthy(server, timeout)
            yield server
        finally:
            stop(process)


def _wait_until_healthy(server: LocalServer, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise ServerNotStarted(
                f"the dashboard server stopped while starting (exit code "
                f"{server.process.returncode}):\n{server.output()}"
            )
        if server_healthy(server.url):
            return
        time.sleep(0.2)
    raise ServerNotStarted(
        f"the dashboard server did not answer {server.url}/_stcore/health within "
        f"{timeout:.0f} s:\n{server.output()}"
    )


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop `process`: ask it to end, and kill it if it has not within STOP_TIMEOUT_S."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_TIMEOUT_S)
