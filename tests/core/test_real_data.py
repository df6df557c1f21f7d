"""Checks on the bundled data: it validates, and the documented cases come out as documented."""

from __future__ import annotations

from urllib.parse import urlsplit

import pandas as pd
import pytest

from dashboard.__main__ import main
from dashboard.core.countries import country_name, resolve_country
from dashboard.core.loading import read_commitments, read_targets
from dashboard.core.picture import (
    active_roles,
    as_of,
    bucket_of,
    filter_statements,
    planned_vs_announced,
)
from dashboard.core.selection import Selection, picture_of
from dashboard.core.summary import summary
from dashboard.settings import ENV_COMMITMENTS
from tests.factories import dataset_of


@pytest.fixture(autouse=True)
def _bundled_data(monkeypatch):
    # The validate command below reads the file COMMITMENTS_CSV names, as a reader's would.
    monkeypatch.delenv(ENV_COMMITMENTS, raising=False)


@pytest.fixture
def commitments():
    return read_commitments()


@pytest.fixture
def targets():
    return read_targets()


def _row(current: pd.DataFrame, country: str, role: str) -> pd.Series:
    rows = current[(current["country"] == country) & (current["role"] == role)]
    assert len(rows) == 1, f"expected one current row for {country}/{role}, got {len(rows)}"
    return rows.iloc[0]


def _figure(current: pd.DataFrame, targets: pd.DataFrame, figure: str) -> dict[str, int | None]:
    """One figure of planned_vs_announced, with NA read as None and numbers as int."""
    rows = planned_vs_announced(current, targets)
    rows = rows[rows["figure"] == figure]
    assert len(rows) == 1
    return {
        key: None if not isinstance(value, list) and pd.isna(value) else value
        for key, value in rows.iloc[0].to_dict().items()
    }


def _or_zero(value: int | None) -> int:
    return 0 if value is None else int(value)


def test_the_bundled_data_passes_validation(commitments, targets, capsys):
    assert len(commitments) > 0
    assert set(targets["figure"]) == {"security_personnel", "police_to_train", "base_capacity"}
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"valid: {len(commitments)} statements about ")


def test_at_least_30_statements_about_at_least_18_countries(commitments):
    assert len(commitments) >= 30
    assert commitments["country"].nunique() >= 18


def test_every_statement_has_an_http_source(commitments):
    for url in commitments["source_url"]:
        parts = urlsplit(url)
        assert parts.scheme in ("http", "https"), url
        assert parts.netloc, url


def test_indonesia_troops_committed_8000_or_more_on_20_february(commitments):
    # Prabowo's own words, "up to 8,000 or more, if necessary", are open-ended (rule 2), and
    # the row comes after Al Jazeera's "up to 8,000" of the same day in the file.
    row = _row(as_of(commitments, "2026-02-20"), "IDN", "troops")
    assert row["status"] == "committed"
    assert row["personnel_low"] == 8000
    assert pd.isna(row["personnel_high"])
    assert "or more" in row["number_wording"]


def test_indonesia_troops_suspended_on_1_april(commitments):
    current = as_of(commitments, "2026-04-01")
    row = _row(current, "IDN", "troops")
    assert row["status"] == "suspended"
    assert row["personnel_high"] == 8000
    assert bucket_of(current[current["id"] == row["id"]]).tolist() == ["stopped"]


def test_indonesia_alone_moves_from_counted_to_stopped(commitments, targets):
    before = _figure(
        filter_statements(as_of(commitments, "2026-02-20"), countries=["IDN"]),
        targets,
        "security_personnel",
    )
    assert (before["contributors"], before["low"], before["high"]) == (1, 8000, 8000)
    assert before["open_ended"] == 1
    assert (before["stopped_contributors"], before["stopped_high"]) == (0, None)

    after = _figure(
        filter_statements(as_of(commitments, "2026-04-01"), countries=["IDN"]),
        targets,
        "security_personnel",
    )
    assert (after["contributors"], after["high"]) == (0, None)
    assert (after["stopped_contributors"], after["stopped_low"], after["stopped_high"]) == (
        1,
        None,
        8000,
    )


def test_the_8000_move_from_the_counted_total_to_the_stopped_total(commitments, targets):
    def both(when: str) -> tuple[dict[str, int | None], dict[str, int | None]]:
        current = as_of(commitments, when)
        others = current[current["country"] != "IDN"]
        return (
            _figure(current, targets, "security_personnel"),
            _figure(others, targets, "security_personnel"),
        )

    with_idn, without_idn = both("2026-02-20")
    assert _or_zero(with_idn["high"]) - _or_zero(without_idn["high"]) == 8000
    assert with_idn["contributors"] - without_idn["contributors"] == 1
    assert with_idn["stopped_high"] == without_idn["stopped_high"]
    assert with_idn["stopped_contributors"] == without_idn["stopped_contributors"]

    with_idn, without_idn = both("2026-04-01")
    assert with_idn["high"] == without_idn["high"]
    assert with_idn["contributors"] == without_idn["contributors"]
    assert _or_zero(with_idn["stopped_high"]) - _or_zero(without_idn["stopped_high"]) == 8000
    assert with_idn["stopped_contributors"] - without_idn["stopped_contributors"] == 1


