"""The 30-day scheduling window and daylight-saving rules, with a fixed clock in real time zones."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.campaign.schedule import (
    check_start_at,
    is_ambiguous,
    is_nonexistent,
    latest_allowed_text,
    latest_start,
    schedule_days,
    wall_to_aware,
)

KIRITIMATI = ZoneInfo("Pacific/Kiritimati")  # UTC+14: already tomorrow for most of the world
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
BERLIN = ZoneInfo("Europe/Berlin")
UTC_ZONE = ZoneInfo("UTC")  # the account zone named "UTC" (not datetime.UTC)

# 12:00 UTC on 10 January 2025 is 02:00 on 11 January in Kiritimati.
NOON_UTC = datetime(2025, 1, 10, 12, 0, tzinfo=UTC)
# 05:00 UTC on 10 January 2025 is 21:00 on 9 January in Los Angeles.
EARLY_UTC = datetime(2025, 1, 10, 5, 0, tzinfo=UTC)


def test_schedule_days_follow_the_zone_not_utc():
    assert schedule_days(KIRITIMATI, NOON_UTC) == (date(2025, 1, 11), date(2025, 2, 9))
    assert schedule_days(UTC_ZONE, NOON_UTC) == (date(2025, 1, 10), date(2025, 2, 8))
    assert schedule_days(LOS_ANGELES, EARLY_UTC) == (date(2025, 1, 9), date(2025, 2, 7))


def test_window_is_thirty_days_counting_today_with_the_real_clock():
    first, last = schedule_days(BERLIN)
    assert last - first == timedelta(days=29)


def test_naive_now_is_taken_as_utc():
    assert schedule_days(KIRITIMATI, NOON_UTC.replace(tzinfo=None)) == schedule_days(KIRITIMATI, NOON_UTC)


def test_latest_start_is_the_last_second_of_day_30_in_the_zone():
    latest = latest_start(KIRITIMATI, NOON_UTC)
    assert latest.tzinfo is KIRITIMATI
    assert latest.replace(tzinfo=None) == datetime(2025, 2, 9, 23, 59, 59)
    assert latest.astimezone(UTC) == datetime(2025, 2, 9, 9, 59, 59, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "now", "last_ok", "first_refused"),
    [
        (KIRITIMATI, NOON_UTC, datetime(2025, 2, 9, 23, 59, 59), datetime(2025, 2, 10, 0, 0, 0)),
        (LOS_ANGELES, EARLY_UTC, datetime(2025, 2, 7, 23, 59, 59), datetime(2025, 2, 8, 0, 0, 0)),
    ],
)
def test_day_30_accepted_day_31_refused(zone, now, last_ok, first_refused):
    assert check_start_at(last_ok, zone, now) is None
    problem = check_start_at(first_refused, zone, now)
    assert problem is not None and problem.is_error
    assert problem.path == "start_at"
    assert "30 days" in problem.message
    assert f"the latest possible time is {latest_allowed_text(zone, now)}." in problem.message
    assert "/" not in problem.message  # "Kiritimati time", never "Pacific/Kiritimati"


def test_the_same_wall_time_is_refused_in_utc():
    # 9 February 23:59:59 is day 30 in Kiritimati but day 31 in UTC at the same moment.
    problem = check_start_at(datetime(2025, 2, 9, 23, 59, 59), UTC_ZONE, NOON_UTC)
    assert problem is not None and problem.is_error


def test_past_times_are_refused_and_now_is_accepted():
    local_now = NOON_UTC.astimezone(LOS_ANGELES).replace(tzinfo=None)  # 04:00 on 10 January
    assert check_start_at(local_now, LOS_ANGELES, NOON_UTC) is None
    problem = check_start_at(local_now - timedelta(seconds=1), LOS_ANGELES, NOON_UTC)
    assert problem is not None and problem.is_error
    assert "already passed" in problem.message
    assert "it is now Fri 10 Jan, 04:00, Los Angeles time (UTC-8)." in problem.message


def test_yesterday_is_in_the_past():
    problem = check_start_at(datetime(2025, 1, 10, 23, 0), KIRITIMATI, NOON_UTC)
    assert problem is not None and "already passed" in problem.message


def test_time_skipped_by_daylight_saving_is_an_error():
    gap = datetime(2025, 3, 30, 2, 30)  # Berlin clocks jump from 02:00 to 03:00
    now = datetime(2025, 3, 20, tzinfo=UTC)
    assert is_nonexistent(gap, BERLIN)
    assert not is_ambiguous(gap, BERLIN)
    problem = check_start_at(gap, BERLIN, now)
    assert problem is not None and problem.is_error
    assert problem.message.startswith("02:30 on Sun 30 Mar does not exist in Berlin time:")
    assert "03:30" in problem.message
    assert check_start_at(datetime(2025, 3, 30, 3, 0), BERLIN, now) is None
    assert check_start_at(datetime(2025, 3, 30, 1, 59, 59), BERLIN, now) is None


def test_time_happening_twice_is_a_warning():
    twice = datetime(2025, 10, 26, 2, 30)  # Berlin clocks go back from 03:00 to 02:00
    now = datetime(2025, 10, 20, tzinfo=UTC)
    assert is_ambiguous(twice, BERLIN)
    assert not is_nonexistent(twice, BERLIN)
    problem = check_start_at(twice, BERLIN, now)
    assert problem is not None and problem.severity == "warning" and not problem.is_error
    assert problem.message.startswith("02:30 on Sun 26 Oct happens twice in Berlin time:")


def test_ambiguous_time_whose_second_occurrence_is_still_ahead_is_not_past():
    twice = datetime(2025, 10, 26, 2, 30)  # 00:30 UTC the first time, 01:30 UTC the second
    now = datetime(2025, 10, 26, 1, 0, tzinfo=UTC)
    problem = check_start_at(twice, BERLIN, now)
    assert problem is not None and problem.severity == "warning"
    after_both = datetime(2025, 10, 26, 1, 31, tzinfo=UTC)
    problem = check_start_at(twice, BERLIN, after_both)
    assert problem is not None and problem.is_error and "already passed" in problem.message


def test_wall_to_aware_uses_the_real_offset():
    summer = wall_to_aware(datetime(2025, 7, 1, 9, 0), BERLIN)
    winter = wall_to_aware(datetime(2025, 1, 1, 9, 0), BERLIN)
    assert summer.utcoffset() == timedelta(hours=2)
    assert winter.utcoffset() == timedelta(hours=1)
    second = wall_to_aware(datetime(2025, 10, 26, 2, 30, fold=1), BERLIN)
    assert second.astimezone(UTC).hour == 1


def test_window_across_a_daylight_saving_change():
    now = datetime(2025, 3, 1, 20, 0, tzinfo=UTC)  # LA: 1 March 12:00, DST starts 9 March
    latest = latest_start(LOS_ANGELES, now)
    assert latest.replace(tzinfo=None) == datetime(2025, 3, 30, 23, 59, 59)
    assert latest.utcoffset() == timedelta(hours=-7)
    assert check_start_at(datetime(2025, 3, 9, 2, 30), LOS_ANGELES, now).is_error  # skipped hour


def test_the_latest_moment_in_words_is_day_30_to_the_minute_in_the_zone():
    # 12:00 UTC on 10 January 2025 is 11 January in Kiritimati: day 30 there is Sunday 9 February.
    assert latest_allowed_text(KIRITIMATI, NOON_UTC) == "Sun 9 Feb, 23:59, Kiritimati time (UTC+14)"
    december = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
    assert latest_allowed_text(ZoneInfo("Europe/Kyiv"), december) == "Sat 26 Dec, 23:59, Kyiv time (UTC+2)"
    # Day 30 in the next year says its year.
    assert latest_allowed_text(UTC_ZONE, datetime(2025, 12, 20, tzinfo=UTC)) == "Sun 18 Jan 2026, 23:59, UTC"


@pytest.mark.parametrize("first", ["app.campaign.schedule", "app.validation", "app.validation.problems"])
def test_modules_import_in_any_order(first):
    root = Path(__file__).resolve().parents[3]
    code = f"import {first}; import app.campaign.schedule, app.validation; print(app.validation.validate_request)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
