"""A campaign's report: every message as one CSV row, and the campaign's summary in a second file.

    result = export_campaign_report(client, 53708808, "spring-sale.csv",
                                    account_time_zone="Europe/Kyiv", local_time_zone="Europe/Kyiv")

The messages are read page by page (``WwtClient.list_messages``) and each row is written as it comes,
so 5,000 messages take no more memory than one page; the file appears, whole, only at the end
(``atomic_writer``): cancelled or failed, the file that was there is left as it was.

The summary (campaign, status, counts by status, cost) goes to a second file (``<name>-summary.csv``),
not to first rows: with one header row and nothing else, Excel's filters, sorting and tables, and any
program reading the file, work on the messages as they are.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Protocol

from app.api.models import CampaignDetail, MessageInfo
from app.campaign.clock_words import zone_words
from app.campaign.statuses import status_words as campaign_status_words
from app.campaign.time_zones import zone_info
from app.language import tr_c
from app.platform.atomic import atomic_writer
from app.reports.excel_csv import COMMA, CsvOut, ExcelStyle, number_cell, text_cell
from app.reports.message_rows import TIME_FORMAT, header, local_time, message_row, status_words
from app.tasks.context import NEVER_CANCELLED, Cancellable

SUMMARY_SUFFIX = "-summary"


class ReportSource(Protocol):
    def get_campaign_detail(self, campaign_id: int) -> CampaignDetail: ...

    def list_messages(
        self,
        filters: Mapping[str, str | int],
        *,
        on_progress: Callable[[int, int], None] | None = None,
        should_cancel: Callable[[], bool] | None = None,
    ) -> Iterator[MessageInfo]: ...


@dataclass(frozen=True)
class ReportResult:
    """Where the report and its summary were written, and how many messages it holds."""

    path: Path
    summary_path: Path
    messages: int
    campaign: CampaignDetail


def suggested_report_name(campaign_id: int) -> str:
    return f"campaign-{campaign_id}-messages.csv"


def summary_path_for(path: str | os.PathLike[str]) -> Path:
    """``report.csv`` -> ``report-summary.csv`` (beside it)."""
    target = Path(path)
    suffix = target.suffix or ".csv"
    return target.with_name(f"{target.stem}{SUMMARY_SUFFIX}{suffix}")


@dataclass
class _Tally:
    """What the summary counts while the rows are written."""

    messages: int = 0
    by_status: Counter[str] | None = None
    price: Decimal = Decimal(0)
    currencies: set[str] | None = None

    def add(self, message: MessageInfo) -> None:
        self.messages += 1
        if self.by_status is None:
            self.by_status, self.currencies = Counter(), set()
        self.by_status[status_words(message)] += 1
        if message.price is not None:
            try:
                self.price += Decimal(message.price)
            except InvalidOperation:
                return
            if message.currency and self.currencies is not None:
                self.currencies.add(message.currency)


def export_campaign_report(
    client: ReportSource,
    campaign_id: int,
    path: str | os.PathLike[str],
    *,
    account_time_zone: str,
    local_time_zone: str,
    style: ExcelStyle = COMMA,
    context: Cancellable = NEVER_CANCELLED,
    on_progress: Callable[[int, int], None] | None = None,
    clock: Callable[[], datetime] | None = None,
) -> ReportResult:
    """Write every message of the campaign to ``path`` and its summary beside it (``summary_path_for``).

    ``on_progress(written, total)`` follows each page; ``context.cancelled`` stops before the next page
    (raising ``api.Cancelled``; nothing is written). Raises the client's ``ApiError``s, and ``OSError``
    when a file cannot be written (the file there before is left as it was).
    """
    detail = client.get_campaign_detail(campaign_id)
    tally = _Tally()
    with atomic_writer(path) as handle:
        out = CsvOut(handle, style)
        out.row(header(local_time_zone))
        for message in client.list_messages(
            {"campaign_id": campaign_id}, on_progress=on_progress, should_cancel=lambda: context.cancelled
        ):
            out.row(message_row(message, account_time_zone, local_time_zone, style))
            tally.add(message)
    summary = summary_path_for(path)
    now = (clock or _utc_now)()
    with atomic_writer(summary) as handle:
        out = CsvOut(handle, style)
        out.row([tr_c("report summary column", "Item"), tr_c("report summary column", "Value")])
        for item, value in _summary_rows(detail, tally, account_time_zone, local_time_zone, style, now):
            out.row([item, value])
    return ReportResult(Path(path), summary, tally.messages, detail)


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _summary_rows(
    detail: CampaignDetail,
    tally: _Tally,
    account_time_zone: str,
    local_time_zone: str,
    style: ExcelStyle,
    now: datetime,
) -> list[tuple[str, str]]:
    zone = zone_words(local_time_zone)
    started = local_time(detail.real_start_at or detail.start_at, account_time_zone, local_time_zone)
    rows = [
        (tr_c("report summary", "Campaign"), text_cell(detail.name)),
        (tr_c("report summary", "Campaign ID"), str(detail.id or "")),
        (tr_c("report summary", "Status"), campaign_status_words(detail.status)),
        (tr_c("report summary", "Sender"), text_cell(detail.sender)),
        (tr_c("report summary", "Started ({zone})").format(zone=zone), started),
        (
            tr_c("report summary", "Finished ({zone})").format(zone=zone),
            local_time(detail.finished_at, account_time_zone, local_time_zone),
        ),
        (tr_c("report summary", "Messages in the report"), str(tally.messages)),
    ]
    rows += [
        (tr_c("report summary", "Messages: {status}").format(status=words), str(count))
        for words, count in (tally.by_status or Counter()).most_common()
    ]
    statistics = detail.statistics
    for key, words in (
        ("sent", tr_c("report summary", "Sent (server's count)")),
        ("delivered", tr_c("report summary", "Delivered (server's count)")),
        ("read", tr_c("report summary", "Read (server's count)")),
    ):
        if key in statistics:
            rows.append((words, str(statistics[key])))
    for key, words in (
        ("sent", tr_c("report summary", "SMS sent instead (server's count)")),
        ("delivered", tr_c("report summary", "SMS delivered (server's count)")),
    ):
        if key in detail.sms_statistics:
            rows.append((words, str(detail.sms_statistics[key])))
    currencies = tally.currencies or set()
    if tally.messages and len(currencies) <= 1:
        rows.append(
            (tr_c("report summary", "Price of the messages listed"), number_cell(format(tally.price, "f"), style))
        )
    rows.append((tr_c("report summary", "Cost so far (server)"), number_cell(detail.total_price, style)))
    currency = detail.currency or (next(iter(currencies)) if len(currencies) == 1 else None)
    rows.append((tr_c("report summary", "Currency"), text_cell(currency)))
    exported = now.astimezone(zone_info(local_time_zone)).strftime(TIME_FORMAT)
    rows.append((tr_c("report summary", "Exported ({zone})").format(zone=zone), exported))
    return rows
