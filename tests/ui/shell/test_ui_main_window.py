"""The main window: files, title, problems summary, settings, first start, and the two commands."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton

from app.campaign.file import load_campaign_file
from app.platform.config import Settings, app_paths
from app.platform.credentials import load_api_key
from app.sandbox import DEMO_API_KEY, LoopbackServer, SandboxServer
from app.tasks.connection import Connection
from helpers.window import EXAMPLES, close_window, make_window, sandbox_connection
from ui.common import workers
from ui.common.message_box import MessageDialog
from ui.shell.main_window import MainWindow

SPRING = EXAMPLES / "spring-sale.rcs.json"


@pytest.fixture
def harness(qtbot):
    server = SandboxServer()
    harness = make_window(qtbot, sandbox_connection(server), server)
    yield harness
    for dialog in harness.window.findChildren(MessageDialog):
        dialog.close()
    close_window(harness)


def test_required_objects_exist(harness):
    window = harness.window
    for name in ("messageEditor", "phonePreview", "groupPicker", "schedulePanel", "smsFallbackPanel", "sendButton"):
        assert window.findChild(object, name) is not None, name


def test_a_new_campaign_does_not_open_covered_in_red(qtbot, harness):
    window = harness.window
    assert window.editor.errors  # an empty campaign cannot be sent…
    assert not window.send_button.isEnabled()
    assert [p for p in window.editor.problems if p.is_error] == []  # …but no field is marked yet
    assert "Show them" in window.problems_label.text()
    window.problems_label.linkActivated.emit("show")
    assert [p for p in window.editor.problems if p.is_error]
    assert window.tabs.currentIndex() == 0 and "✖" in window.tabs.tabText(0)


def test_typing_in_a_field_shows_only_that_fields_problem(qtbot, harness):
    window = harness.window
    combo = window.agent_field.combo
    qtbot.keyClicks(combo.lineEdit(), "A")
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Backspace)
    shown_paths = {p.path for p in window.editor.problems}
    assert shown_paths == {"sender"}


def test_open_shows_the_name_and_save_round_trips(qtbot, harness, tmp_path):
    window = harness.window
    assert window.files.open_path(SPRING)
    assert window.windowTitle().startswith("spring-sale.rcs.json")
    assert not window.isWindowModified()
    window.editor.document.campaign.sender = "Changed Agent"
    window.editor.touch()
    assert window.isWindowModified()
    target = tmp_path / "copy"
    window.files.ask_save_path = lambda: str(target) + ".rcs.json"
    assert window.files.save_as()
    assert not window.isWindowModified()
    assert window.windowTitle().startswith("copy.rcs.json")
    reread = load_campaign_file(str(target) + ".rcs.json")
    original = load_campaign_file(SPRING)
    original.campaign.sender = "Changed Agent"
    assert reread.to_json_dict() == original.to_json_dict()


def test_unsaved_changes_are_not_discarded_without_asking(qtbot, harness):
    window = harness.window
    window.files.open_path(SPRING)
    window.editor.document.campaign.sender = "Unsaved"
    window.editor.touch()
    asked = []
    window.files.ask_discard = lambda: asked.append(1) or QMessageBox.StandardButton.Cancel
    window.files.new()
    assert asked and window.editor.campaign.sender == "Unsaved"


def test_a_broken_file_leaves_the_editor_and_the_file_untouched(qtbot, harness, tmp_path):
    window = harness.window
    window.files.open_path(SPRING)
    before = window.editor.document.to_bytes()
    broken = tmp_path / "broken.rcs.json"
    broken.write_text('{"format": "rcs-desk.campaign", "version": 7, "request": {}}', encoding="utf-8")
    assert not window.files.open_path(broken)
    [dialog] = window.findChildren(MessageDialog)
    assert "newer version" in dialog.message_label.text()
    assert window.editor.document.to_bytes() == before
    assert broken.read_text(encoding="utf-8").startswith('{"format"')


def test_send_button_follows_the_schedule(qtbot, harness):
    window = harness.window
    window.files.open_path(SPRING)
    assert window.send_button.text() == "Send…"
    from datetime import datetime, timedelta

    window.editor.document.campaign.start_at = (datetime.now() + timedelta(days=2)).replace(microsecond=0)
    window.editor.document.time_zone = "UTC"
    window.editor.touch()
    assert window.send_button.text() == "Schedule…"


def test_settings_without_a_keyring_say_so_at_the_key_field(qtbot):
    from app.platform.config import Settings
    from ui.shell.settings_dialog import SettingsDialog

    keyring.set_keyring(fail.Keyring())
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "no password store" in dialog.key_status.text(), timeout=5000)
    qtbot.keyClicks(dialog.key_edit, "live_abcdef")
    dialog.on_save_clicked()
    qtbot.waitUntil(lambda: "Saving" not in dialog.key_status.text() and dialog.save_button.isEnabled(), timeout=5000)
    assert "no password store" in dialog.key_status.text()
    assert dialog.result() != dialog.DialogCode.Accepted


def test_settings_test_connection_and_save_key(qtbot):
    from app.platform.config import Settings
    from ui.shell.settings_dialog import SettingsDialog

    settings = Settings()
    with LoopbackServer(SandboxServer()) as loopback:
        dialog = SettingsDialog(settings)
        qtbot.addWidget(dialog)
        assert dialog.key_edit.echoMode() == dialog.key_edit.EchoMode.Password
        dialog.url_edit.setText(loopback.base_url)
        qtbot.keyClicks(dialog.key_edit, DEMO_API_KEY)
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.key_status.text().startswith("Connected"), timeout=5000)
        assert "USD" in dialog.key_status.text()
        qtbot.waitUntil(dialog.test_button.isEnabled, timeout=5000)
    dialog.zone_combo.setCurrentText("Europe/Kyiv")
    with qtbot.waitSignal(dialog.saved, timeout=5000) as saved:
        dialog.on_save_clicked()
    assert saved.args == [True]
    assert load_api_key().value == DEMO_API_KEY
    assert settings.time_zone == "Europe/Kyiv"
    assert settings.api_url == loopback.base_url


def test_a_wrong_key_is_explained_plainly(qtbot):
    from app.platform.config import Settings
    from ui.shell.settings_dialog import SettingsDialog

    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.key_edit, "sk-1234")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert "live_ or test_" in dialog.key_status.text()


def test_first_start_without_a_key_offers_the_demo(qtbot):
    from app.platform.config import Settings
    from app.tasks.connection import open_connection
    from ui.shell.application import offer_demo_or_key
    from ui.shell.welcome_dialog import WelcomeDialog

    server = SandboxServer()
    harness = make_window(qtbot, open_connection(Settings(), demo=False), server)
    try:
        window = harness.window
        assert not window.demo_banner.isVisible()
        offer_demo_or_key(window)
        [dialog] = window.findChildren(WelcomeDialog)
        demo_button = dialog.findChild(QPushButton, "tryDemoButton")
        qtbot.mouseClick(demo_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.connection.demo, timeout=5000)  # connected on a worker thread
        assert window.demo_banner.isVisible()
        assert "nothing is sent" in window.demo_banner.text()
        qtbot.waitUntil(lambda: not window.group_picker.loading, timeout=5000)
        assert window.group_picker.model.rowCount() > 0
    finally:
        close_window(harness)


def test_window_remembers_its_size(qtbot, harness):
    window = harness.window
    window.resize(760, 540)  # within the offscreen screen (800x600), which restoreGeometry respects
    window.save_window_state()
    second = make_window(qtbot, sandbox_connection(harness.server), harness.server)
    try:
        assert (second.window.width(), second.window.height()) == (760, 540)
    finally:
        close_window(second)


def _run_command(*args: str, tmp_path) -> subprocess.CompletedProcess:
    env = dict(os.environ, RCS_DESK_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "rcs_desk", *args], capture_output=True, text=True, timeout=120, env=env, check=False
    )


@pytest.mark.slow
def test_screenshot_command_writes_a_picture_of_the_loaded_window(tmp_path):
    out = tmp_path / "shot.png"
    result = _run_command("screenshot", str(out), str(SPRING), "--size", "900x600", "--demo", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert (image.width(), image.height()) == (900, 600)


def test_the_smallest_screenshot_size_is_one_the_window_can_take(harness):
    from ui.shell.commands import MIN_HEIGHT, MIN_WIDTH

    hint = harness.window.minimumSizeHint()
    assert hint.width() <= MIN_WIDTH and hint.height() <= MIN_HEIGHT, hint


@pytest.mark.slow
def test_self_test_command_passes(tmp_path):
    result = _run_command("self-test", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("self-test ok: campaign ")
    assert "window icon ok" in result.stdout  # resources/icons found through rcs_desk.resources
    assert result.stderr == ""
    assert not (tmp_path / "home").exists()  # the self-test works in a folder of its own


def _window_without_a_key(qtbot, server: SandboxServer) -> tuple[MainWindow, Connection]:
    """A window on the real-server side without an API key, as a first start makes it."""
    connection = replace(sandbox_connection(server), demo=False)
    window = MainWindow(Settings(), connection, app_paths(), load_lists=False, recover=False)
    window.persist_state = False
    qtbot.addWidget(window)
    window.show()
    return window, connection


def _close(window: MainWindow) -> None:
    window.close()
    assert workers.wait_for_all(5000)


def test_without_a_key_the_recipients_tab_says_how_to_connect(qtbot):
    from ui.shell.settings_dialog import SettingsDialog

    window, connection = _window_without_a_key(qtbot, SandboxServer())
    picker = window.group_picker
    try:
        assert picker.needs_key_panel.isVisibleTo(picker)
        assert not picker.table.isVisibleTo(picker)
        assert not picker.search_row.isVisibleTo(picker)
        said = " ".join(label.text() for label in picker.needs_key_panel.findChildren(QLabel))
        assert "Connect your WWT.world account to see your contact lists." in said
        assert picker.open_settings_button.text() == "Open Settings…"
        assert picker.try_demo_button.text() == "Try the demo"
        assert picker.open_settings_button.accessibleName()
        assert picker.try_demo_button.accessibleName()

        qtbot.mouseClick(picker.open_settings_button, Qt.MouseButton.LeftButton)
        [dialog] = window.findChildren(SettingsDialog)
        assert dialog.isVisible()
        dialog.reject()

        # a key saved: the window connects again, with lists, and the normal list shows
        window.set_connection(replace(connection), load_lists=True)
        qtbot.waitUntil(lambda: not picker.loading, timeout=5000)
        assert not picker.needs_key_panel.isVisibleTo(picker)
        assert picker.table.isVisibleTo(picker)
        assert picker.search_row.isVisibleTo(picker)
        assert picker.model.rowCount() > 0
    finally:
        _close(window)


def test_without_a_key_try_the_demo_switches_to_demo_mode(qtbot):
    window, _connection = _window_without_a_key(qtbot, SandboxServer())
    picker = window.group_picker
    try:
        qtbot.mouseClick(picker.try_demo_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.connection.demo, timeout=5000)  # connected on a worker thread
        assert window.demo_banner.isVisible()
        qtbot.waitUntil(lambda: not picker.loading, timeout=5000)
        assert not picker.needs_key_panel.isVisibleTo(picker)
        assert picker.table.isVisibleTo(picker)
        assert picker.model.rowCount() > 0
        assert window.connection_status.text() == "Demo server (nothing is sent)"
    finally:
        _close(window)


def test_the_status_bar_does_not_show_the_server_address(qtbot):
    window, connection = _window_without_a_key(qtbot, SandboxServer())
    try:
        assert "https://" not in window.statusBar().currentMessage() + window.connection_status.text()
        window.set_connection(replace(connection, base_url="https://api.example.test"), load_lists=True)
        qtbot.waitUntil(lambda: not window.group_picker.loading, timeout=5000)
        assert window.connection_status.text() == "Connected"
    finally:
        _close(window)
