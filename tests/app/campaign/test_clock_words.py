"""Times in words: zones as people name them, the offset of the moment, this computer's clock only when it
differs, the year only when it is not this one, seconds only when there are some."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.campaign.clock_words import (
    computer_time_text,
    day_words,
    offset_words,
    planned_time_text,
    server_time_text,
    zone_words,
)

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
ZONES = sorted(zoneinfo.available_timezones())


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("Europe/Kyiv", "Kyiv time (UTC+2)"),
        ("America/New_York", "New York time (UTC-5)"),
        ("Asia/Kathmandu", "Kathmandu time (UTC+5:45)"),
        ("America/St_Johns", "St Johns time (UTC-3:30)"),
        ("America/Argentina/Buenos_Aires", "Buenos Aires time (UTC-3)"),
        ("Europe/London", "London time (UTC+0)"),
        ("UTC", "UTC"),
        ("Etc/UTC", "UTC"),
        ("Etc/GMT", "UTC"),
        ("GMT", "UTC"),
        ("Etc/Universal", "UTC"),
        ("Etc/GMT+5", "UTC-5"),  # the IANA sign is the other way round
        ("Etc/GMT-14", "UTC+14"),
        ("CET", "CET (UTC+1)"),
    ],
)
def test_zones_are_named_as_people_say_them(zone, expected):
    assert zone_words(zone, NOW) == expected


def test_the_offset_is_the_one_of_the_moment_shown():
    summer, winter = datetime(2026, 7, 1, 12, 0), datetime(2026, 12, 1, 12, 0)
    assert zone_words("Europe/Kyiv", summer) == "Kyiv time (UTC+3)"
    assert zone_words("Europe/Kyiv", winter) == "Kyiv time (UTC+2)"
    assert zone_words("Europe/Kyiv") == "Kyiv time"  # no moment: no offset
    assert offset_words(timedelta(hours=-9, minutes=-30)) == "UTC-9:30"


@given(st.sampled_from(ZONES), st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)))
def test_no_zone_is_ever_said_by_its_technical_name(zone, moment):
    words = zone_words(zone, moment)
    assert "/" not in words and "_" not in words and "Etc" not in words
    assert words == "UTC" or words.startswith("UTC") or "(UTC" in words


@given(
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 1, 1)),
    st.sampled_from(ZONES),
    st.sampled_from(ZONES),
)
def test_a_planned_time_names_the_computer_only_when_its_clock_differs(wall, account, computer):
    text = planned_time_text(wall, account, computer, now=NOW)
    aware = wall.replace(tzinfo=zoneinfo.ZoneInfo(account))
    same_clock = aware.astimezone(zoneinfo.ZoneInfo(computer)).replace(tzinfo=None) == aware.replace(tzinfo=None)
    assert ("on this computer" in text) is not same_clock
    assert text.startswith(day_words(wall.date(), NOW.astimezone(zoneinfo.ZoneInfo(account)).date()))
    assert (f"{wall:%H:%M:%S}" in text) is bool(wall.second)  # seconds only when there are some
    assert "/" not in text and "Etc" not in text


def test_the_planned_time_in_full():
    kyiv_morning = datetime(2026, 12, 26, 10, 30)
    assert planned_time_text(kyiv_morning, "Europe/Kyiv", "Etc/UTC", now=NOW) == (
        "Sat 26 Dec, 10:30, Kyiv time (UTC+2) — on this computer: 08:30, UTC"
    )
    assert planned_time_text(datetime(2026, 12, 26, 1, 30), "Europe/Kyiv", "America/New_York", now=NOW) == (
        "Sat 26 Dec, 01:30, Kyiv time (UTC+2) — on this computer: Fri 25 Dec, 18:30, New York time (UTC-5)"
    )
    assert planned_time_text(kyiv_morning, "Europe/Kyiv", "Europe/Bucharest", now=NOW) == (
        "Sat 26 Dec, 10:30, Kyiv time (UTC+2)"  # another zone name, the same clock
    )
    # An aware moment is said in the account's zone, whatever zone it came in.
    in_utc = datetime(2026, 12, 26, 8, 30, tzinfo=UTC)
    assert planned_time_text(in_utc, "Europe/Kyiv", None, now=NOW) == "Sat 26 Dec, 10:30, Kyiv time (UTC+2)"


def test_the_year_is_said_only_when_it_is_not_this_year():
    assert day_words(date(2026, 12, 26), date(2026, 11, 27)) == "Sat 26 Dec"
    assert day_words(date(2027, 1, 2), date(2026, 11, 27)) == "Sat 2 Jan 2027"
    assert planned_time_text(datetime(2027, 1, 2, 9, 0, 15), "UTC", "UTC", now=NOW) == "Sat 2 Jan 2027, 09:00:15, UTC"


def test_server_times_are_read_in_the_account_zone():
    assert server_time_text("2026-12-26 10:30:00", "Europe/Kyiv", "Etc/UTC", now=NOW) == (
        "Sat 26 Dec, 10:30, Kyiv time (UTC+2) — on this computer: 08:30, UTC"
    )
    assert server_time_text("2026-12-26T08:30:00+00:00", "Europe/Kyiv", None, now=NOW) == (
        "Sat 26 Dec, 10:30, Kyiv time (UTC+2)"
    )
    assert server_time_text("soon", "Europe/Kyiv", "UTC", now=NOW) == "soon, Kyiv time"


def test_times_this_computer_noted_are_said_on_its_clock():
    assert computer_time_text("2026-03-01T10:00:00+00:00", "Europe/Kyiv", now=NOW) == "Sun 1 Mar, 12:00"
    assert computer_time_text("2025-03-01T10:00:59+00:00", "Etc/UTC", now=NOW) == "Sat 1 Mar 2025, 10:00"
    assert computer_time_text("not a time", "Etc/UTC", now=NOW) == "not a time"


@pytest.mark.parametrize("year", [1, 9999])
def test_the_ends_of_the_calendar_are_said_without_failing(year):
    wall = datetime(year, 1 if year == 1 else 12, 1 if year == 1 else 31, 0 if year == 1 else 23, 30)
    text = planned_time_text(wall, "Pacific/Kiritimati", "Etc/GMT+12", now=NOW)
    assert f"{year}" in text and "Kiritimati time" in text
