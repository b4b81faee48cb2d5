"""The server's own check of a send-groups request, written the way a Laravel server answers.

Independent of the app's validator on purpose: this is the "other side" the app is tested against.
Errors are ``{"options.cards.1.suggestions.0.text": ["The options.cards.1.suggestions.0.text may not be
greater than 25 characters."]}``: dotted keys, Laravel's wording, underscores shown as spaces.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from urllib.parse import urlsplit

from app.campaign import limits
from app.campaign.model import parse_start_at
from app.campaign.text_units import utf16_len
from app.sandbox.demo_data import ListInfo

_GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENDED = set("^{}\\[~]|€\f")
_SMS_SENDER = re.compile(
    rf"^(?:[A-Za-z0-9]{{{limits.SMS_SENDER_ALNUM_MIN},{limits.SMS_SENDER_ALNUM_MAX}}}"
    rf"|[0-9]{{{limits.SMS_SENDER_DIGITS_MIN},{limits.SMS_SENDER_DIGITS_MAX}}})$"
)
_INTEGER = re.compile(r"^[+-]?[0-9]+$")


# SMS arithmetic as the server bills it ------------------------------------------------------------


def is_gsm7(text: str) -> bool:
    return all(ch in _GSM_BASIC or ch in _GSM_EXTENDED for ch in text)


def sms_length(text: str) -> tuple[int, int]:
    """(units, maximum): GSM-7 septets (extension characters count 2) or UTF-16 units."""
    if is_gsm7(text):
        return sum(2 if ch in _GSM_EXTENDED else 1 for ch in text), limits.SMS_GSM7_MAX
    return utf16_len(text), limits.SMS_UCS2_MAX


def sms_parts(text: str) -> int:
    units, _ = sms_length(text)
    if units == 0:
        return 0
    single, part = (
        (limits.SMS_GSM7_SINGLE, limits.SMS_GSM7_PART)
        if is_gsm7(text)
        else (limits.SMS_UCS2_SINGLE, limits.SMS_UCS2_PART)
    )
    return 1 if units <= single else -(-units // part)


def campaign_phones(lists: Iterable[ListInfo], check_stop_list: bool) -> int:
    """Phones a campaign to ``lists`` goes to (stop-listed numbers skipped when asked)."""
    return sum(item.contacts - (item.stop_list_count if check_stop_list else 0) for item in lists)


# Laravel-style rule helpers -----------------------------------------------------------------------


def label(key: str) -> str:
    """How Laravel names an attribute in a message: underscores become spaces."""
    return key.replace("_", " ")


def present(value: Any) -> bool:
    """Laravel's "required": not null, not an empty or blank string, not an empty array."""
    if value is None:
        return False
    if isinstance(value, str):
        return value.strip() != ""
    if isinstance(value, (list, dict)):
        return len(value) > 0
    return True


