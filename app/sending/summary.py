"""A plain-words summary of what a send will do, for the confirmation the user answers."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from app.campaign import limits
from app.campaign.file import CampaignDocument
from app.campaign.sms import count_sms


@dataclass(frozen=True)
class SummaryLine:
    label: str
    value: str


def body_fingerprint(body: dict[str, Any]) -> str:
    """Identifies a request body: the same campaign sent twice has the same fingerprint."""
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _plural(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}"


def when_text(document: CampaignDocument, local_zone: str) -> str:
    start = document.campaign.start_at
    if start is None:
        return "Now, as soon as you confirm"
    text = f"{start:%A %d %B %Y, %H:%M} ({document.time_zone})"
    if local_zone != document.time_zone:
        local = start.replace(tzinfo=ZoneInfo(document.time_zone)).astimezone(ZoneInfo(local_zone))
        text += f" = {local:%a %d %b, %H:%M} on this computer"
    return text


def message_text(document: CampaignDocument) -> str:
    options = document.campaign.options
    if options is None or options.cards is None:
        return "Plain text message"
    cards = len(options.cards)
    buttons = sum(len(card.suggestions or ()) for card in options.cards)
    kind = "Rich card" if cards == 1 else f"Carousel of {cards} cards"
    return f"{kind}, {_plural(buttons, 'button', 'buttons')}" if buttons else kind


def send_summary(document: CampaignDocument, *, local_zone: str) -> list[SummaryLine]:
    """What will happen, line by line: agent, lists and contacts, when, message, fallback."""
    campaign = document.campaign
    lists = document.list_contacts()
    names = [
        (info.name if (info := document.lists.get(gid)) is not None and info.name else f"List {gid}")
        for gid in campaign.groups
    ]
    known = [count for count in lists.values() if count is not None]
    recipients = _plural(len(campaign.groups), "list", "lists")
    if len(known) == len(lists) and lists:
        recipients += f", {_plural(sum(known), 'contact', 'contacts')}"
    lines = [
        SummaryLine("RCS agent", campaign.sender or "—"),
        SummaryLine("To", f"{recipients}: {', '.join(names)}" if names else recipients),
        SummaryLine("When", when_text(document, local_zone)),
        SummaryLine("Message", message_text(document)),
        SummaryLine(
            "Tries to deliver for", _plural(campaign.validity or limits.VALIDITY_DEFAULT_HOURS, "hour", "hours")
        ),
    ]
    sms = campaign.sms
    if sms is None:
        lines.append(SummaryLine("SMS fallback", "Off: phones without RCS get nothing"))
    else:
        count = count_sms(sms.text or "")
        parts = _plural(count.parts, "part", "parts")
        lines.append(SummaryLine("SMS fallback", f"On, from {sms.sender or '—'}: {parts}, {count.encoding}"))
    return lines


def is_scheduled(document: CampaignDocument) -> bool:
    return document.campaign.start_at is not None


# A rough price of one RCS message with its fallback, used only to warn that the balance looks low
# before sending: the server gives the real estimate (calculated_price) only once the campaign exists.
ROUGH_PRICE_PER_MESSAGE = 0.02


def balance_caution(balance: float | None, credit: float | None, currency: str | None, contacts: int | None) -> str:
    """A warning when the account's money looks too little for the campaign, else ""."""
    if balance is None:
        return ""
    available = balance + (credit or 0)
    money = f"{balance:,.2f} {currency or ''}".strip()
    if available <= 0:
        return f"Your balance is {money}: the campaign will pause as soon as it starts. Top up your account first."
    if contacts and available < contacts * ROUGH_PRICE_PER_MESSAGE:
        return (
            f"Your balance ({money}) may not cover {contacts:,} messages: the campaign pauses when the money runs out."
        )
    return ""
