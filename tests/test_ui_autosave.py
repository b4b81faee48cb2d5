"""Nothing typed is lost: autosave, a killed program, and the offer to restore at the next start."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from app.config import app_paths
from app.recovery import RecoveryStore
from app.sandbox import SandboxServer
from ui_window_helpers import EXAMPLES, close_window, make_window, sandbox_connection

CHILD = Path(__file__).resolve().parent / "autosave_child.py"


def answer_restore(harness, choice: str) -> list:
    asked = []

    def present(dialog) -> None:
        asked.append(dialog.findChild(type(harness.window.problems_label), "restoreDetails").text())
        dialog.findChild(type(harness.window.send_button), f"{choice}Button").click()

    harness.window.present_restore = present
    return asked


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL does not exist on Windows")
def test_edits_survive_a_kill_and_are_offered_back_exactly(qtbot, monkeypatch):
    typed = "Autumn Agent 7"
    child = subprocess.Popen([sys.executable, str(CHILD), typed], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    try:
        line = child.stdout.readline()  # blocks until the first autosave has been written
        assert line.strip() == "saved", child.stderr.read() if not line else line
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(30)
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL

    from PySide6.QtWidgets import QLabel, QPushButton

    from ui.main_window import MainWindow

    asked = []

    def present(window, dialog) -> None:  # the user reads the offer and clicks Restore
        asked.append(dialog.findChild(QLabel, "restoreDetails").text())
        dialog.findChild(QPushButton, "restoreButton").click()

    monkeypatch.setattr(MainWindow, "present_restore", present)
    server = SandboxServer()
    harness = make_window(qtbot, sandbox_connection(server), server, recover=True)  # as the next start does
    try:
        qtbot.waitUntil(lambda: harness.window.editor.campaign.sender == typed, timeout=10000)
        assert "Last saved:" in asked[0] and "RCS agent: " + typed in asked[0]
        assert harness.window.editor.modified  # restored edits are unsaved edits
        assert harness.window.isWindowModified()
    finally:
        close_window(harness)
    store = RecoveryStore(app_paths().recovery_dir)
    try:
        assert store.find_orphans() == []  # restored once, not offered again; the clean exit removed it
    finally:
        store.close()


def test_autosave_writes_after_a_pause_and_a_clean_exit_removes_it(qtbot):
    server = SandboxServer()
    harness = make_window(qtbot, sandbox_connection(server), server)
    window = harness.window
    try:
        window.files.open_path(EXAMPLES / "spring-sale.rcs.json")
        assert not window.autosave.pending  # opening a file is not an edit
        qtbot.keyClicks(window.agent_field.combo.lineEdit(), " 2")
        assert window.autosave.pending
        with qtbot.waitSignal(window.autosave.saved, timeout=5000):
            pass
        recovery = window.autosave.store.path
        assert recovery.exists()
        assert "WWT Shop 2" in recovery.read_text(encoding="utf-8")
        window.files.ask_save_path = lambda: str(Path(app_paths().data_dir) / "saved.rcs.json")
        window.files.save_as()
        qtbot.waitUntil(lambda: not recovery.exists(), timeout=5000)  # saved: nothing left to recover
    finally:
        close_window(harness)


def leave_a_dead_session() -> None:
    """A window that ended without closing: its autosave stays, its lock is released."""
    from app.campaign_file import load_campaign_file

    dead = RecoveryStore(app_paths().recovery_dir)
    dead.save(load_campaign_file(EXAMPLES / "spring-sale.rcs.json"))
    dead.close(keep=True)


def test_discarding_the_offer_deletes_the_autosave(qtbot):
    leave_a_dead_session()

    server = SandboxServer()
    harness = make_window(qtbot, sandbox_connection(server), server)
    try:
        asked = answer_restore(harness, "discard")
        harness.window.autosave.look_for_orphans()
        qtbot.waitUntil(lambda: bool(asked), timeout=5000)
        assert harness.window.editor.campaign.sender is None  # nothing was loaded
    finally:
        close_window(harness)
    store = RecoveryStore(app_paths().recovery_dir)
    try:
        assert store.find_orphans() == []
    finally:
        store.close()


def test_restore_asks_before_replacing_unsaved_work(qtbot):
    leave_a_dead_session()
    server = SandboxServer()
    harness = make_window(qtbot, sandbox_connection(server), server)
    try:
        window = harness.window
        qtbot.keyClicks(window.agent_field.combo.lineEdit(), "Typed first")
        window.files.ask_discard = lambda: QMessageBox.StandardButton.Cancel
        answer_restore(harness, "restore")
        window.autosave.look_for_orphans()
        qtbot.waitUntil(lambda: not window.autosave.pending, timeout=5000)
        qtbot.wait(0)
        assert window.editor.campaign.sender == "Typed first"
    finally:
        close_window(harness)
