"""A window that types into a campaign, reports once it is autosaved, then waits to be killed.

Run by tests/test_ui_autosave.py as ``python tests/autosave_child.py TEXT`` with RCS_DESK_HOME set.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parent)]

from PySide6.QtTest import QTest  # noqa: E402

from app.config import Settings, app_paths  # noqa: E402
from app.sandbox import SandboxServer  # noqa: E402
from ui.application import create_application  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.qt_messages import route_qt_messages  # noqa: E402
from ui_window_helpers import sandbox_connection  # noqa: E402


def main() -> int:
    text = sys.argv[1]
    route_qt_messages()
    app = create_application()
    window = MainWindow(Settings(), sandbox_connection(SandboxServer()), app_paths(), load_lists=False, recover=False)
    window.show()
    QTest.keyClicks(window.agent_field.combo.lineEdit(), text)  # typed as a user types
    window.autosave.saved.connect(lambda _when: print("saved", flush=True))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
