"""The window says what went wrong with the kept demo account, when its demo connection opens and
when a later request finds it; screenshots and the self-test leave that account alone (issue 10
review, items 5 and 8)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.platform.config import Settings, app_paths
from app.sandbox import saved_account
from app.sandbox.saved_account import demo_account_path
from helpers.lock_holder import lock_held_elsewhere
from ui.common import workers
from ui.common.message_box import MessageDialog
from ui.shell.main_window import MainWindow

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
DAMAGED = b"{ not the demo account"


def started_window(qtbot) -> MainWindow:
    """The window as ``rcs-desk --demo`` starts it: painted first, then connected on a worker."""
    window = MainWindow(Settings(), None, app_paths(), recover=False)
    window.persist_state = False
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.first_painted, timeout=5000):
        window.show()
    window.reconnect(demo=True)
    qtbot.waitUntil(lambda: window.connection is not None and not window.group_picker.loading, timeout=10000)
    return window


def close(window: MainWindow) -> None:
    for dialog in window.findChildren(MessageDialog):
        dialog.close()
    window.editor.modified = False
    window.close()
    assert workers.wait_for_all(5000)


def damage_demo_account() -> Path:
    path = demo_account_path(app_paths().data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(DAMAGED)
    return path


def test_a_damaged_demo_account_is_said_once_the_demo_connection_opens(qtbot):
    path = damage_demo_account()
    window = started_window(qtbot)
    try:
        [aside] = path.parent.glob("demo-account.damaged-*.json")
        said = [text for text in window.notices.shown if "The saved demo account could not be used" in text]
        assert len(said) == 1 and str(aside) in said[0] and "starts afresh" in said[0]
        assert window.notices.dialog is not None and said[0] in window.notices.dialog.message_label.text()
    finally:
        close(window)


def test_a_problem_found_by_a_later_demo_request_is_said(qtbot, monkeypatch):
    window = started_window(qtbot)
    monkeypatch.setattr(saved_account, "LOCK_WAIT_S", 0.3)
    try:
        with lock_held_elsewhere(demo_account_path(app_paths().data_dir).with_suffix(".lock")):
            window.group_picker.reload()  # a request on a worker thread, as every demo task makes
            qtbot.waitUntil(
                lambda: any("more than 0.3 seconds" in text for text in window.notices.shown), timeout=10000
            )
            qtbot.waitUntil(lambda: not window.group_picker.loading, timeout=10000)
            assert window.group_picker.model.rowCount() > 0, "the demo goes on in memory"
    finally:
        close(window)


def test_the_window_connected_at_once_leaves_the_kept_demo_account_alone(qtbot):
    """``build_window(demo=True)``: what ``rcs-desk screenshot`` and ``self-test`` show."""
    from ui.shell.application import build_window

    path = damage_demo_account()
    window = build_window(demo=True)
    window.persist_state = False
    qtbot.addWidget(window)
    window.show()
    try:
        qtbot.waitUntil(lambda: not window.group_picker.loading, timeout=10000)
        assert window.connection is not None and window.connection.demo_account is None
        assert window.group_picker.model.rowCount() > 0
        assert sorted(p.name for p in path.parent.glob("demo-account*")) == [path.name]
        assert path.read_bytes() == DAMAGED
    finally:
        close(window)


@pytest.mark.slow
def test_the_screenshot_command_neither_reads_nor_writes_the_kept_demo_account(tmp_path):
    path = damage_demo_account()  # read, it would be moved aside; written, it would change
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")  # the same RCS_DESK_HOME as this test's
    out = tmp_path / "shot.png"
    result = subprocess.run(
        [sys.executable, "-m", "rcs_desk", "--demo", "screenshot", str(out), str(EXAMPLES / "spring-sale.rcs.json")],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert out.exists()
    assert sorted(p.name for p in path.parent.glob("demo-account*")) == [path.name]
    assert path.read_bytes() == DAMAGED
