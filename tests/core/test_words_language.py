"""The text alternatives, the page's HTML fragments and the vocabulary, in Russian and Arabic.

Each text is said in the reader's language with the data's numbers in it, data from the files is
still escaped whatever the language, and Arabic lists and tables run right to left.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pandas as pd
import pytest

from dashboard.core.changes import ChangeReport, changes_since
from dashboard.core.conditions import condition_matrix
from dashboard.core.countries import country_name
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
from dashboard.core.language import number, short_date, speaking
from dashboard.core.markup import (
    changes_html,
    conditions_html,
    corrections_html,
    data_table_html,
    figure_deltas_html,
    legend_html,
    missions_html,
    timeline_html,
    transitions_html,
)
from dashboard.core.over_time import over_time
from dashboard.core.picture import as_of
from dashboard.core.scale import comparisons
from dashboard.core.selection import Selection, picture_of
from dashboard.core.statements import CORRECTION_COLUMNS
from dashboard.core.text import personnel_text, range_text
from dashboard.core.vocabulary import (
    CONDITIONS,
    DATE_PRECISIONS,
    EVENT_KINDS,
    MISSION_FIGURES,
    ROLES,
    SOURCE_KINDS,
    STATUSES,
)

LETTERS = {"ru": re.compile("[А-Яа-яЁё]"), "ar": re.compile("[\u0600-\u06ff]")}
LANGS = list(LETTERS)
SCRIPT = "<script>alert(1)</script>"
SCRIPT_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
IMG = "<img src=x onerror=alert(1)>"
IMG_ESCAPED = "&lt;img src=x onerror=alert(1)&gt;"
SINCE = date(2026, 2, 19)
UNTIL = date(2026, 3, 17)


def _in(lang: str, text: str, english: str) -> None:
    """The text is in `lang`: it has that script's letters and is not the English text."""
    assert LETTERS[lang].search(text), text
    assert text != english


def _no_raw_markup(html: str) -> None:
    for raw in ("<script", "<img", "onerror=alert(1)>"):
        assert raw not in html, html


# --- the text alternatives --------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_planned_versus_announced_text_is_translated_with_its_numbers(lang, figures):
    english = planned_vs_announced_text(figures)
    with speaking(lang):
        text = planned_vs_announced_text(figures)
        _in(lang, text, english)
        for value in (20_000, 8_000, 5_000):
            assert number(value) in text, (number(value), text)
        assert "Security personnel" in text  # the label is data: it stays as it is
        assert "plan" not in text
        assert "announced" not in text


@pytest.mark.parametrize("lang", LANGS)
def test_the_grid_bars_and_map_texts_are_translated(lang, current):
    english = {f: f(current) for f in (roles_text, counts_text, map_text)}
    with speaking(lang):
        for describe, said in english.items():
            _in(lang, describe(current), said)
        assert number(4) in roles_text(current)
        # The bars' text names each role and status in the language.
        bars = counts_text(current)
        assert ROLES["troops"].label in bars
        assert STATUSES["withdrawn"].label[1:] in bars
        # The map's text names the countries as the language does, by their status.
        where = map_text(current)
        assert country_name("MAR") in where
        assert STATUSES["deployed"].label in where


@pytest.mark.parametrize("lang", LANGS)
def test_empty_views_say_so_in_the_language(lang, current):
    empty = current.iloc[0:0]
    english = [map_text(empty), roles_text(empty), counts_text(empty), conditions_text(empty)]
    with speaking(lang):
        for said, was in zip(
            [map_text(empty), roles_text(empty), counts_text(empty), conditions_text(empty)],
            english,
            strict=True,
        ):
            _in(lang, said, was)


@pytest.mark.parametrize(
    ("lang", "statements", "roles"),
    [("ru", "2 заявления", "в 2 ролях"), ("ar", "2 تصريحان", "في 2 دورين")],
)
def test_a_timeline_counts_in_the_language_s_plural_forms(lang, statements, roles, current):
    kazakhstan = current[current["country"] == "KAZ"]
    english, none_english = timeline_text(kazakhstan, "KAZ"), timeline_text(current[:0], "FIN")
    with speaking(lang):
        text = timeline_text(kazakhstan, "KAZ")
        _in(lang, text, english)
        assert statements in text
        assert roles in text
        assert short_date(date(2026, 2, 19)) in text
        assert text.startswith(country_name("KAZ"))
        assert ROLES["medical"].label[1:] in text
        nothing = timeline_text(current[:0], "FIN")
        _in(lang, nothing, none_english)
        assert country_name("FIN") in nothing


