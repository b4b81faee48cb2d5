"""Writing the settings file: at once for the Settings dialog, on a worker for what the window learns.

A write syncs the file to disk (``app.platform.atomic``), which can take long on a busy disk: the
window's own writes (the sender just used) run on a worker. Writes are ordered: one taken earlier
never replaces one saved later.
"""

from __future__ import annotations

import copy
import threading

from PySide6.QtCore import QObject, Signal

from app.language import tr
from app.platform.config import AppPaths, Settings, SettingsError, save_settings
from ui.common.workers import Task, TaskContext


class SettingsWriter(QObject):
    """Signal ``failed(str)``: a background write failed, with the message for the user."""

    failed = Signal(str)

    def __init__(self, paths: AppPaths, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self._lock = threading.Lock()
        self._taken = 0  # how many snapshots were taken: the newest one wins

    def save_now(self, settings: Settings) -> None:
        """Write ``settings`` now (the Settings dialog says a failure itself). Raises ``SettingsError``."""
        with self._lock:
            self._taken += 1
            save_settings(settings, self.paths)

    def save_later(self, settings: Settings) -> Task:
        """Write a copy of ``settings`` as they are now, on a worker; a failure is said by ``failed``."""
        with self._lock:
            self._taken += 1
            taken = self._taken
        task = Task(self._write, copy.deepcopy(settings), taken, parent=self)
        task.failed.connect(self._on_failed)
        task.start()
        return task

    def _write(self, context: TaskContext, settings: Settings, taken: int) -> None:
        with self._lock:
            if taken == self._taken:  # else newer settings were saved, or are about to be
                save_settings(settings, self.paths)

    def _on_failed(self, error: BaseException) -> None:
        if isinstance(error, SettingsError):
            self.failed.emit(error.user_message)
        else:
            self.failed.emit(tr("The settings could not be saved."))
