"""Campaign files (``*.rcs.json``): the send-groups request plus the time zone it is meant in.

    {"format": "rcs-desk.campaign", "version": 1, "time_zone": "Europe/Kyiv",
     "request": { ...exactly the documented send-groups body... },
     "lists": {"1864619": {"name": "Import XLS", "contacts": 10000}}}

``lists`` is owned by the app (names and sizes of the selected lists, for display and for
the 5000-contacts check offline). Any other member is kept as read and written back.

A file that holds a bare send-groups body (an object with ``groups`` and ``options`` and no
``format``, like the API documentation's example) is read as a campaign in the computer's time
zone, with a note for the user (``CampaignDocument.note``); saving writes the campaign format.
"""

from __future__ import annotations

import json
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from app.campaign import limits
from app.campaign.clock_words import zone_words
from app.campaign.model import Campaign
from app.campaign.time_zones import is_valid_time_zone, zone_suggestions
from app.language import tr, tr_mark, tr_n
from app.language.formats import format_count, format_decimal, number_style
from app.platform import config, safe_json
from app.platform.atomic import write_atomic
from app.platform.json_words import json_error_words

FORMAT_NAME = "rcs-desk.campaign"
FORMAT_VERSION = 1
FILE_SUFFIX = ".rcs.json"

_LIST_ID = re.compile(rf"0|[1-9][0-9]{{0,{safe_json.MAX_INTEGER_DIGITS - 1}}}")
_SHOWN_CHARS = 40  # of a wrong value quoted in a message


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
    # What the user should be told about how the file was read (a bare request); never written.
    note: str = field(default="", compare=False)

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


def _shown(value: str) -> str:
    """``value`` quoted for a message, cut when long (a file may hold anything there)."""
    if len(value) <= _SHOWN_CHARS:
        return repr(value)
    # Translators: the start of a long text quoted in a message, then its length.
    return tr_n("{text}… ({count} character)", "{text}… ({count} characters)", len(value)).format(
        text=repr(value[:_SHOWN_CHARS]), count=format_count(len(value))
    )


def _parse_lists(value: Any) -> dict[int, ListInfo] | None:
    """The app's list cache, or None when it is not in the exact form we write (then kept as read)."""
    if not isinstance(value, dict) or not value:
        return None
    lists: dict[int, ListInfo] = {}
    for key, info in value.items():
        if not (isinstance(key, str) and _LIST_ID.fullmatch(key) and isinstance(info, dict)):
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


def is_bare_request(data: Any) -> bool:
    """Whether parsed JSON is a send-groups body without the campaign wrapper (no ``format``, and at
    least ``groups`` and ``options``), as in the API documentation."""
    return isinstance(data, dict) and "format" not in data and "groups" in data and "options" in data


def bare_request_note(name: str, time_zone: str) -> str:
    """What the user is told after ``name`` was read as a bare request in ``time_zone``."""
    # Translators: {name} is a file name; {zone} a time zone in words ("Kyiv time").
    return tr(
        "{name} was not saved by this program, so it names no time zone: its times are read in this "
        "computer's time zone, {zone}. Save it as a campaign file to keep the time zone with it."
    ).format(name=name, zone=zone_words(time_zone))


def document_from_json(data: Any, *, default_time_zone: str, local_time_zone: str | None = None) -> CampaignDocument:
    """Build a document from parsed JSON, refusing what is not a campaign of a version we know.

    A bare send-groups body (``is_bare_request``) becomes a campaign in ``local_time_zone`` (the
    computer's, ``app.platform.config.local_time_zone_name()``, when not given); the caller tells the user.
    """
    if is_bare_request(data):
        zone = local_time_zone if local_time_zone is not None else config.local_time_zone_name()
        if not is_valid_time_zone(zone):
            zone = "UTC"
        return CampaignDocument(campaign=Campaign.from_request(data), time_zone=zone)
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise CampaignFileError(tr("This file is not an RCS Campaign Desk campaign."))
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise CampaignFileError(tr("This campaign file is damaged: its version number is missing or wrong."))
    if version > FORMAT_VERSION:
        raise CampaignFileError(
            tr(
                "This campaign was saved by a newer version of RCS Campaign Desk (file version {version}). "
                "Update the program to open it."
            ).format(version=version)
        )
    if "request" not in data or not isinstance(data["request"], dict):
        raise CampaignFileError(tr("This campaign file is damaged: it holds no campaign."))
    extra = {k: v for k, v in data.items() if k not in ("format", "version", "time_zone", "request", "lists")}
    time_zone = data.get("time_zone", default_time_zone)
    if not isinstance(time_zone, str):
        raise CampaignFileError(tr("This campaign file is damaged: its time zone is not a name."))
    if not is_valid_time_zone(time_zone):
        said = tr("This campaign file names a time zone that does not exist: {zone}.").format(zone=_shown(time_zone))
        raise CampaignFileError(" ".join(filter(None, (said, _did_you_mean(time_zone)))))
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


