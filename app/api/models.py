"""What the server sends back, read tolerantly.

Every field may be missing, null or of an unexpected type: it then reads as None (or an empty
mapping) instead of failing. Each object keeps the server's own dictionary in ``raw``. Times stay
the server's ``"yyyy-mm-dd hh:mm:ss"`` strings: their time zone is not documented, the caller
decides how to show them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from app.campaign import limits

_INTEGER = re.compile(r"[+-]?\d+")


def as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
        return int(value.strip())
    return None


def as_id(value: Any) -> int | None:
    """A server id: a whole number from 1 up (anything else cannot name an item in a path)."""
    number = as_int(value)
    return number if number is not None and number > 0 else None


def as_float(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None


def as_str(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def as_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in ("true", "false", "1", "0"):
        return value.strip().lower() in ("true", "1")
    return None


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def counters(value: Any) -> dict[str, int]:
    """A statistics object as ``{name: count}``, dropping anything that is not a whole number."""
    out: dict[str, int] = {}
    for key, item in as_dict(value).items():
        number = as_int(item)
        if number is not None:
            out[str(key)] = number
    return out


def _first(raw: dict[str, Any], *keys: str) -> Any:
    """The first of ``keys`` present with a non-null value (the server spells some fields two ways)."""
    for key in keys:
        if raw.get(key) is not None:
            return raw[key]
    return None


def _sms_statistics(raw: dict[str, Any]) -> dict[str, int]:
    channels = as_dict(_first(raw, "alternative_channels", "alternative_channel"))
    sms = as_dict(channels.get("sms"))
    return counters(_first(sms, "statistics", "statistic"))


@dataclass(frozen=True)
class ContactList:
    """A contact list ("group"): ``contacts`` is the server's ``items``."""

    id: int | None = None
    name: str | None = None
    description: str | None = None
    contacts: int | None = None
    stop_list_count: int | None = None
    created_at: str | None = None
    is_default: bool | None = None
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_raw(cls, value: Any) -> ContactList:
        raw = as_dict(value)
        return cls(
            id=as_id(raw.get("id")),
            name=as_str(raw.get("name")),
            description=as_str(raw.get("description")),
            contacts=as_int(_first(raw, "items", "contacts")),
            stop_list_count=as_int(raw.get("stop_list_count")),
            created_at=as_str(raw.get("created_at")),
            is_default=as_bool(raw.get("default")),
            raw=raw,
        )


@dataclass(frozen=True)
class CampaignInfo:
    """A campaign as the send, get, stop and list calls return it.

    ``price`` is ``calculated_price`` (the estimate RCS has), or ``total_price`` when only that is
    given. ``sms_*`` are the SMS fallback's counters (``statistic`` or ``statistics``).
    """

    id: int | None = None
    name: str | None = None
    sender: str | None = None
    status: str | None = None
    message_type: str | None = None
    start_at: str | None = None
    real_start_at: str | None = None
    finished_at: str | None = None
    created_at: str | None = None
    delivered: int | None = None
    sent: int | None = None
    sms_delivered: int | None = None
    sms_sent: int | None = None
    price: float | None = None
    currency: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @staticmethod
    def _common(raw: dict[str, Any]) -> dict[str, Any]:
        statistics = counters(raw.get("statistics"))
        sms = _sms_statistics(raw)
        return {
            "id": as_id(raw.get("id")),
            "name": as_str(raw.get("name")),
            "sender": as_str(raw.get("sender")),
            "status": as_str(raw.get("status")),
            "message_type": as_str(_first(raw, "message_type", "type")),
            "start_at": as_str(_first(raw, "start_at", "started_at")),
            "real_start_at": as_str(_first(raw, "real_start_at", "actual_start_at")),
            "finished_at": as_str(raw.get("finished_at")),
            "created_at": as_str(raw.get("created_at")),
            "delivered": statistics.get("delivered"),
            "sent": statistics.get("sent"),
            "sms_delivered": sms.get("delivered"),
            "sms_sent": sms.get("sent"),
            "price": as_float(_first(raw, "calculated_price", "total_price")),
            "currency": as_str(raw.get("currency")),
            "raw": raw,
        }

    @classmethod
    def from_raw(cls, value: Any) -> CampaignInfo:
        return cls(**cls._common(as_dict(value)))

    @property
    def can_be_stopped(self) -> bool:
        """Whether the documented rules allow stopping it (the server has the last word)."""
        return self.status in limits.STOPPABLE_STATUSES


