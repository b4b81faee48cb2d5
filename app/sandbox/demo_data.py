"""The demo account's contents: contact lists, SMS senders, money, and campaigns made elsewhere.

List JSON is encoded once, so a page of 500 lists is a byte join (fast enough for 10,000 lists).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

ACCOUNT_ID = 208
CURRENCY = "USD"
INITIAL_BALANCE = 250.0
CREDIT = 0.0
RCS_PRICE = 0.0175696  # per delivered RCS message (the documentation's example estimate)
SMS_PRICE = 0.0162  # per delivered SMS part

FIRST_LIST_ID = 1864601
FIRST_GENERATED_LIST_ID = 2000001
FIRST_CAMPAIGN_ID = 53708801

# name, contacts, stop-list count, description, created_at
DEMO_LISTS: tuple[tuple[str, int, int, str | None, str], ...] = (
    ("Staff test phones", 40, 0, "Our own phones for test sends", "2024-09-02 10:12:44"),
    ("Newsletter subscribers", 4800, 37, "Signed up with the form in the website footer", "2024-09-16 08:30:05"),
    ("VIP customers", 240, 2, "Spent over 20,000 UAH in the last 12 months", "2024-10-01 14:03:51"),
    ("Kyiv store visitors", 1350, 11, "Loyalty card scans in the Kyiv stores", "2024-10-21 09:47:18"),
    ("Lviv store visitors", 860, 5, None, "2024-10-21 09:52:40"),
    ("Black Friday 2024 buyers", 2975, 19, None, "2024-12-02 07:15:09"),
    ("Loyalty programme: gold", 412, 1, "Gold tier members", "2025-01-13 12:20:33"),
    ("Import XLS", 12000, 140, None, "2025-02-27 11:48:13"),
    ("Odesa pop-up event leads", 188, 3, "Collected at the pop-up stand", "2025-03-08 16:05:27"),
    ("Lapsed customers (no purchase 6+ months)", 3320, 44, None, "2025-03-24 10:00:02"),
    ("Mobile app users", 1980, 12, "Opted in to promotional messages in the app", "2025-04-02 18:41:56"),
    ("Abandoned carts (last 30 days)", 615, 0, "Exported from the shop every Monday", "2025-04-14 06:30:00"),
)

# id, sender, status, country, is_default, created_at
SMS_SENDERS: tuple[tuple[int, str, str, str | None, bool, str], ...] = (
    (1, "WWTshop", "active", None, True, "2024-09-02 10:05:12"),
    (2, "Promo", "active", None, False, "2024-09-02 10:06:40"),
    (3, "380671112233", "active", "UA", False, "2024-11-18 13:22:09"),
    (4, "NewBrand", "registering", None, False, "2025-04-10 09:00:00"),
)
VIBER_SENDERS: tuple[tuple[int, str, str, str | None, bool, str], ...] = (
    (11, "WWTshop", "active", None, True, "2024-09-05 11:30:00"),
)


@dataclass(frozen=True)
class ListInfo:
    """What the campaign logic needs to know about a list."""

    id: int
    name: str
    contacts: int
    stop_list_count: int


class ListCatalog:
    """The account's contact lists, newest first, with their JSON encoded once."""

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        rows = sorted(rows, key=lambda row: row["id"], reverse=True)
        self._encoded = [json.dumps(row, separators=(",", ":")).encode("ascii") for row in rows]
        self._index = {row["id"]: i for i, row in enumerate(rows)}
        self._info = {row["id"]: ListInfo(row["id"], row["name"], row["items"], row["stop_list_count"]) for row in rows}

    def __len__(self) -> int:
        return len(self._encoded)

    def info(self, list_id: int) -> ListInfo | None:
        return self._info.get(list_id)

    def page_body(self, offset: int, limit: int) -> bytes:
        """The whole ``{"data": [...], "total": N}`` answer for one page."""
        chunk = b",".join(self._encoded[offset : offset + limit])
        return b'{"data":[' + chunk + b'],"total":' + str(len(self._encoded)).encode("ascii") + b"}"

    def item_body(self, list_id: int) -> bytes | None:
        index = self._index.get(list_id)
        if index is None:
            return None
        return b'{"data":' + self._encoded[index] + b"}"


def _row(
    list_id: int, name: str, items: int, stop: int, description: str | None, created: str, default: bool
) -> dict[str, Any]:
    return {
        "id": list_id,
        "name": name,
        "description": description,
        "default": default,
        "created_at": created,
        "items": items,
        "stop_list_count": stop,
    }


def demo_lists() -> list[dict[str, Any]]:
    """The dozen realistic lists of the demo account."""
    return [
        _row(FIRST_LIST_ID + i, name, items, stop, description, created, default=(i == 1))
        for i, (name, items, stop, description, created) in enumerate(DEMO_LISTS)
    ]


def generated_lists(count: int) -> list[dict[str, Any]]:
    """``count`` plain lists for load tests: varied sizes, some described, all distinct names."""
    base = datetime(2023, 1, 2, 9, 0, 0)  # noqa: DTZ001 - the server writes wall-clock times in the account's zone
    rows = []
    for i in range(count):
        created = (base + timedelta(minutes=37 * i)).strftime("%Y-%m-%d %H:%M:%S")
        items = 10 + (i * 7919) % 4991
        description = f"Segment {i % 17 + 1} export" if i % 3 == 0 else None
        rows.append(
            _row(
                FIRST_GENERATED_LIST_ID + i,
                f"List {i + 1:05d} / {created[:10]}",
                items,
                i % 7,
                description,
                created,
                False,
            )
        )
    return rows


def build_catalog(list_count: int | None) -> ListCatalog:
    return ListCatalog(demo_lists() if list_count is None else generated_lists(list_count))


def sender_rows(kind: str) -> list[dict[str, Any]]:
    table = SMS_SENDERS if kind == "sms" else VIBER_SENDERS
    return [
        {"id": i, "sender": name, "status": status, "country": country, "is_default": default, "created_at": created}
        for i, name, status, country, default, created in table
    ]


def active_sms_senders() -> frozenset[str]:
    return frozenset(name for _, name, status, _, _, _ in SMS_SENDERS if status == "active")


@dataclass(frozen=True)
class SeedCampaign:
    """A campaign the demo account made in the web account before the app was opened."""

    name: str
    sender: str
    message_type: str
    contacts: int
    created_days_ago: float
    start_in_days: float | None  # planned start relative to now; None = started when created
    stopped_days_ago: float | None = None
    sms_fallback_sender: str | None = None


SEED_CAMPAIGNS: tuple[SeedCampaign, ...] = (
    SeedCampaign("Weekend offer (SMS)", "WWTshop", "sms", 860, 6.2, None),
    SeedCampaign("Summer collection teaser", "WWTshop_RCS", "rcs", 238, 3.1, None, sms_fallback_sender="WWTshop"),
    SeedCampaign("Old promo (cancelled)", "WWTshop_RCS", "rcs", 412, 10.0, -9.0, stopped_days_ago=9.5),
    SeedCampaign("Gold members: early access", "WWTshop_RCS", "rcs", 411, 0.05, 2.0, sms_fallback_sender="Promo"),
)