def _did_you_mean(time_zone: str) -> str:
    """``Did you mean 'Europe/Kyiv'?`` for ``"Kyiv"``; empty when no known zone ends in that name."""
    found = zone_suggestions(time_zone) if len(time_zone) <= limits.MAX_TIME_ZONE_NAME else []
    if not found:
        return ""
    names = [f"'{zone}'" for zone in found]
    if len(names) == 1:
        return tr("Did you mean {zone}?").format(zone=names[0])
    # Translators: {zones} is a list of time zone names ("'Europe/Kyiv', 'Europe/Kiev'"), {last_zone} one more.
    return tr("Did you mean {zones} or {last_zone}?").format(zones=", ".join(names[:-1]), last_zone=names[-1])


def _size(count: int) -> str:
    """``52428800`` -> ``"50 MB"``."""
    units = ((tr_mark("{size} GB"), 1024**3), (tr_mark("{size} MB"), 1024**2), (tr_mark("{size} KB"), 1024))
    for unit, size in units:
        if count >= size:
            return tr(unit).format(size=format_decimal(count / size, 1).removesuffix(number_style().decimal + "0"))
    return tr_n("{count} byte", "{count} bytes", count).format(count=format_count(count))


def _too_big(name: str, size: int, *, more: bool = False) -> CampaignFileError:
    """``name`` is ``size`` bytes (``more``: more than that) where a campaign file has at most ``MAX_FILE_BYTES``."""
    if more:
        said = tr(
            "{name} cannot be opened: it is more than {size}, and a campaign file is at most {most} "
            "(a real one has a few KB). Is this the right file?"
        )
    else:
        said = tr(
            "{name} cannot be opened: it is {size}, and a campaign file is at most {most} "
            "(a real one has a few KB). Is this the right file?"
        )
    return CampaignFileError(said.format(name=name, size=_size(size), most=_size(limits.MAX_FILE_BYTES)))


def _folder(name: str) -> CampaignFileError:
    return CampaignFileError(tr("{name} is a folder, not a campaign file.").format(name=name))


def _not_a_file(name: str, mode: int) -> CampaignFileError:
    if stat.S_ISDIR(mode):
        return _folder(name)
    if stat.S_ISFIFO(mode):
        said = tr("{name} is not a file (it is a pipe): choose a campaign file saved by the program.")
    elif stat.S_ISSOCK(mode):
        said = tr("{name} is not a file (it is a socket): choose a campaign file saved by the program.")
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        said = tr("{name} is not a file (it is a device): choose a campaign file saved by the program.")
    else:
        said = tr("{name} is not a file (it is not an ordinary file): choose a campaign file saved by the program.")
    return CampaignFileError(said.format(name=name))


