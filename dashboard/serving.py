"""Serving the app from a checkout or an installed package: its settings and its static folder.

`.streamlit/config.toml` is the one place the app's Streamlit settings are written. Streamlit
reads it only from the working directory, so the `app` command passes it as flags: the
installed command then serves the same app from any directory.
"""

from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
APP = PACKAGE / "app.py"
STATIC = PACKAGE / "static"
_CHECKOUT = PACKAGE.parent
# In a checkout the settings are the repository's own; a package carries a copy (pyproject.toml).
CONFIG = (
    _CHECKOUT / ".streamlit" / "config.toml"
    if (_CHECKOUT / "pyproject.toml").is_file()
    else PACKAGE / "streamlit_config" / "config.toml"
)


def config_flags(config: Path = CONFIG) -> list[str]:
    """The settings of `config` as `streamlit run` flags: `--server.headless=true`, ..."""
    settings = tomllib.loads(config.read_text(encoding="utf-8"))
    flags = []
    for section, table in settings.items():
        for key, value in table.items():
            text = str(value).lower() if isinstance(value, bool) else str(value)
            flags.append(f"--{section}.{key}={text}")
    return flags


def hidden_entries(folder: Path) -> list[Path]:
    """Every file or folder under `folder` whose name starts with "." (not looking inside).

    Streamlit serves every file of the static folder to anyone who asks, dotfiles included,
    and has no setting to leave them out: the app is not served while there are any.
    """
    found: list[Path] = []
    for parent, folders, files in os.walk(folder):
        for name in sorted([*folders, *files]):
            if name.startswith("."):
                found.append(Path(parent, name))
        folders[:] = [name for name in folders if not name.startswith(".")]
    return sorted(found)


def app_command(port: int, address: str, browser_address: str) -> list[str]:
    """The command that serves the app on `address`:`port`.

    `browser_address` is the name readers type; given it, Streamlit does not look up the
    machine's public address (a request to the internet) when `address` is a wildcard.
    """
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP),
        *config_flags(),
        f"--server.port={port}",
        f"--server.address={address}",
        f"--browser.serverAddress={browser_address}",
    ]
