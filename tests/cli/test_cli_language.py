"""`--lang` on the command line: `summary` prints its table in the language, `snapshot` asks the
page for it; a language the dashboard does not speak is refused by argparse in one line.
"""

from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

import dashboard.__main__ as cli
from dashboard.settings import ENV_COMMITMENTS
from tests.cli.conftest import REPO

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SNAPSHOT_TIMEOUT_S = 180


def dashboard(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run `python -m dashboard ARGS` on the bundled data, reading its output as UTF-8."""
    env = {k: v for k, v in os.environ.items() if k != ENV_COMMITMENTS}
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )


# --- summary ---------------------------------------------------------------------------------


def test_summary_prints_its_table_in_russian():
    result = dashboard("summary", "--lang", "ru", "--country", "KAZ", "TUR")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Обязательства по МСС по состоянию на ")
    assert lines[1].startswith("Источники проверены по ")
    assert lines[2] == "Фильтры: country=KAZ,TUR"  # the filters as the command took them
    for heading in (
        "Запланировано и объявлено",
        "Объявлено по ролям (учитываемые статусы)",
        "Страны",
        "В сравнении с другими миссиями",
    ):
        assert heading in lines, heading
    assert any(
        line.startswith("  Силы безопасности (войска МСС): по плану 20\u00a0000; ")
        for line in lines
    )
    assert any(line.startswith("  KAZ  Казахстан") for line in lines)
    assert any(line.startswith("  TUR  Турция") for line in lines)
    assert "Planned versus announced" not in result.stdout


def test_summary_prints_its_table_in_arabic():
    result = dashboard("summary", "--lang", "ar", "--country", "XKX")
    assert result.returncode == 0, result.stderr
    assert "المخطط مقابل المعلن" in result.stdout.splitlines()
    assert "  XKX  كوسوفو  " in result.stdout


def test_summary_in_english_by_default_and_when_asked():
    default, asked = dashboard("summary"), dashboard("summary", "--lang", "en")
    assert default.returncode == asked.returncode == 0
    assert default.stdout == asked.stdout
    assert "Planned versus announced" in default.stdout.splitlines()


def test_summary_json_keeps_its_keys_and_codes_and_says_its_language():
    english = json.loads(dashboard("summary", "--json", "--country", "KAZ").stdout)
    result = dashboard("summary", "--json", "--lang", "ru", "--country", "KAZ")
    assert result.returncode == 0, result.stderr
    russian = json.loads(result.stdout)
    assert "lang" not in english  # unchanged without --lang
    assert russian.pop("lang") == "ru"
    assert set(russian) == set(english)
    assert (
        russian["filters"]
        == english["filters"]
        == {
            "country": ["KAZ"],
            "role": [],
            "status": [],
            "condition": [],
        }
    )
    assert russian["planned"] == english["planned"]
    assert [c["roles"] for c in russian["countries"]] == [c["roles"] for c in english["countries"]]
    assert russian["countries"][0]["name"] == "Казахстан"
    assert [f["figure"] for f in russian["figures"]] == [f["figure"] for f in english["figures"]]


def test_summary_takes_a_country_named_in_russian():
    result = dashboard("summary", "--json", "--country", "Казахстан")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["filters"]["country"] == ["KAZ"]


@pytest.mark.parametrize("command", [["summary"], ["snapshot", "--out", "x.png"]])
def test_an_unknown_language_is_refused_naming_the_choices(command):
    result = dashboard(*command, "--lang", "xx")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    last = result.stderr.splitlines()[-1]
    assert last == (
        f"python -m dashboard {command[0]}: error: argument --lang: invalid choice: 'xx' "
        "(choose from 'en', 'ru', 'ar')"
    )


@pytest.mark.parametrize("command", ["summary", "snapshot"])
def test_help_says_what_lang_does(command, capsys):
    with pytest.raises(SystemExit):
        cli.main([command, "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "--lang LANG the language of the" in text
    assert "en, ru, ar (default: en)" in text


# --- snapshot --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--lang", "ar"], {"lang": ["ar"]}),
        (["--lang", "ru", "--country", "KAZ"], {"country": ["KAZ"], "lang": ["ru"]}),
        # English is the page's default: the link leaves it out, as the page's own links do.
        (["--lang", "en"], {}),
        ([], {}),
    ],
)
def test_the_language_reaches_the_slide_link(tmp_path, monkeypatch, args, expected):
    seen: dict[str, list[str]] = {}

    def record(_out, params, *_args, **_kwargs):
        seen.update(params)

    monkeypatch.setattr(cli, "snapshot", record)
    assert cli.main(["snapshot", "--out", str(tmp_path / "slide.png"), *args]) == 0
    assert seen == expected


@pytest.mark.browser
def test_snapshot_in_arabic_writes_a_slide(tmp_path: Path) -> None:
    out = tmp_path / "kaz-ar.png"
    result = dashboard(
        "snapshot", "--out", str(out), "--lang", "ar", "--country", "KAZ",
        "--as-of", "2026-03-01", "--width", "1280", "--height", "720",
        timeout=SNAPSHOT_TIMEOUT_S,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "lang=ar" in result.stderr  # the address it rendered
    assert f"Wrote {out} (1280x720 PNG" in result.stderr
    data = out.read_bytes()
    assert data[:8] == PNG_SIGNATURE
    assert struct.unpack(">II", data[16:24]) == (1280, 720)
    image = Image.open(io.BytesIO(data)).convert("RGB")
    # Something is drawn on it, not a blank page.
    colours = image.getcolors(maxcolors=1 << 20)
    assert colours is not None
    assert len(colours) > 50
