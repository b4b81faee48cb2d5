"""The campaigns table's columns: the campaign's name takes the width the others leave, also after the others
change width with the statuses and figures."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.history import HistoryRecord
from ui.campaigns.campaigns_model import NAME, CampaignsModel, CampaignsTable


def record(number: int) -> HistoryRecord:
    return HistoryRecord(
        record_id=number,
        origin="this computer",
        server="demo",
        campaign_id=1000 + number,
        name=f"Campaign {number}",
        sender="WWT Shop",
        status="done",
        sent_at="2025-03-01T10:00:00+00:00",
        sent_by=None,
        time_zone="UTC",
        request=None,
        campaign=None,
        latest=None,
        sent=100,
        delivered=80,
        read=40,
    )


def filled(table: CampaignsTable) -> bool:
    header = table.horizontalHeader()
    widths = sum(header.sectionSize(c) for c in range(header.count()) if not header.isSectionHidden(c))
    return widths == table.viewport().width() and header.sectionSize(NAME) > table.name_minimum


def test_the_name_column_fills_the_table_as_other_columns_change_width(qtbot):
    model = CampaignsModel()
    table = CampaignsTable(model)
    qtbot.addWidget(table)
    table.resize(1600, 300)
    table.show()
    model.set_records([record(n) for n in range(3)])
    qtbot.waitUntil(lambda: filled(table), timeout=2000)
    for status, sent in (("sending", 123_456), ("done", 100), ("scheduled", 0), ("paused", 1_000_000)):
        model.set_records([replace(record(n), status=status, sent=sent, delivered=sent) for n in range(3)])
        QApplication.processEvents()
        table.viewport().grab()  # painted, as the window is
        assert filled(table), status


def test_in_ukrainian_the_columns_fit_a_1280_window_without_scrolling_sideways(qtbot, ukrainian):
    """The Ukrainian headers are longer: they wrap onto three lines, so the table of a 1280-pixel window
    (1260 pixels) shows every column and the name keeps more than its minimum."""
    model = CampaignsModel()
    table = CampaignsTable(model)
    qtbot.addWidget(table)
    table.resize(1260, 300)
    table.show()
    model.set_records([replace(record(n), status="sending", sent=123_456, delivered=98_765) for n in range(3)])
    qtbot.waitUntil(lambda: filled(table), timeout=2000)
    assert not table.horizontalScrollBar().isVisible()


def test_a_long_title_is_whole_in_the_table_and_elided_by_the_columns_width(qtbot):
    """The first line of the message, not cut at 60 characters (the terminal's `rcs-desk campaigns` is):
    a wide window shows more of it."""
    text = "Spring sale: -30% on every pair of running shoes in all our stores and online until Sunday evening"
    model = CampaignsModel()
    model.set_records([replace(record(1), request={"options": {"text": text}})])
    assert len(text) > 60
    assert model.data(model.index(0, NAME)) == text
    assert model.data(model.index(0, NAME), Qt.ItemDataRole.ToolTipRole).startswith(text)
