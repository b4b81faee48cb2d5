"""What the history holds about one campaign: ``HistoryRecord`` and its statuses."""

from __future__ import annotations

import json
import math
import re
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.api.models import CampaignDetail, CampaignInfo, as_dict, as_float, counters
from app.campaign import limits, statuses
from app.campaign.file import CampaignDocument, ListInfo
from app.campaign.text import short_name
from app.language import tr

ORIGIN_LOCAL = "this computer"
ORIGIN_WEB = "web account"
STATUS_UNKNOWN_OUTCOME = statuses.STATUS_UNKNOWN_OUTCOME  # one name for it, shared with the status words
# Statuses that may still change: worth asking the server about again.
ACTIVE_STATUSES = frozenset({"creation", "scheduled", "sending", "paused", "moderation"})

COLUMNS = (
    "id, origin, server, campaign_id, name, sender, status, sent_at, sent_by, time_zone, request_json, "
    "campaign_json, latest_json, delivered, sent, read, failed, sms_delivered, sms_sent, price, currency, "
    "total_price, start_at, real_start_at, finished_at, refreshed_at, refresh_problem"
)


def utc_iso(moment: datetime) -> str:
    """An aware moment as UTC ISO 8601 to the second: ``2025-03-01T10:00:00+00:00`` (sorts as text)."""
    if moment.tzinfo is None:
        raise ValueError("an aware datetime is needed")
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


def server_time_to_utc(text: str | None, time_zone: str | None) -> datetime | None:
    """A server time (``"yyyy-mm-dd hh:mm:ss"``, wall time in the account's zone) as aware UTC, or None."""
    if not text:
        return None
    try:
        wall = datetime.fromisoformat(text.strip().replace(" ", "T", 1))
    except ValueError:
        return None
    if wall.tzinfo is None:
        try:
            zone = ZoneInfo(time_zone or "UTC")
        except (ZoneInfoNotFoundError, ValueError):
            zone = ZoneInfo("UTC")
        wall = wall.replace(tzinfo=zone)
    return wall.astimezone(UTC)


def loads_object(text: str | None) -> dict[str, Any] | None:
    """A JSON object stored in a history column, or None when the column is empty or not such an object."""
    if text is None:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


