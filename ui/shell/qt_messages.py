"""Qt's own diagnostics go to Python logging, not to the user's terminal.

Installed by the program's entry points only (tests keep pytest-qt's handler, which fails a
test on any Qt warning).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

log = logging.getLogger("qt")

# Said by the offscreen platform for every top-level window; harmless.
IGNORED = ("This plugin does not support propagateSizeHints",)

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _handler(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    if message.startswith(IGNORED):
        return
    log.log(_LEVELS.get(kind, logging.WARNING), "%s", message)


def route_qt_messages() -> None:
    qInstallMessageHandler(_handler)