def as_integer(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and _INTEGER.match(value):
        return int(value)
    return None


def is_boolean(value: Any) -> bool:
    return value in (True, False, 0, 1, "0", "1") and not isinstance(value, float)


def is_url(value: str) -> bool:
    if any(ch.isspace() for ch in value):
        return False
    parts = urlsplit(value)
    return parts.scheme.lower() in limits.URL_SCHEMES and bool(parts.hostname)


class Errors:
    """Collects messages per dotted key, in the order the rules run."""

    def __init__(self) -> None:
        self.by_key: dict[str, list[str]] = {}

    def add(self, key: str, text: str) -> None:
        self.by_key.setdefault(key, []).append(text)

    def required(self, key: str, value: Any) -> bool:
        if present(value):
            return True
        self.add(key, f"The {label(key)} field is required.")
        return False

    def string(self, key: str, value: Any, *, max_len: int | None = None) -> bool:
        if not isinstance(value, str):
            self.add(key, f"The {label(key)} must be a string.")
            return False
        if max_len is not None and utf16_len(value) > max_len:
            self.add(key, f"The {label(key)} may not be greater than {max_len} characters.")
            return False
        return True

    def array(self, key: str, value: Any, *, min_items: int | None = None, max_items: int | None = None) -> bool:
        if not isinstance(value, (list, dict)):
            self.add(key, f"The {label(key)} must be an array.")
            return False
        if min_items is not None and len(value) < min_items:
            self.add(key, f"The {label(key)} must have at least {min_items} items.")
            return False
        if max_items is not None and len(value) > max_items:
            self.add(key, f"The {label(key)} may not have more than {max_items} items.")
            return False
        return True

    def integer_between(self, key: str, value: Any, low: int | None = None, high: int | None = None) -> bool:
        number = as_integer(value)
        if number is None:
            self.add(key, f"The {label(key)} must be an integer.")
            return False
        if low is not None and high is not None and not low <= number <= high:
            self.add(key, f"The {label(key)} must be between {low} and {high}.")
            return False
        return True

    def boolean(self, key: str, value: Any) -> bool:
        if value is None or is_boolean(value):
            return True
        self.add(key, f"The {label(key)} field must be true or false.")
        return False

    def url(self, key: str, value: Any) -> bool:
        if self.string(key, value, max_len=limits.URL_MAX) and is_url(value):
            return True
        if isinstance(value, str) and key not in self.by_key:
            self.add(key, f"The {label(key)} format is invalid.")
        return False


def _items(value: Any) -> list[tuple[int, Any]]:
    if isinstance(value, list):
        return list(enumerate(value))
    return []


def _obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


# The request --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SendContext:
    """What the server knows when it checks a send: the account's lists and senders, and today."""

    find_list: Callable[[int], ListInfo | None]
    sms_senders: Container[str]
    now_local: datetime  # naive wall-clock time in the account's time zone


def latest_start(today: date) -> datetime:
    """23:59:59 of the last schedulable day (today is day 1)."""
    return datetime.combine(today + timedelta(days=limits.SCHEDULE_DAYS - 1), time(23, 59, 59))


def parse_start(value: Any) -> datetime | None:
    """``start_at`` in its one accepted form, or None (the same rule as the app's model)."""
    return parse_start_at(value) if isinstance(value, str) else None


def check_send_groups(body: Any, ctx: SendContext) -> dict[str, list[str]]:
    """Every rule the server applies to a send-groups request; ``{}`` when it is accepted."""
    data = _obj(body)
    errors = Errors()
    _check_groups(errors, data.get("groups"), data.get("check_stop_list", True), ctx)
    check_sender_and_options(errors, data)
    _check_start(errors, data.get("start_at"), ctx.now_local)
    if data.get("tariff_code") is not None:
        errors.integer_between("tariff_code", data["tariff_code"])
    if data.get("validity") is not None:
        errors.integer_between("validity", data["validity"], limits.VALIDITY_MIN_HOURS, limits.VALIDITY_MAX_HOURS)
    channel = data.get("alternative_channel")
    if channel is not None and errors.array("alternative_channel", channel):
        sms = _obj(channel).get("sms")
        if sms is not None and errors.array("alternative_channel.sms", sms):
            _check_sms(errors, _obj(sms), ctx.sms_senders)
    errors.boolean("check_stop_list", data.get("check_stop_list"))
    errors.boolean("add_to_contact_book", data.get("add_to_contact_book"))
    return errors.by_key


def _check_groups(errors: Errors, groups: Any, check_stop_list: Any, ctx: SendContext) -> None:
    if not errors.required("groups", groups):
        return
    if not errors.array("groups", groups, min_items=limits.GROUPS_MIN, max_items=limits.GROUPS_MAX):
        return
    found: dict[int, ListInfo] = {}
    for i, value in _items(groups):
        key = f"groups.{i}"
        if not errors.integer_between(key, value) or (list_id := as_integer(value)) is None:
            continue  # (integer_between checked that as_integer gives a number)
        info = ctx.find_list(list_id)
        if info is None:
            errors.add(key, f"The selected {key} is invalid.")
        else:
            found[info.id] = info
    if "groups" in errors.by_key or any(k.startswith("groups.") for k in errors.by_key):
        return
    phones = campaign_phones(found.values(), check_stop_list is not False)
    if phones > limits.CONTACTS_PER_CAMPAIGN:
        errors.add(
            "groups",
            f"The selected lists have {phones} contacts: a campaign may not have more than "
            f"{limits.CONTACTS_PER_CAMPAIGN} contacts.",
        )


def check_sender_and_options(errors: Errors, data: dict[str, Any]) -> None:
    """``sender`` and ``options``, required and checked as every send endpoint checks them."""
    sender = data.get("sender")
    if errors.required("sender", sender):
        errors.string("sender", sender, max_len=limits.SENDER_MAX)
    options = data.get("options")
    if errors.required("options", options) and errors.array("options", options):
        _check_options(errors, _obj(options))


def _check_options(errors: Errors, options: dict[str, Any]) -> None:
    text, cards = options.get("text"), options.get("cards")
    if present(text) and present(cards):
        errors.add("options.cards", "The options.cards field prohibits options.text from being present.")
        return
    if not present(cards):
        if not present(text):
            errors.add("options.text", "The options.text field is required when options.cards is not present.")
        else:
            errors.string("options.text", text, max_len=limits.TEXT_MESSAGE_MAX)
        return
    # Like Laravel, every card is still checked when there are too many of them.
    errors.array("options.cards", cards, min_items=limits.CARDS_MIN, max_items=limits.CARDS_MAX)
    for i, card in _items(cards):
        key = f"options.cards.{i}"
        if errors.array(key, card):
            _check_card(errors, key, _obj(card))


def _check_card(errors: Errors, key: str, card: dict[str, Any]) -> None:
    if card.get("title") is not None:
        errors.string(f"{key}.title", card["title"], max_len=limits.CARD_TITLE_MAX)
    media = card.get("media")
    if present(card.get("text")):
        errors.string(f"{key}.text", card["text"], max_len=limits.CARD_TEXT_MAX)
    elif not present(media):
        errors.add(f"{key}.text", f"The {key}.text field is required when {key}.media is not present.")
    if media is not None and errors.array(f"{key}.media", media):
        url = _obj(media).get("url")
        if errors.required(f"{key}.media.url", url):
            errors.url(f"{key}.media.url", url)
    suggestions = card.get("suggestions")
    if suggestions is None:
        return
    errors.array(f"{key}.suggestions", suggestions, max_items=limits.SUGGESTIONS_MAX)
    for j, button in _items(suggestions):
        button_key = f"{key}.suggestions.{j}"
        if errors.array(button_key, button):
            _check_button(errors, button_key, _obj(button))


def _check_button(errors: Errors, key: str, button: dict[str, Any]) -> None:
    kind = button.get("type")
    if kind is not None and kind not in ("link", "call"):
        errors.add(f"{key}.type", f"The selected {key}.type is invalid.")
    text = button.get("text")
    if errors.required(f"{key}.text", text):
        errors.string(f"{key}.text", text, max_len=limits.SUGGESTION_TEXT_MAX)
    url, phone = button.get("url"), button.get("phone")
    wants_url = kind == "link" or (kind is None and not present(phone))
    wants_phone = kind == "call"
    if wants_url and not present(url):
        reason = f"{key}.type is link" if kind == "link" else f"{key}.phone is not present"
        errors.add(f"{key}.url", f"The {key}.url field is required when {reason}.")
    elif present(url):
        errors.url(f"{key}.url", url)
    if wants_phone and not present(phone):
        errors.add(f"{key}.phone", f"The {key}.phone field is required when {key}.type is call.")
    elif present(phone) and not (
        isinstance(phone, str)
        and phone.isascii()
        and phone.isdigit()
        and limits.CALL_PHONE_MIN_DIGITS <= len(phone) <= limits.CALL_PHONE_MAX_DIGITS
    ):
        errors.add(
            f"{key}.phone",
            f"The {key}.phone must be between {limits.CALL_PHONE_MIN_DIGITS} and "
            f"{limits.CALL_PHONE_MAX_DIGITS} digits.",
        )
    if button.get("postback_data") is not None:
        errors.string(f"{key}.postback_data", button["postback_data"], max_len=limits.POSTBACK_DATA_MAX)


def _check_start(errors: Errors, value: Any, now_local: datetime) -> None:
    if value is None or value == "":
        return
    start = parse_start(value)
    if start is None:
        errors.add("start_at", f"The {label('start_at')} does not match the format Y-m-d H:i:s.")
        return
    today = datetime.combine(now_local.date(), time(0, 0, 0))
    last = latest_start(now_local.date())
    if start < today:
        errors.add("start_at", f"The {label('start_at')} must be a date after or equal to today.")
    elif start > last:
        errors.add(
            "start_at",
            f"The {label('start_at')} must be a date before or equal to {last.strftime(limits.START_AT_FORMAT)}.",
        )


def _check_sms(errors: Errors, sms: dict[str, Any], sms_senders: Container[str]) -> None:
    key = "alternative_channel.sms"
    text = sms.get("text")
    # isinstance after errors.string (which checks it and reports) narrows for the type checker.
    if errors.required(f"{key}.text", text) and errors.string(f"{key}.text", text) and isinstance(text, str):
        units, maximum = sms_length(text)
        if units > maximum:
            errors.add(f"{key}.text", f"The {label(key + '.text')} may not be greater than {maximum} characters.")
    sender = sms.get("sender")
    if errors.required(f"{key}.sender", sender) and errors.string(f"{key}.sender", sender) and isinstance(sender, str):
        if not _SMS_SENDER.match(sender):
            errors.add(f"{key}.sender", f"The {label(key + '.sender')} format is invalid.")
        elif sender not in sms_senders:
            errors.add(f"{key}.sender", f"The selected {label(key + '.sender')} is invalid.")
    if sms.get("validity") is not None:
        errors.integer_between(f"{key}.validity", sms["validity"], limits.VALIDITY_MIN_HOURS, limits.VALIDITY_MAX_HOURS)
    errors.boolean(f"{key}.check_stop_list", sms.get("check_stop_list"))
