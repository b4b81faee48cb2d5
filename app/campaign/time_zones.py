"""Time zone names as files and settings hold them (``"Europe/Kyiv"``)."""

from __future__ import annotations

import re
from typing import Any
from zoneinfo import ZoneInfo

from app.campaign import limits

_ZONE_NAME = re.compile(r"[A-Za-z0-9_+\-]+(?:/[A-Za-z0-9_+\-]+)*")


def looks_like_zone_name(name: str) -> bool:
    """Whether ``name`` is written like an IANA name (letters, digits, ``_+-``, parts joined by ``/``),
    at most ``MAX_TIME_ZONE_NAME`` long; says nothing about whether this computer knows the zone."""
    return len(name) <= limits.MAX_TIME_ZONE_NAME and _ZONE_NAME.fullmatch(name) is not None


def is_valid_time_zone(name: Any) -> bool:
    """Whether ``name`` is a time zone this computer knows (``"Europe/Kyiv"``); never raises.

    Only names written like IANA names are looked up: an odd one (very long, with dots or other
    signs) could reach the file system and fail there in other ways than "not found".
    """
    if not isinstance(name, str) or not looks_like_zone_name(name):
        return False
    try:
        ZoneInfo(name)
    except Exception:  # noqa: BLE001 - ZoneInfoNotFoundError, ValueError, OSError (a folder of zones…)
        return False
    return True


def zone_info(name: str | None) -> ZoneInfo:
    """The zone called ``name``, or UTC when this computer does not know it (only for showing times:
    validation says when a campaign's zone is unknown)."""
    if name is not None and is_valid_time_zone(name):
        return ZoneInfo(name)
    return ZoneInfo("UTC")


def zone_suggestions(name: str, limit: int = 3) -> list[str]:
    """Known zone names whose last part is ``name`` (letter case and spaces aside): ``"Kyiv"`` ->
    ``["Europe/Kyiv"]``, ``"new york"`` -> ``["America/New_York"]``. Empty for a name that is no such part."""
    from zoneinfo import available_timezones

    wanted = name.strip().replace(" ", "_").casefold()
    if not wanted or "/" in wanted:
        wanted = wanted.rsplit("/", 1)[-1]
    if not wanted:
        return []
    try:
        names = available_timezones()
    except Exception:  # noqa: BLE001 - a zone database that cannot be listed: no suggestion, the refusal stands
        return []
    found = sorted(
        zone
        for zone in names
        if "/" in zone
        and not zone.startswith(("posix/", "right/"))
        and zone.rsplit("/", 1)[-1].casefold() == wanted
        and zone != name.strip()
    )
    return found[:limit]
