"""Filters and the URL: read query parameters leniently, say what was ignored, write them back."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from difflib import get_close_matches

from dashboard.core.countries import country_name, resolve_country
from dashboard.core.language import DEFAULT_LANGUAGE, LANGUAGES
from dashboard.core.schema import is_iso_date
from dashboard.core.selection import Selection
from dashboard.core.text import notice_text
from dashboard.core.vocabulary import CONDITIONS, ROLES, STATUSES

# Each filter's URL parameter name is also its widget key.
COUNTRY, ROLE, STATUS, AS_OF = "country", "role", "status", "as_of"
SINCE, VIEW, FOCUS = "since", "view", "focus"
SECTION, MAP, CONDITION, LANG = "section", "map", "condition", "lang"
# The names parse_link reads; any other name in a link gets a notice, but for those below.
PARAMETERS = (COUNTRY, ROLE, STATUS, CONDITION, AS_OF, SINCE, VIEW, FOCUS, SECTION, MAP, LANG)
# Streamlit reads these itself (in any case) to embed the app: a link may carry them.
STREAMLIT_PARAMETERS = ("embed", "embed_options")
# Platforms add these to links shared through them (and utm_* for campaigns); the reader did not
# write them, so a notice about them would only puzzle.
TRACKING_PARAMETERS = ("fbclid", "gclid", "gbraid", "wbraid", "dclid", "msclkid", "igshid")
# No real link lists more values than there are countries (about 250). A link with thousands is
# broken or hostile, and each unknown value costs a country lookup and a notice, so reading stops
# here; the same bound applies to unknown parameter names.
MOST_VALUES = 500
# Streamlit ignores a whole query string past these bounds (its CLIENT_STATE_QUERY_STRING_MAX_*),
# so the page sees no parameter at all; the browser measures the address and the page says so.
STREAMLIT_MOST_FIELDS = 1000
STREAMLIT_MOST_CHARACTERS = 512 * 1024
LAYOUTS = ("dashboard", "briefing")
# The dashboard's sections, one open at a time: a filter change redraws only the open one.
SECTIONS = {
    "overview": "Overview",
    "roles": "Who contributes what",
    "conditions": "Conditions",
    "over_time": "The force over time",
    "scale": "Scale",
    "statements": "Statements",
    "timeline": "One country over time",
}
# How the map is framed: the world, zoomed to the countries shown, or Gaza close up.
MAP_FRAMINGS = {
    "world": "Contributors worldwide",
    "fit": "Zoom to the countries shown",
    "gaza": "Gaza, Rafah and the CMCC",
}


@dataclass(frozen=True)
class PageState:
    """How the page shows a selection: layout, open section, followed country, map framing.

    None of it changes a figure; `Selection` holds what does.
    """

    layout: str = "dashboard"  # or "briefing"; the URL calls it `view`
    section: str = "overview"
    focus: str | None = None  # the country whose timeline is open
    map_framing: str = "world"
    lang: str = DEFAULT_LANGUAGE  # the language every word of the page is in


@dataclass
class ParsedLink:
    """A link read: the selection, the page state, and a notice for every value ignored."""

    selection: Selection
    page: PageState
    ignored: list[str] = field(default_factory=list)


def _split(values: Iterable[str]) -> list[str]:
    """Accept repeated keys and comma-separated lists alike, dropping blanks and repeats."""
    # A dict keeps the first-seen order and finds a repeat at once; searching a list for each
    # value took seconds for a link with 17,000 values.
    seen: dict[str, None] = {}
    for value in values:
        for part in value.split(","):
            part = part.strip()
            if part:
                seen.setdefault(part)
    return list(seen)


def _many(params: Mapping[str, list[str]], key: str, ignored: list[str]) -> list[str]:
    """Read a list parameter's values, at most MOST_VALUES of them, with a notice past that."""
    values = _split(params.get(key, []))
    if len(values) > MOST_VALUES:
        ignored.append(
            f"{key} was given {len(values):,} values; only the first {MOST_VALUES:,} are read"
        )
    return values[:MOST_VALUES]


def _one(params: Mapping[str, list[str]], key: str, ignored: list[str]) -> str | None:
    """Read a one-valued parameter: the last value wins, with a notice if there were more."""
    values = _split(params.get(key, []))
    if not values:
        return None
    text = values[-1]
    if len(values) > 1:
        ignored.append(
            f"{key} was given {len(values):,} values; using the last, '{notice_text(text)}'"
        )
    return text


