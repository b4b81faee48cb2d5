"""What a task is given to know whether it should stop early (cooperative cancellation)."""

from __future__ import annotations

from typing import Protocol


class Cancellable(Protocol):
    """``ui.common.workers.TaskContext`` in the window; ``NEVER_CANCELLED`` on the command line."""

    @property
    def cancelled(self) -> bool: ...


class _NeverCancelled:
    cancelled = False


NEVER_CANCELLED: Cancellable = _NeverCancelled()
