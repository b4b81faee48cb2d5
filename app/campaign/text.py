"""A campaign the server returned, described in plain words (shared by the terminal and the window)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from app.campaign.clock_words import server_time_text
from app.campaign.statuses import status_words

if TYPE_CHECKING:  # only named in a signature: rcs-desk validate does not import the API's models
    from app.api.models import CampaignInfo

NAME_SHOWN_CHARS = 80


def _or_dash(value: Any) -> str:
    return "—" if value is None or value == "" else str(value)


def short_name(name: str, limit: int = NAME_SHOWN_CHARS) -> str:
    """A name as shown in a table or a line: its first line, ended in "…" past ``limit`` characters."""
    line = name.strip().splitlines()[0] if name.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def count_words(value: int | None) -> str:
    """A count as every view writes it, the thousands separated: ``1,262``; ``—`` when not known."""
    return "—" if value is None else f"{value:,}"


def pair_words(first: int | None, second: int | None) -> str:
    """Two counts such as delivered / sent: ``1,262 / 1,577``; ``—`` when neither is known."""
    if first is None and second is None:
        return "—"
    return f"{count_words(first)} / {count_words(second)}"


def format_price(price: float | None, currency: str | None) -> str:
    if price is None:
        return "not given"
    if not price:
        text = "0"
    elif abs(price) >= 1:
        text = f"{price:,.2f}"
    else:  # fractions of a cent matter for one message's price
        text = f"{price:.4f}".rstrip("0").rstrip(".")
    return f"{text} {currency}" if currency else text


def _moment(value: str | None, time_zone: str | None, local_zone: str | None, now: datetime | None) -> str:
    if not value:
        return "—"
    return server_time_text(value, time_zone, local_zone, now=now) if time_zone else value


def campaign_rows(
    info: CampaignInfo, time_zone: str | None = None, local_zone: str | None = None, *, now: datetime | None = None
) -> list[tuple[str, str]]:
    """Label/value pairs describing a campaign, in reading order. ``time_zone`` is the account's: the
    server gives its times in it; they are said in it, then on this computer (``local_zone``) when the
    clock there differs, as everywhere (``app.campaign.clock_words``)."""
    return [
        ("ID", _or_dash(info.id)),
        ("Status", status_words(info.status)),
        ("RCS agent", _or_dash(info.sender)),
        ("Planned start", _moment(info.start_at, time_zone, local_zone, now)),
        (
            "Actual start",
            _moment(info.real_start_at, time_zone, local_zone, now) if info.real_start_at else "not started yet",
        ),
        ("RCS delivered / sent", pair_words(info.delivered, info.sent)),
        ("SMS delivered / sent", pair_words(info.sms_delivered, info.sms_sent)),
        ("Estimated price", format_price(info.price, info.currency)),
        ("Name on the server", _or_dash(short_name(info.name) if info.name else None)),
    ]
