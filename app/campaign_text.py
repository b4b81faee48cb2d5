"""A campaign the server returned, described in plain words (shared by the terminal and the window)."""

from __future__ import annotations

from typing import Any

from app.api.models import CampaignInfo


def _or_dash(value: Any) -> str:
    return "—" if value is None or value == "" else str(value)


def format_price(price: float | None, currency: str | None) -> str:
    if price is None:
        return "not given"
    text = f"{price:.4f}".rstrip("0").rstrip(".") if price else "0"
    return f"{text} {currency}" if currency else text


def campaign_rows(info: CampaignInfo) -> list[tuple[str, str]]:
    """Label/value pairs describing a campaign, in reading order."""
    return [
        ("ID", _or_dash(info.id)),
        ("Name", _or_dash(info.name)),
        ("Status", _or_dash(info.status)),
        ("RCS agent", _or_dash(info.sender)),
        ("Planned start", _or_dash(info.start_at)),
        ("Actual start", _or_dash(info.real_start_at)),
        ("RCS delivered / sent", f"{_or_dash(info.delivered)} / {_or_dash(info.sent)}"),
        ("SMS delivered / sent", f"{_or_dash(info.sms_delivered)} / {_or_dash(info.sms_sent)}"),
        ("Estimated price", format_price(info.price, info.currency)),
    ]
