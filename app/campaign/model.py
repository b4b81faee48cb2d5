"""The campaign model: a typed view of WWT.world's send-groups request body.

``Campaign.from_request`` reads any JSON value without raising; members it does not
understand, or whose type is not the documented one, are kept untouched in ``extra``
so that ``to_request`` gives back exactly what was read. Validation works on the
request dictionary (see ``app.validation``), so a wrong value kept in ``extra`` is
still reported to the user.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, TypeVar

from app.campaign import limits
from app.campaign.text_units import phone_for_server

MessageKind = Literal["text", "card", "carousel"]
ButtonKind = Literal["link", "call"]

_Parsed = TypeVar("_Parsed")


def _take(source: dict[str, Any], extra: dict[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    """Pop ``key`` from ``extra`` if its value has the documented type, else leave it there."""
    if key not in source:
        return None
    value = source[key]
    if isinstance(value, bool) and kind is not bool:
        return None
    if isinstance(value, kind):
        del extra[key]
        return value
    return None


def _take_object(
    source: dict[str, Any], extra: dict[str, Any], key: str, parse: Callable[[dict[str, Any]], _Parsed]
) -> _Parsed | None:
    value = source.get(key)
    if isinstance(value, dict):
        del extra[key]
        return parse(value)
    return None


def _take_object_list(
    source: dict[str, Any], extra: dict[str, Any], key: str, parse: Callable[[dict[str, Any]], _Parsed]
) -> list[_Parsed] | None:
    value = source.get(key)
    if isinstance(value, list) and all(isinstance(item, dict) for item in value):
        del extra[key]
        return [parse(item) for item in value]
    return None


def _keep_unread(out: dict[str, Any], extra: dict[str, Any]) -> None:
    """Add the members kept as read. A member the model holds wins: once the user gives a value of the
    right type (a sender typed over a file's ``123``), that value is sent, not the one kept from the file."""
    for key, value in extra.items():
        out.setdefault(key, value)


def _put(out: dict[str, Any], key: str, value: Any) -> None:
    if value is not None:
        out[key] = value


@dataclass
class Suggestion:
    """A button under a card: open a link (``url``) or call a number (``phone``)."""

    text: str | None = None
    url: str | None = None
    phone: str | None = None
    type: str | None = None  # as written; None when the file omits it
    postback_data: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def kind(self) -> ButtonKind:
        if self.type == "link":
            return "link"
        if self.type == "call":
            return "call"
        if self.phone is not None and self.url is None:
            return "call"
        return "link"

    @property
    def sent_phone(self) -> str | None:
        """The number as the server gets it: digits only when it is written with separators, as the
        window's button editor stores a typed one; anything else as written (validation names it)."""
        if self.phone is None:
            return None
        return phone_for_server(self.phone) or self.phone

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Suggestion:
        extra = dict(data)
        return cls(
            text=_take(data, extra, "text", str),
            url=_take(data, extra, "url", str),
            phone=_take(data, extra, "phone", str),
            type=_take(data, extra, "type", str),
            postback_data=_take(data, extra, "postback_data", str),
            extra=extra,
        )

    def to_dict(self, *, with_type: bool = False, phone_as_sent: bool = False) -> dict[str, Any]:
        """``with_type`` adds the ``type`` the button has when the file omits it; ``phone_as_sent`` writes
        the number as it is sent (``"+380 99 123 45 67"`` -> ``"380991234567"``, see ``sent_phone``)."""
        out: dict[str, Any] = {}
        button_type = self.type if self.type is not None or "type" in self.extra else (self.kind if with_type else None)
        _put(out, "type", button_type)
        _put(out, "text", self.text)
        _put(out, "url", self.url)
        _put(out, "phone", self.sent_phone if phone_as_sent else self.phone)
        _put(out, "postback_data", self.postback_data)
        _keep_unread(out, self.extra)
        return out


@dataclass
class Media:
    url: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Media:
        extra = dict(data)
        return cls(url=_take(data, extra, "url", str), extra=extra)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        _put(out, "url", self.url)
        _keep_unread(out, self.extra)
        return out


@dataclass
class Card:
    title: str | None = None
    text: str | None = None
    media: Media | None = None
    suggestions: list[Suggestion] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Card:
        extra = dict(data)
        return cls(
            title=_take(data, extra, "title", str),
            text=_take(data, extra, "text", str),
            media=_take_object(data, extra, "media", Media.from_dict),
            suggestions=_take_object_list(data, extra, "suggestions", Suggestion.from_dict),
            extra=extra,
        )

    def to_dict(self, *, with_type: bool = False, phone_as_sent: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {}
        _put(out, "title", self.title)
        _put(out, "text", self.text)
        if self.media is not None:
            out["media"] = self.media.to_dict()
        if self.suggestions is not None:
            out["suggestions"] = [s.to_dict(with_type=with_type, phone_as_sent=phone_as_sent) for s in self.suggestions]
        _keep_unread(out, self.extra)
        return out

    @property
    def media_url(self) -> str:
        return (self.media.url or "") if self.media else ""


@dataclass
class Options:
    """The message: plain ``text``, or ``cards`` (1 = rich card, 2..5 = carousel)."""

    text: str | None = None
    cards: list[Card] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Options:
        extra = dict(data)
        return cls(
            text=_take(data, extra, "text", str),
            cards=_take_object_list(data, extra, "cards", Card.from_dict),
            extra=extra,
        )

    def to_dict(self, *, with_type: bool = False, phone_as_sent: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {}
        _put(out, "text", self.text)
        if self.cards is not None:
            out["cards"] = [c.to_dict(with_type=with_type, phone_as_sent=phone_as_sent) for c in self.cards]
        _keep_unread(out, self.extra)
        return out

    @property
    def kind(self) -> MessageKind:
        if self.cards is None:
            return "text"
        return "carousel" if len(self.cards) >= limits.CAROUSEL_MIN else "card"


@dataclass
class SmsFallback:
    text: str | None = None
    sender: str | None = None
    validity: int | None = None
    check_stop_list: bool | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SmsFallback:
        extra = dict(data)
        return cls(
            text=_take(data, extra, "text", str),
            sender=_take(data, extra, "sender", str),
            validity=_take(data, extra, "validity", int),
            check_stop_list=_take(data, extra, "check_stop_list", bool),
            extra=extra,
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        _put(out, "text", self.text)
        _put(out, "sender", self.sender)
        _put(out, "validity", self.validity)
        _put(out, "check_stop_list", self.check_stop_list)
        _keep_unread(out, self.extra)
        return out


@dataclass
class AlternativeChannel:
    sms: SmsFallback | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AlternativeChannel:
        extra = dict(data)
        return cls(sms=_take_object(data, extra, "sms", SmsFallback.from_dict), extra=extra)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.sms is not None:
            out["sms"] = self.sms.to_dict()
        _keep_unread(out, self.extra)
        return out


def parse_start_at(value: str) -> datetime | None:
    """``"yyyy-mm-dd hh:mm:ss"`` as a naive wall-clock time, or None when not in that exact form."""
    if len(value) != 19:
        return None
    try:
        parsed = datetime.strptime(value, limits.START_AT_FORMAT)  # noqa: DTZ007 - naive by design (see above)
    except ValueError:
        return None
    return parsed if parsed.strftime(limits.START_AT_FORMAT) == value else None


def format_start_at(moment: datetime) -> str:
    return moment.strftime(limits.START_AT_FORMAT)


@dataclass
class Campaign:
    """A send-groups request. ``start_at`` is wall-clock time in the campaign's time zone."""

    groups: list[int] = field(default_factory=list)
    sender: str | None = None
    options: Options | None = None
    tariff_code: int | None = None
    validity: int | None = None
    start_at: datetime | None = None
    alternative_channel: AlternativeChannel | None = None
    check_stop_list: bool | None = None
    add_to_contact_book: bool | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    groups_given: bool = True  # False when the request had no "groups" member at all

    @classmethod
    def from_request(cls, data: Any) -> Campaign:
        """Read a request body; never raises. A non-object becomes an empty campaign."""
        if not isinstance(data, dict):
            return cls(groups_given=False)
        extra = dict(data)
        groups_value = data.get("groups")
        groups: list[int] = []
        groups_given = False
        if isinstance(groups_value, list) and all(isinstance(g, int) and not isinstance(g, bool) for g in groups_value):
            groups = list(groups_value)
            del extra["groups"]
            groups_given = True
        start_at = None
        raw_start = data.get("start_at")
        if isinstance(raw_start, str) and (parsed := parse_start_at(raw_start)) is not None:
            start_at = parsed
            del extra["start_at"]
        return cls(
            groups=groups,
            sender=_take(data, extra, "sender", str),
            options=_take_object(data, extra, "options", Options.from_dict),
            tariff_code=_take(data, extra, "tariff_code", int),
            validity=_take(data, extra, "validity", int),
            start_at=start_at,
            alternative_channel=_take_object(data, extra, "alternative_channel", AlternativeChannel.from_dict),
            check_stop_list=_take(data, extra, "check_stop_list", bool),
            add_to_contact_book=_take(data, extra, "add_to_contact_book", bool),
            extra=extra,
            groups_given=groups_given,
        )

    def to_request(self, *, for_sending: bool = False, phones_as_sent: bool = False) -> dict[str, Any]:
        """The request body. ``for_sending`` adds each button's ``type`` where it was omitted and writes
        call numbers as they are sent (digits only); ``phones_as_sent`` does only the latter (validation)."""
        out: dict[str, Any] = {}
        if self.groups_given or self.groups:
            out["groups"] = list(self.groups)
        _put(out, "sender", self.sender)
        if self.options is not None:
            out["options"] = self.options.to_dict(with_type=for_sending, phone_as_sent=for_sending or phones_as_sent)
        _put(out, "start_at", format_start_at(self.start_at) if self.start_at else None)
        _put(out, "tariff_code", self.tariff_code)
        _put(out, "validity", self.validity)
        if self.alternative_channel is not None:
            out["alternative_channel"] = self.alternative_channel.to_dict()
        _put(out, "check_stop_list", self.check_stop_list)
        _put(out, "add_to_contact_book", self.add_to_contact_book)
        _keep_unread(out, self.extra)
        return out

    # Conveniences for editors -------------------------------------------------------------

    @property
    def message_kind(self) -> MessageKind:
        return self.options.kind if self.options else "text"

    @property
    def sms(self) -> SmsFallback | None:
        return self.alternative_channel.sms if self.alternative_channel else None
