"""The window starts whatever state its settings and data folders are in, and says what it cannot do
(issue 8, parts 5, 7 and 8).

Tests run as root, where permissions do not stop anything, so a folder that cannot be written to is
simulated by a file in its place, or by ``os.mkdir`` refusing with "permission denied".
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from app.platform.config import app_paths
from app.sandbox import SandboxServer
from helpers.settings_damage import DAMAGE, damage_settings
from helpers.window import close_window, make_window, sandbox_connection
from ui.common import workers
from ui.common.message_box import MessageDialog


def start_window(qtbot):
    """The window as ``rcs-desk`` starts it: settings read from the disk, then the demo server."""
    from ui.shell.application import build_window

    window = build_window(demo=True)
    window.persist_state = False
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.group_picker.loading, timeout=5000)
    return window


def notices(window) -> list[str]:
    return [dialog.message_label.text() for dialog in window.findChildren(MessageDialog)]


def close(window) -> None:
    for dialog in window.findChildren(MessageDialog):
        dialog.close()
    window.editor.modified = False
    window.close()
    assert workers.wait_for_all(5000)


@pytest.mark.parametrize("case", list(DAMAGE))
def test_the_window_starts_with_damaged_settings_and_names_the_moved_file(qtbot, case):
    paths = app_paths()
    damage_settings(paths.settings_file, case)
    window = start_window(qtbot)
    try:
        [aside] = paths.config_dir.glob("settings.damaged-*.json")
        qtbot.waitUntil(lambda: any(str(aside) in text for text in notices(window)), timeout=5000)
        assert len(notices(window)) == 1
        assert window.settings.account_time_zone  # the defaults are in use
    finally:
        close(window)


def _refuse_mkdir_under(monkeypatch, root: Path) -> None:
    real_mkdir = os.mkdir

    def mkdir(path, *args, **kwargs):
        if Path(path).is_relative_to(root):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", mkdir)


@pytest.mark.parametrize("simulated_by", ["a file in place of the data folder", "mkdir refused"])
def test_the_window_starts_when_nothing_can_be_saved_and_says_so_once(qtbot, monkeypatch, simulated_by):
    paths = app_paths()
    if simulated_by == "mkdir refused":
        _refuse_mkdir_under(monkeypatch, Path(os.environ["RCS_DESK_HOME"]))
        reason = "permission denied"
    else:
        paths.data_dir.parent.mkdir(parents=True)
        paths.data_dir.write_bytes(b"not a folder")
        reason = "a file is in the way"
    window = start_window(qtbot)
    try:
        qtbot.waitUntil(lambda: bool(notices(window)), timeout=5000)
        # the history is opened on a worker after connecting; its problem is said (or not) before the task ends
        qtbot.waitUntil(lambda: window.history.problem is not None and not workers.running_tasks(), timeout=5000)
        [text] = notices(window)
        assert str(paths.data_dir) in text and reason in text
        assert "recovery" in text and "history" in text
        assert text.count(str(paths.data_dir)) == 1  # the history that cannot be opened is not said again
        if simulated_by == "mkdir refused":
            assert "Settings cannot be saved" in text
        window.editor.document.campaign.sender = "WWT Shop"
        window.editor.touch()
        window.autosave.save_now()
        qtbot.waitUntil(lambda: "could not be saved for recovery" in window.statusBar().currentMessage(), timeout=5000)
    finally:
        close(window)


def test_a_damaged_history_is_moved_aside_and_the_window_says_where(qtbot):
    paths = app_paths()
    damaged = paths.demo_history_db  # the window below is connected to the demo server
    damaged.parent.mkdir(parents=True)
    damaged.write_bytes(b"This is a shopping list, not a database.\n" * 200)
    server = SandboxServer()
    harness = make_window(qtbot, sandbox_connection(server), server)
    window = harness.window
    try:
        qtbot.waitUntil(lambda: any(".corrupt-" in text for text in notices(window)), timeout=5000)
        [aside] = damaged.parent.glob(f"{damaged.name}.corrupt-*")
        [text] = notices(window)
        assert str(aside) in text and "moved" in text
    finally:
        for dialog in window.findChildren(MessageDialog):
            dialog.close()
        close_window(harness)


def test_settings_that_cannot_be_saved_keep_the_dialog_open_with_what_was_typed(qtbot):
    from ui.shell.settings_dialog import SettingsDialog

    paths = app_paths()
    paths.config_dir.parent.mkdir(parents=True)
    paths.config_dir.write_bytes(b"a file where the settings folder should be")
    window = start_window(qtbot)
    try:
        before = window.settings.time_zone
        window.open_settings()
        [dialog] = window.findChildren(SettingsDialog)
        qtbot.waitUntil(lambda: "Looking" not in dialog.key_status.text(), timeout=5000)
        dialog.zone_combo.setCurrentText("Europe/Kyiv")
        dialog.url_edit.setText("https://example.test")
        dialog.on_save_clicked()
        assert dialog.isVisible() and dialog.result() != dialog.DialogCode.Accepted
        assert str(paths.settings_file) in dialog.key_status.text()
        assert (dialog.zone_combo.currentText(), dialog.url_edit.text()) == ("Europe/Kyiv", "https://example.test")
        assert window.settings.time_zone == before and window.settings.api_url != "https://example.test"
        dialog.reject()
    finally:
        close(window)
