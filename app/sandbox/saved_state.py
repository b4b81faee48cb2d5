"""The demo account as JSON: what ``saved_account`` writes to the data folder and reads back.

Reading trusts nothing: the bytes are read within bounds (``app.platform.safe_json``), every value is
checked for its kind and range, and anything else raises ``StateError`` with a plain reason.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeGuard
from zoneinfo import ZoneInfo

from app.platform import safe_json
from app.sandbox.campaigns import CampaignStore, SimCampaign
from app.sandbox.messages import FIRST_MESSAGE_ID, MAX_SINGLE_MESSAGES, SimMessage

FORMAT = "rcs-desk.demo-account"
VERSION = 1
MAX_BYTES = 4 * 1024 * 1024  # 1,000 campaigns take about 400 KB, 500 single messages about 150 KB
MAX_CAMPAIGNS = 1000  # beyond this the oldest finished ones are forgotten (CampaignStore.forget_oldest)
MAX_MESSAGES = MAX_SINGLE_MESSAGES  # the same for single (test) messages
MAX_DEPTH = 8  # the file nests 4 deep
MAX_VALUES = 40 * (MAX_CAMPAIGNS + 10) + 20 * MAX_MESSAGES  # about 30 per campaign, 10 per message
MAX_PHONE_DIGITS = 15
MAX_REFERENCE = 32
MAX_VALIDITY_S = 86_400 * 30  # far above what the server accepts (a day in seconds, or 72 hours)
MAX_ID = 10**15
MAX_MONEY = 1e12
MAX_CONTACTS = 10**9
MAX_TEXT = 10_000  # a name or a sender; the server allows far less
MIN_YEAR, MAX_YEAR = 2000, 2200  # far from datetime's ends: the simulation adds hours and days to them


class StateError(ValueError):
    """The saved demo account cannot be used; ``str()`` says why in plain words."""


@dataclass(frozen=True)
class SavedState:
    """A demo account read back: its campaigns and money, and the label its history records carry."""

    store: CampaignStore
    label: str


def dump(store: CampaignStore, label: str) -> bytes:
    state = store.state()
    data = {
        "format": FORMAT,
        "version": VERSION,
        "label": label,
        "next_id": state["next_id"],
        "funds": state["funds"],
        "credit": state["credit"],
        "settled_until": _moment_text(state["settled_until"]),
        "money_out_at": _moment_text(state["money_out_at"]),
        "campaigns": [_campaign_json(campaign) for campaign in state["campaigns"]],
        "next_message_id": state["next_message_id"],
        "messages": [_message_json(message) for message in state["messages"]],
    }
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def load(data: bytes, zone: ZoneInfo) -> SavedState:
    """The saved account in ``data``; raises ``StateError`` when it cannot be used."""
    if len(data) > MAX_BYTES:
        raise StateError(f"it is too large ({len(data):,} bytes)")
    try:
        value = safe_json.loads(data, max_depth=MAX_DEPTH, max_values=MAX_VALUES)
    except UnicodeDecodeError:
        raise StateError("it is not text (UTF-8)") from None
    except safe_json.JsonLimitError as exc:
        raise StateError(str(exc)) from None
    except (ValueError, RecursionError):
        raise StateError("it is not valid JSON") from None
    if not isinstance(value, dict) or value.get("format") != FORMAT:
        raise StateError("it does not hold a demo account")
    if value.get("version") != VERSION:
        raise StateError("it was written by another version of the program")
    reader = _Reader(value)
    label = reader.text("label")
    if not label:
        raise StateError("it has no label")
    raw_campaigns = value.get("campaigns")
    if not isinstance(raw_campaigns, list) or len(raw_campaigns) > MAX_CAMPAIGNS:
        raise StateError("its list of campaigns is missing or too long")
    campaigns = [_campaign(item) for item in raw_campaigns]
    if len({campaign.id for campaign in campaigns}) != len(campaigns):
        raise StateError("two of its campaigns have the same ID")
    # Files written before single messages were kept have neither key.
    raw_messages = value.get("messages", [])
    if not isinstance(raw_messages, list) or len(raw_messages) > MAX_MESSAGES:
        raise StateError("its list of test messages is wrong or too long")
    messages = [_message(item) for item in raw_messages]
    if len({message.id for message in messages}) != len(messages):
        raise StateError("two of its test messages have the same ID")
    references = [message.reference_id for message in messages if message.reference_id is not None]
    if len(set(references)) != len(references):
        raise StateError("two of its test messages have the same reference")
    next_message_id = reader.integer("next_message_id", 1, MAX_ID) if "next_message_id" in value else FIRST_MESSAGE_ID
    store = CampaignStore.restored(
        zone,
        campaigns=campaigns,
        next_id=reader.integer("next_id", 1, MAX_ID),
        funds=reader.number("funds", -MAX_MONEY, MAX_MONEY),
        credit=reader.number("credit", 0, MAX_MONEY),
        settled_until=reader.moment("settled_until"),
        money_out_at=reader.optional_moment("money_out_at"),
        messages=messages,
        next_message_id=next_message_id,
    )
    return SavedState(store, label)


def _moment_text(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _campaign_json(campaign: SimCampaign) -> dict[str, Any]:
    return {
        "id": campaign.id,
        "name": campaign.name,
        "sender": campaign.sender,
        "message_type": campaign.message_type,
        "created_at": _moment_text(campaign.created_at),
        "start_at": _moment_text(campaign.start_at),
        "total": campaign.total,
        "calculated_price": campaign.calculated_price,
        "sms_parts": campaign.sms_parts,
        "groups": list(campaign.groups),
        "paused_at": _moment_text(campaign.paused_at),
        "stopped_at": _moment_text(campaign.stopped_at),
        "baseline_cost": campaign.baseline_cost,
        "first_message_id": campaign.first_message_id,
    }


def _message_json(message: SimMessage) -> dict[str, Any]:
    return {
        "id": message.id,
        "phone": message.phone,
        "reference_id": message.reference_id,
        "sender": message.sender,
        "created_at": _moment_text(message.created_at),
        "validity": message.validity,
        "validity_s": message.validity_s,
        "sms_parts": message.sms_parts,
    }


def _campaign(value: Any) -> SimCampaign:
    if not isinstance(value, dict):
        raise StateError("one of its campaigns is not a campaign")
    reader = _Reader(value, "a campaign's ")
    groups = value.get("groups")
    if not isinstance(groups, list) or not all(_is_int(g, 1, MAX_ID) for g in groups):
        raise StateError("a campaign's lists are not list IDs")
    price = value.get("calculated_price")
    return SimCampaign(
        id=reader.integer("id", 1, MAX_ID),
        name=reader.text("name"),
        sender=reader.text("sender"),
        message_type=reader.text("message_type"),
        created_at=reader.moment("created_at"),
        start_at=reader.optional_moment("start_at"),
        total=reader.integer("total", 0, MAX_CONTACTS),
        calculated_price=None if price is None else reader.number("calculated_price", 0, MAX_MONEY),
        sms_parts=reader.integer("sms_parts", 0, 100),
        groups=tuple(groups),
        paused_at=reader.optional_moment("paused_at"),
        stopped_at=reader.optional_moment("stopped_at"),
        baseline_cost=reader.number("baseline_cost", 0, MAX_MONEY),
        # 0 (or absent, in files written before messages were listed): given when the account is read.
        first_message_id=reader.integer("first_message_id", 0, MAX_ID) if "first_message_id" in value else 0,
    )


def _message(value: Any) -> SimMessage:
    if not isinstance(value, dict):
        raise StateError("one of its test messages is not a message")
    reader = _Reader(value, "a test message's ")
    phone = reader.text("phone")
    if not (phone.isascii() and phone.isdigit() and 1 <= len(phone) <= MAX_PHONE_DIGITS):
        raise StateError("a test message's phone number is missing or wrong")
    reference = value.get("reference_id")
    if reference is not None and not (
        isinstance(reference, str) and reference.isascii() and reference.isalnum() and len(reference) <= MAX_REFERENCE
    ):
        raise StateError("a test message's reference is missing or wrong")
    return SimMessage(
        id=reader.integer("id", 1, MAX_ID),
        phone=phone,
        reference_id=reference,
        sender=reader.text("sender"),
        created_at=reader.moment("created_at"),
        validity=reader.integer("validity", 1, MAX_VALIDITY_S),
        validity_s=reader.integer("validity_s", 1, MAX_VALIDITY_S),
        sms_parts=reader.integer("sms_parts", 0, 100),
    )


def _is_int(value: Any, low: int, high: int) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


_WORDS = {
    "id": "ID",
    "next_id": "next campaign ID",
    "created_at": "creation time",
    "start_at": "planned start",
    "paused_at": "pause time",
    "stopped_at": "stop time",
    "settled_until": "last update time",
    "money_out_at": "time the money ran out",
    "total": "number of contacts",
    "calculated_price": "estimated price",
    "sms_parts": "number of SMS parts",
    "baseline_cost": "earlier cost",
    "message_type": "message type",
    "first_message_id": "first message ID",
    "next_message_id": "next message ID",
    "validity_s": "validity",
}


class _Reader:
    """Typed values of one JSON object; a missing or wrong value raises ``StateError`` naming its key."""

    def __init__(self, value: dict[str, Any], what: str = "its ") -> None:
        self.value = value
        self.what = what

    def _bad(self, key: str) -> StateError:
        return StateError(f"{self.what}{_WORDS.get(key, key.replace('_', ' '))} is missing or wrong")

    def integer(self, key: str, low: int, high: int) -> int:
        value = self.value.get(key)
        if not _is_int(value, low, high):
            raise self._bad(key)
        return value

    def number(self, key: str, low: float, high: float) -> float:
        value = self.value.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self._bad(key)
        if not math.isfinite(value) or not low <= value <= high:
            raise self._bad(key)
        return float(value)

    def text(self, key: str) -> str:
        value = self.value.get(key)
        if not isinstance(value, str) or len(value) > MAX_TEXT:
            raise self._bad(key)
        return value

    def moment(self, key: str) -> datetime:
        moment = self.optional_moment(key)
        if moment is None:
            raise self._bad(key)
        return moment

    def optional_moment(self, key: str) -> datetime | None:
        value = self.value.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or len(value) > 40:
            raise self._bad(key)
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise self._bad(key) from None
        if moment.tzinfo is None or not MIN_YEAR <= moment.year <= MAX_YEAR:
            raise self._bad(key)
        return moment
