""" "Restart now" after a language change, with more than one window open (macOS opens a document from
Finder in a window of its own): every window closes as the user would close it, and the program starts
again once, with every window's campaign file; a window kept open (Cancel) or a window sending a campaign
calls the restart off, and nothing is started."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton

from helpers.window import FakeStart
from ui.sending.send_flow import SendState
from ui.shell.application import Windows

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "examples"


@pytest.fixture
def two_windows(qtbot, tmp_path):
    """Two demo windows, the first with the spring sale, the second with the hello text (opened as Finder
    opens a second document); each closes at the end without asking."""
    first_path, second_path = tmp_path / "first.rcs.json", tmp_path / "second.rcs.json"
    shutil.copy(EXAMPLES / "spring-sale.rcs.json", first_path)
    shutil.copy(EXAMPLES / "hello-text.rcs.json", second_path)
    windows = Windows(demo=True, api_url=None)
    first = windows.open_first(first_path)
    second = windows.open_file(str(second_path))
    for window in (first, second):
        window.persist_state = False
        qtbot.waitUntil(lambda window=window: window.connection is not None, timeout=10000)
    yield windows, first, second
    for window in windows.windows:
        window.send_controller._enter(SendState.IDLE)
        window.files.ask_discard = lambda: QMessageBox.StandardButton.Discard
        window.close()


def restart_from(window) -> FakeStart:
    """Choose another language in ``window`` and answer "Restart now"."""
    start = FakeStart()
    window.language_restart.start_program = start
    window.language_restart.present = lambda box: box.findChild(QPushButton, "restartNowButton").click()
    window.on_language_changed("uk")
    return start


def test_restart_closes_every_window_and_opens_every_file_again(two_windows):
    windows, first, second = two_windows
    second.editor.campaign.sender = "Autumn Agent"
    second.editor.touch()  # an unsaved change in the other window: saved when asked
    asked: list[str] = []
    second.files.ask_discard = lambda: asked.append("second") or QMessageBox.StandardButton.Save

    start = restart_from(first)

    assert asked == ["second"]
    assert windows.open_windows() == []
    assert "Autumn Agent" in second.editor.path.read_text(encoding="utf-8")  # nothing typed is lost
    files = [str(first.editor.path.resolve()), str(second.editor.path.resolve())]  # the chosen window's first
    assert start.started == [(sys.executable, ["-m", "rcs_desk", "--demo", *files])]


def test_cancel_in_another_window_calls_the_restart_off(two_windows):
    windows, first, second = two_windows
    second.editor.touch()
    second.files.ask_discard = lambda: QMessageBox.StandardButton.Cancel

    start = restart_from(first)

    assert start.started == []
    assert second in windows.open_windows() and second.editor.modified
    assert first in windows.open_windows(), "the window the restart was chosen in stays open"


def test_a_window_sending_a_campaign_keeps_every_window_open(two_windows):
    windows, first, second = two_windows
    second.send_controller._enter(SendState.CONFIRMING)  # the send question is open in the other window

    start = restart_from(first)

    assert start.started == []
    assert windows.open_windows() == [first, second]
    assert first.statusBar().currentMessage() == "Restart once the sending has finished."
