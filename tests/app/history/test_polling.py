"""The status refresh policy: fast while things move, slower while nothing changes, off when pointless."""

from __future__ import annotations

import pytest

from app.history.polling import FASTEST_S, SLOWEST_S, PollState, next_interval


@pytest.mark.parametrize(
    ("active", "unchanged", "visible", "expected"),
    [
        (0, 0, True, None),  # nothing can change any more
        (0, 5, True, None),
        (3, 0, False, None),  # nobody is looking
        (1, 0, True, 10.0),
        (5, 0, True, 10.0),
        (1, 1, True, 20.0),
        (1, 2, True, 40.0),
        (1, 3, True, 80.0),
        (1, 4, True, 160.0),
        (1, 5, True, 300.0),  # 320 capped at five minutes
        (1, 6, True, 300.0),
        (1, 1000, True, 300.0),
        (2, -3, True, 10.0),  # a nonsense count is treated as "just changed"
    ],
)
def test_next_interval(active, unchanged, visible, expected):
    assert next_interval(active, unchanged, visible) == expected


def test_intervals_never_shrink_while_nothing_changes_and_stay_within_bounds():
    intervals = [next_interval(1, n, True) for n in range(40)]
    assert intervals == sorted(intervals)
    assert intervals[0] == FASTEST_S and intervals[-1] == SLOWEST_S


def test_poll_state_backs_off_and_resets_on_a_change():
    state = PollState()
    assert state.interval(2, True) == 10.0
    state = state.after(changed=False).after(changed=False)
    assert state.consecutive_unchanged == 2 and state.interval(2, True) == 40.0
    state = state.after(changed=True)
    assert state == PollState(0) and state.interval(2, True) == 10.0
    assert state.interval(0, True) is None and state.interval(2, False) is None
