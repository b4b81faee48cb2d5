"""app.language.formats: English as the program always wrote it, Ukrainian as CLDR (Babel) writes it."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from babel import Locale
from babel.dates import format_datetime, format_skeleton, get_day_names, get_month_names
from babel.numbers import format_decimal as babel_decimal
from hypothesis import given
from hypothesis import strategies as st

from app.language import SUPPORTED, use_language
from app.language.formats import (
    NUMBER_STYLES,
    format_count,
    format_day,
    format_decimal,
    format_money,
    month_name,
    weekday_name,
)

DAYS = [date(2026, 12, 21 + offset) for offset in range(7)]  # Monday .. Sunday
MONTH_STARTS = [date(2026, month, 1) for month in range(1, 13)]


def test_english_numbers_as_the_program_wrote_them():
    assert format_count(12345) == "12,345"
    assert format_count(-1234567) == "-1,234,567"
    assert format_decimal(1234.5, 2) == "1,234.50"
    assert format_decimal(0.25, 1) == "0.2"


@pytest.mark.parametrize(
    ("amount", "currency", "english", "ukrainian"),
    [
        (1234.5, "UAH", "1,234.50 UAH", "1\u00a0234,50\u00a0UAH"),
        (0.0125, "EUR", "0.0125 EUR", "0,0125\u00a0EUR"),
        (0.0176, "USD", "0.0176 USD", "0,0176\u00a0USD"),
        (7.01, "USD", "7.01 USD", "7,01\u00a0USD"),
        (0.5, "EUR", "0.50 EUR", "0,50\u00a0EUR"),
        (0.012, "EUR", "0.012 EUR", "0,012\u00a0EUR"),
        (0, "EUR", "0.00 EUR", "0,00\u00a0EUR"),  # a zero price beside 7.01 USD, with its cents as every price
        (0.0, "USD", "0.00 USD", "0,00\u00a0USD"),
        (-0.00001, "USD", "0.00 USD", "0,00\u00a0USD"),  # rounds to nothing: not "-0.00"
        (-0.5, "USD", "-0.50 USD", "-0,50\u00a0USD"),
        (12.0, None, "12.00", "12,00"),
    ],
)
def test_money(amount, currency, english, ukrainian):
    assert format_money(amount, currency) == english
    use_language("uk")
    assert format_money(amount, currency) == ukrainian


def test_every_language_has_its_number_style():
    assert set(NUMBER_STYLES) == set(SUPPORTED)


@pytest.mark.parametrize("language", SUPPORTED)
def test_number_marks_are_cldrs(language):
    style = NUMBER_STYLES[language]
    assert (
        babel_decimal(1234567.5, format="#,##0.0", locale=language)
        == f"1{style.group}234{style.group}567{style.decimal}5"
    )
    pattern = Locale.parse(language).currency_formats["standard"].pattern
    if language != "en":  # English keeps the program's "1,234.50 UAH" rather than CLDR's "UAH 1,234.50"
        assert f"{style.currency_gap}¤" in pattern


@given(count=st.integers(min_value=-(10**15), max_value=10**15))
def test_counts_in_ukrainian_are_cldrs(count):
    use_language("uk")
    assert format_count(count) == babel_decimal(count, format="#,##0", locale="uk")


# Up to 10^10 with 4 places: 15 significant digits, all a float holds exactly enough to round the same way in both.
@given(value=st.floats(min_value=-1e10, max_value=1e10, allow_nan=False), places=st.integers(0, 4))
def test_decimals_in_ukrainian_are_cldrs(value, places):
    use_language("uk")
    pattern = "#,##0" + ("." + "0" * places if places else "")
    # Python rounds half to even on the binary value, Babel decimal half-even on its shortest repr: compare
    # the same rounded number.
    rounded = round(value, places)
    assert format_decimal(rounded, places) == babel_decimal(rounded, format=pattern, locale="uk")


def test_english_day_as_the_program_wrote_it():
    assert format_day(date(2026, 12, 26)) == "Sat 26 Dec"
    assert format_day(date(2026, 12, 26), year=True) == "Sat 26 Dec 2026"
    assert [weekday_name(day.weekday(), short=False) for day in DAYS[:2]] == ["Monday", "Tuesday"]
    assert month_name(5, short=False) == "May"


@pytest.mark.parametrize("day", DAYS + MONTH_STARTS)
def test_ukrainian_day_and_time_as_cldr_writes_them(day):
    """The time lines' "Sat 26 Dec, 10:30" is CLDR's medium "EEE, d MMM, HH:mm": "сб, 26 груд., 10:30"."""
    use_language("uk")
    moment = datetime(day.year, day.month, day.day, 10, 30)
    assert f"{format_day(day)}, 10:30" == format_datetime(moment, "EEE, d MMM, HH:mm", locale="uk")
    assert format_day(day) == format_skeleton("MMMEd", day, locale="uk")
    assert format_day(day, year=True) == format_skeleton("yMMMEd", day, locale="uk")


def test_ukrainian_names_are_cldrs():
    use_language("uk")
    assert [weekday_name(i) for i in range(7)] == [get_day_names("abbreviated", locale="uk")[i] for i in range(7)]
    assert [weekday_name(i, short=False) for i in range(7)] == [get_day_names("wide", locale="uk")[i] for i in range(7)]
    assert [month_name(m) for m in range(1, 13)] == [
        get_month_names("abbreviated", locale="uk")[m] for m in range(1, 13)
    ]
    # In a date the month is in the genitive: "26 грудня", not "грудень".
    assert [month_name(m, short=False) for m in range(1, 13)] == [
        get_month_names("wide", context="format", locale="uk")[m] for m in range(1, 13)
    ]
    assert month_name(12, short=False) == "грудня"
