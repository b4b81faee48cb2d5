"""Single messages of the simulated account, and what becomes of any message as time passes.

A message's fate is fixed by its slot in ``timeline``'s tables: delivered (and maybe read), not
delivered (the phone has no RCS: with a fallback it gets the SMS, without one it expires when its
validity ends) or failed. A single message (``POST /api/messages/rcs/send``) takes its slot from
its phone number, so the same test phone always behaves the same; message number ``i`` of a campaign
takes slot ``i``, so a campaign's messages agree with its counters (see ``campaign_messages``).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from app.sandbox import timeline
from app.sandbox.demo_data import CURRENCY, RCS_PRICE, SMS_PRICE

FIRST_MESSAGE_ID = 3272625601  # the documentation's example answer is 3272625619
SINGLE_SEND_S = 1.0  # a single message is handed to the network this long after it was accepted
SMS_ID_OFFSET = 10**13  # a fallback SMS's ID: its RCS message's ID plus this
DEFAULT_VALIDITY_H = 72
MAX_SINGLE_MESSAGES = 500  # kept in the account; beyond this the oldest finished ones are forgotten
FINAL_STATUSES = frozenset({"delivered", "read", "failed", "undelivered", "expired"})

if TYPE_CHECKING:
    from app.sandbox.campaigns import SimCampaign

Formatter = Callable[[datetime | None], str | None]


@dataclass(frozen=True)
class Fate:
    """What has happened to one message by some moment."""

    status: str
    sent: bool
    delivered: bool
    sms_status: str | None  # None: no SMS went out
    price: float  # what it costs: RCS while it may still be delivered, the SMS parts when it got the SMS

    def final(self) -> bool:
        return self.status in FINAL_STATUSES and self.sms_status in (None, "delivered", "undelivered")


def fate_at(
    slot: int,
    *,
    sent: bool,
    reported: bool,
    read: bool,
    sms_reported: bool,
    sms_parts: int,
    expired: bool,
    waiting: str,
) -> Fate:
    """The fate of the message in ``slot`` given which of its reports have arrived by now."""
    if not sent:
        return Fate(waiting, False, False, None, RCS_PRICE)
    if not reported:
        return Fate("sent", True, False, None, RCS_PRICE)
    if timeline.has("delivered", slot):
        status = "read" if read and timeline.has("read", slot) else "delivered"
        return Fate(status, True, True, None, RCS_PRICE)
    if timeline.has("failed", slot):
        return Fate("failed", True, False, None, 0.0)
    if sms_parts <= 0:  # no fallback: the network keeps trying until the validity ends
        return Fate("expired" if expired else "undelivered", True, False, None, 0.0)
    if not sms_reported:
        return Fate("undelivered", True, False, "sent", sms_parts * SMS_PRICE)
    if timeline.has("sms_delivered", slot):
        return Fate("undelivered", True, False, "delivered", sms_parts * SMS_PRICE)
    return Fate("undelivered", True, False, "undelivered", 0.0)


def amount(price: float) -> dict[str, str]:
    """``{"value": "0.0175696", "currency": "USD"}``: the value as a string, as the server writes it."""
    return {"value": f"{price:.7f}", "currency": CURRENCY}


def sms_channels(message_id: int, sms_parts: int, fate: Fate) -> dict[str, Any] | None:
    """``alternative_channels`` of a message whose SMS went out (``status`` is the sandbox's own addition)."""
    if fate.sms_status is None:
        return None
    return {"sms": {"parts": sms_parts, "id": [message_id + SMS_ID_OFFSET], "status": fate.sms_status}}


def country_of(phone: str) -> str | None:
    return "UA" if phone.startswith("380") else None


@dataclass(frozen=True)
class SimMessage:
    """One message sent on its own. ``validity_s`` is how long the network keeps trying; ``validity``
    the hours the answer shows; ``sms_parts`` 0 when there is no fallback."""

    id: int
    phone: str
    reference_id: str | None
    sender: str
    created_at: datetime
    validity: int = DEFAULT_VALIDITY_H
    validity_s: int = DEFAULT_VALIDITY_H * 3600
    sms_parts: int = 0

    @property
    def slot(self) -> int:
        return int(self.phone) % timeline.SLOTS

    @property
    def sent_moment(self) -> datetime:
        return self.created_at + timedelta(seconds=SINGLE_SEND_S)

    def fate(self, now: datetime) -> Fate:
        after = (now - self.sent_moment).total_seconds()
        return fate_at(
            self.slot,
            sent=after >= 0,
            reported=after >= timeline.REPORT_LAG_S,
            read=after >= timeline.READ_LAG_S,
            sms_reported=after >= timeline.REPORT_LAG_S + timeline.SMS_LAG_S,
            sms_parts=self.sms_parts,
            expired=(now - self.created_at).total_seconds() >= self.validity_s,
            waiting="accepted",
        )

    def cost(self, now: datetime) -> float:
        """What it has cost by ``now``: billing is for delivered messages only."""
        fate = self.fate(now)
        if fate.delivered:
            return RCS_PRICE
        return self.sms_parts * SMS_PRICE if fate.sms_status == "delivered" else 0.0

    def as_json(self, now: datetime, fmt: Formatter, *, listed: bool) -> dict[str, Any]:
        """The message as the send answers it (``listed=False``) or ``GET /api/messages`` lists it."""
        fate = self.fate(now)
        data: dict[str, Any] = {"id": self.id}
        if listed:
            data["campaign_id"] = None
        data.update(
            reference_id=self.reference_id,
            source="rest",
            type="rcs",
            phone=int(self.phone),
            status=fate.status,
            validity=self.validity,
            amount=amount(fate.price),
            sender=self.sender,
            created_at=fmt(self.created_at),
            sent_at=fmt(self.sent_moment) if fate.sent else None,
            delivered_at=fmt(self.sent_moment + timedelta(seconds=timeline.REPORT_LAG_S)) if fate.delivered else None,
        )
        if listed:
            data.update(
                country=country_of(self.phone),
                parts=1,
                alternative_channels=sms_channels(self.id, self.sms_parts, fate),
            )
        return data


def validity_of(hours: int | None, seconds: int | None) -> tuple[int, int]:
    """(hours shown, seconds kept trying) from a request's ``validity`` and ``validity_seconds``."""
    if seconds is not None:
        return (hours if hours is not None else max(1, math.ceil(seconds / 3600))), seconds
    shown = hours if hours is not None else DEFAULT_VALIDITY_H
    return shown, shown * 3600


# A campaign's messages: worked out when asked, never stored ---------------------------------------


def campaign_phone(campaign: SimCampaign, index: int) -> str:
    """The phone of message number ``index``: different for every index of a campaign (7919 is prime to 10)."""
    return f"38067{(index * 7919 + campaign.id * 104729) % 10**7:07d}"


def campaign_fate(campaign: SimCampaign, index: int, now: datetime) -> Fate:
    """Message ``index``'s fate, by the very counts ``timeline.progress`` gives the campaign's counters."""
    halted = campaign.halted_at
    moment = min(now, halted) if halted is not None else now
    elapsed = (moment - campaign.real_start).total_seconds()
    total = campaign.total

    def passed(lag: float) -> bool:
        return index < timeline.sent_by(total, elapsed - lag)

    sent = passed(0.0)
    return fate_at(
        index,
        sent=sent,
        reported=passed(timeline.REPORT_LAG_S),
        read=passed(timeline.READ_LAG_S),
        sms_reported=passed(timeline.REPORT_LAG_S + timeline.SMS_LAG_S),
        sms_parts=campaign.sms_parts,
        expired=sent and moment - campaign_sent_moment(campaign, index) >= timedelta(hours=DEFAULT_VALIDITY_H),
        waiting="scheduled",
    )


def campaign_sent_moment(campaign: SimCampaign, index: int) -> datetime:
    return campaign.real_start + timedelta(seconds=timeline.sent_after(campaign.total, index))


def campaign_message_json(campaign: SimCampaign, index: int, now: datetime, fmt: Formatter) -> dict[str, Any]:
    """Message ``index`` of ``campaign`` as ``GET /api/messages`` lists it."""
    fate = campaign_fate(campaign, index, now)
    message_id = campaign.first_message_id + index
    phone = campaign_phone(campaign, index)
    sent_moment = campaign_sent_moment(campaign, index)
    return {
        "id": message_id,
        "campaign_id": campaign.id,
        "reference_id": None,
        "type": campaign.message_type,
        "source": "rest",
        "phone": int(phone),
        "validity": DEFAULT_VALIDITY_H,
        "status": fate.status,
        "amount": amount(fate.price),
        "sender": campaign.sender,
        "created_at": fmt(campaign.created_at),
        "sent_at": fmt(sent_moment) if fate.sent else None,
        "delivered_at": fmt(sent_moment + timedelta(seconds=timeline.REPORT_LAG_S)) if fate.delivered else None,
        "country": country_of(phone),
        "parts": 1,
        "alternative_channels": sms_channels(message_id, campaign.sms_parts, fate),
    }