@dataclass(frozen=True)
class HistoryRecord:
    """One campaign in the history.

    ``origin`` is ``"this computer"`` (sent from here: ``request`` is exactly what was sent) or
    ``"web account"`` (seen in the server's list; no request). ``status`` is the server's latest
    status, or ``"unknown outcome"`` when a send got no answer and no campaign was found yet
    (``campaign_id`` is then None). ``sent_at``/``refreshed_at`` are UTC ISO strings; ``start_at``,
    ``real_start_at`` and ``finished_at`` are the server's own strings (account time zone).
    ``server`` says where the campaign lives (the server address, or a demo session's label).
    ``price`` is the estimate given when it was sent; ``total_price`` the cost so far (detail call).
    ``refresh_problem`` is why the last refresh of this campaign failed (plain words), else None.
    """

    record_id: int
    origin: str
    server: str
    campaign_id: int | None
    name: str | None
    sender: str | None
    status: str
    sent_at: str
    sent_by: str | None
    time_zone: str | None
    request: dict[str, Any] | None
    campaign: dict[str, Any] | None
    latest: dict[str, Any] | None
    lists: dict[int, ListInfo] = field(default_factory=dict)
    delivered: int | None = None
    sent: int | None = None
    read: int | None = None
    failed: int | None = None
    sms_delivered: int | None = None
    sms_sent: int | None = None
    price: float | None = None
    currency: str | None = None
    total_price: str | None = None
    start_at: str | None = None
    real_start_at: str | None = None
    finished_at: str | None = None
    refreshed_at: str | None = None
    refresh_problem: str | None = None
    demo: bool = False

    @property
    def list_names(self) -> dict[int, str | None]:
        return {list_id: info.name for list_id, info in self.lists.items()}

    @property
    def contacts(self) -> int | None:
        """Contacts in the lists when sent (None when a list's size is not known)."""
        sizes = [info.contacts for info in self.lists.values()]
        known = [size for size in sizes if size is not None]
        return sum(known) if sizes and len(known) == len(sizes) else None

    @property
    def sent_at_utc(self) -> datetime:
        return datetime.fromisoformat(self.sent_at)

    @property
    def is_active(self) -> bool:
        """Still moving (worth refreshing): it has a campaign and its status may change."""
        return self.campaign_id is not None and self.status in ACTIVE_STATUSES

    @property
    def outcome_unknown(self) -> bool:
        return self.status == STATUS_UNKNOWN_OUTCOME

    @property
    def can_be_stopped(self) -> bool:
        return self.campaign_id is not None and self.status in limits.STOPPABLE_STATUSES

    @property
    def title(self) -> str:
        """A name to show: the server's, else the first card's title or the message text, else "Campaign"."""
        if self.name and self.name.strip():
            return short_name(self.name, 60)
        return self.message_title or tr("Campaign")

    @property
    def message_title(self) -> str | None:
        """The first card's title or the message text, shortened; None when the request has neither."""
        return self.message_line(60)

    def message_line(self, limit: int) -> str | None:
        """The first line of the first card's title or of the message text, ended in "…" past ``limit``
        characters; None when the request has neither."""
        options = (self.request or {}).get("options")
        if isinstance(options, dict):
            cards = options.get("cards")
            first = cards[0] if isinstance(cards, list) and cards and isinstance(cards[0], dict) else {}
            for text in (first.get("title"), first.get("text"), options.get("text")):
                if isinstance(text, str) and text.strip():
                    return short_name(text, limit)
        return None

    def to_json(self) -> dict[str, Any]:
        """Everything about the record as JSON data (for ``rcs-desk campaigns --json``)."""
        return {
            "record_id": self.record_id,
            "origin": self.origin,
            "campaign_id": self.campaign_id,
            "name": self.name,
            "sender": self.sender,
            "status": self.status,
            "sent_at": self.sent_at,
            "sent_by": self.sent_by,
            "time_zone": self.time_zone,
            "server": self.server,
            "demo": self.demo,
            "lists": [
                {"id": list_id, "name": info.name, "contacts": info.contacts} for list_id, info in self.lists.items()
            ],
            "delivered": self.delivered,
            "sent": self.sent,
            "read": self.read,
            "failed": self.failed,
            "sms_delivered": self.sms_delivered,
            "sms_sent": self.sms_sent,
            "price": self.price,
            "currency": self.currency,
            "total_price": self.total_price,
            "start_at": self.start_at,
            "real_start_at": self.real_start_at,
            "finished_at": self.finished_at,
            "refreshed_at": self.refreshed_at,
            "refresh_problem": self.refresh_problem,
            "request": self.request,
            "campaign": self.campaign,
            "latest": self.latest,
        }


def from_row(row: sqlite3.Row | tuple[Any, ...], lists: dict[int, ListInfo], *, demo: bool) -> HistoryRecord:
    (
        record_id,
        origin,
        server,
        campaign_id,
        name,
        sender,
        status,
        sent_at,
        sent_by,
        time_zone,
        request_json,
        campaign_json,
        latest_json,
        delivered,
        sent,
        read,
        failed,
        sms_delivered,
        sms_sent,
        price,
        currency,
        total_price,
        start_at,
        real_start_at,
        finished_at,
        refreshed_at,
        refresh_problem,
    ) = tuple(row)
    return HistoryRecord(
        record_id=record_id,
        origin=origin,
        server=server,
        campaign_id=campaign_id,
        name=name,
        sender=sender,
        status=status,
        sent_at=sent_at,
        sent_by=sent_by,
        time_zone=time_zone,
        request=loads_object(request_json),
        campaign=loads_object(campaign_json),
        latest=loads_object(latest_json),
        lists=lists,
        delivered=delivered,
        sent=sent,
        read=read,
        failed=failed,
        sms_delivered=sms_delivered,
        sms_sent=sms_sent,
        price=price,
        currency=currency,
        total_price=total_price,
        start_at=start_at,
        real_start_at=real_start_at,
        finished_at=finished_at,
        refreshed_at=refreshed_at,
        refresh_problem=refresh_problem,
        demo=demo,
    )


def lists_of(document: CampaignDocument) -> dict[int, ListInfo]:
    """What the document knows about each list the campaign goes to (for ``record_sent``)."""
    return {gid: document.lists.get(gid, ListInfo()) for gid in document.campaign.groups}


_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps(value: Any) -> str | None:
    if value is None:
        return None
    text = json.dumps(value, ensure_ascii=False, sort_keys=False)
    if _SURROGATE.search(text):  # SQLite text must be valid UTF-8: write such characters as \u escapes
        text = json.dumps(value, ensure_ascii=True, sort_keys=False)
    return text