def test_kazakhstan_keeps_medical_and_observers_after_withdrawing_troops(commitments):
    roles = active_roles(as_of(commitments, "2026-03-31"), "KAZ")
    assert "medical" in roles
    assert "observers" in roles
    assert "troops" not in roles
    assert _row(as_of(commitments, "2026-03-31"), "KAZ", "troops")["status"] == "withdrawn"


def test_kazakhstan_troops_active_on_20_february(commitments):
    current = as_of(commitments, "2026-02-20")
    assert "troops" in active_roles(current, "KAZ")
    # Two same-day numberless reports: the wire story (Jeffers, committed) beats the media one.
    assert _row(current, "KAZ", "troops")["status"] == "committed"


def test_greece_troops_are_reported_only_and_not_counted(commitments, targets):
    current = as_of(commitments)
    row = _row(current, "GRC", "troops")
    assert row["status"] == "reported"
    figure = _figure(filter_statements(current, countries=["GRC"]), targets, "security_personnel")
    assert (figure["contributors"], figure["high"]) == (0, None)
    assert figure["unconfirmed_contributors"] == 1
    # The latest report (OnAlert, 17 Feb) says 150; Kathimerini's 100-150 came two days earlier.
    assert (figure["unconfirmed_low"], figure["unconfirmed_high"]) == (150, 150)
    assert figure["stopped_contributors"] == 0


def test_kosovo_is_xkx_named_kosovo(commitments, targets):
    assert "XKX" in set(commitments["country"])
    assert country_name("XKX") == "Kosovo"
    assert resolve_country("Kosovo") == "XKX"
    everything = summary(picture_of(dataset_of(commitments, targets), Selection()))
    entries = [c for c in everything["countries"] if c["iso3"] == "XKX"]
    assert [e["name"] for e in entries] == ["Kosovo"]
    assert entries[0]["roles"]["troops"] == "committed"


# Statements whose date, credit, wording or status were checked against their sources: each test
# pins the sourced reading, so that an edit to the data cannot quietly undo it.


def test_the_pakistani_aides_words_are_dated_and_credited_as_reuters_reported_them(commitments):
    words = "We are ready to send troops"
    rows = commitments[commitments["quote"].str.contains(words)]
    assert rows["id"].tolist() == ["pak-troops-20260218"]
    row = rows.iloc[0]
    assert row["source_outlet"].startswith("Reuters")
    assert row["source_kind"] == "wire"
    assert row["status"] == "reported"  # an anonymous aide (rule 5)
    assert "couple of thousand" in row["number_wording"]


def test_the_army_chiefs_quote_is_his_indonesian_words_with_a_translation(commitments):
    row = commitments.set_index("id").loc["idn-troops-20260209"]
    assert row["quote_language"] == "id"
    assert "brigade" in row["quote"]
    assert "mungkin" in row["quote"]
    assert row["quote_translation"].startswith("Yes, it could be one brigade")


def test_wire_stories_are_credited_to_their_agency(commitments):
    by_id = commitments.set_index("id")
    for rid in ("idn-troops-20260317", "idn-troops-20260216", "kaz-funding-20260219"):
        assert by_id.loc[rid, "source_kind"] == "wire", rid
        assert " via " in by_id.loc[rid, "source_outlet"], rid


def test_azerbaijans_pledge_is_shown_as_taken_back_the_same_day(commitments):
    row = _row(as_of(commitments, "2026-02-20"), "AZE", "funding")
    assert row["status"] == "withdrawn"


def test_kosovos_parliament_vote_is_not_in_the_picture_before_april(commitments):
    march = _row(as_of(commitments, "2026-03-31"), "XKX", "troops")
    assert "89-0" not in march["quote"]
    april = _row(as_of(commitments, "2026-04-30"), "XKX", "troops")
    assert "89-0" in april["quote"]


def test_the_phased_schedule_is_one_figure_not_a_range(commitments):
    row = commitments.set_index("id").loc["idn-troops-20260216"]
    assert (row["personnel_low"], row["personnel_high"]) == (8000, 8000)


def test_refusals_give_0_only_with_the_sources_words(commitments):
    declined = commitments[commitments["status"] == "declined"]
    zero = declined[declined["personnel_high"] == 0]
    assert not zero.empty
    assert (zero["number_wording"] != "").all()
    uae = declined.set_index("id").loc["are-troops-20251110"]
    assert pd.isna(uae["personnel_high"])  # "probably not" gives no number


def test_every_statement_is_checked_or_says_why_not(commitments):
    unchecked = commitments[commitments["checked"].isna()]
    assert len(unchecked) <= len(commitments) // 10
    for row in unchecked.to_dict("records"):
        assert "could not be confirmed" in row["note"], row["id"]
