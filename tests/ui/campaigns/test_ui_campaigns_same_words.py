"""The Campaigns tab and the command line say the same: times read in the account's zone as it is now
(also after it changed), numbers with thousands separators, lists by name, "on this computer"."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt

from app.api import WwtClient
from app.api.models import CampaignInfo
from app.campaign.file import load_campaign_file
from app.cli import main
from app.cli.history_commands import print_records
from app.history import History, demo_server_label, lists_of
from app.platform import config
from app.sandbox import DEMO_API_KEY, LoopbackServer, SandboxServer, SandboxTransport
from app.sending import send_body
from app.tasks.connection import DEMO_BASE_URL, Connection
from helpers.window import EXAMPLES
from ui.campaigns.campaigns_model import NAME, RCS, SENT, START
from ui.campaigns.campaigns_view import CampaignsView

T0 = datetime(2025, 3, 1, 10, 0, 0, tzinfo=UTC)
SPRING = EXAMPLES / "spring-sale.rcs.json"
HELLO = EXAMPLES / "hello-text.rcs.json"


class Desk:
    """A Campaigns view on a sandbox whose account zone the test changes, as Settings does."""

    def __init__(self, qtbot, tmp_path, zone: str) -> None:
        self.now = [T0]
        self.server = SandboxServer(clock=lambda: self.now[0], time_zone=zone)
        self.client = WwtClient(DEMO_BASE_URL, DEMO_API_KEY, transport=SandboxTransport(self.server))
        self.connection = self._connection(zone)
        self.history = History(tmp_path / "history.sqlite3", clock=lambda: self.now[0])
        self.label = demo_server_label()
        self.view = CampaignsView(lambda: self.history, lambda: self.connection, lambda: self.label)
        qtbot.addWidget(self.view)
        self.view.resize(1100, 700)
        self.view.show()
        self.qtbot = qtbot

    def _connection(self, zone: str) -> Connection:
        return Connection(client=self.client, demo=True, base_url=DEMO_BASE_URL, account_time_zone=zone)

    def send(self, path=SPRING) -> CampaignInfo:
        document = load_campaign_file(path)
        body = send_body(document, self.connection.account_time_zone)
        info = self.client.send_campaign(body)
        self.history.record_sent(
            body,
            info,
            lists=lists_of(document),
            time_zone=self.connection.account_time_zone,
            server=self.label,
            sent_at=self.now[0],
        )
        return info

    def set_account_zone(self, zone: str) -> None:
        """The account's zone changed: the server writes its times in it from now on; the window reconnects."""
        self.server.time_zone = zone
        self.server.zone = self.server.store.zone = ZoneInfo(zone)
        self.connection = self._connection(zone)
        self.view.reload()  # what the window does with a new connection
        self.settle()

    def settle(self) -> None:
        self.qtbot.waitUntil(lambda: not self.view.busy, timeout=5000)

    def refresh(self) -> None:
        self.view.refresh_now()
        self.settle()

    def cell(self, row: int, column: int) -> str:
        return self.view.model.data(self.view.model.index(row, column))

    def close(self) -> None:
        self.settle()
        self.client.close()


@pytest.fixture
def desk(qtbot, tmp_path, computer_zone):
    computer_zone("Etc/UTC")
    made = Desk(qtbot, tmp_path, "Etc/UTC")
    yield made
    made.close()


def command_line_rows(monkeypatch, capsys, server: SandboxServer, zone: str, campaign_id: int) -> dict[str, str]:
    """What ``rcs-desk campaign ID`` prints, label -> value, with the account's zone set to ``zone``."""
    config.save_settings(config.Settings(time_zone=zone))
    with LoopbackServer(server) as loopback:
        monkeypatch.setenv("RCS_DESK_API_URL", loopback.base_url)
        monkeypatch.setenv("RCS_DESK_API_KEY", DEMO_API_KEY)
        capsys.readouterr()
        assert main(["campaign", str(campaign_id)]) == 0
        out = capsys.readouterr().out
    rows = [line.strip().split(":", 1) for line in out.splitlines() if ":" in line]
    return {label.strip(): value.strip() for label, value in rows}


