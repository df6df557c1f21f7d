"""The translation catalogs hold every message the code uses, translated, and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from dashboard.catalogs import TEMPLATE, problems, template
from dashboard.core.language import LANGUAGES, catalog_path


def test_every_message_is_translated_in_every_catalog_and_none_is_unused():
    found = problems()
    assert found == [], "\n".join(str(p) for p in found[:40]) + (
        "\nRun `python -m dashboard.catalogs`, then translate what it lists."
    )


def test_the_template_is_in_step_with_the_code():
    # The .pot a translator starts from must list what the code uses now.
    with TEMPLATE.open("rb") as pot:
        from babel.messages.pofile import read_po

        held = {m.id for m in read_po(pot) if m.id}
    assert held == {m.id for m in template() if m.id}


def test_the_page_s_words_are_messages():
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in template() if m.id}
    # A few messages from each layer: vocabulary, text, and the code that marks them.
    assert {"Troops", "Committed", "none disclosed", "up to {number}"} <= ids


# --- the checker finds what it must (a tiny code folder and catalogs of its own) -------------


CODE = """
from dashboard.core.language import _, N_, ngettext

LABEL = N_("Troops")


def said(n):
    return _("As of {date}"), ngettext("{count} statement", "{count} statements", n)
"""


def _catalogs(tmp_path: Path, entries: dict[str, list[tuple]]) -> tuple[Path, Path]:
    code = tmp_path / "code"
    code.mkdir()
    (code / "module.py").write_text(CODE, encoding="utf-8")
    locales = tmp_path / "locales"
    for lang in LANGUAGES:
        if lang == "en":
            continue
        catalog = Catalog(locale=lang, domain="dashboard")
        for args in entries.get(lang, entries["all"]):
            catalog.add(*args[:2], flags=args[2] if len(args) > 2 else ())
        path = catalog_path(lang, locales)
        path.parent.mkdir(parents=True)
        with path.open("wb") as po:
            write_po(po, catalog)
    return code, locales


COMPLETE = [
    ("Troops", "Т"),
    ("As of {date}", "На {date}"),
    (("{count} statement", "{count} statements"), ("{count} а", "{count} б", "{count} в")),
]


def test_complete_catalogs_have_no_problem(tmp_path):
    arabic = [
        ("Troops", "ق"),
        ("As of {date}", "حتى {date}"),
        (
            ("{count} statement", "{count} statements"),
            tuple(f"{{count}} {i}" for i in range(6)),
        ),
    ]
    code, locales = _catalogs(tmp_path, {"all": COMPLETE, "ar": arabic})
    assert problems(code, locales) == []


@pytest.mark.parametrize(
    ("entries", "what"),
    [
        (COMPLETE[1:], "not in the catalog"),
        ([*COMPLETE, ("Gone", "Ушло")], "no longer used"),
        ([("Troops", ""), *COMPLETE[1:]], "has no translation"),
        ([("Troops", "Т", ("fuzzy",)), *COMPLETE[1:]], "fuzzy"),
        ([COMPLETE[0], ("As of {date}", "На {day}"), COMPLETE[2]], "fields"),
        (
            [*COMPLETE[:2], (COMPLETE[2][0], ("{count} а", "б", "{count} в"))],
            "fields",
        ),
    ],
)
def test_the_checker_finds_each_kind_of_problem(tmp_path, entries, what):
    code, locales = _catalogs(tmp_path, {"all": entries})
    found = [p for p in problems(code, locales) if "(ru)" in str(p)]
    assert found, "the checker missed it"
    assert all(what in p.what for p in found), [str(p) for p in found]
