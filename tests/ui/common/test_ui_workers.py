"""The worker-thread helper: results, failures, cancellation, and progress that cannot flood the GUI."""

from __future__ import annotations

import threading

from ui.common import workers
from ui.common.workers import Task


def test_result_and_failure_come_back_on_the_gui_thread(qtbot):
    gui = threading.get_ident()
    seen = []
    task = Task(lambda context, x: (threading.get_ident(), x * 2), 21)
    task.succeeded.connect(lambda result: seen.append((threading.get_ident(), result)))
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.start()
    [(receiver_thread, (worker_thread, value))] = seen
    assert receiver_thread == gui
    assert worker_thread != gui
    assert value == 42
    failing = Task(lambda context: 1 / 0)
    errors = []
    failing.failed.connect(errors.append)
    with qtbot.waitSignal(failing.finished, timeout=5000):
        failing.start()
    assert isinstance(errors[0], ZeroDivisionError)


def test_a_cancelled_task_drops_its_result(qtbot):
    release = threading.Event()
    task = Task(lambda context: release.wait(5) and "late")
    results = []
    task.succeeded.connect(results.append)
    task.start()
    task.cancel()
    with qtbot.waitSignal(task.finished, timeout=5000):
        release.set()
    assert results == []


def test_progress_is_coalesced_and_the_last_value_arrives_before_the_result(qtbot):
    steps = 5000

    def work(context):
        for step in range(1, steps + 1):
            context.progress(step)
        return "done"

    order = []
    task = Task(work)
    task.progress.connect(lambda value: order.append(("progress", value)))
    task.succeeded.connect(lambda value: order.append(("result", value)))
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.start()
    progress = [value for kind, value in order if kind == "progress"]
    assert order[-1] == ("result", "done")
    assert progress[-1] == steps  # the final state is always shown
    assert len(progress) < steps / 10  # sampled, not one queued signal per step
    assert workers.running_tasks() == []
