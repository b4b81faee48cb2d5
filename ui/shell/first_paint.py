"""``RCS_DESK_REPORT_FIRST_PAINT=1``: print ``first-paint`` once the window has been painted.

For benchmarks/bench_package.py, which times a packaged program from its start to its first
painted window (benchmarks/hello_window.py reports the same way), and for .ci/run, which
checks the packaged program: the line also carries the window title (so the file given on the
command line can be seen to be open), and with the value ``quit`` the window then closes as if
the user closed it (so what it saves on closing can be looked for). Without the variable
nothing is installed.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

ENV_REPORT_FIRST_PAINT = "RCS_DESK_REPORT_FIRST_PAINT"


class FirstPaintReporter(QObject):
    """Watches ``window``; after its first paint (children included) prints ``first-paint title='...'``."""

    def __init__(self, window: QWidget, *, close_after: bool = False) -> None:
        super().__init__(window)
        self._window = window
        self._close_after = close_after
        self.reported = False
        self._seen = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if not self._seen and watched is self._window and event.type() == QEvent.Type.Paint:
            self._seen = True
            QTimer.singleShot(0, self._report)  # the children paint in the same pass, before this runs
        return False

    def _report(self) -> None:
        self.reported = True
        self._window.removeEventFilter(self)
        if sys.stdout is not None:
            print(f"first-paint title={self._window.windowTitle()!r}", flush=True)
        if self._close_after:
            # On a later turn of the event loop, as a person would: the window's own after-paint
            # work (ui.shell.main_window's first_painted) has started by then.
            QTimer.singleShot(0, self._window.close)


def report_first_paint(window: QWidget) -> FirstPaintReporter | None:
    """Install the reporter on ``window`` when RCS_DESK_REPORT_FIRST_PAINT is set (call before show())."""
    value = os.environ.get(ENV_REPORT_FIRST_PAINT, "").strip().lower()
    if not value:
        return None
    return FirstPaintReporter(window, close_after=value == "quit")
