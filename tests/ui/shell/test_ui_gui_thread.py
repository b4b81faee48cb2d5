"""Nothing long on the GUI thread after the first paint (issue 11): what is not shown yet is built when
needed or in steps, and the network and the disk are used from workers. Behaviour, not timing."""

from __future__ import annotations

import threading
from typing import ClassVar

from PySide6.QtWidgets import QMessageBox

from app.platform.config import Settings, app_paths, load_settings
from app.sandbox import SandboxServer
from helpers.window import EXAMPLES, close_window, make_window, sandbox_connection, wait_for_question
from ui.common import workers
from ui.compose.tab_indexes import RECIPIENTS_TAB, SMS_TAB
from ui.shell import settings_writer, warm_up
from ui.shell.main_window import CAMPAIGNS_TAB, COMPOSE_TAB, MainWindow

SPRING = EXAMPLES / "spring-sale.rcs.json"
WAIT_MS = 10000


def painted_window(qtbot) -> MainWindow:
    """The window as ``rcs-desk`` starts it: no connection, shown, painted."""
    window = MainWindow(Settings(), None, app_paths(), recover=False)
    window.persist_state = False
    window.files.ask_discard = lambda: QMessageBox.StandardButton.Discard
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.first_painted, timeout=WAIT_MS):
        window.show()
    return window


def close(window: MainWindow) -> None:
    window.editor.modified = False
    window.close()
    assert workers.wait_for_all(5000)


def test_the_campaigns_view_is_built_when_its_tab_is_first_shown(qtbot):
    server = SandboxServer()
    harness = make_window(qtbot, sandbox_connection(server), server)
    window = harness.window
    try:
        qtbot.waitUntil(window.is_settled, timeout=WAIT_MS)
        assert window.campaigns_view is None  # connected, lists loaded: still not built
        window.main_tabs.setCurrentIndex(CAMPAIGNS_TAB)
        view = window.campaigns_view
        assert view is not None
        qtbot.waitUntil(lambda: view.isVisible() and not view.busy, timeout=WAIT_MS)
        window.main_tabs.setCurrentIndex(COMPOSE_TAB)
        window.main_tabs.setCurrentIndex(CAMPAIGNS_TAB)
        assert window.campaigns_view is view  # once
    finally:
        close_window(harness)


def test_a_campaigns_tab_opened_while_connecting_gets_its_view_with_the_connection(qtbot):
    window = painted_window(qtbot)
    try:
        window.main_tabs.setCurrentIndex(CAMPAIGNS_TAB)
        assert window.campaigns_view is None  # no connection: it says "Connecting…"
        window.set_connection(sandbox_connection(SandboxServer()))
        assert window.campaigns_view is not None
    finally:
        close(window)


def test_the_side_panels_are_built_after_the_first_paint_a_step_at_a_time(qtbot):
    window = painted_window(qtbot)
    try:
        compose = window.compose
        # first_painted has just been emitted: the first step waits for a later turn
        assert compose.group_picker is None and compose.schedule_panel is None
        qtbot.waitUntil(lambda: compose.group_picker is not None, timeout=WAIT_MS)
        assert compose.sms_panel is None  # the last one, steps later
        qtbot.waitUntil(lambda: compose.side_panels_built, timeout=WAIT_MS)
        assert compose.schedule_panel is not None and compose.sms_panel is not None
        assert window.tabs.widget(RECIPIENTS_TAB).isAncestorOf(compose.group_picker)
    finally:
        close(window)


def test_a_tab_clicked_before_its_panel_was_built_builds_it_at_once(qtbot):
    window = MainWindow(Settings(), None, app_paths(), recover=False)
    qtbot.addWidget(window)
    window.persist_state = False
    try:
        window.show()  # not painted yet: the steps have not started
        window.tabs.setCurrentIndex(SMS_TAB)
        assert window.sms_panel is not None and window.compose.side_panels_built
    finally:
        close(window)


def test_a_connection_needs_only_the_group_picker_at_once(qtbot):
    window = MainWindow(Settings(), None, app_paths(), recover=False)
    qtbot.addWidget(window)
    window.persist_state = False
    try:
        window.show()
        # before the steps have begun, in another zone than the settings' one
        window.set_connection(sandbox_connection(SandboxServer(), zone="Pacific/Auckland"))
        assert window.group_picker is not None and window.sms_panel is None
        qtbot.waitUntil(lambda: not window.group_picker.loading, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: window.compose.side_panels_built, timeout=WAIT_MS)  # the rest, in their turns
        assert window.schedule_panel is not None
        assert window.schedule_panel._zone_name == "Pacific/Auckland"  # built in the connection's zone
    finally:
        close(window)


