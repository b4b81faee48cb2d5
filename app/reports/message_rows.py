"""One message as one row of a report: phone, status and channel in words, times on this computer.

The server writes its times as wall-clock times in the account's time zone; the report shows them in
this computer's zone, named in the column's header ("Sent (Kyiv time)"), written the way Excel reads a
date and time in every language (``2025-04-14 13:41:24``).
"""

from __future__ import annotations

from collections.abc import Sequence

from app.api.models import MessageInfo
from app.campaign.clock_words import parse_server_time, zone_words
from app.campaign.message_statuses import channel_words, message_look
from app.campaign.time_zones import zone_info
from app.language import tr, tr_c, tr_mark
from app.reports.excel_csv import ExcelStyle, number_cell, phone_cell, text_cell

TIME_FORMAT = "%Y-%m-%d %H:%M:%S"  # the same in every language: Excel reads it as a date and time
# Translators: the report's "Read" column of a message that was read (empty when it was not).
READ_MARK = tr_mark("Yes")


def header(local_time_zone: str) -> list[str]:
    """The header row, in the user's language (the columns' order never changes); the times' columns
    name this computer's zone."""
    zone = zone_words(local_time_zone)
    return [
        tr_c("report column", "Phone"),
        tr_c("report column", "Status"),
        tr_c("report column", "Channel"),
        tr_c("report column", "Sent ({zone})").format(zone=zone),
        tr_c("report column", "Delivered ({zone})").format(zone=zone),
        tr_c("report column", "Read"),
        tr_c("report column", "Price"),
        tr_c("report column", "Currency"),
        tr_c("report column", "Reference"),
    ]


def local_time(text: str | None, account_time_zone: str, local_time_zone: str) -> str:
    """A server time on this computer's clock; one that cannot be read is kept as written."""
    if not text:
        return ""
    moment = parse_server_time(text)
    if moment is None:
        return text_cell(text.strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone_info(account_time_zone))
    try:
        return moment.astimezone(zone_info(local_time_zone)).strftime(TIME_FORMAT)
    except (OverflowError, ValueError):  # a year like 9999 cannot move across zones
        return text_cell(text.strip())


def status_words(message: MessageInfo) -> str:
    return message_look(message.status, sms_sent=message.sms_sent_instead, sms_status=message.sms_status).words


def message_row(message: MessageInfo, account_time_zone: str, local_time_zone: str, style: ExcelStyle) -> Sequence[str]:
    """The cells of ``message``, in the order of ``header``."""
    return [
        phone_cell(message.phone),
        text_cell(status_words(message)),
        channel_words(message.message_type, sms_sent=message.sms_sent_instead, status=message.status),
        local_time(message.sent_at, account_time_zone, local_time_zone),
        local_time(message.delivered_at, account_time_zone, local_time_zone),
        tr(READ_MARK) if message.status == "read" else "",
        number_cell(message.price, style),
        text_cell(message.currency),
        text_cell(message.reference_id),
    ]
