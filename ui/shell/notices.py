"""Things the user must be told once, whatever else happens: a settings file moved aside, a folder
nothing can be saved in, a damaged history started anew.

Each text is shown once, after the window's first paint, in one non-blocking message window: texts
that come while it is open are added to it. The status bar is no place for them (the connection's
messages replace whatever it says).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from app import APP_NAME
from ui.common.message_box import MessageDialog, show_message

if TYPE_CHECKING:
    from ui.shell.main_window import MainWindow


class Notices(QObject):
    """``add(text)`` shows ``text`` once; ``shown`` lists what was shown, in order.

    Until the window's ``first_painted`` signal fires, texts wait.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.shown: list[str] = []
        self._waiting: list[str] = []
        self._ready = False
        self._dialog: MessageDialog | None = None
        window.first_painted.connect(self._on_first_painted)

    @property
    def dialog(self) -> MessageDialog | None:
        """The message window now open, if any."""
        return self._dialog

    def add(self, text: str | None) -> None:
        if not text or text in self.shown or text in self._waiting:
            return
        if not self._ready:
            self._waiting.append(text)
            return
        self._show(text)

    def _on_first_painted(self) -> None:
        self._ready = True
        waiting, self._waiting = self._waiting, []
        for text in waiting:
            self._show(text)

    def _show(self, text: str) -> None:
        self.shown.append(text)
        if self._dialog is not None:
            label = self._dialog.message_label
            label.setText(f"{label.text()}\n\n{text}")
            return
        dialog = show_message(self.window, APP_NAME, text, kind="warning")
        dialog.finished.connect(lambda _result: self._forget(dialog))
        dialog.destroyed.connect(lambda *_args: self._forget(dialog))
        self._dialog = dialog

    def _forget(self, dialog: MessageDialog) -> None:
        if self._dialog is dialog:
            self._dialog = None
