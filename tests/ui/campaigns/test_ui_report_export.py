"""Export report… in the campaign detail and from the Campaigns list's menu (right-click, Menu key, Shift+F10):
asks where, writes on a worker with Cancel, says where the files went."""

from __future__ import annotations

import csv
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QModelIndex, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QPushButton

from app.api import WwtClient
from app.campaign.file import load_campaign_file
from app.history import History, demo_server_label, lists_of
from app.reports import excel_style_for, suggested_report_name, summary_path_for
from app.reports.message_rows import header
from app.sandbox import DEMO_API_KEY, SandboxServer, SandboxTransport
from app.sending import send_body
from app.tasks.connection import DEMO_BASE_URL, Connection
from helpers.window import EXAMPLES
from ui.campaigns import report_export
from ui.campaigns.campaigns_view import CampaignsView
from ui.common import workers

SPRING = EXAMPLES / "spring-sale.rcs.json"
HELLO = EXAMPLES / "hello-text.rcs.json"
# The offscreen platform cannot raise a popup menu or give it the keyboard; it says so each time.
MENU_SHOWN = pytest.mark.qt_log_ignore("This plugin does not support raise", "does not support grabbing the keyboard")
WAIT_MS = 10000


class Recorder:
    """Which threads the server and the history were used on."""

    def __init__(self) -> None:
        self.gui_thread_uses: list[str] = []

    def note(self, what: str) -> None:
        if threading.current_thread() is threading.main_thread():
            self.gui_thread_uses.append(what)


@pytest.fixture
def view_with_campaign(qtbot, tmp_path, monkeypatch):
    server = SandboxServer()
    client = WwtClient(DEMO_BASE_URL, DEMO_API_KEY, transport=SandboxTransport(server))
    connection = Connection(client=client, demo=True, base_url=DEMO_BASE_URL, account_time_zone="UTC")
    history = History(tmp_path / "history.sqlite3", user="anna")
    label = demo_server_label()
    document = load_campaign_file(SPRING)
    body = send_body(document, "UTC")
    info = client.send_campaign(body)
    history.record_sent(body, info, lists=lists_of(document), time_zone="UTC", server=label)
    view = CampaignsView(lambda: history, lambda: connection, lambda: label)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    view.record_added()
    qtbot.waitUntil(lambda: not view.busy and view.selected_record() is not None, timeout=WAIT_MS)
    yield view, client, info.id
    assert workers.wait_for_all(5000)
    client.close()


def watch_gui_thread(monkeypatch, client: WwtClient) -> Recorder:
    recorder = Recorder()
    for name in ("get_campaign_detail", "list_messages"):
        real = getattr(client, name)

        def watched(*args, _real=real, _name=name, **kwargs):
            recorder.note(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(client, name, watched)
    real_open = History.__init__

    def watched_open(self, *args, **kwargs):
        recorder.note("history")
        real_open(self, *args, **kwargs)

    monkeypatch.setattr(History, "__init__", watched_open)
    return recorder


def exported_rows(target: Path) -> list[list[str]]:
    """The report's rows as Excel reads them on this computer (its separator follows the system's locale)."""
    style = excel_style_for(QLocale.system().decimalPoint())
    with target.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=style.delimiter))


def test_export_writes_every_message_and_says_where(qtbot, view_with_campaign, tmp_path, monkeypatch):
    view, client, campaign_id = view_with_campaign
    expected = list(client.list_messages({"campaign_id": campaign_id}))
    assert expected
    recorder = watch_gui_thread(monkeypatch, client)
    target = tmp_path / "out" / "report.csv"
    target.parent.mkdir()
    asked: list[int] = []

    def ask(number: int) -> str:
        asked.append(number)
        return str(target)

    view.exporter.ask_path = ask
    button = view.pane.export_button
    assert button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert asked == [campaign_id]
    assert view.exporter.busy
    qtbot.waitUntil(lambda: not view.exporter.busy, timeout=WAIT_MS)

    rows = exported_rows(target)
    assert rows[0] == header(view.pane.local_zone)
    assert len(rows) == 1 + len(expected)
    assert summary_path_for(target).exists()
    message = view.exporter.message
    assert message is not None
    said = message.message_label.text()
    assert str(target) in said and str(summary_path_for(target)) in said
    assert f"{len(expected):,} message" in said
    assert view.exporter.progress_dialog is None
    assert recorder.gui_thread_uses == []


