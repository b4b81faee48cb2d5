"""Time zone names as files and settings hold them (``"Europe/Kyiv"``)."""

from __future__ import annotations

import re
from typing import Any
from zoneinfo import ZoneInfo

from app.campaign import limits

_ZONE_NAME = re.compile(r"[A-Za-z0-9_+\-]+(?:/[A-Za-z0-9_+\-]+)*")


def is_valid_time_zone(name: Any) -> bool:
    """Whether ``name`` is a time zone this computer knows (``"Europe/Kyiv"``); never raises.

    Only names written like IANA names are looked up: an odd one (very long, with dots or other
    signs) could reach the file system and fail there in other ways than "not found".
    """
    if not isinstance(name, str) or len(name) > limits.MAX_TIME_ZONE_NAME or not _ZONE_NAME.fullmatch(name):
        return False
    try:
        ZoneInfo(name)
    except Exception:  # noqa: BLE001 - ZoneInfoNotFoundError, ValueError, OSError (a folder of zones…)
        return False
    return True
