"""Refuse to serve a static folder that holds hidden files: Streamlit would serve them to anyone.

With `server.enableStaticServing`, Streamlit serves every file under the app's `static/` folder
at /app/static/, dotfiles (.env, .git/...) included, and has no setting to leave them out.
`make run` runs this first: `python scripts/check_static.py FOLDER` exits 0 when no file or
folder in FOLDER has a name starting with ".", and 1 with each one listed otherwise.
"""

from __future__ import annotations

import sys
from pathlib import Path

from dashboard.serving import hidden_entries


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python scripts/check_static.py FOLDER", file=sys.stderr)
        return 2
    folder = Path(argv[0])
    found = hidden_entries(folder)
    if not found:
        return 0
    print(
        f"Not serving: {folder}/ holds hidden files, and Streamlit serves every file in it "
        "at /app/static/ to anyone who asks. Move them out of the folder:",
        file=sys.stderr,
    )
    for path in found:
        print(f"  {path}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
