"""The picture in the reader's language: country names, the headline, filters, notices, exports.

English is asserted elsewhere, unchanged; here the same builders speak Russian and Arabic, while
what scripts read (codes, the CSV's column names, `summary --json`'s keys) stays as it is.
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import plotly.graph_objects as go
import pycountry
import pytest

from dashboard.core.countries import (
    EXTRA_COUNTRIES,
    SHORT_NAMES,
    country_name,
    resolve_country,
)
from dashboard.core.exports import captioned, export_csv, export_header
from dashboard.core.filters import (
    MAP_FRAMINGS,
    SECTIONS,
    address_too_long_notice,
    capped_notices,
    parse_link,
)
from dashboard.core.language import _, speaking
from dashboard.core.picture import TARGET_LABELS, planned_vs_announced
from dashboard.core.review import Review, freshness_text
from dashboard.core.selection import Selection, picture_of
from dashboard.core.statements import (
    STATEMENT_COLUMN_LABELS,
    TABLE_COLUMNS,
    headline,
    sources_line,
    statement_table,
)
from dashboard.core.summary import summary, summary_text
from tests.factories import dataset_of

NBSP = "\u00a0"  # Russian groups digits with a no-break space: 20 000
NNBSP = "\u202f"  # and a narrow no-break space before the year's abbreviation in dates
FIRST, LAST = date(2026, 2, 1), date(2026, 3, 31)


# --- country names ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "code", "name"),
    [
        ("ru", "KAZ", "Казахстан"),
        ("ar", "KAZ", "كازاخستان"),
        # Kosovo (XKX) is not in pycountry: our catalog names it.
        ("ru", "XKX", "Косово"),
        ("ar", "XKX", "كوسوفو"),
        # pycountry has no Arabic for Türkiye: our catalog has.
        ("ru", "TUR", "Турция"),
        ("ar", "TUR", "تركيا"),
        # Short names are ours in every language, not pycountry's long official ones.
        ("ru", "USA", "США"),
        ("ar", "IRN", "إيران"),
        ("ru", "COD", "ДР Конго"),
        # The rest are pycountry's translations.
        ("ru", "IDN", "Индонезия"),
        ("ar", "MAR", "المغرب"),
    ],
)
def test_country_names_in_the_reader_s_language(lang, code, name):
    with speaking(lang):
        assert country_name(code) == name


def test_names_are_cached_per_language_not_once_for_all():
    with speaking("ru"):
        assert country_name("KAZ") == "Казахстан"
    assert country_name("KAZ") == "Kazakhstan"
    with speaking("ar"):
        assert country_name("XKX") == "كوسوفو"
    assert country_name("XKX") == "Kosovo"


def test_an_unknown_code_is_still_the_code_itself_in_any_language():
    with speaking("ar"):
        assert country_name("ZZZ") == "ZZZ"


@pytest.mark.parametrize("lang", ["en", "ru", "ar"])
@pytest.mark.parametrize(
    ("text", "code"),
    [
        # English names and codes, as links and the command line have always written them.
        ("Kazakhstan", "KAZ"),
        ("kaz", "KAZ"),
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        ("kosovo", "XKX"),
        # And the names the dashboard shows in its other languages, whatever is spoken now.
        ("Казахстан", "KAZ"),
        ("казахстан", "KAZ"),
        ("Косово", "XKX"),
        ("تركيا", "TUR"),
        ("كوسوفو", "XKX"),
    ],
)
def test_resolve_country_reads_english_and_translated_names(lang, text, code):
    with speaking(lang):
        assert resolve_country(text) == code


@pytest.mark.parametrize("lang", ["ru", "ar"])
def test_every_translated_name_is_unique_and_resolves_back_to_its_code(lang):
    # A chart's axis must not show two countries under one name, and a reader who types the
    # name a chart showed gets that country: in every language, as in English.
    codes = sorted({c.alpha_3 for c in pycountry.countries} | set(EXTRA_COUNTRIES))
    with speaking(lang):
        names = {code: country_name(code) for code in codes}
        resolved = {code: resolve_country(name) for code, name in names.items()}
    assert len(set(names.values())) == len(names)
    assert {code: got for code, got in resolved.items() if got != code} == {}


@pytest.mark.parametrize("lang", ["ru", "ar"])
def test_every_name_of_ours_is_translated(lang):
    with speaking(lang):
        untranslated = [
            english
            for english in [*SHORT_NAMES.values(), *EXTRA_COUNTRIES.values()]
            if _(english) == english
        ]
    assert untranslated == []


# --- the picture: headline, filters, sources, freshness --------------------------------------


@pytest.fixture
def dataset(make_commitments, make_targets):
    commitments = make_commitments(
        [
            {
                "country": "IDN",
                "role": "troops",
                "personnel_low": "8000",
                "personnel_high": "8000",
                "source_outlet": "Jakarta Post",
            },
            {"country": "XKX", "role": "troops", "date": "2026-02-20", "source_outlet": "RTK"},
            {"country": "KAZ", "role": "troops", "source_outlet": "Baq.kz"},
            {
                "country": "KAZ",
                "role": "troops",
                "date": "2026-03-04",
                "status": "withdrawn",
                "source_outlet": "Baq.kz",
            },
            {
                "country": "KAZ",
                "role": "medical",
                "status": "offered",
                "source_outlet": "Baq.kz",
            },
        ]
    )
    targets = make_targets(
        [
            {
                "figure": "security_personnel",
                "label": "Security personnel (ISF troops)",
                "value": "20000",
                "counts_roles": "troops",
            },
            {
                "figure": "police_to_train",
                "label": "Gaza police to be trained",
                "value": "12000",
                "counts_roles": "police_training",
            },
            # A label a curator added: no translation yet, so it stays English.
            {"figure": "new_figure", "label": "Engineers to be sent", "value": "300"},
        ]
    )
    return dataset_of(commitments, targets, Review(date(2026, 3, 10)))


def test_the_headline_in_english_is_unchanged(dataset):
    picture = picture_of(dataset, Selection())
    assert headline(picture.current, picture.figures) == (
        "2 countries have committed troops (Indonesia and Kosovo); 8,000 of the 20,000 planned "
        "security personnel are announced with a number (1 contributor(s) gave none); "
        "Kazakhstan troops withdrawn. Indonesia: Troops committed. Kazakhstan: Troops "
        "withdrawn, Medical offered. Kosovo: Troops committed."
    )


def test_the_headline_in_russian(dataset):
    with speaking("ru"):
        picture = picture_of(dataset, Selection())
        sentence = headline(picture.current, picture.figures)
    assert sentence.startswith("2 страны обязались направить войска (Индонезия и Косово); ")
    # Numbers the Russian way, the plural form that goes with the count.
    assert f"8{NBSP}000 из запланированных 20{NBSP}000 сотрудников сил безопасности" in sentence
    assert "(1 страна-участник не назвала численность)" in sentence
    assert "Казахстан: " in sentence
    assert "Kazakhstan" not in sentence
    assert "20,000" not in sentence


def test_the_headline_in_arabic(dataset):
    with speaking("ar"):
        picture = picture_of(dataset, Selection())
        sentence = headline(picture.current, picture.figures)
    # Babel's list in Arabic joins with "و"; clauses are separated by the Arabic semicolon.
    assert sentence.startswith("2 دولة التزمت بإرسال قوات (إندونيسيا وكوسوفو)؛ ")
    assert "8,000 من أصل 20,000 من أفراد الأمن المخطط لهم" in sentence
    assert "كازاخستان" in sentence
    assert ";" not in sentence


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("ru", "1 страна в этой выборке выполняет такие роли: медицина (1 страна)"),
        ("ar", "1 دولة في هذا العرض تؤدي هذه الأدوار"),
    ],
)
def test_the_headline_without_troops_counts_in_the_language(dataset, lang, said):
    with speaking(lang):
        picture = picture_of(dataset, Selection(("KAZ",), ("medical",)))
        sentence = headline(picture.current, picture.figures)
    assert sentence.startswith(said[:1].upper() + said[1:]), sentence


def test_the_headline_with_nobody_committed_in_russian(dataset):
    with speaking("ru"):
        picture = picture_of(dataset, Selection(("KAZ",)))
        sentence = headline(picture.current, picture.figures)
    assert sentence.startswith("Ни одна страна не обязалась направить войска; ")
    assert f"из запланированных 20{NBSP}000 сотрудников сил безопасности ни один" in sentence


def test_the_filters_in_words(dataset):
    selection = Selection(("KAZ", "XKX"), ("troops",))
    assert picture_of(dataset, selection).filters_text == (
        "countries: Kazakhstan, Kosovo; roles: Troops"
    )
    with speaking("ru"):
        said = picture_of(dataset, selection).filters_text
    assert said.startswith("страны: Казахстан, Косово; роли: ")
    with speaking("ar"):
        said = picture_of(dataset, selection).filters_text
        everything = picture_of(dataset, Selection()).filters_text
    assert said.startswith("الدول: كازاخستان، كوسوفو؛ الأدوار: ")
    assert everything == "جميع الدول والأدوار والحالات"


def test_sources_and_freshness_in_russian(dataset):
    with speaking("ru"):
        picture = picture_of(dataset, Selection())
        assert picture.sources.startswith("Источники: Baq.kz")
        assert picture.freshness == (
            f"Источники проверены по 10 мар. 2026{NNBSP}г. · последнее заявление "
            f"4 мар. 2026{NNBSP}г."
        )
        assert freshness_text(Review(), date(2026, 3, 4)).startswith("Дата проверки не указана")
        assert sources_line(picture.current.iloc[0:0]) == "Источники: нет"


def test_sources_counts_the_rest_in_arabic(dataset):
    with speaking("ar"):
        picture = picture_of(dataset, Selection())
        assert sources_line(picture.current, limit=1) == "المصادر: Baq.kz و2 مصدر آخر"


def test_a_note_on_the_selection_in_russian(dataset):
    with speaking("ru"):
        picture = picture_of(dataset, Selection(as_of=date(2026, 3, 1), since=date(2026, 3, 5)))
        [note] = picture.notes
    assert note.startswith("Дата «Что изменилось с» (2026-03-05) должна быть раньше")


# --- planned figures' labels -----------------------------------------------------------------


def test_bundled_target_labels_are_translated_and_new_ones_stay_english(dataset):
    with speaking("ru"):
        figures = picture_of(dataset, Selection()).figures
    labels = dict(zip(figures["figure"], figures["label"], strict=True))
    assert labels == {
        "security_personnel": "Силы безопасности (войска МСС)",
        "police_to_train": "Полицейские Газы, которых предстоит подготовить",
        "new_figure": "Engineers to be sent",
    }
    english = planned_vs_announced(dataset.commitments.iloc[0:0], dataset.targets)
    assert list(english["label"]) == [
        "Security personnel (ISF troops)",
        "Gaza police to be trained",
        "Engineers to be sent",
    ]


def test_every_bundled_target_label_has_a_translation():
    from dashboard.core.loading import read_targets

    bundled = set(read_targets()["label"])
    assert bundled <= set(TARGET_LABELS), "mark the new label in picture.TARGET_LABELS"
    for lang in ("ru", "ar"):
        with speaking(lang):
            untranslated = [label for label in TARGET_LABELS if _(label) == label]
        assert untranslated == [], lang


# --- the statements table --------------------------------------------------------------------


def test_the_table_keeps_english_columns_and_offers_their_labels(dataset):
    assert list(STATEMENT_COLUMN_LABELS) == TABLE_COLUMNS
    with speaking("ru"):
        table = statement_table(dataset.commitments)
        shown = [_(STATEMENT_COLUMN_LABELS[c]) for c in table.columns]
    assert list(table.columns) == TABLE_COLUMNS  # what the CSV writes and scripts read
    assert shown[:4] == ["Дата", "Страна", "Роль", "Статус"]
    assert "Казахстан" in set(table["Country"])
    assert [STATEMENT_COLUMN_LABELS[c] for c in TABLE_COLUMNS] == TABLE_COLUMNS  # English


# --- notices: what a link asked for and did not get ------------------------------------------


def _parse(params, lang):
    with speaking(lang):
        return parse_link(params, ["KAZ", "IDN"], FIRST, LAST)


def test_link_notices_in_russian():
    parsed = _parse(
        {
            "country": ["KAZ", "Atlantis", "FRA"],
            "role": ["pilots"],
            "as_of": ["2020-01-01", "2026-02-20"],
            "since": ["yesterday"],
            "contry": ["KAZ"],
            "Role": ["troops"],
            "colour": ["red"],
            "view": ["slides"],
        },
        "ru",
    )
    assert parsed.ignored == [
        "параметр 'contry' эта страница не читает (возможно, имелось в виду 'country'?); пропущен",
        "параметр 'Role' не читается: имена пишутся строчными буквами (возможно, имелось в виду "
        "'role'?); пропущен",
        "параметр 'colour' эта страница не читает (она читает country, role, status, "
        "condition, as_of, since, view, focus, section, map, lang); пропущен",
        "country 'Atlantis' — неизвестный код или название страны; пропущено",
        "country 'FRA' (Франция): в данных нет заявлений этой страны; пропущено",
        "role 'pilots' не входит в список: troops, police_deployed, police_training, medical, "
        "observers, command, training_support, funding, funding_paid; пропущено",
        "as_of: передано 2 значения; используется последнее, '2026-02-20'",
        "since 'yesterday' — не дата (пишите в формате YYYY-MM-DD); пропущено",
        "view 'slides' не входит в список: dashboard, briefing; пропущено",
    ]
    assert parsed.selection.countries == ("KAZ",)


def test_link_notices_about_dates_in_russian():
    early = _parse({"as_of": ["2020-01-01"]}, "ru").ignored
    late = _parse({"as_of": ["2027-01-01"], "since": ["2027-01-01"]}, "ru").ignored
    assert early == [
        "as_of '2020-01-01' раньше первого заявления (2026-02-01); вместо неё показана эта дата"
    ]
    assert late == [
        "as_of '2027-01-01' позже последней даты в данных (2026-03-31); вместо этого показана "
        "последняя картина",
        "since '2027-01-01' позже последней даты в данных (2026-03-31); вместо неё показана эта "
        "дата",
    ]


def test_counts_in_notices_are_said_the_russian_way():
    parsed = _parse({"country": [",".join(f"C{i:04d}" for i in range(1234))]}, "ru")
    assert parsed.ignored[0] == f"country: передано 1{NBSP}234 значения; читаются только первые 500"
    with speaking("ru"):
        shown = capped_notices([f"n{i}" for i in range(30)], 10)
        too_long = address_too_long_notice(600_000, 1200)
    assert shown[-1] == "… и ещё 21 уведомление, не показано"
    assert too_long.startswith(
        f"адрес слишком длинный, чтобы его прочитать (параметров: 1{NBSP}200"
    )


def test_link_notices_in_arabic():
    parsed = _parse({"country": ["Atlantis"], "section": ["nowhere"]}, "ar")
    assert parsed.ignored == [
        "القيمة 'Atlantis' في country ليست رمزًا أو اسمًا لدولة معروفة؛ تم تجاهلها",
        "القيمة 'nowhere' في section ليست من بين: overview, roles, conditions, over_time, "
        "scale, statements, timeline؛ تم تجاهلها",
    ]


@pytest.mark.parametrize("lang", ["en", "ru", "ar"])
def test_links_keep_their_english_labels_and_codes_in_every_language(lang):
    parsed = _parse(
        {
            "role": ["Troops", "police_training"],
            "status": ["Committed"],
            "section": ["Who contributes what"],
            "map": ["Zoom to the countries shown"],
            "country": ["Kazakhstan"],
        },
        lang,
    )
    assert parsed.ignored == []
    assert parsed.selection.roles == ("troops", "police_training")
    assert parsed.selection.statuses == ("committed",)
    assert parsed.selection.countries == ("KAZ",)
    assert (parsed.page.section, parsed.page.map_framing) == ("roles", "fit")


def test_a_link_may_name_a_section_and_a_country_in_the_reader_s_language():
    parsed = _parse({"section": ["Масштаб"], "map": ["Приблизить к показанным странам"]}, "ru")
    assert parsed.ignored == []
    assert (parsed.page.section, parsed.page.map_framing) == ("scale", "fit")
    assert _parse({"country": ["كازاخستان"]}, "ar").selection.countries == ("KAZ",)


@pytest.mark.parametrize("lang", ["ru", "ar"])
def test_every_section_and_framing_label_is_translated(lang):
    with speaking(lang):
        for label in [*SECTIONS.values(), *MAP_FRAMINGS.values()]:
            assert _(label) != label, label


# --- exports ---------------------------------------------------------------------------------


def _described(lang):
    with speaking(lang):
        return SimpleNamespace(
            when=date(2026, 3, 1),
            filters_text=Selection(("KAZ",)).describe(),
            sources="Источники: Baq.kz" if lang == "ru" else "المصادر: Baq.kz",
            freshness=freshness_text(Review(date(2026, 3, 10)), date(2026, 3, 4)),
        )


def test_the_image_caption_in_russian():
    picture = _described("ru")
    with speaking("ru"):
        fig = captioned(go.Figure(), "Заголовок", picture)
    title = fig.layout.title.text
    assert "<b>Заголовок</b>" in title
    assert f"По состоянию на 1 марта 2026{NNBSP}г. · страны: Казахстан" in title
    [note] = fig.layout.annotations
    assert note.text == (
        f"Источники: Baq.kz<br>Источники проверены по 10 мар. 2026{NNBSP}г. · последнее "
        f"заявление 4 мар. 2026{NNBSP}г. · Трекер обязательств по МСС · неизвестные числа "
        "показаны как неизвестные, а не как ноль"
    )


def test_the_image_caption_in_arabic():
    picture = _described("ar")
    with speaking("ar"):
        fig = captioned(go.Figure(), "عنوان", picture)
    assert "حتى تاريخ 1 مارس 2026 · الدول: كازاخستان" in fig.layout.title.text
    assert "تُعرض الأعداد المجهولة على أنها مجهولة وليست صفرًا" in fig.layout.annotations[0].text


def test_the_csv_header_in_russian_with_english_columns(dataset):
    picture = _described("ru")
    with speaking("ru"):
        header = export_header(picture, date(2026, 3, 18), "commitments.csv")
        table = statement_table(dataset.commitments)
    assert (
        header[0] == "Обязательства по МСС по состоянию на 2026-03-01; фильтры: страны: Казахстан."
    )
    assert header[2].startswith("Экспортировано 2026-03-18. При цитировании указывайте: Трекер")
    assert header[2].endswith("(commitments.csv).")
    assert "столбце Link" in header[3]
    text = export_csv(table, header)
    assert text.splitlines()[len(header)] == ",".join(TABLE_COLUMNS)


# --- summary ---------------------------------------------------------------------------------


def test_the_summary_table_in_russian_and_its_json_unchanged(dataset):
    picture = picture_of(dataset, Selection())
    english = summary(picture)
    with speaking("ru"):
        data = summary(picture_of(dataset, Selection()))
        text = summary_text(data)
    # Keys and codes are the same; names and labels are the reader's.
    assert set(data) == set(english)
    assert [c["iso3"] for c in data["countries"]] == [c["iso3"] for c in english["countries"]]
    assert data["planned"] == english["planned"]
    assert [c["name"] for c in data["countries"]] == ["Индонезия", "Казахстан", "Косово"]
    lines = text.splitlines()
    assert lines[0] == "Обязательства по МСС по состоянию на 2026-03-10"
    assert lines[1] == "Источники проверены по 2026-03-10; последнее заявление 2026-03-04"
    assert "Запланировано и объявлено" in lines
    assert "Объявлено по ролям (учитываемые статусы)" in lines
    assert "Страны" in lines
    assert any(
        line.startswith(f"  Силы безопасности (войска МСС): по плану 20{NBSP}000; ")
        for line in lines
    )
