"""A plain-words summary of what a send will do, for the confirmation the user answers."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from app.campaign import limits
from app.campaign.clock_words import planned_time_text
from app.campaign.file import CampaignDocument
from app.campaign.sms import count_sms
from app.campaign.time_zones import zone_info
from app.sending.body import RepeatedHour, start_at_in_zone
from app.validation import Problem
from app.validation.places import place_parts, starts_with_place


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


def when_text(
    document: CampaignDocument, local_zone: str, account_zone: str | None = None, *, now: datetime | None = None
) -> str:
    """When the campaign starts, as every place says it: in the account's zone (``account_zone``, where
    the request will put it; the document's own zone when not given), then on this computer."""
    start = document.campaign.start_at
    if start is None:
        return "Now, as soon as you confirm"
    zone = account_zone or document.time_zone
    try:  # the wall time the request carries, read as the server reads it
        sent = start_at_in_zone(start, document.time_zone, zone).replace(fold=0)
    except RepeatedHour:  # refused before sending (prepare_send says why): the moment as planned
        return planned_time_text(start.replace(tzinfo=zone_info(document.time_zone)), zone, local_zone, now=now)
    return planned_time_text(sent, zone, local_zone, now=now)


def message_text(document: CampaignDocument) -> str:
    options = document.campaign.options
    if options is None or options.cards is None:
        return "Plain text message"
    cards = len(options.cards)
    buttons = sum(len(card.suggestions or ()) for card in options.cards)
    kind = "Rich card" if cards == 1 else f"Carousel of {cards} cards"
    return f"{kind}, {_plural(buttons, 'button', 'buttons')}" if buttons else kind


def send_summary(document: CampaignDocument, *, local_zone: str, account_zone: str | None = None) -> list[SummaryLine]:
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
        SummaryLine("When", when_text(document, local_zone, account_zone)),
        SummaryLine("Message", message_text(document)),
        SummaryLine("Keep trying for", _plural(campaign.validity or limits.VALIDITY_DEFAULT_HOURS, "hour", "hours")),
    ]
    sms = campaign.sms
    if sms is None:
        lines.append(SummaryLine("SMS fallback", "Off: phones without RCS get nothing"))
    else:
        parts = count_sms(sms.text or "").parts
        lines.append(
            SummaryLine("SMS fallback", f"On, from {sms.sender or '—'}: {parts} SMS to each phone without RCS")
        )
    return lines


@dataclass(frozen=True)
class ProblemGroup:
    """Problems said once for the places they concern: ``"Cards 1, 2 and 5"`` and what is wrong there.

    Each problem's message starts with its place inside the card (``"Button 1: ..."``) when it has one.
    """

    place: str
    problems: tuple[Problem, ...]


def group_by_place(problems: Iterable[Problem]) -> list[ProblemGroup]:
    """Problems grouped by card or part of the campaign, a message repeated on several cards said once.

    Groups follow the window: the agent, the message and its cards by number, then the recipients,
    the schedule and the SMS fallback. Errors come before warnings in each group.
    """
    places_of: dict[Problem, list[str]] = {}
    for problem in problems:
        top, *inner = place_parts(problem.path)
        message = problem.message
        if inner and not starts_with_place(message, inner[0]):
            message = f"{inner[0][:1].upper()}{inner[0][1:]}: {message}"
        said = replace(problem, path="", message=message)
        places = places_of.setdefault(said, [])
        if top not in places:
            places.append(top)
    groups: dict[tuple[str, ...], list[Problem]] = {}
    for said, places in places_of.items():
        groups.setdefault(tuple(places), []).append(said)
    ordered = sorted(groups.items(), key=lambda item: min(_place_rank(place) for place in item[0]))
    return [
        ProblemGroup(_join_places(places), tuple(sorted(said, key=lambda p: not p.is_error)))
        for places, said in ordered
    ]


_PLACE_ORDER = ("RCS agent", "Message", "Card", "Recipients", "Schedule", "SMS fallback")


def _place_rank(place: str) -> tuple[int, int]:
    if place.startswith("Card ") and place[5:].isdigit():
        return _PLACE_ORDER.index("Card"), int(place[5:])
    return (_PLACE_ORDER.index(place) if place in _PLACE_ORDER else len(_PLACE_ORDER)), 0


def pictures_words(problems: Iterable[Problem]) -> str:
    """``"card 2's picture"``, ``"the pictures of cards 1 and 3"``; "" when a problem is not a card's."""
    tops = list(dict.fromkeys(place_parts(problem.path)[0] for problem in problems))
    numbers = [top[5:] for top in tops if top.startswith("Card ") and top[5:].isdigit()]
    if not tops or len(numbers) < len(tops):
        return ""
    if len(numbers) == 1:
        return f"card {numbers[0]}'s picture"
    return f"the pictures of cards {_and(numbers)}"


def send_anyway_text(problems: Iterable[Problem]) -> str:
    """The tick that overrides pictures proved not to show: ``"Send anyway: card 2's picture will not show"``."""
    words = pictures_words(problems)
    return f"Send anyway: {words} will not show" if words else "Send anyway, despite the problems marked ✖ above"


def _join_places(places: tuple[str, ...]) -> str:
    """``("Card 1", "Card 2", "Card 5")`` -> ``"Cards 1, 2 and 5"``; other places joined as they are."""
    if len(places) > 1 and all(place.startswith("Card ") and place[5:].isdigit() for place in places):
        return "Cards " + _and([place[5:] for place in places])
    return _and(list(places))


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


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
