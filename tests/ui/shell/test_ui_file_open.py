"""macOS opens a document from Finder with a FileOpen event (issue 14, issue 11).

A second document opens in a new window of the running program, never in place of a campaign with
unsaved changes; an untouched new campaign makes way for it; a document already open is brought to
the front. Closing one window leaves the others' work (a send, a load) running. The event is caught
by the application object (``DeskApplication.event``), not by an application-wide event filter that
every event of every widget would pass through.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QMessageBox

from ui.common.workers import Task
from ui.shell.application import Windows, file_to_open

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "examples"


@pytest.fixture
def campaigns(tmp_path) -> tuple[Path, Path]:
    first, second = tmp_path / "first.rcs.json", tmp_path / "second.rcs.json"
    shutil.copy(EXAMPLES / "spring-sale.rcs.json", first)
    shutil.copy(EXAMPLES / "hello-text.rcs.json", second)
    return first, second


@pytest.fixture
def windows(qtbot):
    """The program's windows in demo mode; every window closes at the end without asking."""
    opened = Windows(demo=True, api_url=None)
    yield opened
    for window in opened.windows:
        window.persist_state = False
        window.files.ask_discard = lambda: QMessageBox.StandardButton.Discard
    for window in opened.windows:
        qtbot.waitUntil(lambda window=window: window.connection is not None, timeout=10000)
        window.close()


def finder_opens(windows: Windows, path: Path):
    """What DeskApplication does with Finder's request: a synthetic FileOpen event."""
    return windows.open_file(file_to_open(QFileOpenEvent(str(path))))


def test_a_second_document_opens_in_a_new_window_and_the_first_keeps_its_changes(windows, campaigns, qtbot):
    first_path, second_path = campaigns
    first = windows.open_first(first_path)
    qtbot.waitExposed(first)
    first.editor.touch()  # an unsaved change
    asked: list[bool] = []
    first.files.ask_discard = lambda: asked.append(True) or QMessageBox.StandardButton.Cancel

    second = finder_opens(windows, second_path)

    assert second is not first and asked == [], "the open campaign was not asked to be given up"
    assert windows.open_windows() == [first, second]
    assert first.editor.path == first_path and first.editor.modified
    assert second.editor.path == second_path and not second.editor.modified
    qtbot.waitExposed(second)


def test_closing_one_window_leaves_the_other_windows_work_running(windows, campaigns, qtbot):
    """A window that closes waits for its own tasks only: another window's send goes on."""
    first = windows.open_first(campaigns[0])
    first.editor.touch()
    second = finder_opens(windows, campaigns[1])
    qtbot.waitUntil(lambda: first.connection is not None and second.connection is not None, timeout=10000)
    release = threading.Event()
    sending = Task(lambda _context: release.wait(10), parent=second)  # like a send still under way
    sending.start()
    first.files.ask_discard = lambda: QMessageBox.StandardButton.Discard
    first.persist_state = False
    assert first.close()
    assert not sending.cancelled, "closing the first window cancelled the second window's task"
    release.set()
    qtbot.waitUntil(lambda: not sending.running)
    assert windows.open_windows() == [second]


RAISE_OFFSCREEN = pytest.mark.qt_log_ignore("This plugin does not support raise")  # the offscreen platform


@RAISE_OFFSCREEN
def test_an_untouched_new_campaign_makes_way_for_the_document(windows, campaigns, qtbot):
    first = windows.open_first()
    qtbot.waitExposed(first)
    opened = finder_opens(windows, campaigns[1])
    assert opened is first and first.editor.path == campaigns[1]
    assert windows.open_windows() == [first]


@RAISE_OFFSCREEN
def test_a_document_already_open_is_brought_to_the_front_not_opened_twice(windows, campaigns, qtbot):
    first = windows.open_first(campaigns[0])
    qtbot.waitExposed(first)
    first.editor.touch()
    assert finder_opens(windows, campaigns[0]) is first
    assert windows.open_windows() == [first] and first.editor.modified


CHILD = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QFileOpenEvent
from ui.shell import application

app = application.create_application()
windows = application.Windows(demo=True, api_url=None)
first = windows.open_first(Path(sys.argv[1]))
first.editor.touch()
app.file_open_requested.connect(windows.open_file)
QCoreApplication.postEvent(app, QFileOpenEvent(sys.argv[2]))

def report():
    print(json.dumps({
        "application": type(app).__name__,
        "windows": [[str(w.editor.path), w.editor.modified] for w in windows.open_windows()],
    }), flush=True)
    for window in windows.windows:
        window.editor.modified = False  # close without the question
        window.persist_state = False
    app.closeAllWindows()

QTimer.singleShot(300, report)
app.exec()
application.workers.wait_for_all(10000)
"""


def test_the_application_itself_catches_finders_request(campaigns, tmp_path):
    """End to end in a program of its own: the event posted to the application opens a new window."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", RCS_DESK_HOME=str(tmp_path / "home"), PYTHONPATH=str(ROOT))
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    result = subprocess.run(
        [sys.executable, "-c", CHILD, *map(str, campaigns)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["application"] == "DeskApplication"
    assert answer["windows"] == [[str(campaigns[0]), True], [str(campaigns[1]), False]]
