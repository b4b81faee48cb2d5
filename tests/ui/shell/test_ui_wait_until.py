"""Waiting for the window never outlives its time limit, even when the condition breaks."""

from __future__ import annotations

import time

import pytest

from ui.shell.settle import wait_until


def test_a_condition_that_raises_ends_the_wait_with_its_error(qtbot):
    calls = []

    def broken() -> bool:
        calls.append(1)
        if len(calls) > 2:
            raise LookupError("the widget is gone")
        return False

    started = time.monotonic()
    with pytest.raises(LookupError):
        wait_until(broken, timeout_s=30)
    assert time.monotonic() - started < 10  # not the 30 s limit, and never forever


def test_the_wait_ends_at_its_limit(qtbot):
    assert wait_until(lambda: False, timeout_s=0.2) is False


def test_a_condition_that_comes_true_ends_the_wait(qtbot):
    deadline = time.monotonic() + 0.1
    assert wait_until(lambda: time.monotonic() > deadline, timeout_s=30) is True
