"""A plain-words summary of what a send will do, for the confirmation the user answers."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from app.campaign import limits
from app.campaign.clock_words import planned_time_text
from app.campaign.file import CampaignDocument
from app.campaign.sms import count_sms
from app.campaign.time_zones import zone_info
from app.language import tr, tr_c, tr_n
from app.language.formats import format_count, format_decimal, number_style
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


def when_text(
    document: CampaignDocument,
    local_zone: str,
    account_zone: str | None = None,
    *,
    now: datetime | None = None,
    asked: bool = True,
) -> str:
    """When the campaign starts, as every place says it: in the account's zone (``account_zone``, where
    the request will put it; the document's own zone when not given), then on this computer. When the
    file's zone (where the user typed the time) shows another clock than the account's, the time is said
    there first: ``Sat 26 Dec, 10:30, Kyiv time (UTC+2) — in the account's time zone: 08:30, UTC``.
    ``asked``: the user is asked to confirm first (not so with ``rcs-desk send --yes``)."""
    start = document.campaign.start_at
    if start is None:
        # Translators: --yes is the option's name: keep it as it is.
        return tr("Now, as soon as you confirm") if asked else tr("Now (confirmed with --yes)")
    zone = account_zone or document.time_zone
    try:  # the wall time the request carries, read as the server reads it
        sent = start_at_in_zone(start, document.time_zone, zone).replace(fold=0)
    except RepeatedHour:  # refused before sending (prepare_send says why): the moment as planned
        sent = start.replace(tzinfo=zone_info(document.time_zone))
    return planned_time_text(sent, zone, local_zone, now=now, file_zone=document.time_zone)


def message_text(document: CampaignDocument) -> str:
    options = document.campaign.options
    if options is None or options.cards is None:
        return tr("Plain text message")
    cards = len(options.cards)
    buttons = sum(len(card.suggestions or ()) for card in options.cards)
    if cards == 1:
        kind = tr("Rich card")
    else:
        kind = tr_n("Carousel of {count} card", "Carousel of {count} cards", cards).format(count=format_count(cards))
    if not buttons:
        return kind
    button_count = tr_n("{count} button", "{count} buttons", buttons).format(count=format_count(buttons))
    return f"{kind}, {button_count}"


def known_contacts(document: CampaignDocument) -> int | None:
    """The contacts of all the campaign's lists, when every list's count is known; else None."""
    counts = document.list_contacts().values()
    known = [count for count in counts if count is not None]
    return sum(known) if counts and len(known) == len(counts) else None


def send_summary(
    document: CampaignDocument, *, local_zone: str, account_zone: str | None = None, asked: bool = True
) -> list[SummaryLine]:
    """What will happen, line by line: agent, lists and contacts, when, message, fallback (``asked``: see
    ``when_text``)."""
    campaign = document.campaign
    names = [
        (
            info.name
            if (info := document.lists.get(gid)) is not None and info.name
            else tr("List {number}").format(number=gid)
        )
        for gid in campaign.groups
    ]
    count = len(campaign.groups)
    recipients = tr_n("{count} list", "{count} lists", count).format(count=format_count(count))
    total = known_contacts(document)
    if total is not None:
        contacts = tr_n("{count} contact", "{count} contacts", total).format(count=format_count(total))
        recipients = f"{recipients}, {contacts}"
    hours = campaign.validity or limits.VALIDITY_DEFAULT_HOURS
    lines = [
        SummaryLine(tr("RCS agent"), campaign.sender or "—"),
        SummaryLine(tr_c("send summary", "To"), f"{recipients}: {', '.join(names)}" if names else recipients),
        SummaryLine(tr_c("send summary", "When"), when_text(document, local_zone, account_zone, asked=asked)),
        SummaryLine(tr("Message"), message_text(document)),
        SummaryLine(
            tr("Keep trying for"), tr_n("{count} hour", "{count} hours", hours).format(count=format_count(hours))
        ),
    ]
    sms = campaign.sms
    if sms is None:
        lines.append(SummaryLine(tr("SMS fallback"), tr("Off: phones without RCS get nothing")))
    else:
        parts = count_sms(sms.text or "").parts
        on = tr("On, from {sender}: {count} SMS to each phone without RCS").format(
            sender=sms.sender or "—", count=parts
        )
        lines.append(SummaryLine(tr("SMS fallback"), on))
    return lines


@dataclass(frozen=True)
class ProblemGroup:
    """Problems said once for the places they concern: ``"Cards 1, 2 and 5"`` and what is wrong there.

    Each problem's message starts with its place inside the card (``"Button 1: ..."``) when it has one.
    """

    place: str
    problems: tuple[Problem, ...]


# The window's order of places, by the first member of a problem's path (a card comes after its message).
_SECTION_RANK = {
    "sender": 0,
    "options": 1,
    "groups": 3,
    "start_at": 4,
    "validity": 4,
    "time_zone": 4,
    "alternative_channel": 5,
}
_CARD_RANK = 2
_CARD_PATH = re.compile(r"options\.cards\[(\d+)\](?=\.|$)")
_ROOT = re.compile(r"[A-Za-z_]*")


def _card_number(path: str) -> int | None:
    """The number (from 1) of the card ``path`` is in, as the window counts them; None outside the cards."""
    match = _CARD_PATH.match(path)
    return int(match.group(1)) + 1 if match else None


def _place_rank(path: str) -> tuple[int, int]:
    """Where the place of ``path`` comes in the window: its part, then its card's number (read from the path,
    not from the place's words, which are in the user's language)."""
    number = _card_number(path)
    if number is not None:
        return _CARD_RANK, number
    root = _ROOT.match(path)
    return _SECTION_RANK.get(root.group(0) if root else "", len(_SECTION_RANK) + 1), 0


def group_by_place(problems: Iterable[Problem]) -> list[ProblemGroup]:
    """Problems grouped by card or part of the campaign, a message repeated on several cards said once.

    Groups follow the window: the agent, the message and its cards by number, then the recipients,
    the schedule and the SMS fallback. Errors come before warnings in each group.
    """
    places_of: dict[Problem, list[tuple[tuple[int, int], str]]] = {}
    for problem in problems:
        top, *inner = place_parts(problem.path)
        message = problem.message
        if inner and not starts_with_place(message, inner[0]):
            message = f"{inner[0][:1].upper()}{inner[0][1:]}: {message}"
        said = replace(problem, path="", message=message)
        places = places_of.setdefault(said, [])
        place = (_place_rank(problem.path), top)
        if place not in places:
            places.append(place)
    groups: dict[tuple[tuple[tuple[int, int], str], ...], list[Problem]] = {}
    for said, places in places_of.items():
        groups.setdefault(tuple(places), []).append(said)
    ordered = sorted(groups.items(), key=lambda item: min(rank for rank, _ in item[0]))
    return [
        ProblemGroup(_join_places(places), tuple(sorted(said, key=lambda p: not p.is_error)))
        for places, said in ordered
    ]


def _join_places(places: tuple[tuple[tuple[int, int], str], ...]) -> str:
    """Cards 1, 2 and 5 as ``"Cards 1, 2 and 5"``; other places joined as they are named."""
    if len(places) > 1 and all(rank[0] == _CARD_RANK for rank, _ in places):
        # Translators: a heading of problems shared by several cards: "Cards 1, 2 and 5".
        return tr("Cards {numbers}").format(numbers=_and([str(rank[1]) for rank, _ in places]))
    return _and([words for _, words in places])


def _picture_cards(problems: Iterable[Problem]) -> list[int]:
    """The numbers of the cards whose pictures ``problems`` are about; [] when one is not a card's."""
    numbers = list(dict.fromkeys(_card_number(problem.path) for problem in problems))
    return [] if None in numbers else [number for number in numbers if number is not None]


