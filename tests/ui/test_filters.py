"""The filters of a session against the link, the data changing under it, and failure."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

import dashboard.ui.page as page_module
from dashboard.ui.filters import NOTICES_SHOWN
from tests.ui.conftest import statement, write_data_folder
from tests.ui.test_page import errors, header_text, notices, plain


def _seen(text: str) -> str:
    """What a reader sees: markdown escapes and invisible word joiners removed."""
    return plain(text).replace("\u2060", "")


def _warnings(at) -> list[str]:
    return [_seen(w) for w in notices(at)]


def _rows(*dated: tuple[str, str]) -> list[dict[str, str]]:
    return [
        statement(
            id=f"{code.lower()}-troops-{day.replace('-', '')}",
            date=day,
            country=code,
            role="troops",
        )
        for code, day in dated
    ]


def _rewrite(path: Path, rows: list[dict[str, str]]) -> None:
    """Replace the data as a curator's save would, with a later modification time."""
    write_data_folder(path.parent, rows)
    later = path.stat().st_mtime + 10
    os.utime(path, (later, later))


# --- the link ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "hint"),
    [("contry", "did you mean 'country'"), ("COUNTRY", "names are lower case")],
)
def test_a_misspelt_parameter_name_is_answered(open_page, name, hint):
    at = open_page({name: "IDN"})
    assert not at.exception
    [notice] = _warnings(at)
    assert notice.startswith("From the link: parameter")
    assert f"'{name}'" in notice
    assert hint in notice
    # The filter it meant is not applied, and the page says so in its header.
    assert "Showing: all countries, roles and statuses" in header_text(at)


def test_a_link_with_many_bad_values_shows_a_few_notices_and_counts_the_rest(open_page):
    at = open_page({"country": ",".join(f"Q{i:02d}" for i in range(40))})
    assert not at.exception
    shown = _warnings(at)
    assert len(shown) == NOTICES_SHOWN
    assert all("is not a known country code or name" in n for n in shown[:-1])
    assert f"{40 - NOTICES_SHOWN + 1:,} more notices" in shown[-1]


def test_a_notice_does_not_turn_link_text_into_links_or_icons(open_page):
    at = open_page({"country": "www.evil.example", "role": ":material/home: a@b.co"})
    raw = [w.value for w in at.warning]
    assert len(raw) == 2
    for body in raw:
        for pattern in ("www.", "www\\.", ":material", "\\:material", "@b"):
            assert pattern not in body, body
    assert "www.evil.example" in _seen(raw[0])


def test_a_right_to_left_override_in_a_link_is_shown_as_a_marker(open_page):
    at = open_page({"country": "\u202eLIAME"})
    [notice] = _warnings(at)
    assert "\u202e" not in notice
    assert "[U+202E]LIAME" in notice


def test_the_briefing_shows_the_notices_of_its_link(open_page):
    at = open_page({"view": "briefing", "country": "XYZ"})
    assert not at.exception
    bodies = [m.value for m in at.markdown if m.proto.allow_html]
    [box] = [b for b in bodies if "class='brief-notices'" in b]
    assert "&#x27;XYZ&#x27; is not a known country code or name" in box
    assert not at.warning  # the slide's own compact box, not the dashboard's


# --- the data changing under an open session ---------------------------------------------------


def test_removing_the_newest_statement_moves_the_dates_into_range(
    open_page, use_commitments, tmp_path
):
    path = use_commitments(
        write_data_folder(
            tmp_path / "data",
            _rows(("KAZ", "2026-01-10"), ("IDN", "2026-02-01"), ("IDN", "2026-03-01")),
        )
    )
    at = open_page({"country": "IDN", "since": "2026-02-20"})
    assert not at.exception
    assert at.date_input(key="as_of").value == date(2026, 3, 1)
    # A curator removes March's row; the open session runs again (any click would do).
    _rewrite(path, _rows(("KAZ", "2026-01-10"), ("IDN", "2026-02-01")))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not errors(at)
    assert at.date_input(key="as_of").value == date(2026, 2, 1)
    assert at.date_input(key="since").value is None
    moved = [n for n in _warnings(at) if n.startswith("The data changed:")]
    assert len(moved) == 2, _warnings(at)
    assert "the latest date it covers is now 2026-02-01 (it was 2026-03-01)" in moved[0]
    assert "'What changed since' 2026-02-20 is after the newest date the data now" in moved[1]
    assert "(2026-02-01); it is cleared" in moved[1]
    assert header_text(at).startswith("**As of 1 February 2026**")


def test_a_country_gone_from_the_data_leaves_the_filter_with_a_notice(
    open_page, use_commitments, tmp_path
):
    path = use_commitments(
        write_data_folder(tmp_path / "data", _rows(("KAZ", "2026-01-10"), ("IDN", "2026-02-01")))
    )
    at = open_page({"country": "IDN,KAZ", "as_of": "2026-01-20"})
    assert at.multiselect(key="country").value == ["IDN", "KAZ"]
    # Indonesia's only statement is removed, and one older than the first is added.
    _rewrite(path, _rows(("KAZ", "2025-12-01"), ("KAZ", "2026-01-10")))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not errors(at)
    assert at.multiselect(key="country").value == ["KAZ"]
    assert any("no statement about Indonesia is left" in n for n in _warnings(at))
    # The newest statement is now 10 January: a later as-of date is moved back to it.
    assert at.date_input(key="as_of").value == date(2026, 1, 10)
    assert any(
        "the as-of date 2026-01-20 is outside the dates the data now covers "
        "(2025-12-01 to 2026-01-10); it is now 2026-01-10" in n
        for n in _warnings(at)
    )


# --- a view that fails to draw ------------------------------------------------------------------


def _broken(_view):
    raise RuntimeError("a drawing bug")


def test_a_failed_view_offers_a_way_back(open_page):
    patch = pytest.MonkeyPatch()
    patch.setattr(page_module, "_dashboard", _broken)
    at = open_page({"country": "IDN", "role": "troops"})
    assert not at.exception
    [message] = errors(at)
    assert "Something went wrong" in message
    assert "a drawing bug" not in message  # the details stay in the server log
    clear = at.button(key="recover-clear")
    assert at.button(key="recover-reload").label == "Reload the data"
    patch.undo()
    clear.click().run()
    assert not at.exception
    assert not errors(at)
    assert at.multiselect(key="country").value == []
    assert at.multiselect(key="role").value == []
    assert "Showing: all countries, roles and statuses" in header_text(at)


def test_reload_the_data_reads_the_files_again(open_page, use_commitments, tmp_path):
    path = use_commitments(write_data_folder(tmp_path / "data", _rows(("KAZ", "2026-01-10"))))
    patch = pytest.MonkeyPatch()
    patch.setattr(page_module, "_dashboard", _broken)
    at = open_page()
    reload = at.button(key="recover-reload")
    # An edit that keeps the modification time (a copy with preserved times) is read anyway.
    stamp = path.stat().st_mtime
    write_data_folder(path.parent, _rows(("KAZ", "2026-01-10"), ("IDN", "2026-01-12")))
    os.utime(path, (stamp, stamp))
    patch.undo()
    reload.click().run()
    assert not at.exception
    assert not errors(at)
    header = header_text(at)
    assert "Based on 2 dated public statements" in header
    # The session was on the latest picture, and stays on it: the newest date is new.
    assert header.startswith("**As of 12 January 2026**")
    assert any("the latest date it covers is now 2026-01-12" in n for n in _warnings(at))
