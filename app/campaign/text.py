"""A campaign the server returned, described in plain words (shared by the terminal and the window)."""

from __future__ import annotations

from typing import Any

from app.api.models import CampaignInfo

NAME_SHOWN_CHARS = 80


def _or_dash(value: Any) -> str:
    return "—" if value is None or value == "" else str(value)


def short_name(name: str, limit: int = NAME_SHOWN_CHARS) -> str:
    """A name as shown in a table or a line: its first line, ended in "…" past ``limit`` characters."""
    line = name.strip().splitlines()[0] if name.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


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


# The server's campaign statuses in plain words (the Campaigns view has the same, translated).
STATUS_WORDS = {
    "creation": "Being created",
    "scheduled": "Scheduled",
    "sending": "Sending",
    "done": "Done",
    "paused": "Paused (balance ran out?)",
    "stopped": "Stopped",
    "spam": "Blocked as spam",
    "moderation": "Waiting for approval",
}


def status_words(status: str | None) -> str:
    if not status:
        return "—"
    return STATUS_WORDS.get(status, status.replace("_", " ").capitalize())


def _moment(value: str | None, time_zone: str | None) -> str:
    if not value:
        return "—"
    return f"{value} ({time_zone})" if time_zone else value


def campaign_rows(info: CampaignInfo, time_zone: str | None = None) -> list[tuple[str, str]]:
    """Label/value pairs describing a campaign, in reading order. ``time_zone`` is the account's:
    the server gives its times in it, and they are shown with its name."""
    return [
        ("ID", _or_dash(info.id)),
        ("Status", status_words(info.status)),
        ("RCS agent", _or_dash(info.sender)),
        ("Planned start", _moment(info.start_at, time_zone)),
        ("Actual start", _moment(info.real_start_at, time_zone) if info.real_start_at else "not started yet"),
        ("RCS delivered / sent", f"{_or_dash(info.delivered)} / {_or_dash(info.sent)}"),
        ("SMS delivered / sent", f"{_or_dash(info.sms_delivered)} / {_or_dash(info.sms_sent)}"),
        ("Estimated price", format_price(info.price, info.currency)),
        ("Name on the server", _or_dash(short_name(info.name) if info.name else None)),
    ]
