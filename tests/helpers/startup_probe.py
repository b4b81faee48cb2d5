"""Run ``rcs-desk ARGS`` and report, as one JSON line on standard output, what was imported where.

For tests/test_startup_structure.py. An import hook notes, for every module imported until the
window has painted (``RCS_DESK_REPORT_FIRST_PAINT``), the thread that imported it and the line of
the project's code that asked for it; and for the watched modules (``WATCHED``) whether the GUI
thread imported them, at any time. Once the window has settled (connected, lists and pictures
loaded) or after ``SETTLE_SECONDS``, it reports and closes the window.

Run as ``python tests/helpers/startup_probe.py --demo FILE`` with ``PYTHONPATH`` at the project.
"""

from __future__ import annotations

import importlib.abc
import io
import json
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = str(Path(__file__).resolve().parents[2])
WATCHED = ("httpx", "ssl", "keyring", "sqlite3")
SETTLE_SECONDS = 60
GUI_THREAD = threading.get_ident()

state = {"painted": False}
before_paint: dict[str, dict[str, Any]] = {}  # module -> {"gui": bool, "by": "module:line"}
watched: dict[str, dict[str, bool]] = {}  # module -> {"gui": bool, "before_paint": bool}


def _asked_by(name: str) -> str:
    """The project's own line that imported ``name`` (or "" when none did: Python's, PySide's)."""
    frame = sys._getframe(2)
    while frame is not None:
        if frame.f_code.co_filename.startswith(ROOT) and frame.f_globals.get("__name__") != name:
            return f"{frame.f_globals.get('__name__')}:{frame.f_lineno}"
        frame = frame.f_back
    return ""


class Recorder(importlib.abc.MetaPathFinder):
    """Sees each module once, as it is first imported (it finds nothing itself)."""

    def find_spec(self, name: str, path: object, target: object = None) -> None:
        gui = threading.get_ident() == GUI_THREAD
        if not state["painted"] and name not in before_paint:
            before_paint[name] = {"gui": gui, "by": _asked_by(name)}
        if name in WATCHED and name not in watched:
            watched[name] = {"gui": gui, "before_paint": not state["painted"]}
        return None


class FirstPaintWatch(io.TextIOBase):
    """Standard output: the program's first-paint line starts the wait for the window to settle."""

    def __init__(self, real: io.TextIOBase) -> None:
        self.real = real

    def write(self, text: str) -> int:
        if text.startswith("first-paint") and not state["painted"]:
            state["painted"] = True
            _wait_until_settled(self.real)
        return len(text)


def _wait_until_settled(out: io.TextIOBase) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + SETTLE_SECONDS

    def poll() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if hasattr(w, "is_settled") and w.isVisible()]
        settled = bool(windows) and all(w.is_settled() for w in windows)
        if not settled and time.monotonic() < deadline:
            QTimer.singleShot(20, poll)
            return
        out.write(json.dumps({"settled": settled, "before_paint": before_paint, "watched": watched}) + "\n")
        out.flush()
        for window in windows:
            window.close()
        QApplication.quit()

    QTimer.singleShot(0, poll)


def main() -> int:
    os.environ.setdefault("RCS_DESK_REPORT_FIRST_PAINT", "1")
    sys.meta_path.insert(0, Recorder())
    sys.stdout = FirstPaintWatch(sys.stdout)  # type: ignore[assignment]
    from rcs_desk import main as rcs_desk

    return rcs_desk(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
