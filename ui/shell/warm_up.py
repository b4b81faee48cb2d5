"""Loading, in a quiet moment after connecting, the modules that a first click would otherwise load then.

The Campaigns view and the dialog after a send need modules the window does not load at start
(40-50 ms in all, the first time). They are imported here one module a step, a moment apart, once
the campaign history (and with it ``app.history`` and sqlite3) has been opened on a worker.
"""

from __future__ import annotations

from functools import partial
from importlib import import_module

from PySide6.QtCore import QObject

from ui.common.sliced_work import SlicedWork

LATER_MODULES = (
    "ui.sending.campaign_result",
    "app.history.polling",
    "app.tasks.campaigns",
    "app.tasks.list_names",
    "app.tasks.zone_change",
    "ui.campaigns.box_rows",
    "ui.campaigns.campaigns_model",
    "ui.campaigns.campaign_detail",
    "ui.campaigns.campaign_actions",
    "ui.campaigns.campaigns_view",
)
PAUSE_MS = 20  # the window is otherwise idle: no hurry


class WarmUp(QObject):
    """``start()`` imports ``LATER_MODULES`` in steps (once); ``done``: nothing is left to load (or it stopped)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = SlicedWork(self, pause_ms=PAUSE_MS)
        self._started = False

    @property
    def done(self) -> bool:
        return self._started and not self._work.pending

    def start(self) -> None:
        if self._started:
            return
        self._started = True
        for name in LATER_MODULES:
            self._work.add(partial(self._load, name))
        self._work.start()

    def stop(self) -> None:
        """The window closes: what is not loaded yet is not needed (a later ``start`` does nothing)."""
        self._started = True
        self._work.clear()

    @staticmethod
    def _load(name: str) -> None:
        import_module(name)