def test_no_http_client_is_made_on_the_gui_thread_while_connecting_and_checking_pictures(qtbot, client_threads):
    window = MainWindow(Settings(), None, app_paths(), recover=False)
    qtbot.addWidget(window)
    window.persist_state = False
    window.files.ask_discard = lambda: QMessageBox.StandardButton.Discard
    try:
        window.files.open_path(SPRING)  # its pictures are asked for before the first paint
        with qtbot.waitSignal(window.first_painted, timeout=WAIT_MS):
            window.show()
        window.reconnect(demo=True)  # as the program does after the first paint
        qtbot.waitUntil(
            lambda: (
                window.connection is not None
                and all(card.preview.state == "image" for card in window.message_editor.card_editors)
            ),
            timeout=WAIT_MS,
        )
        first = window.connection
        window.reconnect(demo=True)  # a second connection: its picture client is made anew, on a worker
        qtbot.waitUntil(lambda: window.connection is not first, timeout=WAIT_MS)
        for card in window.message_editor.card_editors:
            card.preview.on_retry_button_clicked()
        qtbot.waitUntil(
            lambda: all(card.preview.state == "image" for card in window.message_editor.card_editors),
            timeout=WAIT_MS,
        )
        assert client_threads, "the connection and the pictures made their clients"
        assert threading.main_thread().name not in client_threads
    finally:
        close(window)


def test_the_sender_is_remembered_on_a_worker(qtbot, monkeypatch):
    threads: list[str] = []
    real = settings_writer.save_settings

    def recording(settings, paths=None):
        threads.append(threading.current_thread().name)
        real(settings, paths)

    monkeypatch.setattr(settings_writer, "save_settings", recording)
    server = SandboxServer()
    harness = make_window(qtbot, sandbox_connection(server), server)
    window = harness.window
    try:
        window.files.open_path(SPRING)
        window.send_controller.request_send()
        wait_for_question(qtbot, window)
        qtbot.waitUntil(lambda: bool(harness.results) and not workers.running_tasks(), timeout=WAIT_MS)
        assert threads and threading.main_thread().name not in threads
        assert window.editor.campaign.sender in load_settings().recent_senders
    finally:
        close_window(harness)


class HeldTask:
    """Stands in for ``Task``: the background write runs only when the test says so."""

    held: ClassVar[list[HeldTask]] = []

    def __init__(self, function, *args, parent=None) -> None:
        self.run = lambda: function(None, *args)
        self.failed = self  # ``failed.connect``
        HeldTask.held.append(self)

    def connect(self, _slot) -> None:
        pass

    def start(self) -> None:
        pass


def test_an_older_copy_of_the_settings_never_replaces_a_newer_save(monkeypatch):
    monkeypatch.setattr(settings_writer, "Task", HeldTask)
    HeldTask.held.clear()
    writer = settings_writer.SettingsWriter(app_paths())
    older = Settings()
    older.remember_sender("Older")
    writer.save_later(older)  # taken now, written later
    older.remember_sender("Changed after the copy was taken")
    newer = Settings()
    newer.remember_sender("Newer")
    writer.save_now(newer)  # the Settings dialog saves meanwhile
    [held] = HeldTask.held
    held.run()  # the worker's turn comes after
    assert load_settings().recent_senders == ["Newer"]


def test_a_copy_taken_for_the_worker_is_written_as_it_was(monkeypatch):
    monkeypatch.setattr(settings_writer, "Task", HeldTask)
    HeldTask.held.clear()
    writer = settings_writer.SettingsWriter(app_paths())
    settings = Settings()
    settings.remember_sender("Sent with")
    writer.save_later(settings)
    settings.remember_sender("Typed later")
    [held] = HeldTask.held
    held.run()
    assert load_settings().recent_senders == ["Sent with"]


def test_the_modules_a_first_click_needs_are_loaded_a_step_at_a_time(qtbot):
    loaded: list[str] = []
    work = warm_up.WarmUp()
    work._load = loaded.append  # type: ignore[method-assign]
    work.start()
    assert loaded == []  # not in the caller's turn
    qtbot.waitUntil(lambda: bool(loaded), timeout=WAIT_MS)
    assert len(loaded) == 1  # one a step
    qtbot.waitUntil(lambda: work.done, timeout=WAIT_MS)
    assert loaded == list(warm_up.LATER_MODULES)


def test_they_are_loaded_once_the_history_has_been_opened_after_connecting(qtbot, monkeypatch):
    loaded: list[str] = []
    monkeypatch.setattr(warm_up, "import_module", loaded.append)
    server = SandboxServer()
    harness = make_window(qtbot, sandbox_connection(server), server)
    try:
        qtbot.waitUntil(lambda: harness.window.warm_up.done, timeout=WAIT_MS)
        assert set(warm_up.LATER_MODULES) <= set(loaded)
        assert harness.window.history.get(demo=True) is not None  # opened on a worker, before
    finally:
        close_window(harness)
