"""Work cut into steps: one step per turn of the event loop, in order, all at once only when asked."""

from __future__ import annotations

from ui.common.sliced_work import SlicedWork


def test_steps_run_one_per_turn_in_order_and_finish_once(qtbot):
    work = SlicedWork(pause_ms=40)
    ran: list[int] = []
    finished: list[bool] = []
    work.finished.connect(lambda: finished.append(True))
    for number in range(3):
        work.add(lambda number=number: ran.append(number))
    work.start()
    assert ran == [] and work.pending  # nothing runs in the caller's turn
    qtbot.waitUntil(lambda: bool(ran), timeout=2000)
    assert ran == [0]  # the next step waits for its turn
    with qtbot.waitSignal(work.finished, timeout=2000):
        pass
    assert ran == [0, 1, 2] and finished == [True] and not work.pending


def test_run_now_does_what_is_left_and_clear_drops_it(qtbot):
    work = SlicedWork(pause_ms=0)
    ran: list[str] = []
    finished: list[bool] = []
    work.finished.connect(lambda: finished.append(True))
    work.add(lambda: ran.append("a"))
    work.add(work.run_now)  # a step that needs the rest now
    work.add(lambda: ran.append("c"))
    work.start()
    qtbot.waitUntil(lambda: not work.pending, timeout=2000)
    assert ran == ["a", "c"] and finished == [True]
    work.add(lambda: ran.append("dropped"))
    work.start()
    work.clear()
    qtbot.wait(20)  # a dropped step must not run on a later turn either
    assert ran == ["a", "c"] and finished == [True]