def pictures_words(problems: Iterable[Problem]) -> str:
    """``"card 2's picture"``, ``"the pictures of cards 1 and 3"``; "" when a problem is not a card's."""
    numbers = _picture_cards(problems)
    if not numbers:
        return ""
    if len(numbers) == 1:
        return tr("card {number}'s picture").format(number=numbers[0])
    return tr("the pictures of cards {numbers}").format(numbers=_and([str(n) for n in numbers]))


def send_anyway_text(problems: Iterable[Problem]) -> str:
    """The tick that overrides pictures proved not to show: ``"Send anyway: card 2's picture will not show"``."""
    numbers = _picture_cards(problems)
    if not numbers:
        return tr("Send anyway, despite the problems marked ✖ above")
    if len(numbers) == 1:
        return tr("Send anyway: card {number}'s picture will not show").format(number=numbers[0])
    return tr("Send anyway: the pictures of cards {numbers} will not show").format(
        numbers=_and([str(n) for n in numbers])
    )


def _and(words: list[str]) -> str:
    """``["1", "2", "5"]`` -> ``"1, 2 and 5"``."""
    if len(words) == 1:
        return words[0]
    # Translators: the end of a list, such as card numbers: "1, 2 and 5" ({items} is "1, 2").
    return tr("{items} and {last}").format(items=", ".join(words[:-1]), last=words[-1])


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
    # A balance always with its cents ("0.00 UAH"), unlike a price (``format_money``).
    money = format_decimal(balance, 2) + (f"{number_style().currency_gap}{currency}" if currency else "")
    if available <= 0:
        return tr(
            "Your balance is {money}: the campaign will pause as soon as it starts. Top up your account first."
        ).format(money=money)
    if contacts and available < contacts * ROUGH_PRICE_PER_MESSAGE:
        return tr_n(
            "Your balance ({money}) may not cover {count} message: the campaign pauses when the money runs out.",
            "Your balance ({money}) may not cover {count} messages: the campaign pauses when the money runs out.",
            contacts,
        ).format(money=money, count=format_count(contacts))
    return ""
