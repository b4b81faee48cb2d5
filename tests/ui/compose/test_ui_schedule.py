"""The schedule panel: the 30-day window in the ACCOUNT's zone, local time, past and DST checks, validity."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QTableView

from app.campaign.file import CampaignDocument
from app.campaign.model import Campaign
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
    assert panel.summary_label.text() == (
        "Planned start: Mon 13 Jan, 09:15, Kiritimati time (UTC+14) — on this computer: Sun 12 Jan, 19:15, UTC"
    )
    assert panel.zone_label.text() == "Times are in the account's time zone: Kiritimati time (UTC+14)."
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
    assert "it is now Sat 11 Jan, 13:30, Kiritimati time (UTC+14)." in panel.start_problem.text()
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
    in_kyiv = "Planned start: Tue 3 Dec, 17:00, Kyiv time (UTC+2)"
    assert panel.summary_label.text() == in_kyiv + " — on this computer: 10:00, New York time (UTC-5)"
    assert panel.zone_label.text() == "Times are in the account's time zone: Kyiv time (UTC+2)."
    panel.set_local_time_zone("Europe/Kyiv")
    assert panel.summary_label.text() == in_kyiv
    panel.set_local_time_zone("Europe/Bucharest")  # another name, the same clock
    assert panel.summary_label.text() == in_kyiv
    panel.set_local_time_zone("Asia/Tokyo")
    assert panel.summary_label.text() == in_kyiv + " — on this computer: Wed 4 Dec, 00:00, Tokyo time (UTC+9)"


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
    assert panel.summary_label.text() == "Planned start: Thu 5 Dec, 07:30, UTC"
    assert panel.file_time_label.isVisible()  # the file says it in its own zone: the same moment
    assert (
        panel.file_time_label.text()
        == "The campaign file gives it as Thu 5 Dec, 09:30, Kyiv time (UTC+2): the same moment."
    )
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


# The 30-day window in words and in the calendar's look ----------------------------------------------

# Friday 27 November 2026, noon in Kyiv: day 30 is Saturday 26 December.
NOV_27 = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


def ink(panel: SchedulePanel, day: int, row_hint: range) -> QColor:
    """The colour a day's number is drawn in: the pixel of its cell farthest from the cell's background."""
    view = calendar_view(panel)
    model = view.model()
    [index] = [
        model.index(row, column)
        for row in row_hint
        for column in range(model.columnCount())
        if model.index(row, column).data() == day
    ]
    image = view.viewport().grab().toImage()
    rect = view.visualRect(index)
    background = image.pixelColor(rect.left() + 1, rect.top() + 1)

    def distance(color: QColor) -> int:
        return sum(abs(a - b) for a, b in zip(color.getRgb()[:3], background.getRgb()[:3], strict=True))

    return max(
        (image.pixelColor(x, y) for x in range(rect.left(), rect.right()) for y in range(rect.top(), rect.bottom())),
        key=distance,
    )


def looks_enabled(panel: SchedulePanel, color: QColor) -> bool:
    palette = panel.calendar.palette()
    enabled = palette.color(QPalette.ColorRole.Text)
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)

    def gap(a: QColor, b: QColor) -> int:
        return sum(abs(x - y) for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))

    return gap(color, enabled) < gap(color, disabled)


def test_the_latest_possible_start_is_said_in_words(qtbot):
    panel = make_panel(qtbot, "Europe/Kyiv", NOV_27)
    schedule(qtbot, panel)
    assert panel.latest_label.isVisible()
    assert panel.latest_label.text() == "Latest possible start: Sat 26 Dec, 23:59, Kyiv time (UTC+2)."


def test_days_of_next_month_that_can_be_chosen_do_not_look_disabled(qtbot):
    panel = make_panel(qtbot, "Europe/Kyiv", NOV_27)
    schedule(qtbot, panel)
    assert (panel.calendar.monthShown(), panel.calendar.yearShown()) == (11, 2026)
    last_rows = range(5, 7)  # the November page ends with 30 November and 1..6 December
    assert looks_enabled(panel, ink(panel, 30, last_rows))  # this month, allowed
    assert looks_enabled(panel, ink(panel, 2, last_rows))  # 2 December: next month, allowed
    assert not looks_enabled(panel, ink(panel, 26, range(1, 2)))  # 26 October: before today
    assert not looks_enabled(panel, ink(panel, 26, range(4, 6)))  # 26 November: yesterday
    press(qtbot, panel, Qt.Key.Key_PageDown)  # the December page (26 December selected): day 31 on look disabled
    assert (panel.calendar.monthShown(), panel.calendar.selectedDate()) == (12, QDate(2026, 12, 26))
    assert looks_enabled(panel, ink(panel, 25, range(4, 7)))
    assert not looks_enabled(panel, ink(panel, 28, range(4, 7)))


def test_a_past_day_from_a_file_stays_selected_with_its_error(qtbot):
    panel = make_panel(qtbot, "Europe/Kyiv", NOV_27)
    document = new_document("Europe/Kyiv")
    document.campaign.start_at = datetime(2026, 3, 1, 10, 30)
    panel.editor.replace(document)
    assert panel.later_radio.isChecked()
    assert panel.calendar.selectedDate() == QDate(2026, 3, 1)  # not today
    assert panel.time_edit.time().toString("HH:mm") == "10:30"
    assert (
        panel.summary_label.text()
        == "Planned start: Sun 1 Mar, 10:30, Kyiv time (UTC+2) — on this computer: 08:30, UTC"
    )
    assert panel.start_problem.isVisible() and "already passed" in panel.start_problem.text()
    assert not panel.calendar.is_allowed(date(2026, 3, 1))
    assert not panel.editor.modified
    press(qtbot, panel, Qt.Key.Key_Right)  # another day that cannot be chosen: still said, not replaced
    assert panel.editor.campaign.start_at == datetime(2026, 3, 2, 10, 30)
    panel.calendar.setSelectedDate(QDate(2026, 11, 30))  # a day in the window: the range is the window again
    assert panel.editor.campaign.start_at == datetime(2026, 11, 30, 10, 30)
    assert not panel.start_problem.isVisible()
    assert panel.calendar.minimumDate() == QDate(2026, 11, 27)


def test_a_validity_the_box_cannot_choose_is_shown_as_the_file_has_it(qtbot):
    panel = make_panel(qtbot, "Europe/Kyiv", NOV_27)
    panel.editor.replace(new_document("Europe/Kyiv", validity=100))
    assert panel.validity_spin.text() == "not allowed: 100 hours"  # not a quiet 72
    assert panel.validity_problem.isVisible() and "this campaign has 100" in panel.validity_problem.text()
    assert panel.validity_spin.property("severity") == "error"
    assert not panel.validity_note.isVisible()  # "up to 100 hours" would not be true
    assert not panel.editor.modified
    panel.validity_spin.setFocus()
    qtbot.keyClick(panel.validity_spin, Qt.Key.Key_Down)  # from 100 one step down: the most allowed
    assert panel.editor.campaign.validity == 72  # edits still write the campaign
    assert panel.validity_spin.text() == "72 hours"
    qtbot.keyClick(panel.validity_spin, Qt.Key.Key_Down)
    assert panel.editor.campaign.validity == 71
    assert not panel.validity_problem.isVisible() and panel.validity_note.isVisible()


@pytest.mark.parametrize(
    ("request_value", "shown", "after_up"),
    [
        (0, "not allowed: 0 hours", 1),
        (10**12, "not allowed: a number of 13 digits", 72),
        ("two days", 'not allowed: "two days"', 72),
        (12.5, "not allowed: 12.5 hours", 13),
    ],
)
def test_a_validity_no_number_box_can_show_is_said_in_words(qtbot, request_value, shown, after_up):
    panel = make_panel(qtbot, "Europe/Kyiv", NOV_27)
    request = new_document("Europe/Kyiv").campaign.to_request() | {"validity": request_value}
    panel.editor.replace(CampaignDocument(campaign=Campaign.from_request(request), time_zone="Europe/Kyiv"))
    assert panel.validity_spin.text() == shown
    assert panel.validity_problem.isVisible()
    panel.validity_spin.setFocus()
    qtbot.keyClick(panel.validity_spin, Qt.Key.Key_Up)
    assert panel.editor.campaign.to_request()["validity"] == after_up  # the edit replaces the file's value
    assert not panel.validity_problem.isVisible()


def test_the_note_under_keep_trying_says_one_hour_in_the_singular(qtbot):
    panel = make_panel(qtbot, "UTC", EARLY_UTC)
    panel.validity_spin.setValue(1)
    assert "for 1 hour;" in panel.validity_note.text()
    panel.validity_spin.setValue(2)
    assert "for 2 hours;" in panel.validity_note.text()
