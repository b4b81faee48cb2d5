"""The window does not close while a test is being sent: closing cuts the client's requests short, and a
paid test message would be lost in flight (the campaign send had this rule; the test now has it too)."""

from __future__ import annotations

from helpers.window import spring_sale_window
from ui.sending import test_send_flow


def test_closing_while_a_test_is_sent_is_refused_with_a_word(qtbot):
    with spring_sale_window(qtbot) as harness:
        window = harness.window
        controller = window.test_sends.controller
        controller._enter(test_send_flow.TestState.SENDING)  # confirmed: the requests are on their way
        try:
            assert not window.close()
            assert window.isVisible()
            assert window.statusBar().currentMessage() == "Wait until the test has been sent."
        finally:
            controller._enter(test_send_flow.TestState.IDLE)
