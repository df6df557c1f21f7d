"""Filters and the URL: read query parameters leniently, say what was ignored, write them back."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from difflib import get_close_matches

from dashboard.core.countries import country_name, resolve_country
from dashboard.core.language import DEFAULT_LANGUAGE, LANGUAGES, N_, _, ngettext, number
from dashboard.core.schema import is_iso_date
from dashboard.core.selection import Selection
from dashboard.core.text import notice_text
from dashboard.core.vocabulary import CONDITIONS, ROLES, STATUSES, Term

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
# The labels are English (links may name a section by them); `_(SECTIONS[code])` where shown.
SECTIONS = {
    # TRANSLATORS: the name of a section (a tab) of the dashboard.
    "overview": N_("Overview"),
    # TRANSLATORS: the name of a section (a tab) of the dashboard: each role and its countries.
    "roles": N_("Who contributes what"),
    # TRANSLATORS: the name of a section (a tab): the conditions countries attach to taking part.
    "conditions": N_("Conditions"),
    # TRANSLATORS: the name of a section (a tab): the ISF's contributions date by date.
    "over_time": N_("The force over time"),
    # TRANSLATORS: the name of a section (a tab): the ISF beside other peace operations.
    "scale": N_("Scale"),
    # TRANSLATORS: the name of a section (a tab): the table of public statements.
    "statements": N_("Statements"),
    # TRANSLATORS: the name of a section (a tab): one country's statements over time.
    "timeline": N_("One country over time"),
}
# How the map is framed: the world, zoomed to the countries shown, or Gaza close up.
# English labels, as for SECTIONS: `_(MAP_FRAMINGS[code])` where shown.
MAP_FRAMINGS = {
    # TRANSLATORS: a way to frame the map: the whole world.
    "world": N_("Contributors worldwide"),
    # TRANSLATORS: a way to frame the map: zoomed to the countries in view.
    "fit": N_("Zoom to the countries shown"),
    # TRANSLATORS: a way to frame the map: Gaza close up, with Rafah and the CMCC in Kiryat Gat.
    "gaza": N_("Gaza, Rafah and the CMCC"),
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
        # TRANSLATORS: in this and the other notices about a link, {key} is the name of a link
        # parameter (country, role, as_of...): keep it as it is, it is what the link says.
        message = ngettext(
            "{key} was given {count} value; only the first {most} are read",
            "{key} was given {count} values; only the first {most} are read",
            len(values),
        )
        ignored.append(message.format(key=key, count=number(len(values)), most=number(MOST_VALUES)))
    return values[:MOST_VALUES]


def _one(params: Mapping[str, list[str]], key: str, ignored: list[str]) -> str | None:
    """Read a one-valued parameter: the last value wins, with a notice if there were more."""
    values = _split(params.get(key, []))
    if not values:
        return None
    text = values[-1]
    if len(values) > 1:
        message = ngettext(
            "{key} was given {count} value; using the last, '{value}'",
            "{key} was given {count} values; using the last, '{value}'",
            len(values),
        )
        ignored.append(message.format(key=key, count=number(len(values)), value=notice_text(text)))
    return text


def _unread_names(params: Mapping[str, object]) -> list[str]:
    """A notice for each parameter name this page does not read, naming the one likely meant."""
    unread = [name for name in params if name not in PARAMETERS and not _not_ours(name)]
    notices = [_unread_name(name) for name in unread[:MOST_VALUES]]
    if len(unread) > MOST_VALUES:
        more = len(unread) - MOST_VALUES
        message = ngettext(
            "{count} more parameter is not one this page reads; ignored",
            "{count} more parameters are not ones this page reads; ignored",
            more,
        )
        notices.append(message.format(count=number(more)))
    return notices


def _not_ours(name: str) -> bool:
    """Tell whether a name is one Streamlit or a platform put in the link, not the reader."""
    lower = name.lower()
    return lower in STREAMLIT_PARAMETERS or lower in TRACKING_PARAMETERS or lower.startswith("utm_")


def _unread_name(name: str) -> str:
    shown = notice_text(name)
    folded = name.casefold()
    if folded in PARAMETERS:
        # TRANSLATORS: {name} is a parameter name from a link, {meant} the one it likely meant.
        return _(
            "parameter '{name}' is not read: names are lower case (did you mean '{meant}'?); "
            "ignored"
        ).format(name=shown, meant=folded)
    # Above 0.7 a slip of the keyboard ("contry", "veiw", "countries"); below, other words
    # ("colour" would be taken for "country").
    close = get_close_matches(folded, PARAMETERS, n=1, cutoff=0.7)
    if close:
        return _(
            "parameter '{name}' is not one this page reads (did you mean '{meant}'?); ignored"
        ).format(name=shown, meant=close[0])
    # TRANSLATORS: {names} lists the parameter names the page reads, as the link writes them.
    return _("parameter '{name}' is not one this page reads (it reads {names}); ignored").format(
        name=shown, names=", ".join(PARAMETERS)
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
    more = ngettext(
        "… and {count} more notice, not listed", "… and {count} more notices, not listed", rest
    ).format(count=number(rest))
    return [*notices[: limit - 1], more]


def _term(
    text: str, terms: Mapping[str, object], labels: Mapping[str, tuple[str, ...]]
) -> str | None:
    folded = text.casefold().replace("-", "_").replace(" ", "_")
    if folded in terms:
        return folded
    for key, said in labels.items():
        if text.casefold() in (label.casefold() for label in said):
            return key
    return None


def _labels(terms: Mapping[str, Term]) -> dict[str, tuple[str, ...]]:
    """Each term's labels a link may name it by: the English one, and the reader's language's."""
    return {key: (term.english_label, term.label) for key, term in terms.items()}


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
    roles = _terms(_many(params, ROLE, ignored), ROLES, _labels(ROLES), ROLE, ignored)
    statuses = _terms(_many(params, STATUS, ignored), STATUSES, _labels(STATUSES), STATUS, ignored)
    conditions = _terms(
        _many(params, CONDITION, ignored), CONDITIONS, _labels(CONDITIONS), CONDITION, ignored
    )
    as_of = _date(params, AS_OF, first_date, last_date, ignored)
    since = _date(params, SINCE, first_date, last_date, ignored)
    layout = "dashboard"
    asked = _one(params, VIEW, ignored)
    if asked is not None:
        if asked.casefold() in LAYOUTS:
            layout = asked.casefold()
        else:
            ignored.append(_not_one_of(VIEW, asked, LAYOUTS))
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
        # TRANSLATORS: {value} is what the link gave, quoted as it is.
        ignored.append(
            _("{key} '{value}' is not a known country code or name; ignored").format(
                key=key, value=notice_text(text)
            )
        )
        return None
    if code not in known:
        # TRANSLATORS: {value} is what the link gave, {country} the country it names.
        ignored.append(
            _("{key} '{value}' ({country}) has no statement in the data; ignored").format(
                key=key, value=notice_text(text), country=country_name(code)
            )
        )
        return None
    return code


