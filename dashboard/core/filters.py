"""Filters and the URL: read query parameters leniently, say what was ignored, write them back."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from dashboard.core.countries import country_name, resolve_country
from dashboard.core.schema import is_iso_date
from dashboard.core.vocabulary import ROLES, STATUSES

# Each filter's URL parameter name is also its widget key.
COUNTRY, ROLE, STATUS, AS_OF = "country", "role", "status", "as_of"
SINCE, VIEW, FOCUS = "since", "view", "focus"
SECTION, MAP = "section", "map"
VIEWS = ("dashboard", "briefing")
# The dashboard's sections, one open at a time: a filter change redraws only the open one.
SECTIONS = {
    "overview": "Overview",
    "roles": "Who contributes what",
    "statements": "Statements",
    "timeline": "One country over time",
}
# How the map is framed: the world, zoomed to the countries shown, or Gaza close up.
MAP_VIEWS = {
    "world": "Contributors worldwide",
    "fit": "Zoom to the countries shown",
    "gaza": "Gaza, Rafah and the CMCC",
}


@dataclass(frozen=True)
class Filters:
    """What the reader asked to see: empty tuples mean "all"; as_of None means "latest"."""

    countries: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    as_of: date | None = None
    since: date | None = None
    view: str = "dashboard"
    focus: str | None = None  # the country whose timeline is open
    section: str = "overview"
    map_view: str = "world"

    def is_empty(self) -> bool:
        """Tell whether no filter narrows the view (the as-of date aside)."""
        return not (self.countries or self.roles or self.statuses)


@dataclass
class ParsedFilters:
    """Filters read from a URL, with a notice for every value that was ignored."""

    filters: Filters
    ignored: list[str] = field(default_factory=list)


def _split(values: Iterable[str]) -> list[str]:
    """Accept repeated keys and comma-separated lists alike, dropping blanks and repeats."""
    out: list[str] = []
    for value in values:
        for part in value.split(","):
            part = part.strip()
            if part and part not in out:
                out.append(part)
    return out


def _term(text: str, terms: Mapping[str, object], labels: Mapping[str, str]) -> str | None:
    folded = text.casefold().replace("-", "_").replace(" ", "_")
    if folded in terms:
        return folded
    for key, label in labels.items():
        if label.casefold() == text.casefold():
            return key
    return None


def parse_filters(
    params: Mapping[str, list[str]],
    countries_known: Iterable[str],
    first_date: date,
    last_date: date,
) -> ParsedFilters:
    """Read filters from query parameters; unknown values are dropped with a notice.

    Args:
        params: each parameter name with all its values (repeated keys kept).
        countries_known: ISO3 codes present in the data; others are ignored with a notice.
        first_date: the earliest date the as-of filter accepts.
        last_date: the latest date the as-of filter accepts.
    """
    ignored: list[str] = []
    known = set(countries_known)
    countries: list[str] = []
    for text in _split(params.get(COUNTRY, [])):
        code = resolve_country(text)
        if code is None:
            ignored.append(f"country '{text}' is not a known country code or name; ignored")
        elif code not in known:
            ignored.append(
                f"country '{text}' ({country_name(code)}) has no statement in the data; ignored"
            )
        elif code not in countries:
            countries.append(code)
    role_labels = {k: t.label for k, t in ROLES.items()}
    roles = _terms(params.get(ROLE, []), ROLES, role_labels, "role", ignored)
    status_labels = {k: t.label for k, t in STATUSES.items()}
    statuses = _terms(params.get(STATUS, []), STATUSES, status_labels, "status", ignored)
    as_of = _date(params, AS_OF, first_date, last_date, ignored)
    since = _date(params, SINCE, first_date, last_date, ignored)
    view = "dashboard"
    for text in _split(params.get(VIEW, []))[-1:]:
        if text.casefold() in VIEWS:
            view = text.casefold()
        else:
            ignored.append(f"view '{text}' is not one of: {', '.join(VIEWS)}; ignored")
    focus = None
    for text in _split(params.get(FOCUS, []))[-1:]:
        code = resolve_country(text)
        if code is None:
            ignored.append(f"focus '{text}' is not a known country code or name; ignored")
        elif code not in known:
            ignored.append(
                f"focus '{text}' ({country_name(code)}) has no statement in the data; ignored"
            )
        else:
            focus = code
    section = _choice(params, SECTION, SECTIONS, ignored) or default_section(focus)
    map_view = _choice(params, MAP, MAP_VIEWS, ignored) or "world"
    filters = Filters(
        tuple(countries),
        tuple(roles),
        tuple(statuses),
        as_of,
        since,
        view,
        focus,
        section,
        map_view,
    )
    return ParsedFilters(filters, ignored)


def default_section(focus: str | None) -> str:
    """The section a link opens when it names none: a country's timeline if it names one."""
    return "timeline" if focus else "overview"