def _unread_names(params: Mapping[str, object]) -> list[str]:
    """A notice for each parameter name this page does not read, naming the one likely meant."""
    unread = [name for name in params if name not in PARAMETERS and not _not_ours(name)]
    notices = [_unread_name(name) for name in unread[:MOST_VALUES]]
    if len(unread) > MOST_VALUES:
        notices.append(
            f"{len(unread) - MOST_VALUES:,} more parameters are not ones this page reads; ignored"
        )
    return notices


def _not_ours(name: str) -> bool:
    """Tell whether a name is one Streamlit or a platform put in the link, not the reader."""
    lower = name.lower()
    return lower in STREAMLIT_PARAMETERS or lower in TRACKING_PARAMETERS or lower.startswith("utm_")


def _unread_name(name: str) -> str:
    shown = notice_text(name)
    folded = name.casefold()
    if folded in PARAMETERS:
        return (
            f"parameter '{shown}' is not read: names are lower case "
            f"(did you mean '{folded}'?); ignored"
        )
    # Above 0.7 a slip of the keyboard ("contry", "veiw", "countries"); below, other words
    # ("colour" would be taken for "country").
    close = get_close_matches(folded, PARAMETERS, n=1, cutoff=0.7)
    if close:
        return (
            f"parameter '{shown}' is not one this page reads (did you mean '{close[0]}'?); ignored"
        )
    return (
        f"parameter '{shown}' is not one this page reads (it reads {', '.join(PARAMETERS)}); "
        "ignored"
    )


def capped_notices(notices: Sequence[str], limit: int = 10) -> list[str]:
    """Return at most `limit` notices, the last of them counting the rest.

    A broken link can yield thousands of notices; the page shows a few and says how many more.

    Args:
        notices: the notices in the order they were made.
        limit: how many to return, at least 1.
    """
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    if len(notices) <= limit:
        return list(notices)
    rest = len(notices) - limit + 1
    return [*notices[: limit - 1], f"… and {rest:,} more notices, not listed"]


def _term(text: str, terms: Mapping[str, object], labels: Mapping[str, str]) -> str | None:
    folded = text.casefold().replace("-", "_").replace(" ", "_")
    if folded in terms:
        return folded
    for key, label in labels.items():
        if label.casefold() == text.casefold():
            return key
    return None


def parse_link(
    params: Mapping[str, list[str]],
    countries_known: Iterable[str],
    first_date: date,
    last_date: date,
) -> ParsedLink:
    """Read a link's query parameters; unknown names and values are dropped with a notice.

    Every value a notice quotes has passed through notice_text: shortened, hidden characters
    shown. The notices are not escaped for any output; the page does that.

    Args:
        params: every parameter name in the link with all its values (repeated keys kept).
        countries_known: ISO3 codes present in the data; others are ignored with a notice.
        first_date: the earliest date the as-of filter accepts.
        last_date: the latest date the as-of filter accepts.
    """
    ignored = _unread_names(params)
    known = set(countries_known)
    countries: dict[str, None] = {}  # a dict: first-seen order, repeats found at once
    for text in _many(params, COUNTRY, ignored):
        code = _country(COUNTRY, text, known, ignored)
        if code is not None:
            countries.setdefault(code)
    role_labels = {k: t.label for k, t in ROLES.items()}
    roles = _terms(_many(params, ROLE, ignored), ROLES, role_labels, ROLE, ignored)
    status_labels = {k: t.label for k, t in STATUSES.items()}
    statuses = _terms(_many(params, STATUS, ignored), STATUSES, status_labels, STATUS, ignored)
    condition_labels = {k: t.label for k, t in CONDITIONS.items()}
    conditions = _terms(
        _many(params, CONDITION, ignored), CONDITIONS, condition_labels, CONDITION, ignored
    )
    as_of = _date(params, AS_OF, first_date, last_date, ignored)
    since = _date(params, SINCE, first_date, last_date, ignored)
    layout = "dashboard"
    asked = _one(params, VIEW, ignored)
    if asked is not None:
        if asked.casefold() in LAYOUTS:
            layout = asked.casefold()
        else:
            ignored.append(
                f"view '{notice_text(asked)}' is not one of: {', '.join(LAYOUTS)}; ignored"
            )
    asked = _one(params, FOCUS, ignored)
    focus = None if asked is None else _country(FOCUS, asked, known, ignored)
    section = _choice(params, SECTION, SECTIONS, ignored) or default_section(focus)
    map_framing = _choice(params, MAP, MAP_FRAMINGS, ignored) or "world"
    lang = _choice(params, LANG, LANGUAGES, ignored) or DEFAULT_LANGUAGE
    selection = Selection(
        tuple(countries), tuple(roles), tuple(statuses), as_of, since, tuple(conditions)
    )
    return ParsedLink(selection, PageState(layout, section, focus, map_framing, lang), ignored)