def _not_one_of(key: str, text: str, choices: Iterable[str]) -> str:
    """The notice for a value that is none of a parameter's codes."""
    # TRANSLATORS: {value} is what the link gave; {choices} lists the codes the parameter takes,
    # as a link writes them (keep them as they are).
    return _("{key} '{value}' is not one of: {choices}; ignored").format(
        key=key, value=notice_text(text), choices=", ".join(choices)
    )


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
        # The English label, or the reader's language's (LANGUAGES' names need no translating).
        said = label if choices is LANGUAGES else _(label)
        if folded in (code, label.casefold(), said.casefold()):
            return code
    ignored.append(_not_one_of(key, text, choices))
    return None


def _date(
    params: Mapping[str, list[str]], key: str, first: date, last: date, ignored: list[str]
) -> date | None:
    """Read one date parameter; out-of-range dates are moved into range with a notice."""
    text = _one(params, key, ignored)
    if text is None:
        return None
    if not is_iso_date(text):
        # TRANSLATORS: YYYY-MM-DD is how a link writes a date: keep it as it is.
        ignored.append(
            _("{key} '{value}' is not a date (write YYYY-MM-DD); ignored").format(
                key=key, value=notice_text(text)
            )
        )
        return None
    wanted = date.fromisoformat(text)
    text = wanted.isoformat()  # the same text, and plainly nothing but a date
    if wanted < first:
        # TRANSLATORS: {value} is the date the link gave, {first} the first statement's date.
        ignored.append(
            _(
                "{key} '{value}' is before the first statement ({first}); showing that date instead"
            ).format(key=key, value=text, first=first.isoformat())
        )
        return first
    if wanted > last:
        if key == AS_OF:
            ignored.append(
                _(
                    "{key} '{value}' is after the last date the data covers ({last}); showing "
                    "the latest picture instead"
                ).format(key=key, value=text, last=last.isoformat())
            )
            return None
        ignored.append(
            _(
                "{key} '{value}' is after the last date the data covers ({last}); showing that "
                "date instead"
            ).format(key=key, value=text, last=last.isoformat())
        )
        return last
    return wanted


def _terms(
    values: list[str],
    terms: Mapping[str, object],
    labels: Mapping[str, tuple[str, ...]],
    what: str,
    ignored: list[str],
) -> list[str]:
    found: dict[str, None] = {}
    for text in values:
        key = _term(text, terms, labels)
        if key is None:
            ignored.append(_not_one_of(what, text, terms))
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
    return _(
        "the address is too long to read ({fields} parameters, {characters} characters; the "
        "limit is {most_fields} parameters and {most_characters} characters), so none of its "
        "filters were applied; this is the default view"
    ).format(
        fields=number(fields),
        characters=number(characters),
        most_fields=number(STREAMLIT_MOST_FIELDS),
        most_characters=number(STREAMLIT_MOST_CHARACTERS),
    )
