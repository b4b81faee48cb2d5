"""The schedule panel: the 30-day window in the ACCOUNT's zone, local time, past and DST checks, validity."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QTableView

from ui.compose.editor_state import CampaignEditor, new_document
from ui.compose.schedule_panel import SchedulePanel

# 23:30 UTC on 10 January 2025 is already 13:30 on 11 January in Kiritimati (UTC+14).
LATE_UTC = datetime(2025, 1, 10, 23, 30, tzinfo=UTC)
# 00:30 UTC on 10 January 2025 is still 16:30 on 9 January in Los Angeles (UTC-8).
EARLY_UTC = datetime(2025, 1, 10, 0, 30, tzinfo=UTC)


def make_panel(qtbot, zone: str, now: datetime, local_zone: str = "UTC") -> SchedulePanel:
    editor = CampaignEditor(new_document(zone))
    editor.set_clock(now)
    panel = SchedulePanel(editor, zone)
    panel.set_local_time_zone(local_zone)
    qtbot.addWidget(panel)
    panel.resize(520, 600)
    panel.show()
    return panel


def calendar_view(panel: SchedulePanel) -> QTableView:
    return panel.calendar.findChild(QTableView)


def press(qtbot, panel: SchedulePanel, key: Qt.Key, times: int = 1) -> None:
    view = calendar_view(panel)
    view.setFocus()
    for _ in range(times):
        qtbot.keyClick(view, key)


def type_time(qtbot, panel: SchedulePanel, text: str) -> None:
    """Double-click the hours and type "HH:MM", as a user does."""
    line = panel.time_edit.lineEdit()
    x = line.contentsRect().left() + line.textMargins().left() + line.fontMetrics().horizontalAdvance("1") + 2
    qtbot.mouseDClick(line, Qt.MouseButton.LeftButton, pos=QPoint(x, line.height() // 2))
    qtbot.keyClicks(panel.time_edit, text)
    assert panel.time_edit.time().toString("HH:mm") == text


def click_option(qtbot, button) -> None:
    """Click a radio button on its label, as a user does (its widget may be much wider)."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(button.height(), button.height() // 2))


def schedule(qtbot, panel: SchedulePanel) -> None:
    click_option(qtbot, panel.later_radio)
    assert panel.later_radio.isChecked()


@pytest.mark.parametrize(
    ("zone", "now", "first", "last"),
    [
        ("Pacific/Kiritimati", LATE_UTC, QDate(2025, 1, 11), QDate(2025, 2, 9)),  # ahead of UTC's 10 Jan
        ("America/Los_Angeles", EARLY_UTC, QDate(2025, 1, 9), QDate(2025, 2, 7)),  # behind UTC's 10 Jan
    ],
)
def test_calendar_allows_exactly_today_to_day_30_in_the_account_zone(qtbot, zone, now, first, last):
    panel = make_panel(qtbot, zone, now)
    assert (panel.calendar.minimumDate(), panel.calendar.maximumDate()) == (first, last)
    schedule(qtbot, panel)
    assert panel.calendar.selectedDate() == first
    press(qtbot, panel, Qt.Key.Key_Left, 3)  # cannot go before today
    assert panel.calendar.selectedDate() == first
    press(qtbot, panel, Qt.Key.Key_Right, 45)  # nor after day 30
    assert panel.calendar.selectedDate() == last
    assert panel.editor.campaign.start_at.date() == last.toPython()
    type_time(qtbot, panel, "23:59")
    assert panel.editor.campaign.start_at == datetime.combine(last.toPython(), datetime.min.time()).replace(
        hour=23, minute=59
    )
    assert not panel.start_problem.isVisible()
    assert panel.editor.errors == [] or all(p.path != "start_at" for p in panel.editor.errors)


def test_choosing_a_day_and_time_writes_start_at_in_the_account_zone(qtbot):
    panel = make_panel(qtbot, "Pacific/Kiritimati", LATE_UTC)
    editor = panel.editor
    assert editor.campaign.start_at is None and panel.now_radio.isChecked()
    schedule(qtbot, panel)
    press(qtbot, panel, Qt.Key.Key_Right, 2)
    type_time(qtbot, panel, "09:15")
    assert editor.campaign.start_at == datetime(2025, 1, 13, 9, 15)
    assert editor.document.time_zone == "Pacific/Kiritimati"
    assert editor.campaign.to_request()["start_at"] == "2025-01-13 09:15:00"
    assert panel.summary_label.text() == "Starts at 09:15 on Mon 13 Jan (Pacific/Kiritimati)."
    assert panel.zone_label.text() == "Times are in the account's time zone: Pacific/Kiritimati (UTC+14:00)."
    click_option(qtbot, panel.now_radio)
    assert editor.campaign.start_at is None
    assert "start_at" not in editor.campaign.to_request()
    assert not panel.calendar.isVisible()


