"""What went wrong with the kept demo account's file, said among the window's notices.

The file is read when the demo connection opens and read and written by every request after it, on
worker threads; ``SavedAccount`` keeps what went wrong for ``take_problems``. This takes them on the
GUI thread: once the connection has opened, then each time a request finds something.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from app.sandbox.saved_account import SavedAccount
    from ui.shell.notices import Notices


class DemoAccountNotices(QObject):
    """``watch(account)`` says the problems of ``account`` (None: no kept demo account) through ``notices``."""

    _found = Signal()  # emitted on the worker thread that found a problem: delivered on the GUI thread

    def __init__(self, notices: Notices, parent: QObject) -> None:
        super().__init__(parent)
        self._notices = notices
        self._account: SavedAccount | None = None
        self._found.connect(self._say_problems)

    def watch(self, account: SavedAccount | None) -> None:
        if self._account is not None and self._account is not account:
            self._account.listen(None)
        self._account = account
        if account is not None:
            account.listen(self._on_found)
        self._say_problems()

    def _on_found(self) -> None:
        with contextlib.suppress(RuntimeError):  # the window has been deleted meanwhile: nobody to tell
            self._found.emit()

    def _say_problems(self) -> None:
        if self._account is not None:
            for problem in self._account.take_problems():
                self._notices.add(problem)
