"""Autosave of the open campaign, and the offer to restore one after a crash.

Every change restarts a short timer (``DELAY_MS``); when it fires, a copy of the campaign is written
to this window's recovery file on a worker thread (atomic write, see ``app.platform.recovery``). Steady typing
keeps restarting that timer, so the first change after a copy is taken also starts a deadline
(``MAX_WAIT_MS``) that later changes do not move: the save happens at whichever comes first, and a
kill during steady typing loses at most about ``MAX_WAIT_MS`` of it. Saving the file,
discarding the changes or closing the window normally removes the recovery file. At the next
start, a campaign left behind by a window that did not close normally is offered back.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from app.campaign.file import CampaignDocument, document_from_json
from app.platform.recovery import RecoveryEntry, RecoveryStore
from ui.common.workers import Task, TaskContext
from ui.compose.editor_state import CampaignEditor

log = logging.getLogger(__name__)

DELAY_MS = 800  # a pause in typing this long saves
MAX_WAIT_MS = 2000  # while typing goes on, a save at least this often


def _copy(document: CampaignDocument) -> CampaignDocument:
    """A snapshot the worker can write while the user goes on typing."""
    return document_from_json(document.to_json_dict(), default_time_zone=document.time_zone)


def _write(
    context: TaskContext, store: RecoveryStore, document: CampaignDocument, source_path: Path | None
) -> datetime:
    return store.save(document, source_path=source_path)


def _find(context: TaskContext, store: RecoveryStore) -> list[RecoveryEntry]:
    return store.find_orphans()


class Autosave(QObject):
    """Signals: ``saved(object)`` with the time (aware UTC), ``failed(object)`` with the exception,
    ``orphans_found(list)`` with the ``RecoveryEntry`` objects to offer."""

    saved = Signal(object)
    failed = Signal(object)
    orphans_found = Signal(list)

    def __init__(
        self,
        editor: CampaignEditor,
        store: RecoveryStore,
        *,
        delay_ms: int = DELAY_MS,
        max_wait_ms: int = MAX_WAIT_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.editor = editor
        self.store = store
        self._timer = QTimer(self)  # the pause: restarted by every change
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.save_now)
        self._deadline = QTimer(self)  # the longest wait: started by the first change after a save, never moved
        self._deadline.setSingleShot(True)
        self._deadline.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse timer may be 5 % (100 ms) late
        self._deadline.setInterval(max_wait_ms)
        self._deadline.timeout.connect(self.save_now)
        self._task: Task | None = None
        self._search: Task | None = None  # the look for orphans, waited for before closing the store
        self._again = False
        self.last_saved: datetime | None = None
        editor.content_changed.connect(self.on_editor_content_changed)
        editor.file_state_changed.connect(self.on_editor_file_state_changed)

    @property
    def pending(self) -> bool:
        """A change is waiting to be written, or being written."""
        return self._timer.isActive() or self._deadline.isActive() or self._task is not None

    def on_editor_content_changed(self) -> None:
        if self.editor.modified:
            self._timer.start()
            if not self._deadline.isActive():  # the first change not in the last copy taken
                self._deadline.start()

    def _stop_timers(self) -> None:
        self._timer.stop()
        self._deadline.stop()

    def on_editor_file_state_changed(self) -> None:
        if not self.editor.modified:  # saved to its file, or a fresh campaign: nothing to keep
            self._stop_timers()
            self._again = False
            if self._task is None:
                self.store.clear()

    def save_now(self) -> None:
        """Write the current campaign now (one write at a time; the newest state wins).

        Called when the pause or the deadline runs out. While a write is still running, a save that
        falls due only asks for one more write when it ends, of the campaign as it is then: however
        many come due meanwhile, writes never pile up and the last edit is never left out.
        """
        self._stop_timers()
        if not self.editor.modified:
            return
        if self._task is not None:
            self._again = True
            return
        task = Task(_write, self.store, _copy(self.editor.document), self.editor.path, parent=self)
        task.succeeded.connect(self.on_task_succeeded)
        task.failed.connect(self.on_task_failed)
        task.finished.connect(self.on_task_finished)
        self._task = task
        task.start()

    def on_task_succeeded(self, saved_at: datetime) -> None:
        self.last_saved = saved_at
        self.saved.emit(saved_at)

    def on_task_failed(self, error: BaseException) -> None:
        log.warning("autosave failed: %s", type(error).__name__)
        self.failed.emit(error)

    def on_task_finished(self) -> None:
        self._task = None
        if self._again:
            self._again = False
            self.save_now()
        elif not self.editor.modified:
            self.store.clear()

    def look_for_orphans(self) -> None:
        """Find campaigns left by windows that did not close normally (``orphans_found``)."""
        task = Task(_find, self.store, parent=self)
        task.succeeded.connect(self.orphans_found.emit)
        task.failed.connect(self.on_task_failed)
        self._search = task
        task.start()

    def close(self) -> None:
        """A clean exit: no more saves, and the recovery file goes."""
        self._stop_timers()
        self._again = False
        for task in (self._task, self._search):
            if task is not None and task.running:
                task.wait(5000)
        self.store.close()
