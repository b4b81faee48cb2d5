"""Waiting, without blocking the event loop, until the window has finished its background work."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QRect, QTimer
from PySide6.QtWidgets import QWidget


def wait_until(condition: Callable[[], bool], timeout_s: float, poll_ms: int = 25) -> bool:
    """Run the event loop until ``condition()`` is true or ``timeout_s`` passes; True when it came true.

    A condition that raises ends the wait (the error is raised to the caller), so a broken condition
    cannot keep the loop running forever.
    """
    deadline = time.monotonic() + timeout_s
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(poll_ms)
    failure: list[BaseException] = []

    def check() -> None:
        if time.monotonic() > deadline:
            loop.quit()
            return
        try:
            done = condition()
        except BaseException as exc:  # noqa: BLE001 - raised again below, outside the event loop
            failure.append(exc)
            loop.quit()
            return
        if done:
            loop.quit()

    timer.timeout.connect(check)
    timer.start()
    try:
        if not condition():
            loop.exec()
    finally:
        timer.stop()
    if failure:
        raise failure[0]
    return condition()


def _geometry(root: QWidget) -> list[tuple[QRect, bool]]:
    return [(root.geometry(), root.isVisible())] + [(w.geometry(), w.isVisible()) for w in root.findChildren(QWidget)]


def settle_layout(root: QWidget, timeout_s: float = 5.0, quiet_s: float = 0.1) -> bool:
    """Run the event loop until no widget in ``root`` has moved, resized, appeared or hidden for ``quiet_s``.

    A change deep inside a window (a picture that arrived) lays out its parents one pass of the event
    loop at a time, each pass posting the request for the next level up: a single ``processEvents()``
    leaves the outer levels with their old sizes and the fields inside squeezed. True when quiet came
    before ``timeout_s``.
    """
    last = _geometry(root)
    quiet_since = time.monotonic()

    def quiet() -> bool:
        nonlocal last, quiet_since
        now = _geometry(root)
        if now != last:
            last, quiet_since = now, time.monotonic()
            return False
        return time.monotonic() - quiet_since >= quiet_s

    return wait_until(quiet, timeout_s, poll_ms=10)
