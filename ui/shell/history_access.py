"""The campaign history the window writes to, opened on first use (from any thread)."""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.language import tr
from app.platform.config import AppPaths
from ui.common.workers import Task, TaskContext

if TYPE_CHECKING:
    from app.history import History

log = logging.getLogger(__name__)


class HistoryAccess(QObject):
    """Opens the real or the demo history once, lazily; ``problem`` holds a message for the user
    when the history could not be opened or was damaged and started anew.

    Signal ``problem_found(str, bool)``: a new message for the user, and whether it is about damage
    (the file was moved aside and a new history started) rather than a history that cannot be opened.
    It may be emitted from a worker thread: connect it to the window (queued there by Qt).
    """

    problem_found = Signal(str, bool)

    def __init__(self, paths: AppPaths, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self._lock = threading.Lock()
        self._opened: dict[bool, History] = {}
        self._said: set[str] = set()
        self.problem: str | None = None

    def get(self, *, demo: bool) -> History | None:
        from app.history import (  # sqlite3 loads on first use, not at start-up
            HistoryError,
            open_history,
        )

        found: tuple[str, bool] | None = None
        with self._lock:
            history = self._opened.get(demo)
            if history is None:
                try:
                    history = open_history(self.paths, demo=demo)
                except HistoryError as exc:
                    log.warning("history could not be opened: %s", exc.details or exc.user_message)
                    self.problem = exc.user_message
                    found = self._new(exc.user_message, damaged=False)
                    history = None
                else:
                    self._opened[demo] = history
            if history is not None and history.recovered_from_corruption:
                # at opening, or found by an earlier call while the program ran
                self.problem = history.recovered_from_corruption
                found = self._new(history.recovered_from_corruption, damaged=True)
        if found is not None:
            self.problem_found.emit(*found)
        return history

    def open_in_background(self, *, demo: bool) -> Task:
        """Open the history on a worker (loading sqlite3 and reading the file take a while): a damaged
        one is said soon after the connection opens, and the first send finds it open."""
        task = Task(self._open_quietly, demo, parent=self)
        task.start()
        return task

    def _open_quietly(self, context: TaskContext, demo: bool) -> None:
        self.get(demo=demo)  # a problem is said through ``problem_found``

    def _new(self, message: str, *, damaged: bool) -> tuple[str, bool] | None:
        if message in self._said:
            return None
        self._said.add(message)
        return message, damaged

    def open(self, *, demo: bool) -> History:
        """Like ``get``, but a history that cannot be opened raises ``HistoryError`` (for workers)."""
        from app.history import HistoryError

        history = self.get(demo=demo)
        if history is None:
            raise HistoryError(self.problem or tr("The campaign history could not be opened."))
        return history

    def close(self) -> None:
        with self._lock:
            for history in self._opened.values():
                history.close()
            self._opened.clear()
