"""What a process is told from outside: which commitments file to read.

The core reads only the files it is handed; the app and the commands ask here, so a server can
be pointed at another file (COMMITMENTS_CSV) without the core ever reading the environment.
"""

from __future__ import annotations

import os
from pathlib import Path

from dashboard.core.loading import BUNDLED_COMMITMENTS

ENV_COMMITMENTS = "COMMITMENTS_CSV"


def commitments_path() -> Path:
    """Return the commitments file to use: $COMMITMENTS_CSV if set, else the bundled file."""
    override = os.environ.get(ENV_COMMITMENTS, "").strip()
    return Path(override) if override else BUNDLED_COMMITMENTS
