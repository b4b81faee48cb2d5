"""A window that types into a campaign and reports on stdout, then waits to be killed.

Run by tests/ui/shell/test_ui_autosave.py with RCS_DESK_HOME set, in one of two ways:

``python tests/helpers/autosave_child.py TEXT``
    types TEXT at once, prints ``saved`` at every autosave.
``python tests/helpers/autosave_child.py --steady INTERVAL_MS``
    types into the RCS agent field one key every INTERVAL_MS (driven by a timer, as a steady typist
    would, never pausing long enough for the autosave's pause timer), cycling through ``KEYS``: after
    N keys the agent is ``steady_text(N)``. It prints ``typed N T`` after the Nth key and ``saved T``
    at every autosave, T being ``time.monotonic()`` (one clock for every process on the machine).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path[:0] = [str(Path(__file__).resolve().parents[2]), str(Path(__file__).resolve().parents[1])]

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from app.campaign import limits  # noqa: E402
from app.platform.config import Settings, app_paths  # noqa: E402
from app.sandbox import SandboxServer  # noqa: E402
from helpers.window import sandbox_connection  # noqa: E402
from ui.shell.application import create_application  # noqa: E402
from ui.shell.main_window import MainWindow  # noqa: E402
from ui.shell.qt_messages import route_qt_messages  # noqa: E402

KEYS = "abcdefghij"
MAX_KEYS = limits.SENDER_MAX * 2  # the agent field takes no more


def steady_text(count: int) -> str:
    return "".join(KEYS[i % len(KEYS)] for i in range(count))


def main() -> int:
    route_qt_messages()
    app = create_application()
    window = MainWindow(Settings(), sandbox_connection(SandboxServer()), app_paths(), load_lists=False, recover=False)
    window.show()
    line_edit = window.agent_field.combo.lineEdit()
    if sys.argv[1] != "--steady":
        QTest.keyClicks(line_edit, sys.argv[1])  # typed as a user types
        window.autosave.saved.connect(lambda _when: print("saved", flush=True))
        return app.exec()

    typed = 0

    def type_one_key() -> None:
        nonlocal typed
        if typed >= MAX_KEYS:
            keys.stop()
            return
        QTest.keyClick(line_edit, KEYS[typed % len(KEYS)])
        typed += 1
        print("typed", typed, time.monotonic(), flush=True)

    window.autosave.saved.connect(lambda _when: print("saved", time.monotonic(), flush=True))
    keys = QTimer()
    keys.setTimerType(Qt.TimerType.PreciseTimer)
    keys.setInterval(int(sys.argv[2]))
    keys.timeout.connect(type_one_key)
    keys.start()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
