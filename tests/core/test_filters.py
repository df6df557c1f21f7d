"""Reading a link leniently, with a notice for what it ignores, and writing it back."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.core.filters import (
    MOST_VALUES,
    PARAMETERS,
    STREAMLIT_MOST_CHARACTERS,
    STREAMLIT_MOST_FIELDS,
    PageState,
    _split,
    address_too_long_notice,
    capped_notices,
    link_params,
    parse_link,
)
from dashboard.core.selection import Selection

KNOWN = ("KAZ", "IDN", "MAR", "XKX", "GRC")
FIRST, LAST = date(2025, 9, 1), date(2026, 3, 17)


def parse(params: dict[str, list[str]]):
    return parse_link(params, KNOWN, FIRST, LAST)


# --- countries ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("kaz", "KAZ"),
        ("KAZ", "KAZ"),
        ("Kazakhstan", "KAZ"),
        ("kazakhstan", "KAZ"),
        ("KOSOVO", "XKX"),
        ("xkx", "XKX"),
        ("  Indonesia ", "IDN"),
        ("Greece", "GRC"),
    ],
)
def test_country_codes_and_names_in_any_case(text, code):
    parsed = parse({"country": [text]})
    assert parsed.selection.countries == (code,)
    assert parsed.ignored == []


def test_repeated_keys_and_comma_lists():
    parsed = parse({"country": ["KAZ,IDN", "MAR"]})
    assert parsed.selection.countries == ("KAZ", "IDN", "MAR")
    assert parsed.ignored == []


def test_the_same_country_asked_several_ways_is_kept_once():
    parsed = parse({"country": ["kaz", "KAZ,Kazakhstan", " kaz "]})
    assert parsed.selection.countries == ("KAZ",)
    assert parsed.ignored == []


def test_unknown_country_dropped_with_a_notice_naming_it():
    parsed = parse({"country": ["KAZ", "Atlantis"]})
    assert parsed.selection.countries == ("KAZ",)
    assert parsed.ignored == ["country 'Atlantis' is not a known country code or name; ignored"]


def test_known_code_without_data_gets_its_own_notice():
    parsed = parse({"country": ["FIN", "idn"]})
    assert parsed.selection.countries == ("IDN",)
    assert parsed.ignored == ["country 'FIN' (Finland) has no statement in the data; ignored"]


def test_blank_values_are_ignored_silently():
    parsed = parse({"country": ["", " , ,"], "role": [""], "status": [","], "as_of": [""]})
    assert parsed.selection == Selection()
    assert parsed.ignored == []


# --- roles and statuses ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("troops", "troops"),
        ("Troops", "troops"),
        ("police_training", "police_training"),
        ("police-training", "police_training"),
        ("Police training", "police_training"),
        ("POLICE-DEPLOYED", "police_deployed"),
        ("Observers / CMCC liaison", "observers"),
        ("training-support", "training_support"),
        ("Training support (no troops)", "training_support"),
        ("Command posts", "command"),
    ],
)
def test_role_ids_labels_and_hyphens(text, role):
    parsed = parse({"role": [text]})
    assert parsed.selection.roles == (role,)
    assert parsed.ignored == []


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("committed", "committed"),
        ("Committed", "committed"),
        ("Reported only", "reported"),
        ("expressed interest", "interest"),
        ("WITHDRAWN", "withdrawn"),
    ],
)
def test_status_ids_and_labels(text, status):
    parsed = parse({"status": [text]})
    assert parsed.selection.statuses == (status,)
    assert parsed.ignored == []


def test_roles_and_statuses_keep_their_order_and_drop_repeats():
    parsed = parse({"role": ["medical,troops", "Troops"], "status": ["offered", "committed"]})
    assert parsed.selection.roles == ("medical", "troops")
    assert parsed.selection.statuses == ("offered", "committed")


def test_unknown_role_and_status_dropped_with_a_notice_naming_them():
    parsed = parse({"role": ["pilots", "troops"], "status": ["maybe"]})
    assert parsed.selection.roles == ("troops",)
    assert parsed.selection.statuses == ()
    assert parsed.ignored == [
        "role 'pilots' is not one of: troops, police_deployed, police_training, medical, "
        "observers, command, training_support, funding, funding_paid; ignored",
        "status 'maybe' is not one of: interest, offered, committed, deployed, conditional, "
        "reported, suspended, withdrawn, declined; ignored",
    ]


# --- as_of ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["2026-02-20", "2025-09-01", "2026-03-17"])
def test_as_of_valid(text):
    parsed = parse({"as_of": [text]})
    assert parsed.selection.as_of == date.fromisoformat(text)
    assert parsed.ignored == []


@pytest.mark.parametrize("text", ["2026-02-30", "yesterday", "20-02-2026", "2026/02/20"])
def test_as_of_malformed(text):
    parsed = parse({"as_of": [text]})
    assert parsed.selection.as_of is None
    assert parsed.ignored == [f"as_of '{text}' is not a date (write YYYY-MM-DD); ignored"]


def test_as_of_before_the_first_date_is_clamped_with_a_notice():
    parsed = parse({"as_of": ["2024-01-01"]})
    assert parsed.selection.as_of == FIRST
    assert parsed.ignored == [
        "as_of '2024-01-01' is before the first statement (2025-09-01); showing that date instead"
    ]


def test_as_of_after_the_last_date_is_ignored_with_a_notice():
    parsed = parse({"as_of": ["2026-03-18"]})
    assert parsed.selection.as_of is None
    assert parsed.ignored == [
        "as_of '2026-03-18' is after the last date the data covers (2026-03-17); "
        "showing the latest picture instead"
    ]


def test_as_of_given_twice_the_last_one_wins():
    parsed = parse({"as_of": ["2026-01-01", "2026-02-20"]})
    assert parsed.selection.as_of == date(2026, 2, 20)
    assert parsed.ignored == ["as_of was given 2 values; using the last, '2026-02-20'"]


def test_everything_at_once_with_every_notice():
    parsed = parse(
        {
            "country": ["kaz,Atlantis"],
            "role": ["police-training"],
            "status": ["nope"],
            "as_of": ["2030-01-01"],
        }
    )
    assert parsed.selection == Selection(("KAZ",), ("police_training",), (), None)
    assert len(parsed.ignored) == 3
    assert [notice.split(" ")[0] for notice in parsed.ignored] == ["country", "status", "as_of"]


# --- link_params ----------------------------------------------------------------------------


def test_link_params_leave_defaults_out():
    assert link_params(Selection(), PageState(), LAST) == {}
    assert link_params(Selection(as_of=LAST), PageState(), LAST) == {}


def test_link_params_write_every_active_filter():
    selection = Selection(
        ("KAZ", "XKX"), ("police_training",), ("committed", "reported"), date(2026, 2, 20)
    )
    assert link_params(selection, PageState(), LAST) == {
        "country": ["KAZ", "XKX"],
        "role": ["police_training"],
        "status": ["committed", "reported"],
        "as_of": ["2026-02-20"],
    }


@pytest.mark.parametrize(
    "selection",
    [
        Selection(),
        Selection(countries=("XKX",)),
        Selection(("KAZ", "IDN", "MAR"), ("troops", "medical"), ("offered",), date(2026, 2, 20)),
        Selection(roles=("police_training", "observers")),
        Selection(as_of=FIRST),
    ],
)
def test_a_selection_round_trips_through_its_link(selection):
    parsed = parse(link_params(selection, PageState(), LAST))
    assert parsed.selection == selection
    assert parsed.page == PageState()
    assert parsed.ignored == []


def test_parsed_params_round_trip_to_their_normal_form():
    parsed = parse(
        {"country": ["kosovo,kaz"], "role": ["Police training"], "as_of": ["2026-02-20"]}
    )
    params = link_params(parsed.selection, parsed.page, LAST)
    assert params == {
        "country": ["XKX", "KAZ"],
        "role": ["police_training"],
        "as_of": ["2026-02-20"],
    }
    assert parse(params).selection == parsed.selection


def test_since_and_view_are_read_and_round_trip():
    parsed = parse({"since": ["2026-02-19"], "view": ["Briefing"]})
    assert parsed.selection.since == date(2026, 2, 19)
    assert parsed.page.layout == "briefing"
    assert parsed.ignored == []
    params = link_params(parsed.selection, parsed.page, date(2026, 3, 17))
    assert params == {"since": ["2026-02-19"], "view": ["briefing"]}
    reread = parse(params)
    assert (reread.selection, reread.page) == (parsed.selection, parsed.page)


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"view": ["slides"]}, "view 'slides' is not one of: dashboard, briefing; ignored"),
        ({"since": ["20260219"]}, "since '20260219' is not a date (write YYYY-MM-DD); ignored"),
        ({"as_of": ["2026-W08-5"]}, "as_of '2026-W08-5' is not a date (write YYYY-MM-DD); ignored"),
        (
            {"since": ["2027-01-01"]},
            "since '2027-01-01' is after the last date the data covers (2026-03-17); "
            "showing that date instead",
        ),
    ],
)
def test_bad_since_view_and_compact_dates_get_a_notice(params, notice):
    assert parse(params).ignored == [notice]


def test_focus_is_read_leniently_and_checked():
    assert parse({"focus": ["kaz"]}).page.focus == "KAZ"
    assert parse({"focus": ["Kosovo"]}).page.focus == "XKX"
    unknown = parse({"focus": ["Atlantis"]})
    assert unknown.page.focus is None
    assert unknown.ignored == ["focus 'Atlantis' is not a known country code or name; ignored"]
    no_data = parse({"focus": ["FIN"]})
    assert no_data.page.focus is None
    assert no_data.ignored == ["focus 'FIN' (Finland) has no statement in the data; ignored"]


# --- the open section and the map's framing ---------------------------------------------------


@pytest.mark.parametrize(
    ("params", "section"),
    [
        ({}, "overview"),
        ({"section": ["roles"]}, "roles"),
        ({"section": ["Statements"]}, "statements"),
        ({"section": ["one country over time"]}, "timeline"),
        ({"section": ["roles", "statements"]}, "statements"),
        ({"focus": ["KAZ"]}, "timeline"),
        ({"focus": ["KAZ"], "section": ["overview"]}, "overview"),
        ({"focus": ["nowhere"]}, "overview"),
    ],
)
def test_the_section_is_read_by_code_or_label(params, section):
    assert parse(params).page.section == section


@pytest.mark.parametrize(
    ("params", "framing"),
    [
        ({}, "world"),
        ({"map": ["fit"]}, "fit"),
        ({"map": ["GAZA"]}, "gaza"),
        ({"map": ["Zoom to the countries shown"]}, "fit"),
    ],
)
def test_the_map_framing_is_read_by_code_or_label(params, framing):
    assert parse(params).page.map_framing == framing


def test_unknown_section_and_framing_fall_back_with_a_notice():
    parsed = parse({"section": ["charts"], "map": ["satellite"], "focus": ["KAZ"]})
    assert parsed.page.section == "timeline"  # the focus link's own default
    assert parsed.page.map_framing == "world"
    assert parsed.ignored == [
        "section 'charts' is not one of: overview, roles, conditions, over_time, scale, "
        "statements, timeline; ignored",
        "map 'satellite' is not one of: world, fit, gaza; ignored",
    ]


@pytest.mark.parametrize(
    ("page", "params"),
    [
        (PageState(), {}),
        (PageState(section="roles"), {"section": ["roles"]}),
        (PageState(focus="KAZ", section="timeline"), {"focus": ["KAZ"]}),
        (PageState(focus="KAZ", section="overview"), {"focus": ["KAZ"], "section": ["overview"]}),
        (PageState(map_framing="gaza"), {"map": ["gaza"]}),
    ],
)
def test_section_and_framing_are_written_only_when_not_the_default(page, params):
    assert link_params(Selection(), page, LAST) == params
    assert parse(params).page == page


# --- lists read in linear time ----------------------------------------------------------------


def _split_reference(values: list[str]) -> list[str]:
    """A plain reading that searches a list for repeats: slow, but plainly right; `_split` must
    give the same lists in linear time."""
    out: list[str] = []
    for value in values:
        for part in value.split(","):
            part = part.strip()
            if part and part not in out:
                out.append(part)
    return out


@pytest.mark.parametrize(
    "values",
    [
        [],
        [""],
        [" , ,"],
        ["KAZ"],
        ["KAZ,IDN", "MAR"],
        ["IDN, kaz ,IDN", "MAR,kaz", "KAZ", " idn"],
        ["b,a", "a,b,c", "c"],
        ["Observers / CMCC liaison,troops", "troops,,Observers / CMCC liaison"],
    ],
)
def test_split_keeps_first_seen_order_as_before(values):
    assert _split(values) == _split_reference(values)


def test_a_link_with_17000_unknown_countries_is_read_with_bounded_notices():
    values = [f"Z{i:05d}" for i in range(17_000)]
    parsed = parse({"country": [",".join(values[:8_500]), *values[8_500:], "KAZ"]})
    assert parsed.selection.countries == ()  # KAZ comes after the values that are read
    assert parsed.ignored[0] == "country was given 17,001 values; only the first 500 are read"
    assert parsed.ignored[1:] == [
        f"country '{value}' is not a known country code or name; ignored"
        for value in values[:MOST_VALUES]
    ]
    shown = capped_notices(parsed.ignored)
    assert shown[:9] == parsed.ignored[:9]
    assert shown[9] == "… and 492 more notices, not listed"


def test_a_link_repeating_one_country_17000_times_reads_it_once():
    parsed = parse({"country": ["kaz"] * 17_000 + ["IDN,KAZ"]})
    assert parsed.selection.countries == ("KAZ", "IDN")
    assert parsed.ignored == []


def test_the_values_a_list_reads_stop_at_most_values():
    values = [f"Z{i}" for i in range(MOST_VALUES - 1)]
    assert parse({"country": [*values, "KAZ"]}).selection.countries == ("KAZ",)
    assert parse({"country": [*values, "IDN", "KAZ"]}).selection.countries == ("IDN",)


# --- parameter names this page does not read --------------------------------------------------


@pytest.mark.parametrize(
    ("name", "notice"),
    [
        (
            "COUNTRY",
            "parameter 'COUNTRY' is not read: names are lower case (did you mean 'country'?); "
            "ignored",
        ),
        (
            "As_Of",
            "parameter 'As_Of' is not read: names are lower case (did you mean 'as_of'?); ignored",
        ),
        (
            "contry",
            "parameter 'contry' is not one this page reads (did you mean 'country'?); ignored",
        ),
        ("asof", "parameter 'asof' is not one this page reads (did you mean 'as_of'?); ignored"),
        ("veiw", "parameter 'veiw' is not one this page reads (did you mean 'view'?); ignored"),
        (
            "countries",
            "parameter 'countries' is not one this page reads (did you mean 'country'?); ignored",
        ),
        (
            "Stauts",
            "parameter 'Stauts' is not one this page reads (did you mean 'status'?); ignored",
        ),
        (
            "colour",
            "parameter 'colour' is not one this page reads (it reads country, role, status, "
            "condition, as_of, since, view, focus, section, map, lang); ignored",
        ),
    ],
)
def test_an_unknown_parameter_name_gets_a_notice_and_a_suggestion(name, notice):
    parsed = parse({name: ["IDN"], "country": ["KAZ"]})
    assert parsed.selection.countries == ("KAZ",)  # the names it reads are still read
    assert parsed.ignored == [notice]


@pytest.mark.parametrize(
    "name", ["embed", "embed_options", "EMBED", "Embed_Options", "fbclid", "gclid", "utm_source"]
)
def test_streamlits_and_platforms_parameters_are_not_reported(name):
    assert parse({name: ["true"], "focus": ["KAZ"]}).ignored == []


def test_notices_about_names_come_before_notices_about_values():
    parsed = parse({"country": ["Atlantis"], "contry": ["KAZ"]})
    assert [notice.split(" ")[0] for notice in parsed.ignored] == ["parameter", "country"]


def test_a_link_with_thousands_of_unknown_names_gets_bounded_notices():
    parsed = parse({f"p{i}": ["x"] for i in range(17_000)})
    assert len(parsed.ignored) == MOST_VALUES + 1
    assert parsed.ignored[0].startswith("parameter 'p0' is not one this page reads (it reads ")
    assert parsed.ignored[-1] == "16,500 more parameters are not ones this page reads; ignored"


def test_parameters_names_every_parameter_a_link_can_carry():
    params = link_params(
        Selection(("KAZ",), ("troops",), ("committed",), FIRST, FIRST, ("no_combat",)),
        PageState("briefing", "roles", "KAZ", "gaza", "ar"),
        LAST,
    )
    assert tuple(params) == PARAMETERS
    assert parse(params).ignored == []


# --- one-valued parameters given several values -----------------------------------------------


@pytest.mark.parametrize(
    ("params", "notice", "read"),
    [
        ({"focus": ["KAZ,IDN", "MAR"]}, "focus was given 3 values; using the last, 'MAR'", "MAR"),
        (
            {"view": ["briefing,dashboard"]},
            "view was given 2 values; using the last, 'dashboard'",
            "dashboard",
        ),
        (
            {"section": ["roles", "statements,timeline"]},
            "section was given 3 values; using the last, 'timeline'",
            "timeline",
        ),
        ({"map": ["fit", "gaza"]}, "map was given 2 values; using the last, 'gaza'", "gaza"),
        (
            {"since": ["2026-01-01,2026-02-20"]},
            "since was given 2 values; using the last, '2026-02-20'",
            date(2026, 2, 20),
        ),
    ],
)
def test_a_one_valued_parameter_given_several_values_says_it_uses_the_last(params, notice, read):
    parsed = parse(params)
    [key] = params
    read_as = {
        "focus": parsed.page.focus,
        "view": parsed.page.layout,
        "section": parsed.page.section,
        "map": parsed.page.map_framing,
        "since": parsed.selection.since,
    }
    assert read_as[key] == read
    assert parsed.ignored == [notice]


def test_the_last_of_several_values_is_still_checked():
    parsed = parse({"focus": ["KAZ,ALB"]})
    assert parsed.page.focus is None
    assert parsed.ignored == [
        "focus was given 2 values; using the last, 'ALB'",
        "focus 'ALB' (Albania) has no statement in the data; ignored",
    ]


def test_the_same_one_value_repeated_is_not_several():
    assert parse({"focus": ["KAZ", "KAZ"], "map": ["fit,fit"]}).ignored == []


# --- capped notices ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "limit", "expected"),
    [
        (0, 10, []),
        (3, 10, ["n0", "n1", "n2"]),
        (10, 10, [f"n{i}" for i in range(10)]),
        (11, 10, [*(f"n{i}" for i in range(9)), "… and 2 more notices, not listed"]),
        (17_000, 3, ["n0", "n1", "… and 16,998 more notices, not listed"]),
        (2, 1, ["… and 2 more notices, not listed"]),
    ],
)
def test_capped_notices_counts_what_it_leaves_out(count, limit, expected):
    assert capped_notices([f"n{i}" for i in range(count)], limit) == expected


def test_capped_notices_needs_room_for_one():
    with pytest.raises(ValueError, match="at least 1"):
        capped_notices(["n"], 0)


# --- values quoted in notices ------------------------------------------------------------------


def test_a_long_value_is_shortened_in_its_notice():
    [notice] = parse({"country": ["x" * 100_000]}).ignored
    assert notice == f"country '{'x' * 60}…' is not a known country code or name; ignored"


@pytest.mark.parametrize(
    "params",
    [
        {"country": ["\u202eNAK"]},
        {"role": ["\u202espoorT"]},
        {"status": ["\u2067x\u2069"]},
        {"as_of": ["\u200e2026-01-01"]},
        {"view": ["\u061cslides"]},
        {"focus": ["KAZ", "\u202aIDN"]},
        {"section": ["\u200froles"]},
        {"map": ["\x1b[2Jworld"]},
        {"\u202ecountry": ["KAZ"]},
    ],
)
def test_hidden_characters_in_a_link_are_shown_as_markers_in_notices(params):
    ignored = parse(params).ignored
    assert ignored
    hidden = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\x1b"
    for notice in ignored:
        assert not set(notice) & set(hidden), notice
        assert "[U+" in notice, notice


def test_a_reversed_country_says_where_the_override_was():
    assert parse({"country": ["\u202eNAK"]}).ignored == [
        "country '[U+202E]NAK' is not a known country code or name; ignored"
    ]


def test_the_address_limits_are_streamlits_own():
    # The page says why a long link was ignored; the figures it gives must be the real ones.
    from streamlit.runtime.state import query_params

    assert query_params.CLIENT_STATE_QUERY_STRING_MAX_FIELDS == STREAMLIT_MOST_FIELDS
    assert query_params.CLIENT_STATE_QUERY_STRING_MAX_LENGTH == STREAMLIT_MOST_CHARACTERS


def test_the_too_long_notice_gives_the_measure_and_the_limits():
    notice = address_too_long_notice(8501, 1201)
    assert "1,201 parameters, 8,501 characters" in notice
    assert f"{STREAMLIT_MOST_FIELDS:,} parameters" in notice
    assert "none of its filters were applied" in notice
