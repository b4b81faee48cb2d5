"""Opening the window's connection on a worker thread: the keyring may wait on the system, and httpx,
its SSL context and (in demo mode) the demo server take a while to load."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.language import tr
from app.platform.config import Settings
from app.tasks.connection import open_connection_checked
from ui.common.message_box import show_message
from ui.common.workers import Task


class Connector(QObject):
    """``open(demo=...)`` opens a connection in the background; a newer request replaces an older one
    still under way (its result is dropped). Signal ``opened(object, bool)``: the ``Connection`` and
    whether there is an API key to use it with. A failure is said to the user, with "Try again"."""

    opened = Signal(object, bool)
    failed = Signal()

    def __init__(self, settings: Callable[[], Settings], api_url: Callable[[], str | None], window: QWidget) -> None:
        super().__init__(window)
        self._settings = settings
        self._api_url = api_url
        self._window = window
        self._task: Task | None = None

    def open(self, *, demo: bool) -> None:
        if self._task is not None:
            self._task.cancel()
        task = Task(open_connection_checked, self._settings(), demo, self._api_url(), parent=self)
        task.succeeded.connect(lambda result: self.opened.emit(*result))
        task.failed.connect(lambda error: self._on_failed(error, demo))
        task.finished.connect(lambda: self._on_finished(task))
        self._task = task
        task.start()

    def _on_finished(self, task: Task) -> None:
        if self._task is task:
            self._task = None

    def _on_failed(self, error: BaseException, demo: bool) -> None:
        self.failed.emit()
        show_message(
            self._window,
            tr("Could not connect"),
            tr("The program could not prepare its connection to the server. Try again, or restart it."),
            details=f"{type(error).__name__}: {error}",
            action=(tr("Try again"), lambda: self.open(demo=demo)),
        )