@pytest.mark.parametrize("lang", LANGS)
def test_the_bundled_sections_texts_are_translated_with_their_numbers(lang):
    data = read_dataset()
    picture = picture_of(data, Selection())
    timeline = over_time(data, Selection(as_of=date(2026, 3, 1)))
    scale = comparisons(picture)
    texts: list[Callable[[], str]] = [
        lambda: conditions_text(picture.conditions),
        lambda: scale_text(scale),
        lambda: status_over_time_text(timeline.counts),
        lambda: announced_over_time_text(timeline.announced, timeline.figure_label),
    ]
    english = [said() for said in texts]
    with speaking(lang):
        said = [text() for text in texts]
        for text, was in zip(said, english, strict=True):
            _in(lang, text, was)
        conditions, scaled, statuses, band = said
        assert CONDITIONS["no_combat"].label in conditions
        assert country_name("PAK") in conditions
        # The ISF's plan of 20,000 and UNIFIL's 15,000 are said the language's way.
        assert number(20_000) in scaled
        assert number(15_000) in scaled
        assert "UNIFIL" in scaled  # mission acronyms stay as they are
        assert short_date(date(2026, 3, 1)) in statuses
        assert number(20_000) in band
        assert band.endswith(f"{number(8_000)}.")


@pytest.mark.parametrize("lang", LANGS)
def test_the_band_says_in_the_language_when_nothing_is_disclosed_now(lang):
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
    english = announced_over_time_text(announced, "Troops")
    none_english = announced_over_time_text(announced[:0], "Troops")
    with speaking(lang):
        text = announced_over_time_text(announced, "Troops")
        _in(lang, text, english)
        assert number(8_000) in text
        assert short_date(date(2026, 2, 1)) in text
        assert short_date(date(2026, 3, 1)) in text
        nothing = announced_over_time_text(announced[:0], "Troops")
        _in(lang, nothing, none_english)


def test_russian_status_names_keep_their_acronyms_inside_a_sentence(make_commitments):
    # "Только по сообщениям СМИ" becomes "только по сообщениям СМИ", never "...сми".
    reported = as_of(
        make_commitments([{"status": "reported"}, {"country": "MAR", "status": "deployed"}])
    )
    with speaking("ru"):
        assert "только по сообщениям СМИ" in map_text(reported)
        assert "только по сообщениям СМИ" in counts_text(reported)


# --- the tables -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "headers", "none"),
    [
        (
            "ru",
            [
                "Показатель",
                "По плану",
                "Объявлено",
                "Страны-участники",
                "Без указания численности",
                "Приостановлено или отозвано",
            ],
            "нет",
        ),
        (
            "ar",
            ["الرقم", "المخطط", "المعلن", "الدول المساهمة", "دون رقم", "معلّق أو مسحوب"],
            "لا يوجد",
        ),
    ],
)
def test_the_tables_headers_and_words_are_translated(lang, headers, none, figures, current):
    with speaking(lang):
        table = planned_vs_announced_table(figures)
        assert list(table.columns) == headers
        security = table.iloc[0]
        assert security[headers[1]] == number(20_000)
        assert security[headers[2]] == range_text({"low": None, "high": 8000})
        assert security[headers[3]] == 3
        assert table.iloc[1][headers[5]] == none

        grid = roles_table(current)
        assert list(grid.columns) == [
            {"ru": "Страна", "ar": "الدولة"}[lang],
            ROLES["troops"].label,
            ROLES["medical"].label,
        ]
        row = grid.set_index(grid.columns[0]).loc[country_name("KAZ")]
        assert row[ROLES["medical"].label] == STATUSES["offered"].label

        counts = counts_table(current)
        assert counts.columns[0] == {"ru": "Роль", "ar": "الدور"}[lang]
        assert counts.set_index(counts.columns[0]).loc[ROLES["troops"].label].sum() == 4

        html = data_table_html(grid, "caption")
        for header in grid.columns:
            assert f">{header}</th>" in html


# --- the HTML fragments: escaped in every language ----------------------------------------------


@pytest.fixture
def hostile_statements(make_commitments) -> pd.DataFrame:
    return make_commitments(
        [
            {
                "id": "old",
                "date": "2026-02-09",
                "status": "offered",
                "quote": SCRIPT,
                "quote_language": "en",
                "note": IMG,
                "source_outlet": SCRIPT,
            },
            {"id": "new", "date": "2026-03-17", "status": "suspended", "personnel_high": "8000"},
        ]
    )