def link_language(params: Mapping[str, list[str]]) -> str:
    """The language a link asks for, or the default: known before the rest is read and said."""
    values = _split(params.get(LANG, []))
    asked = values[-1].casefold() if values else DEFAULT_LANGUAGE
    return asked if asked in LANGUAGES else DEFAULT_LANGUAGE


def _country(key: str, text: str, known: set[str], ignored: list[str]) -> str | None:
    """Resolve one country value to a code in the data, or note why it is ignored."""
    code = resolve_country(text)
    if code is None:
        ignored.append(f"{key} '{notice_text(text)}' is not a known country code or name; ignored")
        return None
    if code not in known:
        ignored.append(
            f"{key} '{notice_text(text)}' ({country_name(code)}) has no statement in the data; "
            "ignored"
        )
        return None
    return code


def default_section(focus: str | None) -> str:
    """The section a link opens when it names none: a country's timeline if it names one."""
    return "timeline" if focus else "overview"


def _choice(
    params: Mapping[str, list[str]], key: str, choices: Mapping[str, str], ignored: list[str]
) -> str | None:
    """Read a one-of parameter by its code or its label, in any case; the last value wins."""
    text = _one(params, key, ignored)
    if text is None:
        return None
    folded = text.casefold()
    for code, label in choices.items():
        if folded in (code, label.casefold()):
            return code
    ignored.append(f"{key} '{notice_text(text)}' is not one of: {', '.join(choices)}; ignored")
    return None


def _date(
    params: Mapping[str, list[str]], key: str, first: date, last: date, ignored: list[str]
) -> date | None:
    """Read one date parameter; out-of-range dates are moved into range with a notice."""
    text = _one(params, key, ignored)
    if text is None:
        return None
    if not is_iso_date(text):
        ignored.append(f"{key} '{notice_text(text)}' is not a date (write YYYY-MM-DD); ignored")
        return None
    wanted = date.fromisoformat(text)
    text = wanted.isoformat()  # the same text, and plainly nothing but a date
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
    found: dict[str, None] = {}
    for text in values:
        key = _term(text, terms, labels)
        if key is None:
            ignored.append(
                f"{what} '{notice_text(text)}' is not one of: {', '.join(terms)}; ignored"
            )
        else:
            found.setdefault(key)
    return list(found)


def link_params(selection: Selection, page: PageState, default: date) -> dict[str, list[str]]:
    """Return the query parameters that reopen this view; defaults are left out of the URL.

    `default` is the as-of date a link without one opens on.
    """
    params: dict[str, list[str]] = {}
    if selection.countries:
        params[COUNTRY] = list(selection.countries)
    if selection.roles:
        params[ROLE] = list(selection.roles)
    if selection.statuses:
        params[STATUS] = list(selection.statuses)
    if selection.conditions:
        params[CONDITION] = list(selection.conditions)
    if selection.as_of is not None and selection.as_of != default:
        params[AS_OF] = [selection.as_of.isoformat()]
    if selection.since is not None:
        params[SINCE] = [selection.since.isoformat()]
    if page.layout != "dashboard":
        params[VIEW] = [page.layout]
    if page.focus:
        params[FOCUS] = [page.focus]
    if page.section != default_section(page.focus):
        params[SECTION] = [page.section]
    if page.map_framing != "world":
        params[MAP] = [page.map_framing]
    if page.lang != DEFAULT_LANGUAGE:
        params[LANG] = [page.lang]
    return params


def address_too_long_notice(characters: int, fields: int) -> str:
    """Say why a link's filters were all ignored: its address was past what Streamlit reads."""
    return (
        f"the address is too long to read ({fields:,} parameters, {characters:,} characters; "
        f"the limit is {STREAMLIT_MOST_FIELDS:,} parameters and {STREAMLIT_MOST_CHARACTERS:,} "
        "characters), so none of its filters were applied; this is the default view"
    )
