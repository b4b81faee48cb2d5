"""A campaign's report: every message as a CSV row Excel opens as it should, and the summary beside it."""

from __future__ import annotations

import csv
import io
import tracemalloc
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app import api
from app.api import WwtClient
from app.campaign.clock_words import parse_server_time
from app.reports import SEMICOLON, excel_style_for, export_campaign_report, summary_path_for
from app.reports.excel_csv import BOM, phone_cell, text_cell
from app.reports.message_rows import local_time
from app.sandbox import DEMO_API_KEY, SandboxServer, SandboxTransport
from app.sandbox.messages import campaign_phone
from helpers.messages import MESSAGES, FakeClock, loopback_connection

HEADER_NEW_YORK = [
    "Phone",
    "Status",
    "Channel",
    "Sent (New York time)",
    "Delivered (New York time)",
    "Read",
    "Price",
    "Currency",
    "Reference",
]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def server(clock) -> SandboxServer:
    return SandboxServer(clock=clock, time_zone="Europe/Kyiv")


def big_campaign(server: SandboxServer, clock: FakeClock, total: int = 5000) -> int:
    campaign = server.store.create(now=clock.now, sender="WWT Shop", total=total, start_at=None, sms_parts=1)
    clock.advance(3600)  # every report is in
    return campaign.id


def read_back(path, delimiter: str = ",") -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(BOM)
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    return list(csv.reader(io.StringIO(data[len(BOM) :].decode("utf-8"), newline=""), delimiter=delimiter))


@pytest.mark.slow
def test_a_5000_message_report_has_every_row_with_times_on_this_computer(server, clock, tmp_path):
    campaign_id = big_campaign(server, clock)
    progress: list[tuple[int, int]] = []
    path = tmp_path / "report.csv"
    with loopback_connection(server) as connection:
        result = export_campaign_report(
            connection.client,
            campaign_id,
            path,
            account_time_zone="Europe/Kyiv",
            local_time_zone="America/New_York",
            on_progress=lambda *p: progress.append(p),
        )
    table = read_back(path)
    assert table[0] == HEADER_NEW_YORK
    body = table[1:]
    assert len(body) == 5000 == result.messages
    assert len({row[0] for row in body}) == 5000
    campaign = server.store.get(campaign_id)
    assert campaign is not None
    assert body[0][0] == f'="+{campaign_phone(campaign, 0)}"'
    assert progress[-1] == (5000, 5000) and len(progress) == 10
    pages = [r for r in server.requests if r.target.startswith(MESSAGES + "?")]
    assert len(pages) == 10 and all("page%5Blimit%5D=500" in r.target for r in pages)
    # 13:00 in Kyiv (summer time, UTC+3) is 06:00 in New York (UTC-4)
    assert {row[3][:13] for row in body} == {"2025-04-14 06"}
    assert {row[2] for row in body} == {"RCS", "SMS"}
    statuses = {row[1] for row in body}
    assert {"Delivered", "Read", "The phone has no RCS: it got the SMS", "Failed: it could not be sent"} <= statuses
    assert {row[5] for row in body} == {"Yes", ""} and {row[7] for row in body} == {"USD"}


def test_the_summary_is_a_second_file_whose_counts_match_the_rows(server, clock, tmp_path):
    campaign_id = big_campaign(server, clock, total=300)
    path = tmp_path / "spring.csv"
    with loopback_connection(server) as connection:
        result = export_campaign_report(
            connection.client, campaign_id, path, account_time_zone="Europe/Kyiv", local_time_zone="Europe/Kyiv"
        )
    assert result.summary_path == tmp_path / "spring-summary.csv" == summary_path_for(path)
    summary = dict(read_back(result.summary_path)[1:])
    assert summary["Campaign ID"] == str(campaign_id) and summary["Status"] == "Done"
    assert summary["Messages in the report"] == "300"
    counted = sum(int(value) for item, value in summary.items() if item.startswith("Messages: "))
    assert counted == 300
    assert summary["Delivered (server's count)"] == str(
        sum(1 for row in read_back(path)[1:] if row[1] in ("Delivered", "Read"))
    )
    assert summary["Price of the messages listed"] == summary["Cost so far (server)"]
    assert summary["Currency"] == "USD" and "Exported (Kyiv time)" in summary