@pytest.fixture
def hostile_report(make_commitments, make_targets) -> ChangeReport:
    targets = make_targets(
        [{"figure": "security_personnel", "label": f"Security {SCRIPT}", "value": "20000"}]
    )
    frame = make_commitments(
        [
            {"id": "idn-a", "date": "2026-02-19", "personnel_high": "8000"},
            {
                "id": "idn-b",
                "date": "2026-03-17",
                "status": "suspended",
                "personnel_high": "8000",
                "source_outlet": SCRIPT,
            },
            {
                "id": "tur",
                "country": "TUR",
                "date": "2026-02-20",
                "status": "conditional",
                "number_wording": IMG,
                "source_outlet": IMG,
            },
        ]
    )
    return changes_since(frame, targets, SINCE, UNTIL)


@pytest.mark.parametrize("lang", LANGS)
def test_a_timeline_escapes_quote_note_and_outlet_in_every_language(lang, hostile_statements):
    english = timeline_html(hostile_statements)
    with speaking(lang):
        html = timeline_html(hostile_statements)
        _in(lang, html, english)
        _no_raw_markup(html)
        assert f"“{SCRIPT_ESCAPED}”" in html  # the quote stays in its own language
        # In Arabic the (English) note takes its direction from its own text.
        note_dir = " dir='auto'" if lang == "ar" else ""
        assert f"<small{note_dir}>{IMG_ESCAPED}</small>" in html
        assert f">{SCRIPT_ESCAPED}</a>" in html
        assert f"{STATUSES['suspended'].label}." in html
        assert short_date(date(2026, 3, 17)) in html


@pytest.mark.parametrize("lang", LANGS)
def test_transitions_and_figure_deltas_escape_the_data_in_every_language(lang, hostile_report):
    english = transitions_html(hostile_report), figure_deltas_html(hostile_report)
    with speaking(lang):
        moves, deltas = transitions_html(hostile_report), figure_deltas_html(hostile_report)
        for html, was in zip((moves, deltas), english, strict=True):
            _in(lang, html, was)
            _no_raw_markup(html)
        assert SCRIPT_ESCAPED in moves
        assert IMG_ESCAPED in moves
        assert f"<b>Security {SCRIPT_ESCAPED}</b>" in deltas
        assert f"<b>{range_text({'low': None, 'high': 8000})}</b>" in deltas
        assert STATUSES["suspended"].label[1:] in moves


@pytest.mark.parametrize("lang", LANGS)
def test_corrections_conditions_and_missions_escape_the_data_in_every_language(
    lang, make_commitments
):
    corrections = pd.DataFrame(
        [["2026-03-20", "idn-troops-20260219", "Indonesia", "corrected", SCRIPT, IMG]],
        columns=CORRECTION_COLUMNS,
    )
    statements = make_commitments(
        [
            {
                "id": "idn",
                "condition_codes": "no_combat",
                "conditions": SCRIPT,
                "source_outlet": IMG,
            },
            {"id": "kaz", "country": "KAZ"},
        ]
    )
    current = as_of(statements)
    matrix = condition_matrix(current, statements)
    missions = read_dataset().missions.head(2).assign(note=[SCRIPT, IMG])
    english = [
        corrections_html(corrections),
        conditions_html(matrix, ["KAZ"]),
        missions_html(missions),
    ]
    with speaking(lang):
        # The corrections' headers may be translated too: the list reads its columns in order.
        translated = corrections.set_axis([f"{c}!" for c in corrections.columns], axis=1)
        fragments = [
            corrections_html(translated),
            conditions_html(matrix, ["KAZ"]),
            missions_html(missions),
        ]
        for html, was in zip(fragments, english, strict=True):
            _in(lang, html, was)
            _no_raw_markup(html)
        fixes, grid, figures = fragments
        assert SCRIPT_ESCAPED in fixes
        assert IMG_ESCAPED in fixes
        assert SCRIPT_ESCAPED in grid
        assert IMG_ESCAPED in grid
        assert CONDITIONS["no_combat"].label in grid
        assert country_name("KAZ") in grid
        assert SCRIPT_ESCAPED in figures
        assert IMG_ESCAPED in figures
        assert number(int(missions.iloc[0]["value"])) in figures


@pytest.mark.parametrize("lang", LANGS)
def test_the_legend_and_a_country_s_changes_are_translated(lang, current):
    path = {"troops": [(date(2026, 2, 19), "no statement"), (date(2026, 3, 4), "committed")]}
    english = legend_html(current), changes_html(path)
    with speaking(lang):
        legend, changes = legend_html(current), changes_html(path)
        _in(lang, legend, english[0])
        _in(lang, changes, english[1])
        assert f">{STATUSES['deployed'].label}</span>" in legend
        assert "Marker" not in legend
        assert "Places" not in legend
        assert ROLES["troops"].label in changes
        assert short_date(date(2026, 3, 4)) in changes


