"""What the history holds about one campaign: ``HistoryRecord`` and its statuses."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app import limits
from app.api.models import CampaignDetail, CampaignInfo, as_float, counters
from app.campaign_file import CampaignDocument, ListInfo

ORIGIN_LOCAL = "this computer"
ORIGIN_WEB = "web account"
STATUS_UNKNOWN_OUTCOME = "unknown outcome"
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
    return moment.astimezone(timezone.utc).replace(microsecond=0).isoformat()


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
    return wall.astimezone(timezone.utc)


def _loads(text: str | None) -> dict[str, Any] | None:
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
        return sum(sizes) if sizes and all(size is not None for size in sizes) else None  # type: ignore[misc]

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
        """A name to show: the server's, else the first card's title or the message text."""
        if self.name:
            return self.name
        options = (self.request or {}).get("options")
        if isinstance(options, dict):
            cards = options.get("cards")
            first = cards[0] if isinstance(cards, list) and cards and isinstance(cards[0], dict) else {}
            for text in (first.get("title"), first.get("text"), options.get("text")):
                if isinstance(text, str) and text.strip():
                    line = text.strip().splitlines()[0]
                    return line if len(line) <= 60 else line[:59] + "…"
        return "Campaign"

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
        record_id, origin, server, campaign_id, name, sender, status, sent_at, sent_by, time_zone,
        request_json, campaign_json, latest_json, delivered, sent, read, failed, sms_delivered, sms_sent,
        price, currency, total_price, start_at, real_start_at, finished_at, refreshed_at, refresh_problem,
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
        request=_loads(request_json),
        campaign=_loads(campaign_json),
        latest=_loads(latest_json),
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


def dumps(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=False)


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
