"""When to ask the server again about campaigns that are still moving (a pure policy, no timers).

Often while something changes (10 s), then less and less often while nothing does (doubling up to
5 minutes), and not at all when nothing can change any more or nobody is looking (window hidden or
minimised). The window owns the timer; it calls ``next_interval`` after each refresh.
"""

from __future__ import annotations

from dataclasses import dataclass

FASTEST_S = 10.0
SLOWEST_S = 300.0
BACKOFF = 2.0


def next_interval(active_count: int, consecutive_unchanged: int, window_visible: bool) -> float | None:
    """Seconds until the next refresh, or None to stop polling.

    ``active_count``: campaigns whose status may still change (``History.active_records``);
    ``consecutive_unchanged``: refreshes in a row that changed nothing (0 after one that did).
    """
    if active_count <= 0 or not window_visible:
        return None
    steps = max(consecutive_unchanged, 0)
    if steps >= 16:  # far past the ceiling; keeps the power below from growing without need
        return SLOWEST_S
    return min(FASTEST_S * BACKOFF**steps, SLOWEST_S)


@dataclass(frozen=True)
class PollState:
    """The count ``next_interval`` needs, kept between refreshes: ``state = state.after(changed)``."""

    consecutive_unchanged: int = 0

    def after(self, changed: bool) -> PollState:
        """The state after a refresh that did (``changed``) or did not change anything."""
        return PollState(0 if changed else self.consecutive_unchanged + 1)

    def interval(self, active_count: int, window_visible: bool) -> float | None:
        return next_interval(active_count, self.consecutive_unchanged, window_visible)