def test_where_numbers_are_written_1_5_the_file_uses_semicolons_and_decimal_commas(server, clock, tmp_path):
    campaign_id = big_campaign(server, clock, total=40)
    path = tmp_path / "report.csv"
    style = excel_style_for(",")
    assert style == SEMICOLON
    with loopback_connection(server) as connection:
        export_campaign_report(
            connection.client, campaign_id, path, account_time_zone="UTC", local_time_zone="UTC", style=style
        )
    body = read_back(path, delimiter=";")[1:]
    assert len(body) == 40
    assert {row[6] for row in body} <= {"0,0175696", "0,0162000", "0,0000000"}


def test_a_cancelled_report_leaves_the_earlier_file_as_it_was(server, clock, tmp_path):
    campaign_id = big_campaign(server, clock, total=1200)
    path = tmp_path / "report.csv"
    path.write_text("the report of last week", encoding="utf-8")

    class CancelAfterOnePage:
        def __init__(self) -> None:
            self.cancelled = False

    context = CancelAfterOnePage()

    def on_progress(done: int, total: int) -> None:
        context.cancelled = True

    with loopback_connection(server) as connection, pytest.raises(api.Cancelled):
        export_campaign_report(
            connection.client,
            campaign_id,
            path,
            account_time_zone="UTC",
            local_time_zone="UTC",
            context=context,
            on_progress=on_progress,
        )
    assert path.read_text(encoding="utf-8") == "the report of last week"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.csv"]


def test_an_unknown_campaign_writes_nothing(server, tmp_path):
    with loopback_connection(server) as connection, pytest.raises(api.NotFound):
        export_campaign_report(
            connection.client, 12345, tmp_path / "r.csv", account_time_zone="UTC", local_time_zone="UTC"
        )
    assert list(tmp_path.iterdir()) == []


# --- cells ----------------------------------------------------------------------------------------------


def test_a_phone_stays_text_in_excel():
    assert phone_cell("380661231231") == '="+380661231231"'
    assert phone_cell("=1+1") == "'=1+1"
    assert phone_cell(None) == ""


@given(st.text(max_size=40))
def test_no_text_reaches_excel_as_a_formula(text):
    cell = text_cell(text)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or cell == ""
    assert cell.removeprefix("'") == text or cell == text


@pytest.mark.parametrize(
    ("server_time", "local_zone", "expected"),
    [
        ("2025-03-30 04:30:00", "UTC", "2025-03-30 01:30:00"),  # just after Kyiv's clocks went forward
        ("2025-03-30 02:30:00", "UTC", "2025-03-30 00:30:00"),  # just before
        ("2025-10-26 12:00:00", "Asia/Kolkata", "2025-10-26 15:30:00"),
        ("2025-10-26T09:00:00+00:00", "Europe/Kyiv", "2025-10-26 11:00:00"),  # with its own offset
        ("next week", "UTC", "next week"),
        ("", "UTC", ""),
    ],
)
def test_server_times_are_moved_to_this_computers_zone(server_time, local_zone, expected):
    assert local_time(server_time, "Europe/Kyiv", local_zone) == expected


@given(
    st.one_of(st.text(max_size=30), st.datetimes().map(lambda d: d.strftime("%Y-%m-%d %H:%M:%S"))),
    st.sampled_from(["UTC", "Europe/Kyiv", "America/New_York", "Not/AZone"]),
)
def test_any_server_time_gives_a_time_excel_reads_or_the_text_as_written(text, zone):
    cell = local_time(text, "Europe/Kyiv", zone)
    try:
        datetime.strptime(cell, "%Y-%m-%d %H:%M:%S").replace(tzinfo=ZoneInfo("UTC"))
    except ValueError:
        assert cell == text_cell(text.strip())
    else:
        assert parse_server_time(text) is not None


def report_peak_bytes(total: int, tmp_path) -> int:
    clock = FakeClock()
    server = SandboxServer(clock=clock)
    campaign_id = big_campaign(server, clock, total=total)
    client = WwtClient("https://demo.test", DEMO_API_KEY, transport=SandboxTransport(server))
    client.get_balance()  # logged in before measuring
    tracemalloc.start()
    try:
        export_campaign_report(
            client, campaign_id, tmp_path / f"{total}.csv", account_time_zone="UTC", local_time_zone="UTC"
        )
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        client.close()


@pytest.mark.slow
def test_rows_are_written_as_they_come_not_held_in_memory(tmp_path):
    small, large = report_peak_bytes(1000, tmp_path), report_peak_bytes(5000, tmp_path)
    # Holding the messages costs about 1.6 MB a thousand; written as they come, a page at a time.
    assert large - small < 2_500_000, (small, large)