def _choice(
    params: Mapping[str, list[str]], key: str, choices: Mapping[str, str], ignored: list[str]
) -> str | None:
    """Read a one-of parameter by its code or its label, in any case; the last value wins."""
    for text in _split(params.get(key, []))[-1:]:
        folded = text.casefold()
        for code, label in choices.items():
            if folded in (code, label.casefold()):
                return code
        ignored.append(f"{key} '{text}' is not one of: {', '.join(choices)}; ignored")
    return None


def _date(
    params: Mapping[str, list[str]], key: str, first: date, last: date, ignored: list[str]
) -> date | None:
    """Read one date parameter; out-of-range dates are moved into range with a notice."""
    values = _split(params.get(key, []))
    if not values:
        return None
    text = values[-1]
    if len(values) > 1:
        ignored.append(f"{key} was given {len(values)} times; using the last, '{text}'")
    if not is_iso_date(text):
        ignored.append(f"{key} '{text}' is not a date (write YYYY-MM-DD); ignored")
        return None
    wanted = date.fromisoformat(text)
    if wanted < first:
        ignored.append(
            f"{key} '{text}' is before the first statement ({first.isoformat()}); "
            "showing that date instead"
        )
        return first
    if wanted > last:
        if key == AS_OF:
            ignored.append(
                f"{key} '{text}' is after the last date the data covers ({last.isoformat()}); "
                "showing the latest picture instead"
            )
            return None
        ignored.append(
            f"{key} '{text}' is after the last date the data covers ({last.isoformat()}); "
            "showing that date instead"
        )
        return last
    return wanted


def _terms(
    values: list[str],
    terms: Mapping[str, object],
    labels: Mapping[str, str],
    what: str,
    ignored: list[str],
) -> list[str]:
    found: list[str] = []
    for text in _split(values):
        key = _term(text, terms, labels)
        if key is None:
            ignored.append(f"{what} '{text}' is not one of: {', '.join(terms)}; ignored")
        elif key not in found:
            found.append(key)
    return found


def filters_to_params(filters: Filters, latest: date) -> dict[str, list[str]]:
    """Return the query parameters that reopen this view; defaults are left out of the URL."""
    params: dict[str, list[str]] = {}
    if filters.countries:
        params[COUNTRY] = list(filters.countries)
    if filters.roles:
        params[ROLE] = list(filters.roles)
    if filters.statuses:
        params[STATUS] = list(filters.statuses)
    if filters.as_of is not None and filters.as_of != latest:
        params[AS_OF] = [filters.as_of.isoformat()]
    if filters.since is not None:
        params[SINCE] = [filters.since.isoformat()]
    if filters.view != "dashboard":
        params[VIEW] = [filters.view]
    if filters.focus:
        params[FOCUS] = [filters.focus]
    if filters.section != default_section(filters.focus):
        params[SECTION] = [filters.section]
    if filters.map_view != "world":
        params[MAP] = [filters.map_view]
    return params


def describe_filters(filters: Filters) -> str:
    """Say the active filters in words, for headers, footers and exports."""
    parts = []
    if filters.countries:
        parts.append("countries: " + ", ".join(country_name(c) for c in filters.countries))
    if filters.roles:
        parts.append("roles: " + ", ".join(ROLES[r].label for r in filters.roles))
    if filters.statuses:
        parts.append("statuses: " + ", ".join(STATUSES[s].label for s in filters.statuses))
    return "; ".join(parts) if parts else "all countries, roles and statuses"
