"""Cases found in review: time zones in the history, a planned time that passes, changing the
connection during a send, settings in demo mode, a dialog closed mid-task, previews after connecting."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt

from app.campaign.file import load_campaign_file
from app.platform.config import Settings, app_paths
from app.sandbox import SandboxServer, SandboxTransport
from helpers.window import EXAMPLES, close_window, make_window, sandbox_connection, wait_for_question
from ui.common.message_box import MessageDialog
from ui.shell.main_window import MainWindow

SPRING = EXAMPLES / "spring-sale.rcs.json"


def test_the_history_records_the_zone_the_request_was_sent_in(qtbot):
    server = SandboxServer(time_zone="UTC")
    harness = make_window(qtbot, sandbox_connection(server, zone="UTC"), server)
    window = harness.window
    try:
        document = load_campaign_file(SPRING)
        document.time_zone = "Asia/Tokyo"  # planned in Tokyo, the account is in UTC
        document.campaign.start_at = (datetime.now(ZoneInfo("Asia/Tokyo")) + timedelta(days=2)).replace(
            tzinfo=None, microsecond=0
        )
        window.editor.replace(document)
        qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)
        wait_for_question(qtbot, window)
        qtbot.waitUntil(lambda: harness.outcomes == 1 and not window.send_controller.busy, timeout=10000)
        [record] = window.history.get(demo=True).records()
        assert record.time_zone == "UTC"
        sent_start = datetime.strptime(harness.sends()[0].json()["start_at"], "%Y-%m-%d %H:%M:%S")
        assert sent_start == document.campaign.start_at - timedelta(hours=9)  # Tokyo is UTC+9
    finally:
        close_window(harness)


def test_a_planned_time_that_passes_while_the_confirmation_is_open_is_not_sent(qtbot):
    server = SandboxServer()
    harness = make_window(qtbot, sandbox_connection(server), server)
    window = harness.window
    try:
        document = load_campaign_file(SPRING)
        document.time_zone = "UTC"
        soon = datetime.now(ZoneInfo("UTC")).replace(tzinfo=None, microsecond=0) + timedelta(minutes=5)
        document.campaign.start_at = soon
        window.editor.replace(document)
        held = []
        window.send_controller.present_confirmation = held.append
        window.send_controller.request_send()
        wait_for_question(qtbot, window)
        assert len(held) == 1
        window.editor.set_clock(datetime.now(ZoneInfo("UTC")) + timedelta(minutes=10))  # the user went for coffee
        held[0].accept()
        qtbot.waitUntil(lambda: bool(window.findChildren(MessageDialog)), timeout=5000)
        assert harness.sends() == []
        assert not window.send_controller.busy
    finally:
        for dialog in window.findChildren(MessageDialog):
            dialog.close()
        close_window(harness)


class HeldSends(SandboxTransport):
    """The demo server, but a send waits until the test lets it through."""

    def __init__(self, server: SandboxServer) -> None:
        super().__init__(server)
        self.arrived = threading.Event()
        self.release = threading.Event()

    def handle_request(self, request):
        if request.url.path.endswith("/send-groups"):
            self.arrived.set()
            self.release.wait(10)
        return super().handle_request(request)


def test_a_new_connection_waits_until_the_send_has_finished(qtbot):
    from app.api import WwtClient
    from app.sandbox import DEMO_API_KEY
    from app.tasks.connection import DEMO_BASE_URL, Connection

    server = SandboxServer()
    transport = HeldSends(server)
    connection = Connection(
        client=WwtClient(DEMO_BASE_URL, DEMO_API_KEY, transport=transport),
        demo=True,
        base_url=DEMO_BASE_URL,
        account_time_zone="UTC",
    )
    harness = make_window(qtbot, connection, server)
    window = harness.window
    try:
        window.files.open_path(SPRING)
        old_connection = window.connection
        qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)
        wait_for_question(qtbot, window)
        assert transport.arrived.wait(5)  # the request is on its way, held by the server
        other = SandboxServer()
        window.set_connection(sandbox_connection(other))
        assert window.connection is old_connection  # not switched under the running send
        transport.release.set()
        qtbot.waitUntil(lambda: harness.outcomes == 1 and not window.send_controller.busy, timeout=15000)
        assert harness.results, harness.failures  # the send finished normally
        assert window.connection is not old_connection  # and then the new connection was taken
    finally:
        transport.release.set()
        close_window(harness)


def test_saving_settings_in_demo_without_a_new_key_stays_in_demo(qtbot):
    server = SandboxServer()
    harness = make_window(qtbot, sandbox_connection(server), server)
    window = harness.window
    try:
        assert window.connection.demo
        window.settings.time_zone = "Europe/Kyiv"
        window.on_settings_saved(False)
        qtbot.waitUntil(lambda: window.connection.account_time_zone == "Europe/Kyiv", timeout=5000)
        assert window.connection.demo
    finally:
        close_window(harness)


def test_closing_settings_during_a_connection_test_leaves_no_task_behind(qtbot):
    from app.sandbox import DEMO_API_KEY, LoopbackServer
    from ui.common import workers
    from ui.shell.settings_dialog import SettingsDialog

    server = SandboxServer()
    server.faults.delay_s = 0.5
    with LoopbackServer(server) as loopback:
        dialog = SettingsDialog(Settings())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.url_edit.setText(loopback.base_url)
        qtbot.keyClicks(dialog.key_edit, DEMO_API_KEY)
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
        task = dialog._task
        assert task.running
        said = []
        task.succeeded.connect(said.append)
        task.finished.connect(lambda: said.append("finished"))
        dialog.close()  # deleted (on the next turn of the event loop) while the test is under way
        qtbot.waitUntil(lambda: task.cancelled, timeout=5000)  # the dialog's end cancelled its task
        qtbot.waitUntil(lambda: not workers.running_tasks(), timeout=5000)
        assert said == []  # and the task told nobody anything afterwards


def test_previews_load_once_the_connection_arrives(qtbot):
    window = MainWindow(Settings(), None, app_paths(), recover=False)
    window.persist_state = False
    qtbot.addWidget(window)
    window.files.open_path(SPRING)  # demo pictures, before any connection (as `rcs-desk --demo FILE`)
    window.show()
    server = SandboxServer()
    window.set_connection(sandbox_connection(server))
    try:
        qtbot.waitUntil(
            lambda: all(card.preview.state == "image" for card in window.message_editor.card_editors), timeout=10000
        )
    finally:
        window.editor.modified = False
        window.close()
