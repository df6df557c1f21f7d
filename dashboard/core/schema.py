"""The columns of each data file and the checks every cell must pass, as pandera schemas."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

import pandera.pandas as pa
import pycountry

from dashboard.core.countries import is_known
from dashboard.core.vocabulary import (
    CONDITIONS,
    DATE_PRECISIONS,
    EVENT_KINDS,
    MISSION_FIGURES,
    ROLES,
    SOURCE_KINDS,
    STATUSES,
    condition_codes,
)

MAX_QUOTE_WORDS = 30
# A translation may need more words than the original said.
MAX_TRANSLATION_WORDS = 50

# ASCII digits only: \d would also accept Arabic-Indic or full-width digits that int() rejects.
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_PATTERN = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
WHOLE_PATTERN = re.compile(r"^-?[0-9]+$")
NUMBER_PATTERN = re.compile(r"^-?[0-9]+(?:\.[0-9]+)?$")
# Far above any real figure, and inside what a 64-bit integer holds exactly.
MAX_PERSONNEL = 10_000_000
MAX_AMOUNT = 10**15


@dataclass(frozen=True)
class CellCheck:
    """One rule for a non-blank cell: a predicate, what is wrong when it fails, how to fix it."""

    name: str
    ok: Callable[[str], bool]
    wrong: str  # formatted with {value}
    fix: str
    choices: tuple[str, ...] = ()  # the allowed values, so a near miss gets a suggestion
    # The cell lists values separated by ';', each one of `choices`: a problem names the
    # values that are not, one by one.
    listed: bool = False


@dataclass(frozen=True)
class ColumnSpec:
    """A column of a data file: whether a value is required, and the checks its cells pass."""

    name: str
    required: bool
    description: str
    checks: tuple[CellCheck, ...] = field(default_factory=tuple)
    unique: bool = False
    # A column added after files were written may be left out of a header: it reads as blank.
    may_be_absent: bool = False


def _is_iso_date(value: str) -> bool:
    if not DATE_PATTERN.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _not_future(today: date) -> Callable[[str], bool]:
    # Only judged once the value is a real date; a malformed one is reported by iso_date.
    return lambda v: not _is_iso_date(v) or date.fromisoformat(v) <= today


def _is_http_url(value: str) -> bool:
    if any(ch.isspace() for ch in value):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _is_currency(value: str) -> bool:
    return (
        len(value) == 3
        and value.isascii()
        and value.isupper()
        and pycountry.currencies.get(alpha_3=value) is not None
    )


def is_iso_date(value: str) -> bool:
    """Tell whether a text is a real calendar date written YYYY-MM-DD."""
    return _is_iso_date(value)


def _vocab(name: str, terms: Mapping[str, object], what: str) -> CellCheck:
    listed = ", ".join(terms)
    return CellCheck(
        name,
        lambda v: v in terms,
        f"'{{value}}' is not a known {what}",
        f"use one of: {listed}; data/README.md defines each",
        tuple(terms),
    )


def _role_list(value: str) -> bool:
    return all(part.strip() in ROLES for part in value.split(";") if part.strip())


ISO_DATE = CellCheck(
    "iso_date",
    _is_iso_date,
    "'{value}' is not a valid ISO 8601 date",
    "write YYYY-MM-DD, e.g. 2026-02-19",
)
HTTP_URL = CellCheck(
    "http_url",
    _is_http_url,
    "'{value}' is not an http(s) address",
    "give the full address starting with http:// or https://",
)
WHOLE_NUMBER = CellCheck(
    "whole_number",
    lambda v: bool(WHOLE_PATTERN.match(v)),
    "'{value}' is not a whole number",
    "write digits only, e.g. 8000, and keep the wording such as 'up to 8,000' in number_wording",
)
NUMBER = CellCheck(
    "number",
    lambda v: bool(NUMBER_PATTERN.match(v)),
    "'{value}' is not a number",
    "write digits only with an optional decimal point, e.g. 1200000000 for $1.2 billion",
)
PLAUSIBLE_PERSONNEL = CellCheck(
    "plausible_personnel",
    lambda v: not WHOLE_PATTERN.match(v) or abs(int(v)) <= MAX_PERSONNEL,
    "'{value}' is too large for a number of people",
    f"check the digits; numbers of people stay below {MAX_PERSONNEL:,}",
)
PLAUSIBLE_AMOUNT = CellCheck(
    "plausible_amount",
    lambda v: not NUMBER_PATTERN.match(v) or abs(float(v)) <= MAX_AMOUNT,
    "'{value}' is too large for an amount",
    "check the digits; write the amount in units, e.g. 1200000000 for 1.2 billion",
)
NOT_NEGATIVE = CellCheck(
    "not_negative",
    lambda v: not v.startswith("-"),
    "'{value}' is negative",
    "numbers of people and money are zero or more",
)


def _max_words(what: str, limit: int) -> CellCheck:
    return CellCheck(
        f"{what}_length",
        lambda v: len(v.split()) <= limit,
        f"the {what} has more than {limit} words",
        f"shorten it to the decisive {limit} words or fewer, marking cuts with …",
    )


def is_language(value: str) -> bool:
    """Tell whether a text is an ISO 639-1 language code in lowercase, e.g. en, id, ru."""
    return (
        len(value) == 2
        and value.isascii()
        and value.islower()
        and pycountry.languages.get(alpha_2=value) is not None
    )


QUOTE = ColumnSpec(
    "quote",
    False,
    f"Verbatim quote in the source's language, at most {MAX_QUOTE_WORDS} words.",
    (_max_words("quote", MAX_QUOTE_WORDS),),
)


def commitment_columns(today: date) -> tuple[ColumnSpec, ...]:
    """Return the columns of data/commitments.csv, in file order, with their checks."""
    not_future = CellCheck(
        "not_future",
        _not_future(today),
        f"'{{value}}' is in the future (today is {today.isoformat()})",
        "a statement cannot be dated after today; check the year and month",
    )
    return (
        ColumnSpec(
            "id",
            True,
            "Stable unique id, e.g. idn-troops-20260219.",
            (
                CellCheck(
                    "id_format",
                    lambda v: bool(ID_PATTERN.match(v)),
                    "'{value}' is not a valid id",
                    "use lowercase letters, digits and single hyphens, e.g. idn-troops-20260219",
                ),
            ),
            unique=True,
        ),
        ColumnSpec("date", True, "Date of the statement.", (ISO_DATE, not_future)),
        ColumnSpec(
            "date_precision",
            True,
            "How exact the date is.",
            (_vocab("known_precision", DATE_PRECISIONS, "date precision"),),
        ),
        ColumnSpec(
            "country",
            True,
            "ISO 3166-1 alpha-3 code (XKX for Kosovo).",
            (
                CellCheck(
                    "known_country",
                    is_known,
                    "'{value}' is not a known ISO 3166-1 alpha-3 country code",
                    "use the three-letter code in capitals, e.g. KAZ; XKX for Kosovo",
                ),
            ),
        ),
        ColumnSpec("role", True, "What is contributed.", (_vocab("known_role", ROLES, "role"),)),
        ColumnSpec(
            "status", True, "Where it stands.", (_vocab("known_status", STATUSES, "status"),)
        ),
        ColumnSpec(
            "personnel_low",
            False,
            "Lower bound of personnel.",
            (WHOLE_NUMBER, NOT_NEGATIVE, PLAUSIBLE_PERSONNEL),
        ),
        ColumnSpec(
            "personnel_high",
            False,
            "Upper bound of personnel.",
            (WHOLE_NUMBER, NOT_NEGATIVE, PLAUSIBLE_PERSONNEL),
        ),
        ColumnSpec(
            "amount",
            False,
            "Money amount (funding only).",
            (NUMBER, NOT_NEGATIVE, PLAUSIBLE_AMOUNT),
        ),
        ColumnSpec(
            "currency",
            False,
            "ISO 4217 currency of the amount.",
            (
                CellCheck(
                    "known_currency",
                    _is_currency,
                    "'{value}' is not an ISO 4217 currency code",
                    "use three capital letters, e.g. USD",
                ),
            ),
        ),
        ColumnSpec("number_wording", False, "The number as worded by the source."),
        ColumnSpec("conditions", False, "Conditions attached."),
        ColumnSpec(
            "condition_codes",
            False,
            "The conditions the statement's wording states, as codes separated by ';'.",
            (
                CellCheck(
                    "known_conditions",
                    lambda v: all(code in CONDITIONS for code in condition_codes(v)),
                    "'{value}' is not a known condition code",
                    "use codes from: " + ", ".join(CONDITIONS) + ", separated by ';'; "
                    "data/README.md defines each",
                    tuple(CONDITIONS),
                    listed=True,
                ),
            ),
            may_be_absent=True,
        ),
        ColumnSpec("speaker", False, "Who made the statement."),
        ColumnSpec("note", False, "Curator's note."),
        ColumnSpec("source_outlet", True, "Outlet (and agency) to credit."),
        ColumnSpec("source_url", True, "Address of the source.", (HTTP_URL,)),
        ColumnSpec(
            "source_date",
            False,
            "Publication date; blank if none shown.",
            (
                ISO_DATE,
                not_future,
            ),
        ),
        ColumnSpec(
            "source_kind",
            True,
            "Kind of source.",
            (_vocab("known_source_kind", SOURCE_KINDS, "source kind"),),
        ),
        QUOTE,
        ColumnSpec(
            "quote_language",
            False,
            "ISO 639-1 code of the quote's language, e.g. en, id, ru.",
            (
                CellCheck(
                    "known_language",
                    is_language,
                    "'{value}' is not an ISO 639-1 language code",
                    "use the two-letter code in lowercase, e.g. en, id, ru, ar, tr",
                ),
            ),
        ),
        ColumnSpec(
            "quote_translation",
            False,
            "English translation of a quote in another language, by the curator.",
            (_max_words("translation", MAX_TRANSLATION_WORDS),),
        ),
        ColumnSpec(
            "checked",
            False,
            "Date the quote was last confirmed at the source (or a copy named in the note).",
            (ISO_DATE, not_future),
        ),
    )


def target_columns(today: date) -> tuple[ColumnSpec, ...]:
    """Return the columns of data/targets.csv, in file order, with their checks."""
    by_name = {c.name: c for c in commitment_columns(today)}
    return (
        by_name["id"],
        ColumnSpec(
            "figure",
            True,
            "Machine name of the planned figure, e.g. security_personnel.",
            (
                CellCheck(
                    "figure_format",
                    lambda v: bool(re.match(r"^[a-z][a-z0-9_]*$", v)),
                    "'{value}' is not a valid figure name",
                    "use lowercase letters, digits and underscores, e.g. security_personnel",
                ),
            ),
            unique=True,
        ),
        ColumnSpec("label", True, "Human label."),
        ColumnSpec(
            "value", True, "The planned number.", (WHOLE_NUMBER, NOT_NEGATIVE, PLAUSIBLE_PERSONNEL)
        ),
        ColumnSpec("wording", False, "The number as worded by the source."),
        ColumnSpec("unit", True, "What is counted, e.g. personnel."),
        ColumnSpec(
            "counts_roles",
            False,
            "Roles whose announced numbers count toward this figure, separated by ';'.",
            (
                CellCheck(
                    "known_roles",
                    _role_list,
                    "'{value}' names a role that is not known",
                    "list role ids separated by ';', from: " + ", ".join(ROLES),
                ),
            ),
        ),
        by_name["date"],
        ColumnSpec("note", False, "Curator's note."),
        by_name["source_outlet"],
        by_name["source_url"],
        by_name["source_date"],
        by_name["source_kind"],
        QUOTE,
    )


# What a correction did to a statement: changed it in place, or took it out of the data.
CORRECTION_ACTIONS = {
    "corrected": "The statement is still in the data, with the change described.",
    "removed": "The statement was taken out of the data; replaced_by names the row that took "
    "its place, if any.",
}


def correction_columns(today: date) -> tuple[ColumnSpec, ...]:
    """Return the columns of data/corrections.csv: every change made to a published row."""
    by_name = {c.name: c for c in commitment_columns(today)}
    statement_id = by_name["id"].checks
    not_future = CellCheck(
        "not_future",
        _not_future(today),
        f"'{{value}}' is in the future (today is {today.isoformat()})",
        "a correction is dated the day it was made, not after today; check the year and month",
    )
    return (
        ColumnSpec("date", True, "Date the correction was made.", (ISO_DATE, not_future)),
        ColumnSpec("statement_id", True, "Id of the statement corrected or removed.", statement_id),
        ColumnSpec(
            "action",
            True,
            "corrected or removed.",
            (_vocab("known_action", CORRECTION_ACTIONS, "correction action"),),
        ),
        ColumnSpec("what_changed", True, "What changed, field by field: old value to new."),
        ColumnSpec("why", True, "Why: the evidence, with where it was found."),
        ColumnSpec(
            "replaced_by",
            False,
            "Id of the statement that replaces a removed one.",
            statement_id,
        ),
    )


def _sourced(today: date) -> tuple[ColumnSpec, ...]:
    """The source columns every sourced file shares with commitments.csv, in their order."""
    by_name = {c.name: c for c in commitment_columns(today)}
    names: tuple[str, ...] = ("source_outlet", "source_url", "source_date", "source_kind")
    names += ("quote", "quote_language", "quote_translation", "checked")
    return tuple(by_name[name] for name in names)


def event_columns(today: date) -> tuple[ColumnSpec, ...]:
    """Return the columns of data/events.csv: dated milestones marked on the charts over time."""
    by_name = {c.name: c for c in commitment_columns(today)}
    return (
        ColumnSpec(
            "id",
            True,
            "Stable unique id, e.g. unsc-resolution-2803.",
            by_name["id"].checks,
            unique=True,
        ),
        ColumnSpec("date", True, "Date of the event.", by_name["date"].checks),
        by_name["date_precision"],
        ColumnSpec("title", True, "What happened, in a few words: the chart shows it."),
        ColumnSpec(
            "kind", True, "What kind of event.", (_vocab("known_event_kind", EVENT_KINDS, "kind"),)
        ),
        ColumnSpec("note", False, "Curator's note."),
        *_sourced(today),
    )


def mission_columns(today: date) -> tuple[ColumnSpec, ...]:
    """Return the columns of data/missions.csv: the strength of comparable peace operations."""
    by_name = {c.name: c for c in commitment_columns(today)}
    return (
        ColumnSpec(
            "id", True, "Stable unique id, e.g. unifil-deployed.", by_name["id"].checks, unique=True
        ),
        ColumnSpec("mission", True, "The operation's short name, e.g. UNIFIL."),
        ColumnSpec("name", True, "The operation's full name."),
        ColumnSpec("location", True, "Where it serves."),
        ColumnSpec(
            "figure",
            True,
            "Which strength the row gives.",
            (_vocab("known_mission_figure", MISSION_FIGURES, "mission figure"),),
        ),
        ColumnSpec("value", True, "The number.", (WHOLE_NUMBER,)),
        ColumnSpec("unit", True, "What is counted: troops, uniformed personnel, all personnel."),
        ColumnSpec("date", True, "Date the figure holds for.", by_name["date"].checks),
        by_name["date_precision"],
        ColumnSpec("note", False, "Curator's note."),
        *_sourced(today),
    )


def pandera_schema(columns: tuple[ColumnSpec, ...]) -> pa.DataFrameSchema:
    """Build the pandera schema that checks the raw text cells of a file against `columns`.

    Blank cells pass every content check; whether a blank is allowed is the `required` check.
    """
    schema_columns = {}
    for spec in columns:
        checks = []
        if spec.required:
            checks.append(pa.Check(lambda v: v != "", element_wise=True, error="required"))
        for check in spec.checks:
            checks.append(
                pa.Check(
                    lambda v, ok=check.ok: v == "" or ok(v),
                    element_wise=True,
                    error=check.name,
                )
            )
        schema_columns[spec.name] = pa.Column(
            str, checks=checks, unique=spec.unique, required=False, nullable=False
        )
    return pa.DataFrameSchema(schema_columns, strict=False)


PLACE_KINDS = {
    "area": "A territory, e.g. the Gaza Strip.",
    "sector": "An ISF sector, e.g. Rafah.",
    "site": "A facility: a base, a logistics area, a training centre.",
}


def _latitude(value: str) -> bool:
    return bool(NUMBER_PATTERN.match(value)) and -90 <= float(value) <= 90


def _longitude(value: str) -> bool:
    return bool(NUMBER_PATTERN.match(value)) and -180 <= float(value) <= 180


def place_columns() -> tuple[ColumnSpec, ...]:
    """Return the columns of data/places.csv: the places the map marks."""
    return (
        ColumnSpec(
            "id",
            True,
            "Short id, e.g. rafah.",
            (
                CellCheck(
                    "id_format",
                    lambda v: bool(ID_PATTERN.match(v)),
                    "'{value}' is not a valid id",
                    "use lowercase letters, digits and single hyphens",
                ),
            ),
            unique=True,
        ),
        ColumnSpec("name", True, "Name shown on the map."),
        ColumnSpec(
            "lat",
            True,
            "Latitude in degrees.",
            (
                CellCheck(
                    "latitude",
                    _latitude,
                    "'{value}' is not a latitude",
                    "write decimal degrees from -90 to 90, e.g. 31.29",
                ),
            ),
        ),
        ColumnSpec(
            "lon",
            True,
            "Longitude in degrees.",
            (
                CellCheck(
                    "longitude",
                    _longitude,
                    "'{value}' is not a longitude",
                    "write decimal degrees from -180 to 180, e.g. 34.25",
                ),
            ),
        ),
        ColumnSpec(
            "kind",
            True,
            "area, sector or site.",
            (_vocab("known_place_kind", PLACE_KINDS, "place kind"),),
        ),
        ColumnSpec(
            "in_gaza",
            True,
            "yes if the place is inside the Gaza Strip, no if it is outside.",
            (_vocab("yes_or_no", {"yes": "", "no": ""}, "answer"),),
        ),
        ColumnSpec("note", False, "One sentence shown in the tooltip."),
        ColumnSpec("source_outlet", False, "Outlet that locates the place."),
        ColumnSpec("source_url", False, "Address of that source.", (HTTP_URL,)),
        ColumnSpec("source_date", False, "Publication date of that source.", (ISO_DATE,)),
    )