def test_cancel_leaves_no_file(qtbot, view_with_campaign, tmp_path, monkeypatch):
    view, _client, _campaign_id = view_with_campaign
    target = tmp_path / "report.csv"
    started, release = threading.Event(), threading.Event()

    def held(context, *args):
        started.set()
        release.wait(5)
        return report_export.export_work(context, *args)

    view.exporter.work = held
    view.exporter.ask_path = lambda _number: str(target)
    qtbot.mouseClick(view.pane.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(started.is_set, timeout=WAIT_MS)
    dialog = view.exporter.progress_dialog
    assert dialog is not None and dialog.isVisible()
    cancel = dialog.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Cancel"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    release.set()
    qtbot.waitUntil(lambda: not view.exporter.busy, timeout=WAIT_MS)
    assert not target.exists()
    assert not summary_path_for(target).exists()
    assert view.exporter.message is None  # nothing said: the user stopped it
    assert view.exporter.progress_dialog is None


def test_the_dialog_suggests_the_report_name_in_the_documents_folder(qtbot, view_with_campaign, monkeypatch):
    view, _client, campaign_id = view_with_campaign
    seen: list[str] = []

    def fake_dialog(_parent, _title, suggested, _filter):
        seen.append(suggested)
        return "", ""

    monkeypatch.setattr(report_export.QFileDialog, "getSaveFileName", fake_dialog)
    qtbot.mouseClick(view.pane.export_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1 and Path(seen[0]).name == suggested_report_name(campaign_id)
    assert not view.exporter.busy  # no path: nothing written


# From the Campaigns list: its context menu -------------------------------------------------------------


def right_click(view: CampaignsView, row: int) -> None:
    """What a right-click on ``row`` gives the table (the platform turns the click into this event)."""
    viewport = view.table.viewport()
    position = view.table.visualRect(view.model.index(row, 0)).center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, position, viewport.mapToGlobal(position))
    QApplication.sendEvent(viewport, event)


def menu_items(view: CampaignsView) -> dict[str, bool]:
    """The menu's visible items and whether each can be chosen."""
    return {action.text(): action.isEnabled() for action, _button in view.row_menu.items if action.isVisible()}


@MENU_SHOWN
def test_a_right_click_on_a_row_exports_that_campaigns_report_through_the_same_path(
    qtbot, view_with_campaign, tmp_path, monkeypatch
):
    view, client, first_id = view_with_campaign
    document = load_campaign_file(HELLO)  # the same body twice in a row is refused
    body = send_body(document, "UTC")
    newer = client.send_campaign(body)
    history = History(tmp_path / "history.sqlite3", user="anna")  # the fixture's
    label = view.model.records[0].server
    history.record_sent(body, newer, lists=lists_of(document), time_zone="UTC", server=label)
    view.record_added()  # shows the newer one
    qtbot.waitUntil(lambda: view.record_count == 2 and not view.busy, timeout=WAIT_MS)
    older_row = view.model.row_of(next(r.record_id for r in view.model.records if r.campaign_id == first_id))
    assert view.selected_record().campaign_id != first_id  # the row clicked is not the one shown
    expected = list(client.list_messages({"campaign_id": first_id}))
    recorder = watch_gui_thread(monkeypatch, client)
    asked: list[int] = []
    target = tmp_path / "from-the-list.csv"

    def ask(number: int) -> str:
        asked.append(number)
        return str(target)

    view.exporter.ask_path = ask
    right_click(view, older_row)
    menu = view.row_menu
    assert menu.isVisible()
    assert view.selected_record().campaign_id == first_id  # the row right-clicked is the one acted on
    items = menu_items(view)
    assert next(iter(items)) == "Export report…" and items["Export report…"]
    assert items["Duplicate as new draft"]
    action = menu.action("Export report…")
    assert action is not None
    menu.hide()
    action.trigger()
    assert asked == [first_id]
    assert view.exporter.busy
    qtbot.waitUntil(lambda: not view.exporter.busy, timeout=WAIT_MS)

    rows = exported_rows(target)
    assert rows[0] == header(view.pane.local_zone)
    assert len(rows) == 1 + len(expected)
    assert summary_path_for(target).exists()
    assert view.exporter.message is not None and str(target) in view.exporter.message.message_label.text()
    assert recorder.gui_thread_uses == []


@MENU_SHOWN
@pytest.mark.parametrize(
    ("key", "modifiers"),
    [(Qt.Key.Key_Menu, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)],
    ids=["menu key", "shift+f10"],
)
def test_the_keyboard_opens_the_menu_for_the_current_row(qtbot, view_with_campaign, key, modifiers):
    view, _client, campaign_id = view_with_campaign
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus, timeout=WAIT_MS)
    assert not view.row_menu.isVisible()
    qtbot.keyClick(view.table, key, modifiers)
    assert view.row_menu.isVisible()
    assert menu_items(view)["Export report…"]
    assert view.selected_record().campaign_id == campaign_id
    view.row_menu.hide()


@MENU_SHOWN
def test_the_menu_offers_what_the_detail_offers(qtbot, view_with_campaign):
    view, _client, _campaign_id = view_with_campaign
    right_click(view, 0)
    items = menu_items(view)
    pane = view.pane
    assert items == {
        button.text(): button.isEnabled() for button in (pane.export_button, pane.duplicate_button, pane.stop_button)
    }  # "Look for it on the server" only for a send that got no answer
    view.row_menu.hide()
    view.table.viewport().setFocus()
    empty = view.table.viewport().rect().bottomRight() - QPoint(2, 2)  # below the last row
    view.table.clearSelection()
    view.table.setCurrentIndex(QModelIndex())
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, empty, view.table.viewport().mapToGlobal(empty))
    QApplication.sendEvent(view.table.viewport(), event)
    assert not view.row_menu.isVisible()  # no row there: no menu


def test_the_csv_style_follows_the_systems_locale_not_the_programs_language(qtbot, view_with_campaign, tmp_path):
    """Excel reads the file with the computer's own settings: a program switched to Ukrainian (whose default
    QLocale writes a decimal comma) on a computer that writes a decimal point still writes commas between cells."""
    view, _client, _campaign_id = view_with_campaign
    styles = []

    def noted(context, client, campaign_id, path, account_zone, local_zone, style):
        styles.append(style)
        return report_export.export_work(context, client, campaign_id, path, account_zone, local_zone, style)

    view.exporter.work = noted
    view.exporter.ask_path = lambda _number: str(tmp_path / "report.csv")
    before = QLocale()
    # What ui.common.qt_language does for Ukrainian, or (on a computer that writes a decimal comma) for English.
    QLocale.setDefault(QLocale("uk_UA" if QLocale.system().decimalPoint() == "." else "en_US"))
    try:
        assert QLocale().decimalPoint() != QLocale.system().decimalPoint()
        qtbot.mouseClick(view.pane.export_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not view.exporter.busy, timeout=WAIT_MS)
    finally:
        QLocale.setDefault(before)
    assert styles == [excel_style_for(QLocale.system().decimalPoint())]
