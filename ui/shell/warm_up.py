"""Loading, in a quiet moment after connecting, the modules that a first click would otherwise load then.

The Campaigns view and the dialog after a send need modules the window does not load at start
(40-50 ms in all, the first time). They are imported here one module a step, a moment apart, once
the campaign history (and with it ``app.history`` and sqlite3) has been opened on a worker.

The phone numbering plans (``phonenumbers``, about 40 ms in one import that cannot be cut into steps)
are loaded on a worker after them: the campaign's validation, which runs as the user types,
checks call numbers against them from then on (``phone_plans_loaded``).
"""

from __future__ import annotations

from functools import partial
from importlib import import_module

from PySide6.QtCore import QObject, Signal

from app.campaign.phone_numbers import load_plans
from ui.common.sliced_work import SlicedWork
from ui.common.workers import Task, TaskContext

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
    """``start()`` imports ``LATER_MODULES`` in steps and the phone numbering plans on a worker (once);
    ``done``: nothing is left to load (or it stopped).

    Signal ``phone_plans_loaded()``: the plans are loaded (a check of a number now makes no pause).
    """

    phone_plans_loaded = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = SlicedWork(self, pause_ms=PAUSE_MS)
        self._started = False
        self._plans: Task | None = None

    @property
    def done(self) -> bool:
        return self._started and not self._work.pending and self._plans is None

    def start(self) -> None:
        if self._started:
            return
        self._started = True
        for name in LATER_MODULES:
            self._work.add(partial(self._load, name))
        # Last: one import of about 40 ms on a worker still takes the interpreter from the GUI thread in
        # turns, so it waits until the modules above are in and the lists have had their moment.
        self._work.add(self._load_plans)
        self._work.start()

    def _load_plans(self) -> None:
        plans = Task(_load_phone_plans, parent=self)
        plans.succeeded.connect(lambda _result: self.phone_plans_loaded.emit())
        plans.finished.connect(self._on_plans_finished)
        plans.finished.connect(plans.deleteLater)
        self._plans = plans
        plans.start()

    def stop(self) -> None:
        """The window closes: what is not loaded yet is not needed (a later ``start`` does nothing)."""
        self._started = True
        self._work.clear()
        if self._plans is not None:
            self._plans.cancel()  # an import cannot stop halfway: its end is simply not said

    def _on_plans_finished(self) -> None:
        self._plans = None

    @staticmethod
    def _load(name: str) -> None:
        import_module(name)


def _load_phone_plans(context: TaskContext) -> None:
    """On a worker: the import and Ukraine's plan, so that the GUI thread's first check makes no pause."""
    load_plans()
