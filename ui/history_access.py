"""The campaign history the window writes to, opened on first use (from any thread)."""

from __future__ import annotations

import logging
import threading

from typing import TYPE_CHECKING

from app.config import AppPaths

if TYPE_CHECKING:
    from app.history import History

log = logging.getLogger(__name__)


class HistoryAccess:
    """Opens the real or the demo history once, lazily; ``problem`` holds a message for the user
    when the history could not be opened or was damaged and started anew."""

    def __init__(self, paths: AppPaths) -> None:
        self.paths = paths
        self._lock = threading.Lock()
        self._opened: dict[bool, History] = {}
        self.problem: str | None = None

    def get(self, *, demo: bool) -> History | None:
        from app.history import HistoryError, open_history  # sqlite3 loads on first use, not at start-up

        with self._lock:
            if demo not in self._opened:
                try:
                    history = open_history(self.paths, demo=demo)
                except HistoryError as exc:
                    log.warning("history could not be opened: %s", exc.details or exc.user_message)
                    self.problem = exc.user_message
                    return None
                if history.recovered_from_corruption:
                    self.problem = history.recovered_from_corruption
                self._opened[demo] = history
            return self._opened[demo]

    def open(self, *, demo: bool) -> History:
        """Like ``get``, but a history that cannot be opened raises ``HistoryError`` (for workers)."""
        from app.history import HistoryError

        history = self.get(demo=demo)
        if history is None:
            raise HistoryError(self.problem or "The campaign history could not be opened.")
        return history

    def close(self) -> None:
        with self._lock:
            for history in self._opened.values():
                history.close()
            self._opened.clear()
