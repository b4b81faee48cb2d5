"""Campaign files (``*.rcs.json``): the send-groups request plus the time zone it is meant in.

    {"format": "rcs-desk.campaign", "version": 1, "time_zone": "Europe/Kyiv",
     "request": { ...exactly the documented send-groups body... },
     "lists": {"1864619": {"name": "Import XLS", "contacts": 10000}}}

``lists`` is owned by the app (names and sizes of the selected lists, for display and for
the 5000-contacts check offline). Any other member is kept as read and written back.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.atomic import write_atomic
from app.campaign import Campaign

FORMAT_NAME = "rcs-desk.campaign"
FORMAT_VERSION = 1
FILE_SUFFIX = ".rcs.json"


class CampaignFileError(Exception):
    """A campaign file that cannot be read; ``str()`` is a message for the user."""

    def __init__(self, message: str, details: str = "") -> None:
        super().__init__(message)
        self.user_message = message
        self.details = details


@dataclass
class ListInfo:
    """What the app remembers about a selected contact list."""

    name: str | None = None
    contacts: int | None = None


@dataclass
class CampaignDocument:
    """An open campaign: the request, the time zone its ``start_at`` is in, and display data."""

    campaign: Campaign = field(default_factory=Campaign)
    time_zone: str = "UTC"
    lists: dict[int, ListInfo] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def list_contacts(self) -> dict[int, int | None]:
        return {gid: (self.lists[gid].contacts if gid in self.lists else None) for gid in self.campaign.groups}

    def to_json_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "time_zone": self.time_zone,
            "request": self.campaign.to_request(),
        }
        if self.lists:
            out["lists"] = {
                str(gid): {k: v for k, v in (("name", info.name), ("contacts", info.contacts)) if v is not None}
                for gid, info in self.lists.items()
            }
        out.update(self.extra)
        return out

    def to_bytes(self) -> bytes:
        return (json.dumps(self.to_json_dict(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def is_valid_time_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _parse_lists(value: Any) -> dict[int, ListInfo] | None:
    """The app's list cache, or None when it is not in the exact form we write (then kept as read)."""
    if not isinstance(value, dict) or not value:
        return None
    lists: dict[int, ListInfo] = {}
    for key, info in value.items():
        if not (isinstance(key, str) and key.isdigit() and str(int(key)) == key and isinstance(info, dict)):
            return None
        if set(info) - {"name", "contacts"}:
            return None
        name = info.get("name")
        contacts = info.get("contacts")
        if ("name" in info and not isinstance(name, str)) or (
            "contacts" in info and (not isinstance(contacts, int) or isinstance(contacts, bool))
        ):
            return None
        lists[int(key)] = ListInfo(name=name, contacts=contacts)
    return lists


def document_from_json(data: Any, *, default_time_zone: str) -> CampaignDocument:
    """Build a document from parsed JSON, refusing what is not a campaign of a version we know."""
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise CampaignFileError("This file is not an RCS Campaign Desk campaign.")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise CampaignFileError("This campaign file is damaged: its version number is missing or wrong.")
    if version > FORMAT_VERSION:
        raise CampaignFileError(
            f"This campaign was saved by a newer version of RCS Campaign Desk (file version {version}). "
            "Update the program to open it."
        )
    if "request" not in data or not isinstance(data["request"], dict):
        raise CampaignFileError("This campaign file is damaged: it holds no campaign.")
    extra = {k: v for k, v in data.items() if k not in ("format", "version", "time_zone", "request", "lists")}
    time_zone = data.get("time_zone", default_time_zone)
    if not isinstance(time_zone, str) or not is_valid_time_zone(time_zone):
        raise CampaignFileError(f"This campaign file names a time zone that does not exist: {time_zone!r}.")
    lists: dict[int, ListInfo] = {}
    if "lists" in data:
        parsed = _parse_lists(data["lists"])
        if parsed is None:
            extra["lists"] = data["lists"]
        else:
            lists = parsed
    return CampaignDocument(
        campaign=Campaign.from_request(data["request"]), time_zone=time_zone, lists=lists, extra=extra
    )


def load_campaign_file(path: str | os.PathLike[str], *, default_time_zone: str = "UTC") -> CampaignDocument:
    """Read a campaign file. Raises ``CampaignFileError`` with a message for the user."""
    name = Path(path).name
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise CampaignFileError(f"The file {name} does not exist.") from None
    except IsADirectoryError:
        raise CampaignFileError(f"{name} is a folder, not a campaign file.") from None
    except OSError as exc:
        raise CampaignFileError(f"The file {name} could not be read.", details=str(exc)) from None
    if not raw.strip():
        raise CampaignFileError(f"{name} is empty: it holds no campaign.")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise CampaignFileError(f"{name} is not a campaign file (it is not text).") from None
    except json.JSONDecodeError as exc:
        raise CampaignFileError(
            f"{name} is damaged and cannot be read (line {exc.lineno}, column {exc.colno}).", details=str(exc)
        ) from None
    return document_from_json(data, default_time_zone=default_time_zone)


def save_campaign_file(path: str | os.PathLike[str], document: CampaignDocument) -> None:
    """Write the document atomically (temporary file, then rename)."""
    write_atomic(path, document.to_bytes())
