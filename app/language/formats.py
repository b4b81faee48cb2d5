"""Numbers, money and dates written the current language's way.

English keeps the program's own style (``12,345``, ``1,234.50 UAH``, ``Sat 26 Dec``); Ukrainian follows
CLDR, as Babel and Qt's QLocale write it (``12 345`` with a no-break space, a decimal comma,
``сб, 26 груд.``). The rules are a small table here rather than Babel, which the running program does
not ship; tests/app/language/test_formats.py holds each language's row to CLDR. Names of days and
months are catalog entries with a context (``tr_c``), so a translator gives them as the language
writes them in a date (Ukrainian months in the genitive: "26 грудня").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.language.catalogs import SOURCE, current_language, tr_c


@dataclass(frozen=True)
class NumberStyle:
    """How a language writes numbers: its thousands ``group`` mark, its ``decimal`` mark and the space
    between an amount and its currency code."""

    group: str
    decimal: str
    currency_gap: str


# One row a language (a language without a row writes numbers the English way).
NUMBER_STYLES = {
    "en": NumberStyle(group=",", decimal=".", currency_gap=" "),
    "uk": NumberStyle(group="\u00a0", decimal=",", currency_gap="\u00a0"),
}


def number_style() -> NumberStyle:
    """The current language's number style."""
    return NUMBER_STYLES.get(current_language(), NUMBER_STYLES[SOURCE])


def _localized(text: str) -> str:
    """``text`` written with Python's ``,`` and ``.`` marks, in the current language's marks."""
    style = number_style()
    if style == NUMBER_STYLES[SOURCE]:
        return text
    return text.translate({ord(","): style.group, ord("."): style.decimal})


def format_count(count: int) -> str:
    """A count with its thousands grouped: ``12,345``; Ukrainian ``12 345``."""
    return _localized(f"{count:,}")


def format_decimal(value: float, places: int) -> str:
    """``value`` with ``places`` decimals and its thousands grouped: ``1,234.50``; Ukrainian ``1 234,50``."""
    return _localized(f"{value:,.{places}f}")


def format_money(amount: float, currency: str | None) -> str:
    """An amount as prices and balances print: ``1,234.50 UAH``, ``0.00 UAH``, ``0.50 UAH``, ``0.0125 UAH``:
    always the cents, and below 1 up to four decimals (fractions of a cent matter for one message's
    price); the currency code as the server gives it, after the amount."""
    if round(amount, 4) == 0:
        text = format_decimal(0, 2)  # also for what rounds to nothing, never "-0.00"
    elif abs(amount) >= 1:
        text = format_decimal(amount, 2)
    else:
        whole, _, decimals = f"{amount:.4f}".partition(".")
        text = _localized(f"{whole}.{decimals.rstrip('0').ljust(2, '0')}")
    return f"{text}{number_style().currency_gap}{currency}" if currency else text


def weekday_name(weekday: int, *, short: bool = True) -> str:
    """The name of ``weekday`` (0 is Monday, as ``date.weekday()``): ``Sat``/``сб``, long ``Saturday``/``субота``."""
    if short:
        names = (
            tr_c("weekday, short", "Mon"),
            tr_c("weekday, short", "Tue"),
            tr_c("weekday, short", "Wed"),
            tr_c("weekday, short", "Thu"),
            tr_c("weekday, short", "Fri"),
            tr_c("weekday, short", "Sat"),
            tr_c("weekday, short", "Sun"),
        )
    else:
        names = (
            tr_c("weekday", "Monday"),
            tr_c("weekday", "Tuesday"),
            tr_c("weekday", "Wednesday"),
            tr_c("weekday", "Thursday"),
            tr_c("weekday", "Friday"),
            tr_c("weekday", "Saturday"),
            tr_c("weekday", "Sunday"),
        )
    return names[weekday]


def month_name(month: int, *, short: bool = True) -> str:
    """The name of ``month`` (1 is January) as written in a date: ``Dec``/``груд.``, long ``December``/``грудня``."""
    if short:
        names = (
            tr_c("month in a date, short", "Jan"),
            tr_c("month in a date, short", "Feb"),
            tr_c("month in a date, short", "Mar"),
            tr_c("month in a date, short", "Apr"),
            tr_c("month in a date, short", "May"),
            tr_c("month in a date, short", "Jun"),
            tr_c("month in a date, short", "Jul"),
            tr_c("month in a date, short", "Aug"),
            tr_c("month in a date, short", "Sep"),
            tr_c("month in a date, short", "Oct"),
            tr_c("month in a date, short", "Nov"),
            tr_c("month in a date, short", "Dec"),
        )
    else:
        names = (
            tr_c("month in a date", "January"),
            tr_c("month in a date", "February"),
            tr_c("month in a date", "March"),
            tr_c("month in a date", "April"),
            tr_c("month in a date", "May"),
            tr_c("month in a date", "June"),
            tr_c("month in a date", "July"),
            tr_c("month in a date", "August"),
            tr_c("month in a date", "September"),
            tr_c("month in a date", "October"),
            tr_c("month in a date", "November"),
            tr_c("month in a date", "December"),
        )
    return names[month - 1]


def format_day(day: date, *, year: bool = False) -> str:
    """A day as the program's time lines start: ``Sat 26 Dec`` (``Sat 26 Dec 2026`` with ``year``);
    Ukrainian ``сб, 26 груд.`` (``сб, 26 груд. 2026 р.``). A time follows after ", "."""
    parts = {"weekday": weekday_name(day.weekday()), "day": day.day, "month": month_name(day.month)}
    if year:
        # Translators: a day in a line such as "Sat 26 Dec 2026, 10:30"; keep the four {names}.
        return tr_c("date with weekday and year", "{weekday} {day} {month} {year}").format(**parts, year=day.year)
    # Translators: a day in a line such as "Sat 26 Dec, 10:30"; keep the three {names}.
    return tr_c("date with weekday", "{weekday} {day} {month}").format(**parts)
