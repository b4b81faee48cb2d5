"""A call button's number, in the window: checked against its country's numbering plan as the user types
once the plans are loaded (ui.shell.warm_up, after the first paint), and always before a send."""

from __future__ import annotations

import threading

import pytest

from app.campaign import phone_numbers
from helpers.window import spring_sale_window, wait_for_question
from ui.compose import editor_state
from ui.sending import send_flow
from ui.shell import warm_up

PHONE = "options.cards[0].suggestions[1].phone"  # the spring sale's "Call the store"
SHORT = "“+38044123456” is one digit short for a Ukrainian number."


@pytest.fixture
def harness(qtbot):
    with spring_sale_window(qtbot) as harness:
        yield harness


def call_button(harness):
    return harness.window.message_editor.card_editors[0].buttons[1]


def retype(qtbot, harness, number: str) -> None:
    field = call_button(harness).target_field
    field.clear()
    qtbot.keyClicks(field, number)


def said_at_the_number(harness) -> list[str]:
    return [p.message for p in harness.window.editor.problems if p.path == PHONE]


def test_a_typed_number_one_digit_short_is_said_at_the_field(qtbot, harness):
    phone_numbers.load_plans()  # as the warm-up has done by the time a person types
    retype(qtbot, harness, "+380 44 123 456")
    assert said_at_the_number(harness) == [SHORT]
    label = call_button(harness).phone_problem
    assert label.isVisible() and "one digit short" in label.text()
    retype(qtbot, harness, "+380 44 123 45 67")
    assert said_at_the_number(harness) == []


class Plans:
    """Stands for the numbering plans not loaded yet (the window's start), until ``load`` is called."""

    def __init__(self) -> None:
        self.loaded = False

    def load(self) -> None:
        self.loaded = True


@pytest.fixture
def plans(monkeypatch) -> Plans:
    plans = Plans()
    monkeypatch.setattr(editor_state, "plans_loaded", lambda: plans.loaded)
    monkeypatch.setattr(send_flow, "load_plans", plans.load)
    return plans


def test_until_the_plans_are_loaded_the_digits_are_counted_then_the_plan_is_checked(qtbot, harness, plans):
    retype(qtbot, harness, "+380 44 123 456")
    assert said_at_the_number(harness) == []  # no pause to load them while the user types
    plans.loaded = True
    harness.window.warm_up.phone_plans_loaded.emit()
    assert said_at_the_number(harness) == [SHORT]


def test_a_send_checks_the_plan_even_before_the_warm_up_loaded_it(qtbot, harness, plans):
    retype(qtbot, harness, "+380 44 123 456")
    assert said_at_the_number(harness) == []
    harness.window.send_controller.request_send()
    wait_for_question(qtbot, harness.window)
    assert plans.loaded
    assert said_at_the_number(harness) == [SHORT]
    assert harness.confirmations == [] and harness.sends() == []  # refused before the question: nothing sent


def test_the_warm_up_loads_the_plans_on_a_worker_and_says_so(qtbot, monkeypatch):
    threads: list[bool] = []
    monkeypatch.setattr(
        warm_up, "load_plans", lambda: threads.append(threading.current_thread() is threading.main_thread())
    )
    work = warm_up.WarmUp()
    work._load = lambda name: None  # type: ignore[method-assign]  # the modules: another test's
    with qtbot.waitSignal(work.phone_plans_loaded, timeout=5000):
        work.start()
    assert threads == [False]
    qtbot.waitUntil(lambda: work.done, timeout=5000)