def _read_bounded(path: str | os.PathLike[str], name: str) -> bytes:
    """The bytes of a regular file of at most ``MAX_FILE_BYTES``; anything else is refused at once.

    The file is opened without blocking (a pipe with no writer would wait forever) and checked
    before a byte is read (``/dev/zero`` never ends); at most one byte over the limit is read.
    """
    try:
        if not stat.S_ISREG(mode := os.stat(path).st_mode):
            raise _not_a_file(name, mode)  # before opening: opening a device may do something
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise CampaignFileError(tr("The file {name} does not exist.").format(name=name)) from None
    except IsADirectoryError:
        raise _folder(name) from None
    except (OSError, ValueError) as exc:  # no permission, a name too long, a NUL in the name
        raise CampaignFileError(tr("The file {name} could not be read.").format(name=name), details=str(exc)) from None
    try:
        info = os.fstat(fd)  # what was opened, which may not be what was looked at
        if not stat.S_ISREG(info.st_mode):
            raise _not_a_file(name, info.st_mode)
        if info.st_size > limits.MAX_FILE_BYTES:
            raise _too_big(name, info.st_size)
        chunks: list[bytes] = []
        left = limits.MAX_FILE_BYTES + 1
        while left > 0 and (chunk := os.read(fd, min(left, 1024 * 1024))):
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise CampaignFileError(tr("The file {name} could not be read.").format(name=name), details=str(exc)) from None
    finally:
        os.close(fd)
    if left <= 0:  # it grew while it was read
        raise _too_big(name, limits.MAX_FILE_BYTES, more=True)
    return b"".join(chunks)


def _too_many(found: str, rule: str, allowed: int, opened: int, count: int) -> str:
    """``card 1 has 6 buttons. A card can have at most 2 buttons; a file with up to 4 on a card still opens,
    so that you can remove the extra ones, but 6 is too many`` (the caller adds the full stop): ``found``
    and ``rule`` are sentences in the current language, ``rule`` with its numbers still to fill in."""
    numbers = {"allowed": format_count(allowed), "opened": format_count(opened), "count": format_count(count)}
    return f"{found}. {rule.format(**numbers)}"


def _beyond_bounds(data: Any) -> str | None:
    """Why parsed file content is too big to edit, in plain words (``"it holds 1,000 cards …"``), or None."""
    values = 0
    pending = [data]
    while pending:  # depth is bounded already, but a loop needs no recursion at all
        value = pending.pop()
        values += 1
        if values > limits.MAX_FILE_VALUES:
            return safe_json.too_many_values(limits.MAX_FILE_VALUES)
        if isinstance(value, str) and len(value) > limits.MAX_FILE_TEXT:
            # Translators: said after "FILE cannot be opened: ".
            return tr_n(
                "it holds a text of {count} character (at most {most} are read; a card text has at most {card_most})",
                "it holds a text of {count} characters (at most {most} are read; a card text has at most {card_most})",
                len(value),
            ).format(
                count=format_count(len(value)),
                most=format_count(limits.MAX_FILE_TEXT),
                card_most=format_count(limits.CARD_TEXT_MAX),
            )
        if isinstance(value, dict):
            pending.extend(value.keys())
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
    request = data if is_bare_request(data) else data.get("request") if isinstance(data, dict) else None
    if not isinstance(request, dict):
        return None
    groups = request.get("groups")
    if isinstance(groups, list) and len(groups) > limits.MAX_FILE_GROUPS:
        found = tr_n("it names {count} contact list", "it names {count} contact lists", len(groups))
        most = tr_n(
            "A campaign can go to at most {allowed} list; a file with up to {opened} still opens, "
            "so that you can remove the extra ones, but {count} is too many",
            "A campaign can go to at most {allowed} lists; a file with up to {opened} still opens, "
            "so that you can remove the extra ones, but {count} is too many",
            limits.GROUPS_MAX,
        )
        found = found.format(count=format_count(len(groups)))
        return _too_many(found, most, limits.GROUPS_MAX, limits.MAX_FILE_GROUPS, len(groups))
    options = request.get("options")
    cards = options.get("cards") if isinstance(options, dict) else None
    if not isinstance(cards, list):
        return None
    if len(cards) > limits.MAX_FILE_CARDS:
        found = tr_n("it holds {count} card", "it holds {count} cards", len(cards))
        most = tr_n(
            "A carousel can have at most {allowed} card; a file with up to {opened} still opens, "
            "so that you can remove the extra ones, but {count} is too many",
            "A carousel can have at most {allowed} cards; a file with up to {opened} still opens, "
            "so that you can remove the extra ones, but {count} is too many",
            limits.CARDS_MAX,
        )
        found = found.format(count=format_count(len(cards)))
        return _too_many(found, most, limits.CARDS_MAX, limits.MAX_FILE_CARDS, len(cards))
    for number, card in enumerate(cards, start=1):
        buttons = card.get("suggestions") if isinstance(card, dict) else None
        if isinstance(buttons, list) and len(buttons) > limits.MAX_FILE_BUTTONS:
            found = tr_n("card {number} has {count} button", "card {number} has {count} buttons", len(buttons))
            most = tr_n(
                "A card can have at most {allowed} button; a file with up to {opened} on a card still opens, "
                "so that you can remove the extra ones, but {count} is too many",
                "A card can have at most {allowed} buttons; a file with up to {opened} on a card still opens, "
                "so that you can remove the extra ones, but {count} is too many",
                limits.SUGGESTIONS_MAX,
            )
            found = found.format(number=number, count=format_count(len(buttons)))
            return _too_many(found, most, limits.SUGGESTIONS_MAX, limits.MAX_FILE_BUTTONS, len(buttons))
    return None


