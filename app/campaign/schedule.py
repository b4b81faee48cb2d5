"""Scheduling rules: the 30-day window and wall-clock times in a real time zone.

``start_at`` is a wall-clock time (naive ``datetime``) in the campaign's time zone. Today (in that
zone) is day 1; the last moment allowed is 23:59:59 of day 30. A wall time skipped by a
daylight-saving jump does not exist and is refused; one that happens twice (clocks going back)
is allowed with a warning. ``now`` is injectable everywhere (an aware ``datetime``).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from app.campaign import limits
from app.campaign.clock_words import clock_words, day_words, moment_words, zone_words
from app.language import tr, tr_n
from app.validation.problems import ERROR, WARNING, Problem

LAST_TIME = time(23, 59, 59)


def _now(now: datetime | None) -> datetime:
    """The current moment, aware; a naive ``now`` is taken as UTC."""
    if now is None:
        return datetime.now(UTC)
    return now if now.tzinfo is not None else now.replace(tzinfo=UTC)


def schedule_days(zone: ZoneInfo, now: datetime | None = None) -> tuple[date, date]:
    """First and last day a campaign can be scheduled on: today .. today + 29, in ``zone``."""
    today = _now(now).astimezone(zone).date()
    return today, today + timedelta(days=limits.SCHEDULE_DAYS - 1)


def latest_start(zone: ZoneInfo, now: datetime | None = None) -> datetime:
    """23:59:59 of day 30 in ``zone`` (aware; the later one if that wall time happens twice)."""
    _, last_day = schedule_days(zone, now)
    return datetime.combine(last_day, LAST_TIME, tzinfo=zone).replace(fold=1)


def wall_to_aware(wall: datetime, zone: ZoneInfo) -> datetime:
    """The wall-clock time ``wall`` in ``zone`` (``fold`` kept: 0 = the first of two equal times)."""
    return wall.replace(tzinfo=zone)


def is_nonexistent(wall: datetime, zone: ZoneInfo) -> bool:
    """True when clocks jump over ``wall`` (e.g. 02:30 on the spring-forward night in Europe)."""
    aware = wall.replace(tzinfo=zone, fold=0)
    back = aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None, fold=0)
    return back != wall.replace(tzinfo=None, fold=0)


def is_ambiguous(wall: datetime, zone: ZoneInfo) -> bool:
    """True when ``wall`` happens twice (clocks going back) in ``zone``."""
    if is_nonexistent(wall, zone):
        return False
    first = wall.replace(tzinfo=zone, fold=0).utcoffset()
    second = wall.replace(tzinfo=zone, fold=1).utcoffset()
    return first != second


def latest_allowed_text(zone: ZoneInfo, now: datetime | None = None) -> str:
    """The last moment a campaign can start, to the minute: ``Sat 26 Dec, 23:59, Kyiv time (UTC+2)``."""
    latest = latest_start(zone, now)
    return moment_words(latest.replace(second=0), zone.key or str(zone), now=now)


def _day_and_clock(wall: datetime, zone: ZoneInfo, now: datetime) -> str:
    """``02:30 on Sun 30 Mar`` (the year added when it is not this year in ``zone``)."""
    # Translators: a time on a day: "02:30 on Sun 30 Mar".
    return tr("{time} on {day}").format(time=clock_words(wall), day=day_words(wall.date(), now.astimezone(zone).date()))


def check_start_at(wall: datetime, zone: ZoneInfo, now: datetime | None = None) -> Problem | None:
    """The problem with sending at ``wall`` (naive, in ``zone``), or None when the time is fine.

    Errors: a time skipped by a daylight-saving jump, a time in the past, a time after day 30.
    Warning: a time that happens twice when clocks go back.
    """
    current = _now(now)
    wall = wall.replace(tzinfo=None)
    zone_name = zone.key or str(zone)
    said = _day_and_clock(wall, zone, current)
    if is_nonexistent(wall, zone):
        after = wall.replace(tzinfo=zone, fold=0).astimezone(UTC).astimezone(zone)
        return Problem(
            "start_at",
            ERROR,
            # Translators: {moment} is "02:30 on Sun 30 Mar", {zone} "Kyiv time", {time} a time such as "03:30".
            tr(
                "{moment} does not exist in {zone}: the clocks jump forward that night "
                "(daylight saving time). Choose another time, for example {time}."
            ).format(moment=said, zone=zone_words(zone_name), time=f"{after:%H:%M}"),
        )
    latest_instant = max(wall.replace(tzinfo=zone, fold=fold).astimezone(UTC) for fold in (0, 1))
    if latest_instant < current.astimezone(UTC):
        local_now = current.astimezone(zone).replace(second=0, microsecond=0)
        return Problem(
            "start_at",
            ERROR,
            tr("This send time has already passed: it is now {now}. Choose a later time, or send now.").format(
                now=moment_words(local_now, zone_name, now=current)
            ),
        )
    _, last_day = schedule_days(zone, current)
    if wall.date() > last_day:
        return Problem(
            "start_at",
            ERROR,
            tr_n(
                "A campaign can be scheduled at most {count} day ahead, counting today: "
                "the latest possible time is {latest}.",
                "A campaign can be scheduled at most {count} days ahead, counting today: "
                "the latest possible time is {latest}.",
                limits.SCHEDULE_DAYS,
            ).format(count=limits.SCHEDULE_DAYS, latest=latest_allowed_text(zone, current)),
        )
    if is_ambiguous(wall, zone):
        return Problem(
            "start_at",
            WARNING,
            tr(
                "{moment} happens twice in {zone}: the clocks go back that night. The campaign "
                "may start at the first or the second of them; choose another time to be sure."
            ).format(moment=said, zone=zone_words(zone_name)),
        )
    return None
