"""One clock everywhere: the planned time reads the same on the Schedule tab, in the confirmation, in the
result, in the Campaigns view and on the command line, in the account's zone and then on this computer
(the confirmation first says the file's own time when the file's zone is not the account's)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt

from app.campaign.clock_words import offset_words
from app.cli import main
from app.platform import config
from app.sandbox import DEMO_API_KEY, LoopbackServer, SandboxServer
from helpers.window import EXAMPLES, close_window, make_window, sandbox_connection, wait_for_question
from ui.sending.campaign_result import CampaignResultDialog

PLANNED_PREFIX = "Planned start: "


def planned_file(tmp_path: Path, *, days_ahead: int = 3) -> tuple[Path, datetime]:
    """The spring-sale example planned for 10:30 Kyiv time a few days from now; its wall time."""
    data = json.loads((EXAMPLES / "spring-sale.rcs.json").read_text(encoding="utf-8"))
    assert data["time_zone"] == "Europe/Kyiv"
    day = datetime.now(UTC).astimezone(ZoneInfo("Europe/Kyiv")).date() + timedelta(days=days_ahead)
    wall = datetime(day.year, day.month, day.day, 10, 30)
    data["request"]["start_at"] = f"{wall:%Y-%m-%d %H:%M:%S}"
    path = tmp_path / "planned.rcs.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path, wall


@pytest.mark.parametrize(
    ("account", "computer", "account_clock", "computer_clock"),
    [
        ("Europe/Kyiv", "Etc/UTC", "10:30, Kyiv time (UTC+2)", "08:30, UTC"),  # winter; summer is UTC+3
        ("Etc/UTC", "Etc/UTC", "08:30, UTC", None),  # the file's 10:30 in Kyiv, in an account on UTC
        ("Etc/UTC", "America/New_York", "08:30, UTC", "New York time"),
    ],
)
def test_the_planned_time_reads_the_same_everywhere(
    qtbot, monkeypatch, capsys, tmp_path, computer_zone, account, computer, account_clock, computer_clock
):
    computer_zone(computer)
    path, wall = planned_file(tmp_path)
    kyiv_offset = wall.replace(tzinfo=ZoneInfo("Europe/Kyiv")).utcoffset()
    if kyiv_offset != timedelta(hours=2):  # in summer Kyiv is UTC+3: the same checks, an hour apart
        account_clock = account_clock.replace("08:30", "07:30").replace("UTC+2", "UTC+3")
        computer_clock = computer_clock and computer_clock.replace("08:30", "07:30")
    server = SandboxServer(time_zone=account)
    with LoopbackServer(server) as loopback:
        harness = make_window(qtbot, sandbox_connection(server, zone=account), server)
        window = harness.window
        try:
            window.files.open_path(path)
            summary = window.schedule_panel.summary_label.text()
            assert summary.startswith(PLANNED_PREFIX)
            planned = summary.removeprefix(PLANNED_PREFIX)
            assert account_clock in planned
            if computer_clock is None:
                assert "on this computer" not in planned
            else:
                assert " — on this computer: " in planned and computer_clock in planned

            controller = window.send_controller
            controller.present_result = controller._show_result  # the real result dialog
            qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)
            wait_for_question(qtbot, window)
            qtbot.waitUntil(lambda: bool(window.findChildren(CampaignResultDialog)), timeout=10000)
            [confirmation] = harness.confirmations
            if account == "Europe/Kyiv":
                assert planned in confirmation.text
            else:  # the file's zone is not the account's: its own time first, as typed, then the same clocks
                typed = f"10:30, Kyiv time ({offset_words(kyiv_offset)})"
                assert f"{typed} — in the account's time zone: {planned.split(', ', 1)[1]}" in confirmation.text
            [dialog] = window.findChildren(CampaignResultDialog)
            assert dialog.campaign_result.values["Planned start"].text() == planned
            dialog.accept()

            view = window.show_campaigns()
            assert view is not None
            qtbot.waitUntil(lambda: view.record_count == 1, timeout=5000)
            view.table.selectRow(0)
            assert view.pane.value("Planned start") == planned
            record = view.model.record_at(0)
            assert record is not None and record.campaign_id is not None
            info_id = str(record.campaign_id)
        finally:
            close_window(harness)

        config.save_settings(config.Settings(time_zone=account))  # the command line's account zone
        monkeypatch.setenv("RCS_DESK_API_URL", loopback.base_url)
        monkeypatch.setenv("RCS_DESK_API_KEY", DEMO_API_KEY)
        capsys.readouterr()
        assert main(["campaign", info_id]) == 0
        out = capsys.readouterr().out
    planned_line = next(line for line in out.splitlines() if line.strip().startswith("Planned start:"))
    assert planned_line.split(":", 1)[1].strip() == planned
    everything = " ".join([summary, confirmation.text, out])
    assert "Etc/" not in everything and "Europe/" not in everything and "America/" not in everything
