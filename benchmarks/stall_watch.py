"""Watching the event loop for stalls: a 5 ms heartbeat, and a sampler of what Python runs meanwhile.

``Heartbeat`` is a QTimer firing every 5 ms on the GUI thread; a gap between two ticks is time the
event loop could not run (a stall, as a user feels it). For each gap it keeps the CPU time the GUI
thread and the whole process spent in it: a gap full of CPU is the program's own work, one without
is waiting (for the machine, shared with other work, or for Python's lock held by a worker thread).

``StackSampler`` is a thread that, every 2 ms while the heartbeat is late by more than 20 ms, reads
the GUI thread's Python stack (``sys._current_frames``). The samples falling into a stall say what
it was made of. The sampler needs Python's lock to read a stack, so while the GUI thread runs Python
it samples about once per switch interval (5 ms), and it adds that much waiting to the stall.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget

ROOT = Path(__file__).resolve().parents[1]
OUR_PACKAGES = ("app/", "ui/", "rcs_desk/")


@dataclass
class Gap:
    """One gap between heartbeats: perf_counter times, and CPU seconds spent in it."""

    start: float
    end: float
    cpu_gui: float  # the GUI thread's own CPU time
    cpu_process: float  # all threads of the program

    @property
    def ms(self) -> float:
        return (self.end - self.start) * 1000


class Heartbeat(QObject):
    """Ticks every ``interval_ms`` on the GUI thread; keeps every gap longer than ``keep_over_ms``."""

    def __init__(self, interval_ms: int = 5, keep_over_ms: float = 10.0) -> None:
        super().__init__()
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.beat)
        self.keep_over_ms = keep_over_ms
        self.gaps: list[Gap] = []
        self._longest: Gap | None = None
        self.running = False
        self.last = 0.0  # read by the sampler thread: a float attribute is read whole
        self._cpu_gui = 0.0
        self._cpu_process = 0.0

    def start(self) -> None:
        self.last = time.perf_counter()
        self._cpu_gui, self._cpu_process = time.thread_time(), time.process_time()
        self.running = True
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self.running = False

    def beat(self) -> None:
        now, cpu_gui, cpu_process = time.perf_counter(), time.thread_time(), time.process_time()
        gap = Gap(self.last, now, cpu_gui - self._cpu_gui, cpu_process - self._cpu_process)
        if gap.ms > self.keep_over_ms:
            self.gaps.append(gap)
        if self._longest is None or gap.ms > self._longest.ms:
            self._longest = gap
        self.last, self._cpu_gui, self._cpu_process = now, cpu_gui, cpu_process

    def longest(self) -> Gap | None:
        """The longest gap so far, kept or not (None before the second tick)."""
        return self._longest

    def overlapping(self, start: float, end: float) -> list[Gap]:
        """The gaps that overlap the moments ``start`` to ``end``."""
        return [gap for gap in self.gaps if gap.end >= start and gap.start <= end]


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self._widget and event.type() == QEvent.Type.Paint:
            self._widget.removeEventFilter(self)
            QTimer.singleShot(0, self._callback)
        return False


def after_first_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    """Call ``callback`` once ``widget`` has been painted for the first time (on the next turn of the
    event loop: after the paint pass, and before what the widget itself queued from its own
    ``event()`` for that moment, since an event filter sees the event first)."""
    _FirstPaint(widget, callback)


def _where(frame: FrameType) -> str:
    """``ui/compose/group_model.py:fill``: the file (from the project or site-packages) and the function."""
    path = frame.f_code.co_filename
    for marker in (str(ROOT) + "/", "site-packages/", "python3.11/"):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    return f"{path}:{frame.f_code.co_name}"


def _stack(frame: FrameType | None, limit: int = 60) -> tuple[str, ...]:
    """The functions on the stack, innermost first."""
    names: list[str] = []
    while frame is not None and len(names) < limit:
        names.append(_where(frame))
        frame = frame.f_back
    return tuple(names)


class StackSampler(threading.Thread):
    """Samples the stack of the thread ``thread_id`` while ``heartbeat`` is late by over ``stall_s``."""

    def __init__(self, heartbeat: Heartbeat, thread_id: int, every_s: float = 0.002, stall_s: float = 0.020) -> None:
        super().__init__(name="stack-sampler", daemon=True)
        self.heartbeat = heartbeat
        self.thread_id = thread_id
        self.every_s = every_s
        self.stall_s = stall_s
        self.samples: list[tuple[float, tuple[str, ...]]] = []
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.wait(self.every_s):
            now = time.perf_counter()
            if not self.heartbeat.running or now - self.heartbeat.last < self.stall_s:
                continue
            frame = sys._current_frames().get(self.thread_id)
            self.samples.append((now, _stack(frame)))
            del frame

    def stop(self) -> None:
        self._stop_event.set()
        if self.ident is not None:  # started
            self.join(timeout=2)

    def within(self, gap: Gap) -> list[tuple[str, ...]]:
        return [stack for moment, stack in self.samples if gap.start <= moment <= gap.end]


QT_OWN_WORK = "(Qt's own work, no Python: layout, painting, events)"


def common_base(stacks: Sequence[tuple[str, ...]]) -> int:
    """How many outermost frames every stack shares (the start of the program up to the event loop)."""
    if not stacks:
        return 0
    shortest = min(len(stack) for stack in stacks)
    depth = 0
    while depth < shortest and len({stack[-1 - depth] for stack in stacks}) == 1:
        depth += 1
    return depth


def top(stacks: Sequence[tuple[str, ...]], base: int, count: int = 5) -> dict[str, list[tuple[str, int]]]:
    """The most sampled functions over ``stacks``, whose outermost ``base`` frames are the event loop's:

    ``leaf``: the innermost function (Qt's own work when no Python runs above the event loop);
    ``ours``: each function of the program on the stack, once per sample (where the time was spent,
    through whatever it called).
    """
    leaves: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    for stack in stacks:
        handled = stack[: len(stack) - base]
        leaves[handled[0] if handled else QT_OWN_WORK] += 1
        inclusive.update({name for name in handled if name.startswith(OUR_PACKAGES)})
    return {"leaf": leaves.most_common(count), "ours": inclusive.most_common(count)}
