"""Export report… in the campaign detail: asks where, writes on a worker with Cancel, says where the files went."""

from __future__ import annotations

import csv
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QPushButton

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

    style = excel_style_for(QLocale().decimalPoint())
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=style.delimiter))
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