def _starts_as_object(raw: bytes) -> bool:
    """Whether ``raw`` starts like a campaign file: a ``{`` after any white space and byte order mark."""
    return raw.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n").startswith(b"{")


def _not_campaign_text(name: str) -> str:
    # A text file of another kind (a README, a CSV): its first character is not worth a line-by-line
    # complaint about quotes.
    return tr("{name} is not a campaign file: choose one the program saved (its name ends in .rcs.json).").format(
        name=name
    )


def _cannot_open(name: str, reason: str) -> str:
    # Translators: {reason} says what is wrong inside the file ("there is a comma missing on line 3").
    return tr("{name} cannot be opened: {reason}.").format(name=name, reason=reason)


def load_campaign_file(
    path: str | os.PathLike[str], *, default_time_zone: str = "UTC", local_time_zone: str | None = None
) -> CampaignDocument:
    """Read a campaign file. Raises ``CampaignFileError`` with a message for the user, and nothing else.

    A file holding a bare send-groups body is read in ``local_time_zone`` (the computer's when not
    given), and the document's ``note`` says so for the user.

    Only a regular file within ``limits.MAX_FILE_*`` is read (see ``app.campaign.limits``); NaN, infinite
    numbers, very long integers and broken characters are refused, so whatever is read can be
    validated, edited, saved and sent.
    """
    name = Path(path).name
    raw = _read_bounded(path, name)
    if not raw.strip():
        raise CampaignFileError(tr("{name} is empty: it holds no campaign.").format(name=name))
    try:
        data = safe_json.loads(raw, max_depth=limits.MAX_FILE_DEPTH, max_values=limits.MAX_FILE_VALUES)
    except UnicodeDecodeError:
        raise CampaignFileError(tr("{name} is not a campaign file (it is not text).").format(name=name)) from None
    except (json.JSONDecodeError, safe_json.JsonLimitError) as exc:
        if not _starts_as_object(raw):
            raise CampaignFileError(_not_campaign_text(name), details=repr(exc)) from None
        if isinstance(exc, json.JSONDecodeError):
            raise CampaignFileError(_cannot_open(name, json_error_words(exc)), details=str(exc)) from None
        raise CampaignFileError(_cannot_open(name, str(exc)), details=repr(exc)) from None
    except (ValueError, RecursionError) as exc:  # not expected within the bounds above; said plainly all the same
        said = tr("{name} is damaged and cannot be read.").format(name=name)
        raise CampaignFileError(said, details=repr(exc)) from None
    reason = _beyond_bounds(data)
    if reason is not None:
        raise CampaignFileError(_cannot_open(name, reason))
    document = document_from_json(data, default_time_zone=default_time_zone, local_time_zone=local_time_zone)
    if is_bare_request(data):
        document.note = bare_request_note(name, document.time_zone)
    return document


def save_campaign_file(path: str | os.PathLike[str], document: CampaignDocument) -> None:
    """Write the document atomically (temporary file, then rename)."""
    write_atomic(path, document.to_bytes())