def test_a_first_statement_without_a_number_is_no_number_move_in_russian(
    make_commitments, make_targets
):
    # "not disclosed" is said in Russian too: a first statement with no number moves no number.
    # (A report is said in the language it was made in, as the page makes and shows it.)
    frame = make_commitments([{"id": "new", "date": "2026-03-01"}])
    with speaking("ru"):
        report = changes_since(frame, make_targets([{"value": "20000"}]), SINCE, UNTIL)
        html = transitions_html(report)
        assert personnel_text(None, None) == "не раскрыто"
    assert "без численности" not in html
    assert "не раскрыто" not in html
    assert "обязательство" in html


# --- right to left ----------------------------------------------------------------------------


def test_arabic_lists_and_tables_run_right_to_left(current, hostile_report, hostile_statements):
    def fragments() -> list[str]:
        return [
            legend_html(current),
            timeline_html(hostile_statements),
            transitions_html(hostile_report),
            figure_deltas_html(hostile_report),
            changes_html({"troops": [(SINCE, "offered"), (UNTIL, "withdrawn")]}),
            data_table_html(roles_table(current), "caption"),
            corrections_html(pd.DataFrame([["d", "s", "c", "a", "w", "y"]])),
        ]

    for html in fragments():
        assert "dir='rtl'" not in html
    with speaking("ar"):
        for html in fragments():
            assert "dir='rtl'" in html, html
            assert "text-align:left" not in html
            assert "margin-right" not in html
            assert "padding-left" not in html
        # A move points the way Arabic reads.
        assert "←" in transitions_html(hostile_report)
        assert "→" not in transitions_html(hostile_report)
        assert "<bdi>“" in timeline_html(hostile_statements)  # a quote keeps its direction
    with speaking("ru"):
        for html in fragments():
            assert "dir='rtl'" not in html


# --- the vocabulary and the numbers in words --------------------------------------------------


GLOSSARY = {
    "ru": {
        "roles": [
            "Войска",
            "Полиция (направлена)",
            "Подготовка полиции",
            "Медицина",
            "Наблюдатели / связь с CMCC",
            "Командные должности",
            "Поддержка подготовки (без войск)",
            "Финансирование",
            "Выплаченные средства",
        ],
        "statuses": [
            "Выражен интерес",
            "Предложено",
            "Обязательство",
            "Развёрнуто",
            "С условиями",
            "Только по сообщениям СМИ",
            "Приостановлено",
            "Отозвано",
            "Отказ",
        ],
    },
    "ar": {
        "roles": [
            "قوات",
            "شرطة منتشرة",
            "تدريب الشرطة",
            "طبي",
            "مراقبون / ارتباط مع مركز التنسيق",
            "مناصب قيادية",
            "دعم التدريب (دون قوات)",
            "تمويل",
            "تمويل مدفوع",
        ],
        "statuses": [
            "أبدت اهتمامًا",
            "عرضت",
            "التزمت",
            "منتشرة",
            "مشروط",
            "وفق التقارير فقط",
            "معلّق",
            "مسحوب",
            "رفضت",
        ],
    },
}


@pytest.mark.parametrize("lang", LANGS)
def test_roles_and_statuses_are_named_as_the_glossary_says(lang):
    with speaking(lang):
        assert [t.label for t in ROLES.values()] == GLOSSARY[lang]["roles"]
        assert [s.label for s in STATUSES.values()] == GLOSSARY[lang]["statuses"]
    with speaking("ru"):
        assert ROLES["troops"].label == "Войска"


@pytest.mark.parametrize("lang", LANGS)
def test_every_vocabulary_term_is_translated(lang):
    vocabularies = [
        ROLES,
        STATUSES,
        SOURCE_KINDS,
        CONDITIONS,
        EVENT_KINDS,
        MISSION_FIGURES,
        DATE_PRECISIONS,
    ]
    with speaking(lang):
        for vocabulary in vocabularies:
            for term in vocabulary.values():
                _in(lang, term.label, term.english_label)
                _in(lang, term.definition, term.english_definition)


@pytest.mark.parametrize(
    ("lang", "up_to", "or_more", "none", "undisclosed"),
    [
        ("ru", "до 8\u00a0000", "8\u00a0000 и более", "не раскрыто", "не раскрыто"),
        ("ar", "حتى 8,000", "8,000 أو أكثر", "غير معلن", "غير معلن"),
    ],
)
def test_numbers_are_said_in_words_of_the_language(lang, up_to, or_more, none, undisclosed):
    with speaking(lang):
        assert range_text({"low": None, "high": 8000}) == up_to
        assert range_text({"low": None, "high": None}) == none
        assert personnel_text(8000, float("nan")) == or_more
        assert personnel_text(float("nan"), float("nan")) == undisclosed