def test_a_past_time_is_refused_at_the_field(qtbot):
    panel = make_panel(qtbot, "Pacific/Kiritimati", LATE_UTC)  # 13:30 on 11 January there
    schedule(qtbot, panel)
    type_time(qtbot, panel, "09:00")  # earlier today
    assert panel.editor.campaign.start_at == datetime(2025, 1, 11, 9, 0)
    assert panel.start_problem.isVisible()
    assert "already passed" in panel.start_problem.text()
    assert "13:30 on 11 January 2025" in panel.start_problem.text()
    assert panel.time_edit.property("severity") == "error"
    assert any(p.path == "start_at" and p.is_error for p in panel.editor.problems)
    type_time(qtbot, panel, "14:00")
    assert not panel.start_problem.isVisible()
    assert panel.time_edit.property("severity") == ""


def test_a_time_skipped_by_daylight_saving_is_refused_and_a_doubled_one_warned(qtbot):
    # Clocks in Los Angeles jump from 02:00 to 03:00 on 9 March 2025 and go back on 2 November.
    panel = make_panel(qtbot, "America/Los_Angeles", datetime(2025, 3, 1, 20, 0, tzinfo=UTC))
    schedule(qtbot, panel)
    press(qtbot, panel, Qt.Key.Key_Right, 8)  # 1 March -> 9 March
    type_time(qtbot, panel, "02:30")
    assert panel.editor.campaign.start_at == datetime(2025, 3, 9, 2, 30)
    assert panel.start_problem.isVisible() and "does not exist" in panel.start_problem.text()
    autumn = make_panel(qtbot, "America/Los_Angeles", datetime(2025, 10, 25, 20, 0, tzinfo=UTC))
    schedule(qtbot, autumn)
    press(qtbot, autumn, Qt.Key.Key_Right, 8)  # 25 October -> 2 November
    type_time(qtbot, autumn, "01:30")
    assert autumn.start_problem.isVisible() and "happens twice" in autumn.start_problem.text()
    assert autumn.time_edit.property("severity") == "warning"


def test_local_time_is_shown_when_the_computer_zone_shows_another_clock(qtbot):
    panel = make_panel(qtbot, "Europe/Kyiv", datetime(2024, 12, 2, 12, 0, tzinfo=UTC), local_zone="America/New_York")
    schedule(qtbot, panel)
    press(qtbot, panel, Qt.Key.Key_Right)
    type_time(qtbot, panel, "17:00")
    assert panel.local_label.isVisible()
    assert panel.local_label.text() == "That is 10:00 on Tue 3 Dec on this computer (America/New_York)."
    assert panel.zone_label.text() == "Times are in the account's time zone: Europe/Kyiv (UTC+02:00)."
    panel.set_local_time_zone("Europe/Kyiv")
    assert not panel.local_label.isVisible()
    panel.set_local_time_zone("Europe/Bucharest")  # another name, the same clock
    assert not panel.local_label.isVisible()
    panel.set_local_time_zone("Asia/Tokyo")
    assert panel.local_label.text() == "That is 00:00 on Wed 4 Dec on this computer (Asia/Tokyo)."


def test_opening_a_campaign_shows_its_time_and_the_account_zone_converts_it(qtbot):
    panel = make_panel(qtbot, "Europe/Kyiv", datetime(2024, 12, 2, 12, 0, tzinfo=UTC))
    document = new_document("Europe/Kyiv")
    document.campaign.start_at = datetime(2024, 12, 5, 9, 30)
    panel.editor.replace(document)
    assert panel.later_radio.isChecked()
    assert panel.calendar.selectedDate() == QDate(2024, 12, 5)
    assert panel.time_edit.time().toString("HH:mm") == "09:30"
    assert not panel.editor.modified
    panel.set_account_time_zone("UTC")  # the same moment, shown in the new zone
    assert panel.time_edit.time().toString("HH:mm") == "07:30"
    assert panel.summary_label.text() == "Starts at 07:30 on Thu 5 Dec (UTC)."
    assert panel.editor.campaign.start_at == datetime(2024, 12, 5, 9, 30)  # untouched until edited


def test_validity_shows_72_and_is_written_only_when_changed(qtbot):
    panel = make_panel(qtbot, "Europe/Kyiv", datetime(2024, 12, 2, 12, 0, tzinfo=UTC))
    editor = panel.editor
    assert panel.validity_spin.value() == 72 and editor.campaign.validity is None
    schedule(qtbot, panel)
    assert editor.campaign.validity is None  # other edits leave it alone
    assert "SMS fallback" in panel.validity_note.text() and "72 hours" in panel.validity_note.text()
    panel.validity_spin.setFocus()
    qtbot.keyClick(panel.validity_spin, Qt.Key.Key_Down)
    assert editor.campaign.validity == 71
    assert "71 hours" in panel.validity_note.text()
    editor.campaign.alternative_channel = None
    editor.touch()
    assert "expires" in panel.validity_note.text()


def test_the_validity_unit_agrees_with_the_number(qtbot):
    from PySide6.QtWidgets import QSpinBox

    from ui.compose.message_fields import hours_suffix

    spin = QSpinBox()
    qtbot.addWidget(spin)
    spin.setRange(1, 72)
    hours_suffix(spin)
    spin.setValue(1)
    assert spin.text() == "1 hour"
    spin.setValue(48)
    assert spin.text() == "48 hours"
