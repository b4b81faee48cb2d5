"""Work cut into short steps that run one at a time, a moment apart, so the window answers in between.

    work = SlicedWork(parent=self)
    for batch in batches:
        work.add(partial(self.add_rows, batch))
    work.finished.connect(self.on_all_added)
    work.start()

Each step should take well under 10 ms: between two steps Qt handles input, painting and timers.
``run_now()`` does what is left at once (something needs the result now); ``clear()`` drops it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

PAUSE_MS = 5  # between two steps: what else is waiting gets its turn


class SlicedWork(QObject):
    """Steps run in the order added, one per ``pause_ms`` once started. Signal ``finished()`` after the
    last step has run (not when the steps are dropped by ``clear``)."""

    finished = Signal()

    def __init__(self, parent: QObject | None = None, *, pause_ms: int = PAUSE_MS) -> None:
        super().__init__(parent)
        self._steps: deque[Callable[[], object]] = deque()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(pause_ms)
        self._timer.timeout.connect(self._next)

    @property
    def pending(self) -> bool:
        """True while steps are left to run."""
        return bool(self._steps)

    def add(self, step: Callable[[], object]) -> None:
        self._steps.append(step)

    def start(self) -> None:
        """Run the steps, one per turn (a call while they run changes nothing)."""
        if self._steps and not self._timer.isActive():
            self._timer.start()

    def run_now(self) -> None:
        """Run every step left, now."""
        self._timer.stop()
        while self._steps:
            self._run_one()

    def run_next(self) -> None:
        """Run the next step now (the others keep their turns)."""
        if self._steps:
            self._run_one()

    def clear(self) -> None:
        """Drop the steps left."""
        self._timer.stop()
        self._steps.clear()

    def _next(self) -> None:
        if self._steps:
            self._run_one()
        if self._steps:
            self._timer.start()

    def _run_one(self) -> None:
        step = self._steps.popleft()
        last = not self._steps
        step()  # it may run the others itself (run_now), or add more
        if last and not self._steps:
            self.finished.emit()
