"""A campaign the server returned, described in plain words (shared by the terminal and the window)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from app.campaign.clock_words import server_time_text
from app.campaign.statuses import status_words
from app.language import tr, tr_mark
from app.language.formats import format_count, format_money

if TYPE_CHECKING:  # only named in a signature: rcs-desk validate does not import the API's models
    from app.api.models import CampaignInfo

NAME_SHOWN_CHARS = 80


def _or_dash(value: Any) -> str:
    return "—" if value is None or value == "" else str(value)


def short_name(name: str, limit: int = NAME_SHOWN_CHARS) -> str:
    """A name as shown in a table or a line: its first line, ended in "…" past ``limit`` characters."""
    line = name.strip().splitlines()[0] if name.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def count_words(value: int | None) -> str:
    """A count as every view writes it, the thousands separated: ``1,262`` (Ukrainian ``1 262``); ``—`` when
    not known."""
    return "—" if value is None else format_count(value)


def pair_words(first: int | None, second: int | None) -> str:
    """Two counts such as delivered / sent: ``1,262 / 1,577``; ``—`` when neither is known."""
    if first is None and second is None:
        return "—"
    return f"{count_words(first)} / {count_words(second)}"


def format_price(price: float | None, currency: str | None) -> str:
    """``1,234.50 UAH``, ``0.00 UAH``, ``0.0125 UAH`` (``app.language.formats.format_money``); "not given"
    without a price."""
    if price is None:
        # Translators: a price the server did not give.
        return tr("not given")
    return format_money(price, currency)


def _moment(value: str | None, time_zone: str | None, local_zone: str | None, now: datetime | None) -> str:
    if not value:
        return "—"
    return server_time_text(value, time_zone, local_zone, now=now) if time_zone else value


def campaign_rows(
    info: CampaignInfo, time_zone: str | None = None, local_zone: str | None = None, *, now: datetime | None = None
) -> list[tuple[str, str]]:
    """Label/value pairs describing a campaign, in reading order. ``time_zone`` is the account's: the
    server gives its times in it; they are said in it, then on this computer (``local_zone``) when the
    clock there differs, as everywhere (``app.campaign.clock_words``).

    The values are in the current language; the labels are the English ones, marked for translation,
    so that views can pick rows by label: show a label with ``tr(label)``.
    """
    return [
        (tr_mark("ID"), _or_dash(info.id)),
        (tr_mark("Status"), status_words(info.status)),
        (tr_mark("RCS agent"), _or_dash(info.sender)),
        (tr_mark("Planned start"), _moment(info.start_at, time_zone, local_zone, now)),
        (
            tr_mark("Actual start"),
            _moment(info.real_start_at, time_zone, local_zone, now) if info.real_start_at else tr("not started yet"),
        ),
        (tr_mark("RCS delivered / sent"), pair_words(info.delivered, info.sent)),
        (tr_mark("SMS delivered / sent"), pair_words(info.sms_delivered, info.sms_sent)),
        (tr_mark("Estimated price"), format_price(info.price, info.currency)),
        (tr_mark("Name on the server"), _or_dash(short_name(info.name) if info.name else None)),
    ]
