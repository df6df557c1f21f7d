"""The reader's language: which one is spoken, its messages, its dates and numbers."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from dashboard.core.language import (
    LANGUAGES,
    _,
    is_right_to_left,
    language,
    long_date,
    ngettext,
    number,
    short_date,
    speaking,
)
from dashboard.core.vocabulary import ROLES, STATUSES

DAY = date(2026, 3, 1)


def test_english_is_spoken_unless_asked_otherwise():
    assert language() == "en"
    with speaking("ar"):
        assert language() == "ar"
        with speaking("ru"):
            assert language() == "ru"
        assert language() == "ar"
    assert language() == "en"


def test_an_unknown_language_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="choose one of en, ru, ar"), speaking("xx"):
        pass


def test_each_thread_speaks_its_own_language():
    # Streamlit runs each session's script in a thread of its own.
    heard: dict[str, str] = {}

    def session(lang: str) -> None:
        with speaking(lang):
            threading.Event().wait(0.05)
            heard[lang] = _("Troops")

    threads = [threading.Thread(target=session, args=(lang,)) for lang in LANGUAGES]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert heard == {"en": "Troops", "ru": "Войска", "ar": "قوات"}


def test_only_arabic_is_right_to_left():
    assert [lang for lang in LANGUAGES if is_right_to_left(lang)] == ["ar"]
    with speaking("ar"):
        assert is_right_to_left()
    assert not is_right_to_left()


@pytest.mark.parametrize(
    ("lang", "long", "short", "big"),
    [
        ("en", "1 March 2026", "1 Mar 2026", "20,000"),
        # Babel's Russian: a narrow no-break space before the year's abbreviation, and a
        # no-break space between thousands.
        ("ru", "1 марта 2026\u202fг.", "1 мар. 2026\u202fг.", "20\u00a0000"),
        ("ar", "1 مارس 2026", "1 مارس 2026", "20,000"),
    ],
)
def test_dates_and_numbers_are_said_the_language_s_way(lang, long, short, big):
    with speaking(lang):
        assert (long_date(DAY), short_date(DAY), number(20_000)) == (long, short, big)


def test_english_short_dates_keep_three_letter_months():
    # Babel's British English writes "Sept"; the charts, the matrix and the tests say "Sep".
    assert short_date(date(2026, 9, 1)) == "1 Sep 2026"


def test_terms_are_translated_when_read_and_keep_their_english():
    with speaking("ru"):
        assert ROLES["troops"].label == "Войска"
        assert STATUSES["committed"].label != "Committed"
    assert ROLES["troops"].label == "Troops"
    assert ROLES["troops"].english_label == "Troops"


@pytest.mark.parametrize(("count", "form"), [(1, 0), (3, 1), (5, 2), (21, 0), (11, 2)])
def test_russian_counts_take_the_right_plural_form(count, form):
    # The catalog's three forms for a message that counts (one, few, many).
    from babel.messages.pofile import read_po

    from dashboard.core.language import catalog_path

    with catalog_path("ru").open("rb") as po:
        plurals = [m for m in read_po(po, locale="ru") if isinstance(m.id, tuple) and m.string[0]]
    assert plurals, "the Russian catalog has no message that counts"
    message = plurals[0]
    with speaking("ru"):
        assert ngettext(*message.id, count) == message.string[form]
