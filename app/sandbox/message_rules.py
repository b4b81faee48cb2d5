"""The server's own check of a single message and of the message list's query, in Laravel's words.

Like ``request_rules`` (whose option and SMS rules it shares), independent of the app's validator on
purpose: this is the "other side" the app is tested against.
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.campaign import limits
from app.sandbox.request_rules import (
    Errors,
    _check_sms,
    _obj,
    as_integer,
    check_sender_and_options,
    label,
    parse_start,
    present,
)

PHONE_MIN_DIGITS, PHONE_MAX_DIGITS = 9, 15
REFERENCE_MAX = 32
VALIDITY_SECONDS_MIN, VALIDITY_SECONDS_MAX = 30, 86_400
CALLBACK_URL_MAX = 100
MESSAGES_PAGE_MIN, MESSAGES_PAGE_MAX, MESSAGES_PAGE_DEFAULT = 15, 500, 50
MESSAGE_SORTS = ("id", "phone", "delivered")
REFERENCE_TAKEN = "The phone.reference id has already been taken."


def phone_digits(value: Any) -> str | None:
    """``phone.number`` as digits (a string of 9-15 digits, or such an integer), else None."""
    if isinstance(value, bool):
        return None
    text = str(value) if isinstance(value, int) else value
    if not isinstance(text, str) or not (text.isascii() and text.isdigit()):
        return None
    return text if PHONE_MIN_DIGITS <= len(text) <= PHONE_MAX_DIGITS else None


def is_reference(value: Any) -> bool:
    """Letters and digits (ASCII), 1 to 32 of them."""
    return isinstance(value, str) and value.isascii() and value.isalnum() and len(value) <= REFERENCE_MAX


def check_single_message(body: Any, sms_senders: Container[str]) -> dict[str, list[str]]:
    """Every rule the server applies to ``POST /api/messages/rcs/send``; ``{}`` when it is accepted.

    Members it does not know (``groups``, ``start_at``) are ignored, as Laravel does.
    """
    data = _obj(body)
    errors = Errors()
    phone = data.get("phone")
    if errors.required("phone", phone) and errors.array("phone", phone):
        _check_phone(errors, _obj(phone))
    check_sender_and_options(errors, data)
    if data.get("callback_url") is not None:
        errors.string("callback_url", data["callback_url"], max_len=CALLBACK_URL_MAX)
    if data.get("tariff_code") is not None:
        errors.integer_between("tariff_code", data["tariff_code"])
    if data.get("validity") is not None:
        errors.integer_between("validity", data["validity"], limits.VALIDITY_MIN_HOURS, limits.VALIDITY_MAX_HOURS)
    if data.get("validity_seconds") is not None:
        errors.integer_between("validity_seconds", data["validity_seconds"], VALIDITY_SECONDS_MIN, VALIDITY_SECONDS_MAX)
    channel = data.get("alternative_channel")
    if channel is not None and errors.array("alternative_channel", channel):
        sms = _obj(channel).get("sms")
        if sms is not None and errors.array("alternative_channel.sms", sms):
            _check_sms(errors, _obj(sms), sms_senders)
            seconds = _obj(sms).get("validity_seconds")
            if seconds is not None:
                key = "alternative_channel.sms.validity_seconds"
                errors.integer_between(key, seconds, VALIDITY_SECONDS_MIN, VALIDITY_SECONDS_MAX)
    errors.boolean("check_stop_list", data.get("check_stop_list"))
    errors.boolean("add_to_contact_book", data.get("add_to_contact_book"))
    return errors.by_key


def _check_phone(errors: Errors, phone: dict[str, Any]) -> None:
    number = phone.get("number")
    if errors.required("phone.number", number) and phone_digits(number) is None:
        errors.add(
            "phone.number", f"The phone.number must be between {PHONE_MIN_DIGITS} and {PHONE_MAX_DIGITS} digits."
        )
    reference = phone.get("reference_id")
    if reference is None or reference == "":  # Laravel reads an empty string as none
        return
    key = "phone.reference_id"
    if errors.string(key, reference, max_len=REFERENCE_MAX) and not is_reference(reference):
        errors.add(key, f"The {label(key)} must only contain letters and numbers.")


@dataclass(frozen=True)
class MessageQuery:
    """``GET /api/messages``'s query, checked. ``descending`` is None for "newest first" (no ``sort``
    and no ``way``: the documented default)."""

    offset: int = 0
    limit: int = MESSAGES_PAGE_DEFAULT
    message_id: int | None = None
    campaign_id: int | None = None
    reference_id: str | None = None
    since: datetime | None = None  # wall times in the account's zone
    until: datetime | None = None
    sort: str = "id"
    descending: bool = True


def read_message_query(query: Mapping[str, str]) -> MessageQuery | dict[str, list[str]]:
    """The query, or Laravel's errors by key (``filter.from``, ``page.limit``...)."""
    errors = Errors()
    offset = query_number(errors, query, "page[offset]", "page.offset", 0, None, 0)
    limit = query_number(errors, query, "page[limit]", "page.limit", MESSAGES_PAGE_MIN, MESSAGES_PAGE_MAX)
    message_id = query_number(errors, query, "filter[id]", "filter.id", 1, None)
    campaign_id = query_number(errors, query, "filter[campaign_id]", "filter.campaign_id", 1, None)
    reference = query.get("filter[reference_id]") or None
    times = {}
    for name in ("from", "to"):
        raw = query.get(f"filter[{name}]")
        if not present(raw):
            continue
        times[name] = parse_start(raw)
        if times[name] is None:
            errors.add(f"filter.{name}", f"The filter.{name} does not match the format Y-m-d H:i:s.")
    sort, way = query.get("sort") or None, query.get("way") or None
    if sort is not None and sort not in MESSAGE_SORTS:
        errors.add("sort", "The selected sort is invalid.")
    if way is not None and way not in ("asc", "desc"):
        errors.add("way", "The selected way is invalid.")
    if errors.by_key:
        return errors.by_key
    return MessageQuery(
        offset=offset if offset is not None else 0,
        limit=limit if limit is not None else MESSAGES_PAGE_DEFAULT,
        message_id=message_id,
        campaign_id=campaign_id,
        reference_id=reference,
        since=times.get("from"),
        until=times.get("to"),
        sort=sort or "id",
        descending=way == "desc" if (sort or way) else True,
    )


def query_number(
    errors: Errors,
    query: Mapping[str, str],
    name: str,
    key: str,
    low: int,
    high: int | None,
    default: int | None = None,
) -> int | None:
    """The integer at ``name`` of a query, checked like Laravel (errors keyed ``key``); ``default`` when absent
    or wrong."""
    raw = query.get(name)
    if raw is None or raw == "":
        return default
    number = as_integer(raw)
    if number is None:
        errors.add(key, f"The {key} must be an integer.")
    elif high is None and number < low:
        errors.add(key, f"The {key} must be at least {low}.")
    elif high is not None and not low <= number <= high:
        errors.add(key, f"The {key} must be between {low} and {high}.")
    else:
        return number
    return default