def test_after_the_account_zone_changed_the_window_says_the_times_the_command_line_says(
    qtbot, desk, monkeypatch, capsys
):
    info = desk.send(SPRING)
    desk.now[0] += timedelta(minutes=10)  # it has gone out and finished: no refresh asks about it again
    desk.view.reload()
    desk.settle()
    desk.refresh()
    view = desk.view
    assert desk.cell(0, 1) == "Done"
    assert view.pane.value("Actual start") == "Sat 1 Mar 2025, 10:00, UTC"  # the account is on UTC, as this computer

    asked = len([r for r in desk.server.requests if r.target.endswith("/detail")])
    desk.set_account_zone("Europe/Kyiv")
    # The server now writes the campaign's times in Kyiv time: they were read again, and are read in it.
    assert len([r for r in desk.server.requests if r.target.endswith("/detail")]) > asked
    assert view.model.headerData(START, Qt.Orientation.Horizontal) == "Planned start\n(Kyiv time)"
    assert desk.cell(0, START) == "Sat 1 Mar 2025, 12:00"  # 10:00 UTC
    actual = view.pane.value("Actual start")
    assert actual == "Sat 1 Mar 2025, 12:00, Kyiv time (UTC+2) — on this computer: 10:00, UTC"
    sent_on = "Sat 1 Mar 2025, 12:00, Kyiv time (UTC+2) — on this computer: 10:00, UTC"
    assert view.pane.value("Sent on") == sent_on
    assert desk.cell(0, SENT) == "Sat 1 Mar 2025, 10:00"  # the column of this computer's clock (its header says)
    assert view.model.data(view.model.index(0, SENT), Qt.ItemDataRole.ToolTipRole) == sent_on

    shown = command_line_rows(monkeypatch, capsys, desk.server, "Europe/Kyiv", info.id)
    assert shown["Planned start"] == view.pane.value("Planned start")
    assert shown["Actual start"] == actual
    assert shown["ID"] == view.pane.value("ID")
    # Numbers as the command line writes them (the thousands separated), whatever Qt's locale.
    assert shown["RCS delivered / sent"] == desk.cell(0, RCS)
    assert "," in desk.cell(0, RCS)  # over a thousand messages went out
    assert view.pane.value("Sent") == shown["RCS delivered / sent"].split(" / ")[1]


def test_times_already_read_in_the_new_zone_are_not_said_in_the_zone_of_the_send(qtbot, desk):
    desk.send(SPRING)
    desk.server.time_zone = "Europe/Kyiv"  # changed in the account after the send, before any refresh
    desk.server.zone = desk.server.store.zone = ZoneInfo("Europe/Kyiv")
    desk.connection = desk._connection("Europe/Kyiv")
    desk.now[0] += timedelta(seconds=30)
    desk.view.reload()
    desk.settle()
    desk.refresh()
    planned = desk.view.pane.value("Planned start")
    assert planned.startswith("Sat 1 Mar 2025, 12:00") and "Kyiv time (UTC+2)" in planned
    assert desk.cell(0, START) == "Sat 1 Mar 2025, 12:00"


def test_the_words_for_this_computers_clock_are_the_command_lines(qtbot, desk):
    desk.send(SPRING)
    desk.view.reload()
    desk.settle()
    header = desk.view.model.headerData(SENT, Qt.Orientation.Horizontal)
    assert header == "Sent\n(time on this computer)"
    printed = io.StringIO()
    print_records(desk.view.model.records, out=printed)  # rcs-desk campaigns
    assert printed.getvalue().splitlines()[0].startswith(header.replace("\n", " "))


def test_a_list_known_only_by_number_is_named_from_the_account(qtbot, desk):
    desk.send(HELLO)  # the file names list 1864603 by number only
    view = desk.view
    view.reload()
    desk.settle()
    assert view.model.record_at(0).lists[1864603].name is None
    assert view.pane.value("Contact lists") == "VIP customers"
    asked = [r for r in desk.server.requests if r.target.startswith("/api/groups")]
    assert len(asked) == 1

    desk.send(SPRING)  # its lists are named in the file: nothing to ask
    view.reload()
    desk.settle()
    view.table.selectRow(1)
    desk.settle()
    assert view.pane.value("Contact lists") == "VIP customers"
    view.table.selectRow(0)
    desk.settle()
    assert view.pane.value("Contact lists") == "VIP customers (240 contacts), Kyiv store visitors (1,350 contacts)"
    assert len([r for r in desk.server.requests if r.target.startswith("/api/groups")]) == 1  # asked once


def test_a_list_of_another_server_is_not_asked_about(qtbot, desk):
    desk.send(HELLO)
    desk.label = "another server"  # a campaign of an earlier demo session: its lists are not this account's
    desk.view.reload()
    desk.settle()
    assert desk.view.pane.value("Contact lists") == "List 1864603"
    assert [r for r in desk.server.requests if r.target.startswith("/api/groups")] == []
    assert desk.cell(0, NAME).startswith("Hello!")
