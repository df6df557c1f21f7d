"""`make run` as readers serve it: no request leaves the machine, no hidden file is served.

Each test runs the Makefile's own `run` recipe (so it cannot drift from what the README says)
with the test's interpreter and without the install step. For the network test, every Python
process make starts records its socket connections and name look-ups through an audit hook
(a `sitecustomize` put first on PYTHONPATH): on a machine with no internet a look-up fails, but
the attempt is still recorded, and the attempt is what must not happen.
"""

from __future__ import annotations

import ipaddress
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect
from websockets.typing import Subprotocol

from dashboard.snapshot import free_port, server_healthy
from tests.cli.conftest import REPO

STATIC = REPO / "dashboard" / "static"
START_TIMEOUT_S = 60.0
RENDER_TIMEOUT_S = 60.0
AUDIT_LOG = "NETWORK_AUDIT_LOG"

# Imported by every Python process make starts (PYTHONPATH puts it first); one JSON line per
# process started and per connection or look-up: [event, host, full target, pid].
SITECUSTOMIZE = """
import json, os, socket, sys

_LOG = os.environ["NETWORK_AUDIT_LOG"]
_CONNECTS = ("socket.connect", "socket.sendto")
_LOOKUPS = ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr")


def _write(*record):
    with open(_LOG, "a", encoding="utf-8") as log:
        log.write(json.dumps([*record, os.getpid()]) + "\\n")


def _record(event, args):
    if event in _CONNECTS:
        if args[0].family == socket.AF_UNIX:
            return  # a file on this machine, not a host
        host, target = args[1][0], args[1]
    elif event in _LOOKUPS:
        host = target = args[0]
    else:
        return
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    _write(event, host, repr(target))


_write("python", None, repr(sys.argv))
sys.addaudithook(_record)
"""

LOCAL_NAMES = {"localhost", socket.gethostname(), os.uname().nodename}


def is_local(host: str | None) -> bool:
    """Tell whether a recorded host is this machine (loopback, wildcard or its own name)."""
    if host is None or host in ("", *LOCAL_NAMES):
        return True
    try:
        address = ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


@contextmanager
def make_run(
    tmp_path: Path, variables: dict[str, str], audit_log: Path | None = None
) -> Iterator[subprocess.Popen[str]]:
    """`make run` with `variables`, from the repository root; stopped (all of it) on exit."""
    env = {k: v for k, v in os.environ.items() if k != "COMMITMENTS_CSV"}
    # Straight to the network, as on a reader's machine: a proxy on localhost would hide a
    # request to another host.
    env = {k: v for k, v in env.items() if "proxy" not in k.lower()}
    if audit_log is not None:
        hook_dir = tmp_path / "audit"
        hook_dir.mkdir()
        (hook_dir / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(hook_dir), env.get("PYTHONPATH")]))
        env[AUDIT_LOG] = str(audit_log)
    command = [
        "make",
        "--no-print-directory",
        "run",
        # The install step is not under test: no stamp, and the interpreter running the tests.
        "STAMP=",
        f"PY={sys.executable}",
        *(f"{name}={value}" for name, value in variables.items()),
    ]
    process = subprocess.Popen(
        command,
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # one process group: make, its shells and the server
    )
    try:
        yield process
    finally:
        stop_group(process.pid)
        process.wait(timeout=15)
        if process.stdout is not None:
            process.stdout.close()


def stop_group(group: int) -> None:
    """Stop every process in `group` (SIGTERM, then SIGKILL after 15 s) and wait until gone."""
    try:
        os.killpg(group, signal.SIGTERM)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            os.killpg(group, 0)  # raises once the group is empty
            time.sleep(0.1)
        os.killpg(group, signal.SIGKILL)
    except ProcessLookupError:
        return


def wait_until_healthy(process: subprocess.Popen[str], url: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read() if process.stdout else ""
            pytest.fail(f"`make run` stopped (exit {process.returncode}):\n{output}")
        if server_healthy(url):
            return
        time.sleep(0.25)
    pytest.fail(f"`make run` did not answer {url}/_stcore/health within {START_TIMEOUT_S:.0f} s")


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def run_page_once(port: int) -> None:
    """Open a session as the browser does and wait until the app's script has finished."""
    with connect(
        f"ws://127.0.0.1:{port}/_stcore/stream",
        subprotocols=[Subprotocol("streamlit")],
        open_timeout=10,
    ) as session:
        rerun = BackMsg()
        rerun.rerun_script.query_string = ""
        rerun.rerun_script.page_script_hash = ""
        session.send(rerun.SerializeToString())
        deadline = time.monotonic() + RENDER_TIMEOUT_S
        while (left := deadline - time.monotonic()) > 0:
            message = ForwardMsg()
            message.ParseFromString(session.recv(timeout=left))
            if message.WhichOneof("type") == "script_finished":
                return
    pytest.fail(f"the app's script did not finish within {RENDER_TIMEOUT_S:.0f} s")


@pytest.mark.parametrize("address", ["localhost", "0.0.0.0"])
def test_make_run_reaches_no_other_host(tmp_path: Path, address: str) -> None:
    """Start-up, the page and one full run of the app look up and connect to nothing outside."""
    log = tmp_path / "network.jsonl"
    port = free_port()
    with make_run(tmp_path, {"ADDRESS": address, "PORT": str(port)}, audit_log=log) as process:
        url = f"http://127.0.0.1:{port}"
        wait_until_healthy(process, url)
        status, page = get(f"{url}/")
        assert status == 200
        assert b"<html" in page.lower()
        run_page_once(port)
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    started = [target for event, _host, target, _pid in records if event == "python"]
    assert any(f"'{port}'" in argv for argv in started), f"no audited server: {started}"
    outside = [(event, target) for event, host, target, _pid in records if not is_local(host)]
    assert not outside, f"`make run ADDRESS={address}` reached beyond this machine: {outside}"


def test_make_run_does_not_serve_hidden_files(tmp_path: Path) -> None:
    """A dotfile in the static folder is never served: `make run` refuses to start and says why."""
    app_dir = tmp_path / "app"
    (app_dir / "static").mkdir(parents=True)
    shutil.copy(REPO / "dashboard" / "app.py", app_dir / "app.py")
    shutil.copy(STATIC / "map_style.json", app_dir / "static" / "map_style.json")
    secret = "TOKEN=do-not-serve-me"
    (app_dir / "static" / ".env").write_text(secret, encoding="utf-8")
    port = free_port()
    variables = {"APP": str(app_dir / "app.py"), "ADDRESS": "127.0.0.1", "PORT": str(port)}
    url = f"http://127.0.0.1:{port}"
    with make_run(tmp_path, variables) as process:
        deadline = time.monotonic() + START_TIMEOUT_S
        while process.poll() is None and time.monotonic() < deadline:
            if server_healthy(url):
                status, body = get(f"{url}/app/static/.env")
                assert secret.encode() not in body, f"{url}/app/static/.env served it ({status})"
                pytest.fail(f"`make run` served a static folder holding .env (which got {status})")
            time.sleep(0.25)
        output = process.stdout.read() if process.stdout else ""
    assert process.returncode not in (None, 0), output
    assert "hidden" in output
    assert str(app_dir / "static" / ".env") in output


def test_static_folder_holds_no_hidden_files() -> None:
    """The repository's static folder passes the check `make run` makes before serving it."""
    check = subprocess.run(
        [sys.executable, "scripts/check_static.py", str(STATIC)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
