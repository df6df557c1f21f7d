"""Keep the translation catalogs in step with the code: extract, update, and check them.

`python -m dashboard.catalogs` extracts every message marked with `_`, `N_` or `ngettext` in
`dashboard/`, writes the template `dashboard/locales/dashboard.pot` and merges it into each
language's `.po` (new messages appear untranslated, messages the code no longer uses are dropped,
a changed message is kept as a fuzzy guess for the translator to confirm). `--check` changes
nothing and lists what a translator still has to do; the test suite runs the same check.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from dashboard.core.language import DEFAULT_LANGUAGE, DOMAIN, LANGUAGES, LOCALES_DIR, catalog_path

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATE = LOCALES_DIR / f"{DOMAIN}.pot"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
# str.format fields: "{count}", "{date}"; doubled braces are literal and not fields.
_FIELD = re.compile(r"(?<!\{)\{([a-z_]*)\}(?!\})")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a catalog, said so a translator knows what to do."""

    path: Path
    message: str
    what: str

    def __str__(self) -> str:
        return f"{self.path.name} ({self.path.parent.parent.name}): {self.message!r}: {self.what}"


def template(code_dir: Path = PACKAGE_DIR) -> Catalog:
    """Every message in the code, with where it is used and the translators' comments."""
    catalog = Catalog(domain=DOMAIN, project="isf-dashboard", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(code_dir),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    ):
        catalog.add(
            message,
            None,
            [(f"dashboard/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    return catalog


def _read(path: Path, lang: str) -> Catalog:
    with path.open("rb") as po:
        return read_po(po, locale=lang, domain=DOMAIN)


def _write(catalog: Catalog, path: Path) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, ignore_obsolete=True, omit_header=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def update() -> None:
    """Write the template and merge it into every language's catalog."""
    pot = template()
    pot.creation_date = datetime(2026, 1, 1, tzinfo=UTC)  # a fixed date keeps diffs to messages
    _write(pot, TEMPLATE)
    for lang in LANGUAGES:
        if lang == DEFAULT_LANGUAGE:
            continue
        path = catalog_path(lang)
        catalog = _read(path, lang) if path.exists() else Catalog(locale=lang, domain=DOMAIN)
        catalog.update(pot)
        _write(catalog, path)


def _key(message: Message) -> tuple[object, str | None]:
    """A message as the catalogs tell it apart: its words and its context, if any."""
    return (message.id, message.context)


def _shown(key: tuple[object, str | None]) -> str:
    """A message for a problem report: "context|words" when it has a context."""
    words = _forms(key[0])[0]
    return f"{key[1]}|{words}" if key[1] else str(words)


def _forms(value: object) -> tuple[object, ...]:
    """A message's or a translation's forms: one, or one per plural form."""
    return tuple(value) if isinstance(value, tuple | list) else (value,)


def _fields(text: str) -> set[str]:
    return set(_FIELD.findall(text))


def problems(code_dir: Path = PACKAGE_DIR, locales_dir: Path = LOCALES_DIR) -> list[Problem]:
    """What stops the catalogs matching the code: missing, fuzzy, unused or broken translations.

    Args:
        code_dir: the Python code whose messages the catalogs must hold.
        locales_dir: the folder holding `<lang>/LC_MESSAGES/dashboard.po`.
    """
    wanted = {_key(m) for m in template(code_dir) if m.id}
    found: list[Problem] = []
    for lang in LANGUAGES:
        if lang == DEFAULT_LANGUAGE:
            continue
        path = catalog_path(lang, locales_dir)
        if not path.exists():
            found.append(
                Problem(path, "", "the catalog is missing; run python -m dashboard.catalogs")
            )
            continue
        catalog = _read(path, lang)
        held = {_key(m) for m in catalog if m.id}
        for key in sorted(wanted - held, key=str):
            found.append(Problem(path, _shown(key), "not in the catalog: run the update"))
        for key in sorted(held - wanted, key=str):
            found.append(Problem(path, _shown(key), "no longer used by the code: remove it"))
        for entry in catalog:
            if not entry.id or _key(entry) not in wanted:
                continue
            ids = [str(i) for i in _forms(entry.id)]
            strings = [str(s or "") for s in _forms(entry.string)]
            if entry.fuzzy:
                found.append(Problem(path, str(ids[0]), "fuzzy: confirm or correct the guess"))
            elif not all(strings):
                found.append(Problem(path, str(ids[0]), "has no translation"))
            else:
                fields = set().union(*(_fields(i) for i in ids))
                for string in strings:
                    if _fields(string) != fields:
                        found.append(
                            Problem(
                                path,
                                str(ids[0]),
                                f"the translation's fields {sorted(_fields(string))} differ "
                                f"from the message's {sorted(fields)}",
                            )
                        )
    return found


def main(argv: list[str] | None = None) -> int:
    """Update the catalogs (or only check them, with --check); return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m dashboard.catalogs", description=__doc__)
    parser.add_argument("--check", action="store_true", help="change nothing; list problems")
    args = parser.parse_args(argv)
    if not args.check:
        update()
    listed = problems()
    for problem in listed:
        print(problem)
    print(f"{len(listed)} problem(s) in the catalogs")
    return 1 if listed and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
