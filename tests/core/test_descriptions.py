"""Text alternatives: each chart's words and table say what its numbers are, unknowns included."""

from __future__ import annotations

from datetime import date

import pandas as pd

from dashboard.core.dataset import read_dataset
from dashboard.core.descriptions import (
    announced_over_time_text,
    conditions_text,
    counts_table,
    counts_text,
    map_text,
    planned_vs_announced_table,
    planned_vs_announced_text,
    roles_table,
    roles_text,
    scale_text,
    status_over_time_text,
    timeline_text,
)
from dashboard.core.over_time import over_time
from dashboard.core.scale import comparisons
from dashboard.core.selection import Selection, picture_of


def test_planned_versus_announced_says_each_plan_and_keeps_unknowns_apart(figures):
    text = planned_vs_announced_text(figures)
    assert "Security personnel: plan 20,000; announced up to 8,000 from 3 contributors" in text
    assert "2 without a number" in text
    assert "Base: plan 5,000, a plan only" in text


def test_planned_versus_announced_table_has_the_chart_numbers(figures):
    table = planned_vs_announced_table(figures)
    security = table[table["Figure"] == "Security personnel"].iloc[0]
    assert security["Planned"] == "20,000"
    assert security["Announced"] == "up to 8,000"
    assert security["Contributors"] == 3
    assert security["Without a number"] == 2
    assert security["Suspended or withdrawn"] == "none disclosed"


def test_roles_text_and_table_give_each_countrys_status_in_each_role(current):
    assert roles_text(current).startswith("A grid of 4 countries by role")
    assert "troops 4, medical 1" in roles_text(current)
    table = roles_table(current).set_index("Country")
    assert table.loc["Kazakhstan", "Medical"] == "Offered"
    assert table.loc["Indonesia", "Medical"] == ""
    assert table.loc["Greece", "Troops"] == "Withdrawn"


def test_counts_text_and_table_add_up_to_the_countries_per_role(current):
    table = counts_table(current).set_index("Role")
    assert table.loc["Troops"].sum() == 4
    assert table.loc["Troops", "Committed"] == 2
    assert "Troops: 2 committed, 1 deployed, 1 withdrawn" in counts_text(current)


def test_the_map_text_names_countries_by_their_strongest_status(current):
    text = map_text(current)
    assert text.startswith("A world map marking 4 countries")
    assert "Deployed: Morocco" in text
    assert "committed: Indonesia and Kazakhstan" in text
    assert "withdrawn: Greece" in text


def test_empty_views_say_so(current):
    empty = current.iloc[0:0]
    assert map_text(empty).startswith("The map shows no contributor")
    assert roles_text(empty) == "No country has a current position in this view."
    assert counts_text(empty) == "No country has a current position in this view."


def test_a_timeline_says_its_span_and_roles(current):
    text = timeline_text(current[current["country"] == "KAZ"], "KAZ")
    assert text.startswith("Kazakhstan: 2 statements from 19 Feb 2026 to 19 Feb 2026")
    assert "in 2 roles: troops, medical" in text
    assert timeline_text(current.iloc[0:0], "FIN").startswith("No statement by or about Finland")


def test_the_bundled_sections_each_have_words_that_match_their_figures():
    data = read_dataset()
    picture = picture_of(data, Selection())
    assert "No combat: Indonesia and Pakistan" in conditions_text(picture.conditions)
    scale = scale_text(comparisons(picture))
    assert "UNIFIL: authorised 15,000 troops, deployed 7,500 troops" in scale
    assert "plan 20,000" in scale
    timeline = over_time(data, Selection(as_of=date(2026, 3, 1)))
    status = status_over_time_text(timeline.counts)
    assert "on every date up to 1 Mar 2026" in status
    band = announced_over_time_text(timeline.announced, timeline.figure_label)
    assert "The highest upper bound was 20,000" in band
    assert band.endswith("On 1 Mar 2026: 8,000.")


def test_the_band_says_when_nothing_is_disclosed_now():
    announced = pd.DataFrame(
        {
            "date": [date(2026, 2, 1), date(2026, 3, 1)],
            "low": pd.array([None, None], dtype="Int64"),
            "high": pd.array([8000, None], dtype="Int64"),
            "contributors": [1, 2],
            "undisclosed": [0, 2],
            "planned": [20000, 20000],
        }
    )
    text = announced_over_time_text(announced, "Troops")
    assert "The highest upper bound was 8,000 (1 Feb 2026)." in text
    assert text.endswith("On 1 Mar 2026 no counted contributor gives a number (2 contributors).")
