"""The baseline for the package budgets: a bare PySide6 window (a QLabel in a QMainWindow).

benchmarks/bench_package.py builds it with a default ``pyinstaller --onedir --windowed`` and
compares the packaged program with it; benchmarks/bench_ui.py runs it from source. It prints
``first-paint`` on standard output once the window has been painted for the first time, exactly
as rcs-desk does with RCS_DESK_REPORT_FIRST_PAINT=1 (ui/shell/first_paint.py).
"""

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


class FirstPaint(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.done = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if not self.done and watched is self.window and event.type() == QEvent.Type.Paint:
            self.done = True
            QTimer.singleShot(0, self.report)  # after the children have painted too
        return False

    def report(self) -> None:
        print("first-paint", flush=True)


def make_window() -> QMainWindow:
    """The window, not shown yet (benchmarks/ui_scenario.py watches it for stalls too)."""
    window = QMainWindow()
    window.setWindowTitle("Hello")
    window.setCentralWidget(QLabel("Hello, world"))
    FirstPaint(window)
    window.resize(480, 240)
    return window


def main() -> int:
    app = QApplication(sys.argv)
    window = make_window()
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
