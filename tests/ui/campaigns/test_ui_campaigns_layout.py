"""The Campaigns tab in a small window: the detail is never cut at the right edge (its boxes move to a
new row instead), the table keeps the campaign's name readable, a time in two zones takes two lines."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QGroupBox, QLabel, QPushButton, QScrollArea, QWidget

from app.campaign.clock_words import ON_THIS_COMPUTER
from app.sandbox import SandboxServer
from helpers.window import EXAMPLES, close_window, make_window, sandbox_connection, wait_for_question
from ui.campaigns.box_rows import BoxRows
from ui.campaigns.campaign_detail import CampaignDetailPane
from ui.campaigns.campaigns_model import NAME
from ui.campaigns.campaigns_view import CampaignsView


@pytest.fixture
def view_in_window(qtbot, computer_zone):
    computer_zone("Etc/UTC")
    server = SandboxServer(time_zone="Europe/Kyiv")  # times in two zones: the longest words
    harness = make_window(qtbot, sandbox_connection(server, zone="Europe/Kyiv"), server)
    window = harness.window
    resize(qtbot, window, 640, 400)  # the smallest window: the table's columns are first sized for it
    window.files.open_path(EXAMPLES / "spring-sale.rcs.json")
    qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)
    wait_for_question(qtbot, window)
    qtbot.waitUntil(lambda: harness.outcomes == 1, timeout=10000)
    assert harness.results, harness.failures
    view = window.show_campaigns()
    assert view is not None
    qtbot.waitUntil(lambda: view.record_count == 1 and not view.busy, timeout=5000)
    view.table.selectRow(0)
    qtbot.waitUntil(lambda: not view.busy, timeout=5000)
    yield window, view
    close_window(harness)


def resize(qtbot, window: QWidget, width: int, height: int) -> None:
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width and window.height() == height, timeout=2000)
    window.grab()  # lays out and paints everything, as showing it does
    QApplication.processEvents()  # then the scroll area's own updates (its scroll bars come and go)


def cut_off(view: CampaignsView) -> list[str]:
    """The detail's texts and buttons not shown whole (empty when every one is)."""
    viewport = view.scroller.viewport()
    problems = []
    shown: list[QWidget] = [
        w for kind in (QLabel, QPushButton, QGroupBox) for w in view.pane.findChildren(kind) if w.isVisible()
    ]
    for widget in shown:
        text = widget.title() if isinstance(widget, QGroupBox) else widget.text()
        left = widget.mapTo(viewport, QPoint(0, 0)).x()
        if left < 0 or left + widget.width() > viewport.width():
            problems.append(f"{text!r} reaches past the right edge")
        if isinstance(widget, QLabel) and widget.wordWrap():
            if widget.width() < widget.minimumSizeHint().width():
                problems.append(f"{text!r} is narrower than its longest word")
            if widget.height() < widget.heightForWidth(widget.width()):
                problems.append(f"{text!r} is not tall enough for its lines")
        else:
            hint = widget.minimumSizeHint() if isinstance(widget, QGroupBox) else widget.sizeHint()
            if widget.width() < hint.width():
                problems.append(f"{text!r} is cut ({widget.width()} < {hint.width()})")
    return problems


@pytest.mark.parametrize(("width", "height"), [(1024, 640), (640, 400), (1920, 1080)])
def test_the_detail_is_shown_whole_without_a_sideways_scroll_bar(qtbot, view_in_window, width, height):
    window, view = view_in_window
    resize(qtbot, window, width, height)
    assert view.pane.value("Actual start") or view.pane.value("Planned start")
    assert not view.scroller.horizontalScrollBar().isVisible()
    assert cut_off(view) == []
    assert view.pane.duplicate_button.isVisible() and view.pane.stop_button.isVisible()


def test_the_boxes_share_a_row_when_there_is_room(qtbot, view_in_window):
    window, view = view_in_window
    boxes = (view.pane.about_box, view.pane.timing_box, view.pane.rcs_box, view.pane.totals_box)
    resize(qtbot, window, 1920, 1080)
    assert len({box.y() for box in boxes}) == 1
    resize(qtbot, window, 640, 400)
    assert len({box.y() for box in boxes}) > 1


def test_the_campaign_column_stays_readable_in_a_narrow_window(qtbot, view_in_window):
    window, view = view_in_window
    resize(qtbot, window, 640, 400)
    table = view.table
    assert table.columnWidth(NAME) >= table.fontMetrics().averageCharWidth() * 20
    resize(qtbot, window, 1920, 1080)  # a wide one: the name takes what the other columns leave
    others = sum(table.columnWidth(c) for c in range(1, view.model.columnCount()) if not table.isColumnHidden(c))
    assert table.columnWidth(NAME) + others == table.viewport().width()


def test_a_time_in_two_zones_takes_two_lines_broken_before_this_computers_clock(qtbot, view_in_window):
    _window, view = view_in_window
    words = view.pane.value("Sent on")
    account, computer = words.split(ON_THIS_COMPUTER)
    label = view.pane.values["Sent on"]
    assert label.text() == f"{account}\non this computer: {computer}"
    assert not label.wordWrap()  # no break inside "Sat 1 Mar, 12:00, Kyiv time (UTC+2)"


def test_showing_a_campaign_lays_its_boxes_out_a_few_times_not_once_per_label(qtbot, view_in_window, monkeypatch):
    """Labels added to a visible box are shown one by one, each on a later turn, each laying the boxes out
    again: 50 passes and 50-150 ms for one campaign. The boxes are refilled hidden and shown once."""
    _window, view = view_in_window
    record = view.selected_record()
    assert record is not None
    passes: list[int] = []
    place = BoxRows.setGeometry
    monkeypatch.setattr(BoxRows, "setGeometry", lambda layout, rect: passes.append(1) or place(layout, rect))
    scroller = QScrollArea()  # a pane made after the count was set up, shown as the view shows its own
    scroller.setWidgetResizable(True)
    pane = CampaignDetailPane()
    scroller.setWidget(pane)
    qtbot.addWidget(scroller)
    scroller.resize(900, 700)
    scroller.show()
    QApplication.processEvents()
    passes.clear()
    pane.show_record(record, zone="Europe/Kyiv")
    for _ in range(5):  # the queued shows and layout requests, turn after turn
        QApplication.processEvents()
    assert pane.value("Planned start") or pane.value("Actual start")
    assert 0 < len(passes) <= 6
