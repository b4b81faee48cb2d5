"""Switching a message between plain text, a rich card and a carousel without losing typing.

Plain Python (no Qt): ``plan_switch`` builds the new ``Options`` and says what would be
removed, so the editor can ask the user before anything with content goes away.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.campaign import limits
from app.campaign.model import Card, MessageKind, Options


def card_has_content(card: Card) -> bool:
    """True when the user put anything into ``card`` (or the file had members we keep)."""
    return bool(
        card.title
        or card.text
        or card.media_url
        or (card.media is not None and card.media.extra)
        or card.suggestions
        or card.extra
    )


def card_parts_besides_text(card: Card) -> list[str]:
    """What a plain text message cannot keep from ``card``: its title, media, buttons."""
    parts = []
    if card.title:
        parts.append("title")
    if card.media_url or (card.media is not None and card.media.extra):
        parts.append("media")
    if card.suggestions:
        parts.append("buttons")
    return parts


def blank_card() -> Card:
    return Card(text="")


@dataclass
class SwitchPlan:
    """The message after a switch, and what the switch removes (empty lists: nothing is lost)."""

    options: Options
    kept: int | None = None  # index (in the old cards) of the card that stays, if any
    removed_cards: list[int] = field(default_factory=list)  # old indices of cards with content removed
    lost_parts: list[str] = field(default_factory=list)  # "title", "media", "buttons" of the kept card

    @property
    def loses_content(self) -> bool:
        return bool(self.removed_cards or self.lost_parts)


def _card_to_keep(cards: list[Card], preferred: int) -> int:
    """The card that survives a switch to one card: the only one with content, else ``preferred``."""
    with_content = [i for i, card in enumerate(cards) if card_has_content(card)]
    if len(with_content) == 1:
        return with_content[0]
    if 0 <= preferred < len(cards) and (not with_content or preferred in with_content):
        return preferred
    return with_content[0] if with_content else 0


def plan_switch(options: Options | None, target: MessageKind, preferred: int = 0) -> SwitchPlan:
    """How ``options`` becomes a message of kind ``target``; ``preferred`` is the card on screen."""
    options = options if options is not None else Options()
    extra = options.extra  # members we do not understand stay with the message
    cards = options.cards
    if target == "text":
        if cards is None:
            return SwitchPlan(Options(text=options.text if options.text is not None else "", extra=extra))
        if not cards:
            return SwitchPlan(Options(text="", extra=extra))
        keep = _card_to_keep(cards, preferred)
        removed = [i for i, card in enumerate(cards) if i != keep and card_has_content(card)]
        kept = cards[keep]
        return SwitchPlan(Options(text=kept.text or "", extra=extra), keep, removed, card_parts_besides_text(kept))
    if cards is None:
        first = Card(text=options.text or "")
        new_cards = [first] if target == "card" else [first, blank_card()]
        return SwitchPlan(Options(cards=new_cards, extra=extra))
    if target == "carousel":
        new_cards = list(cards)
        while len(new_cards) < limits.CAROUSEL_MIN:
            new_cards.append(blank_card())
        return SwitchPlan(Options(cards=new_cards, extra=extra))
    if not cards:
        return SwitchPlan(Options(cards=[blank_card()], extra=extra))
    keep = _card_to_keep(cards, preferred)
    removed = [i for i, card in enumerate(cards) if i != keep and card_has_content(card)]
    return SwitchPlan(Options(cards=[cards[keep]], extra=extra), keep, removed)
