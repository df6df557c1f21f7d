"""The app servers the browser visits: the dashboard, and the bare page served from a folder
set up like the dashboard's, each started with dashboard.local_server and stopped by the end.
"""

from __future__ import annotations

import math
import os
import shutil
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from benchmarks.timing import log
from benchmarks.workload import BARE_APP, BUNDLED, DASHBOARD_APP, ROOT
from dashboard.local_server import ENV_CSV, LocalServer, local_server

# The bare page's basemap: only the sea. The dashboard's style draws the outlines as well; the
# bare page draws them the plain pydeck way, as a GeoJsonLayer.
SEA_STYLE = (
    '{"version": 8, "name": "sea", "sources": {}, "layers": '
    '[{"id": "sea", "type": "background", "paint": {"background-color": "#dde8f0"}}]}'
)
START_TIMEOUT_S = 120.0


@dataclass
class Server:
    name: str
    running: LocalServer
    stack: ExitStack  # closing it stops the server

    @property
    def url(self) -> str:
        return self.running.url

    def _status(self, key: str) -> float:
        with open(f"/proc/{self.running.process.pid}/status", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) / 1024  # kB -> MB
        return math.nan

    def rss_mb(self) -> float:
        return self._status("VmRSS")

    def peak_mb(self) -> float:
        return self._status("VmHWM")

    def stop(self) -> None:
        self.stack.close()


class Servers:
    """Starts app servers on demand; `close` stops every one still running."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.running: list[Server] = []
        self._bare_dir: Path | None = None

    def _bare_folder(self) -> Path:
        # The bare page is served from a folder holding it as app.py, the dashboard's static/
        # files (served at /app/static/) and the project's .streamlit/config.toml, so it runs
        # with the same settings as the dashboard.
        if self._bare_dir is None:
            folder = self.workdir / "bare"
            folder.mkdir()
            shutil.copy(BARE_APP, folder / "app.py")
            shutil.copytree(ROOT / "dashboard" / "static", folder / "static")
            (folder / "static" / "sea_style.json").write_text(SEA_STYLE, encoding="utf-8")
            shutil.copytree(ROOT / ".streamlit", folder / ".streamlit")
            self._bare_dir = folder
        return self._bare_dir

    def start(self, kind: str, csv_path: Path | None) -> Server:
        name = f"{kind}-{csv_path.stem if csv_path else 'bundled'}"
        env = {k: v for k, v in os.environ.items() if k != ENV_CSV}
        if kind == "dashboard":
            cwd, script = ROOT, DASHBOARD_APP
        else:
            cwd, script = self._bare_folder(), self._bare_folder() / "app.py"
            csv_path = csv_path or BUNDLED
            env["BENCH_REPO"] = str(ROOT)
        stack = ExitStack()
        # Both read the rest of their settings from the .streamlit/config.toml in `cwd`.
        running = stack.enter_context(
            local_server(
                script,
                csv=csv_path,
                env=env,
                flags=("--server.enableStaticServing=true",),
                cwd=cwd,
                log=self.workdir / f"{name}-{len(self.running)}.log",
                timeout=START_TIMEOUT_S,
            )
        )
        server = Server(name, running, stack)
        self.running.append(server)
        log(f"started {name} on {server.url} (pid {running.process.pid})")
        return server

    def stop(self, server: Server) -> None:
        server.stop()
        if server in self.running:
            self.running.remove(server)

    def close(self) -> None:
        for server in list(self.running):
            self.stop(server)