# A server's answer is kept whole up to this size (a real one is 1-3 KiB); a larger one is cut down
# to the fields the program reads (``CampaignInfo``, ``CampaignDetail``) with a note saying so.
ANSWER_MAX_CHARS = 64 * 1024
SHORTENED_NOTE_KEY = "rcs_desk_note"
SHORTENED_NOTE = (
    "The server's answer was too large to keep whole (over 64 KiB): only the fields RCS Campaign Desk reads were kept."
)
_ANSWER_FIELDS = (
    "id",
    "name",
    "sender",
    "status",
    "message_type",
    "type",
    "start_at",
    "started_at",
    "real_start_at",
    "actual_start_at",
    "finished_at",
    "created_at",
    "calculated_price",
    "total_price",
    "currency",
    "total_messages",
    "total_phones",
)
_TEXT_MAX = 1000
_COUNTERS_MAX = 100
_NUMBER_MAX = 10**30


def dumps_answer(raw: Mapping[str, Any] | None) -> str | None:
    """A server's answer as the history keeps it: whole when its JSON is at most ``ANSWER_MAX_CHARS``,
    else only the fields the program reads plus a note (``SHORTENED_NOTE_KEY``) that it was shortened."""
    if raw is None:
        return None
    if not _larger_than(raw, ANSWER_MAX_CHARS):
        text = dumps(raw)
        if text is not None and len(text) <= ANSWER_MAX_CHARS:
            return text
    return dumps(shortened_answer(raw))


def shortened_answer(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of an answer the program reads, each bounded, and the note that it was shortened."""
    kept: dict[str, Any] = {}
    for key in _ANSWER_FIELDS:
        value = raw.get(key)
        if isinstance(value, str):
            kept[key] = value[:_TEXT_MAX]
        elif value is None or isinstance(value, bool):
            if key in raw:
                kept[key] = value
        elif _plain_number(value):
            kept[key] = value
    statistics = _bounded_counters(raw.get("statistics"))
    if statistics:
        kept["statistics"] = statistics
    channels = as_dict(raw.get("alternative_channels") or raw.get("alternative_channel"))
    sms = as_dict(channels.get("sms"))
    sms_statistics = _bounded_counters(sms.get("statistics") or sms.get("statistic"))
    if sms_statistics:
        kept["alternative_channels"] = {"sms": {"statistics": sms_statistics}}
    kept[SHORTENED_NOTE_KEY] = SHORTENED_NOTE
    return kept


def _plain_number(value: Any) -> bool:
    if isinstance(value, int):
        return abs(value) < _NUMBER_MAX
    return isinstance(value, float) and math.isfinite(value)


def _bounded_counters(value: Any) -> dict[str, int]:
    found = counters(value)
    return {key[:_TEXT_MAX]: number for key, number in list(found.items())[:_COUNTERS_MAX] if abs(number) < _NUMBER_MAX}


def _larger_than(value: Any, limit: int) -> bool:
    """Whether ``value`` as JSON is (about) over ``limit`` characters; stops counting once it is."""
    total = 0
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            total += len(item) + 2
        elif isinstance(item, Mapping):
            total += 2
            for key, child in item.items():
                total += (len(key) if isinstance(key, str) else 8) + 4
                stack.append(child)
                if total > limit:
                    return True
        elif isinstance(item, (list, tuple)):
            total += 2 + len(item)
            if total > limit:
                return True
            stack.extend(item)
        else:
            total += 8
        if total > limit:
            return True
    return False


def status_values(info: CampaignInfo) -> dict[str, Any]:
    """Columns a server answer updates (None = keep what is stored)."""
    statistics = info.statistics if isinstance(info, CampaignDetail) else counters(info.raw.get("statistics"))
    return {
        "status": info.status,
        "name": info.name,
        "sender": info.sender,
        "delivered": info.delivered,
        "sent": info.sent,
        "read": statistics.get("read"),
        "failed": statistics.get("failed"),
        "sms_delivered": info.sms_delivered,
        "sms_sent": info.sms_sent,
        "price": as_float(info.raw.get("calculated_price")),  # the estimate only; the cost is total_price
        "currency": info.currency,
        "total_price": info.total_price if isinstance(info, CampaignDetail) else None,
        "start_at": info.start_at,
        "real_start_at": info.real_start_at,
        "finished_at": info.finished_at,
    }
