"""Times in words, the same wherever a person reads them: the Schedule tab, the confirmation, the
result of a send, the Campaigns view and the command line.

A planned time is said first in the account's time zone, then, when the clock there shows another
time, on this computer::

    Sat 26 Dec, 10:30, Kyiv time (UTC+2) — on this computer: 08:30, UTC

Where the time was typed in another zone than the account's (a campaign file keeps its own), it is
said there first, as typed, then in the account's zone::

    Sat 26 Dec, 10:30, Kyiv time (UTC+2) — in the account's time zone: 08:30, UTC

Zones are named for people ("Kyiv time", "UTC"), never by their technical names ("Etc/UTC"); the
offset is the one of the moment shown, so daylight saving time is right. The year is added when it
is not the current one; seconds only when the time has some. Words and dates in the program's
language (``app.language``): ``сб, 26 груд., 10:30, за київським часом (UTC+2)`` in Ukrainian.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from app.campaign.time_zones import zone_info
from app.language import tr, tr_mark
from app.language.formats import format_day

# Names of UTC itself (also under "Etc/"): said "UTC".
_UTC_NAMES = frozenset({"utc", "uct", "gmt", "gmt0", "gmt+0", "gmt-0", "greenwich", "universal", "zulu", "unknown"})
_FIXED_OFFSET = re.compile(r"gmt[+-]\d{1,2}")  # "Etc/GMT+5": a fixed offset, said as "UTC-5"
# Between a time in the account's zone and the same moment on this computer; shown with tr() (the window
# splits a line there to put this computer's time on a second line).
# Translators: joins "Sat 26 Dec, 10:30, Kyiv time (UTC+2)" and "08:30, UTC"; keep the spaces around it.
ON_THIS_COMPUTER = tr_mark(" — on this computer: ")
# Translators: joins the time as the campaign file gives it ("Sat 26 Dec, 10:30, Kyiv time (UTC+2)") and the
# same moment where the account's clock is ("08:30, UTC"); keep the spaces around it.
IN_THE_ACCOUNT_ZONE = tr_mark(" — in the account's time zone: ")


def _now(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    return now if now.tzinfo is not None else now.replace(tzinfo=UTC)


def _zone_parts(zone_name: str) -> list[str]:
    parts = [part for part in zone_name.strip().split("/") if part]
    if parts and parts[0].lower() in ("posix", "right"):  # copies of the same zones in the database
        parts = parts[1:]
    return parts


def offset_words(offset: timedelta | None) -> str:
    """``UTC+2``, ``UTC-3:30``, ``UTC+5:45``, ``UTC+0``."""
    minutes = round((offset or timedelta(0)).total_seconds() / 60)
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def zone_words(zone_name: str, moment: datetime | None = None) -> str:
    """A zone as people say it: ``Kyiv time (UTC+2)``, ``UTC``, ``New York time (UTC-5)``.

    The offset is the one at ``moment`` (aware, or a wall time in the zone); without ``moment`` none is
    given (``Kyiv time``), except for fixed offsets, which have no other name (``Etc/GMT+5`` is ``UTC-5``).
    """
    parts = _zone_parts(zone_name)
    last = parts[-1] if parts else "UTC"
    key = last.lower()
    if key in _UTC_NAMES or "/".join(parts).lower() in _UTC_NAMES:
        return "UTC"
    zone = zone_info(zone_name)
    if _FIXED_OFFSET.fullmatch(key):
        return offset_words(zone.utcoffset(_now(None)))
    if last.isupper() or (len(parts) == 1 and any(char.isdigit() for char in last)):
        name = last  # an abbreviation like CET, EST5EDT or ACT: "CET time" would say it twice
    elif key == "kyiv":  # the account's usual zone: its own words ("за київським часом")
        name = tr("Kyiv time")
    else:
        # Translators: a time zone named by its city as the time database writes it ("New York time").
        name = tr("{city} time").format(city=last.replace("_", " "))
    if moment is None:
        return name
    aware = moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)
    return f"{name} ({offset_words(aware.utcoffset())})"


def day_words(day: date, today: date | None = None) -> str:
    """``Sat 26 Dec``; ``Sat 26 Dec 2026`` when ``day`` is not in the year of ``today``."""
    return format_day(day, year=today is None or day.year != today.year)


def clock_words(moment: datetime) -> str:
    """``10:30``; ``10:30:15`` when the time has seconds."""
    return f"{moment:%H:%M:%S}" if moment.second else f"{moment:%H:%M}"


def day_and_clock(moment: datetime, zone_name: str, *, now: datetime | None = None) -> str:
    """``Sat 26 Dec, 10:30`` in the zone: ``moment`` aware, or naive as a wall time there."""
    wall = _in_zone(moment, zone_name)
    return f"{day_words(wall.date(), _today(zone_name, now))}, {clock_words(wall)}"


def moment_words(moment: datetime, zone_name: str, *, now: datetime | None = None) -> str:
    """``Sat 26 Dec, 10:30, Kyiv time (UTC+2)``: ``moment`` aware, or naive as a wall time in the zone."""
    return f"{day_and_clock(moment, zone_name, now=now)}, {zone_words(zone_name, _in_zone(moment, zone_name))}"


def _in_zone(moment: datetime, zone_name: str) -> datetime:
    zone = zone_info(zone_name)
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)


def _today(zone_name: str, now: datetime | None) -> date | None:
    try:
        return _now(now).astimezone(zone_info(zone_name)).date()
    except OverflowError:
        return None


def planned_time_text(
    moment: datetime,
    account_zone: str,
    local_zone: str | None = None,
    *,
    now: datetime | None = None,
    file_zone: str | None = None,
) -> str:
    """A planned time as every place shows it: in the account's zone, then on this computer when the
    clock there differs (``Sat 26 Dec, 10:30, Kyiv time (UTC+2) — on this computer: 08:30, UTC``).

    ``moment`` is aware, or naive as a wall time in ``account_zone``; ``local_zone`` is the computer's
    (None: not said). ``file_zone`` is where the time was typed (the campaign file's zone): when its
    clock differs from the account's, the time is said there first, then in the account's zone.
    """
    zone = zone_info(account_zone)
    try:
        wall = moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)
    except OverflowError:  # a year like 9999 from a file: said as written
        wall = moment.replace(tzinfo=None).replace(tzinfo=zone)
    typed = _other_clock(wall, file_zone)
    if typed is None:
        first, said = wall, [wall]
        text = moment_words(wall, account_zone, now=now)
    else:
        first, said = typed, [typed, wall]
        text = moment_words(typed, file_zone or account_zone, now=now)
        text += tr(IN_THE_ACCOUNT_ZONE) + _clock_there(wall, first, account_zone, now)
    local = _other_clock(wall, local_zone, said)
    if local is None or local_zone is None:
        return text
    return f"{text}{tr(ON_THIS_COMPUTER)}{_clock_there(local, first, local_zone, now)}"


def _other_clock(wall: datetime, zone_name: str | None, said: list[datetime] | None = None) -> datetime | None:
    """``wall`` on the clock of ``zone_name``, or None when that clock shows a time already said (``said``,
    or ``wall`` itself) or cannot be read."""
    if zone_name is None:
        return None
    try:
        there = wall.astimezone(zone_info(zone_name))
    except OverflowError:
        return None
    shown = there.replace(tzinfo=None)
    if any(shown == other.replace(tzinfo=None) for other in (said or [wall])):
        return None
    return there


def _clock_there(moment: datetime, first: datetime, zone_name: str, now: datetime | None) -> str:
    """``08:30, UTC`` after the time said first (``first``), with its day when the date differs."""
    clock = clock_words(moment)
    if moment.date() != first.date():
        clock = f"{day_words(moment.date(), _today(zone_name, now))}, {clock}"
    return f"{clock}, {zone_words(zone_name, moment)}"


def parse_server_time(text: str) -> datetime | None:
    """A time as the server writes it (``2025-12-26 10:30:00``, a wall time in the account's zone, or
    ISO 8601 with an offset), or None when it is not one."""
    try:
        return datetime.fromisoformat(text.strip().replace(" ", "T", 1))
    except ValueError:
        return None


def server_time_text(
    text: str, account_zone: str, local_zone: str | None = None, *, now: datetime | None = None
) -> str:
    """A server time in the words of ``planned_time_text``; one that cannot be read is shown as given,
    with the account's zone."""
    moment = parse_server_time(text)
    if moment is None:
        return f"{text.strip()}, {zone_words(account_zone)}"
    return planned_time_text(moment, account_zone, local_zone, now=now)


def computer_time_text(utc_iso: str, local_zone: str, *, now: datetime | None = None) -> str:
    """A moment this computer noted (UTC ISO 8601) in its own clock, to the minute: ``Sat 1 Mar, 12:00``
    (the year added when it is not this year). Text that is not such a moment is shown as given."""
    try:
        moment = datetime.fromisoformat(utc_iso)
    except ValueError:
        return utc_iso
    zone = zone_info(local_zone)
    try:
        local = (moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)).astimezone(zone)
    except OverflowError:
        return utc_iso
    return f"{day_words(local.date(), _today(local_zone, now))}, {local:%H:%M}"