@dataclass(frozen=True)
class CampaignDetail(CampaignInfo):
    """A campaign with every delivery counter (``GET /api/campaigns/{id}/detail``)."""

    total_messages: int | None = None
    total_phones: int | None = None
    total_price: str | None = None
    statistics: dict[str, int] = field(default_factory=dict, hash=False)
    sms_statistics: dict[str, int] = field(default_factory=dict, hash=False)

    @classmethod
    def from_raw(cls, value: Any) -> CampaignDetail:
        raw = as_dict(value)
        return cls(
            **cls._common(raw),
            total_messages=as_int(raw.get("total_messages")),
            total_phones=as_int(raw.get("total_phones")),
            total_price=as_str(raw.get("total_price")),
            statistics=counters(raw.get("statistics")),
            sms_statistics=_sms_statistics(raw),
        )


@dataclass(frozen=True)
class Balance:
    balance: float | None = None
    currency: str | None = None
    credit: float | None = None
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_raw(cls, value: Any) -> Balance:
        raw = as_dict(value)
        return cls(
            balance=as_float(raw.get("balance")),
            currency=as_str(raw.get("currency")),
            credit=as_float(raw.get("credit")),
            raw=raw,
        )


@dataclass(frozen=True)
class SmsSender:
    """A registered SMS sender name (usable as the fallback's ``sender``)."""

    id: int | None = None
    sender: str | None = None
    status: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_raw(cls, value: Any) -> SmsSender:
        raw = as_dict(value)
        return cls(
            id=as_id(raw.get("id")),
            sender=as_str(_first(raw, "sender", "name")),
            status=as_str(raw.get("status")),
            raw=raw,
        )


def _text_number(value: Any) -> str | None:
    """A price as the server wrote it (``"1.2079098"``), when it is a number; else None."""
    if as_float(value) is None:
        return None
    return value.strip() if isinstance(value, str) else str(value)


@dataclass(frozen=True)
class MessageInfo:
    """One message, as the single send answers it or ``GET /api/messages`` lists it (wwt-api.md 3.4, 3.8).

    ``phone`` is the number's digits (the server writes an integer). ``price`` is ``amount.value`` as
    written (a string keeps the server's decimals), ``currency`` its currency. ``sms_parts`` and
    ``sms_ids`` describe the SMS sent instead when RCS could not be delivered; ``sms_status`` is that
    SMS's status when the server says it (not documented: None when absent). Times stay the server's
    strings.
    """

    id: int | None = None
    campaign_id: int | None = None
    reference_id: str | None = None
    message_type: str | None = None
    source: str | None = None
    phone: str | None = None
    status: str | None = None
    validity: int | None = None
    price: str | None = None
    currency: str | None = None
    sender: str | None = None
    created_at: str | None = None
    sent_at: str | None = None
    delivered_at: str | None = None
    country: str | None = None
    parts: int | None = None
    sms_parts: int | None = None
    sms_ids: tuple[int, ...] = ()
    sms_status: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_raw(cls, value: Any) -> MessageInfo:
        raw = as_dict(value)
        money = raw.get("amount")
        price, currency = (
            (_text_number(money.get("value")), as_str(money.get("currency")))
            if isinstance(money, dict)
            else (_text_number(money), as_str(raw.get("currency")))
        )
        sms = as_dict(as_dict(_first(raw, "alternative_channels", "alternative_channel")).get("sms"))
        ids = sms.get("id")
        sms_ids = tuple(i for i in (as_id(item) for item in (ids if isinstance(ids, list) else [ids])) if i is not None)
        phone = as_str(raw.get("phone"))
        return cls(
            id=as_id(raw.get("id")),
            campaign_id=as_id(raw.get("campaign_id")),
            reference_id=as_str(raw.get("reference_id")),
            message_type=as_str(raw.get("type")),
            source=as_str(raw.get("source")),
            phone=phone.strip().removeprefix("+") if phone is not None else None,
            status=as_str(raw.get("status")),
            validity=as_int(raw.get("validity")),
            price=price,
            currency=currency,
            sender=as_str(raw.get("sender")),
            created_at=as_str(raw.get("created_at")),
            sent_at=as_str(raw.get("sent_at")),
            delivered_at=as_str(raw.get("delivered_at")),
            country=as_str(raw.get("country")),
            parts=as_int(raw.get("parts")),
            sms_parts=as_int(sms.get("parts")),
            sms_ids=sms_ids,
            sms_status=as_str(sms.get("status")),
            raw=raw,
        )

    @property
    def sms_sent_instead(self) -> bool:
        """The server says an SMS went out in place of the RCS message."""
        return bool(self.sms_ids) or (self.sms_parts or 0) > 0 or self.sms_status is not None
