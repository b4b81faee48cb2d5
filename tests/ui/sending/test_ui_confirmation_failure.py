"""A confirmation that cannot be shown is no answer: nothing is sent and Send works again."""

from __future__ import annotations

from helpers.window import spring_sale_window, wait_for_question
from ui.common.message_box import MessageDialog
from ui.sending.send_flow import SendState


def test_a_question_that_could_not_be_shown_sends_nothing_and_frees_send(qtbot):
    with spring_sale_window(qtbot) as harness:
        window = harness.window
        controller = window.send_controller

        def broken(dialog):
            raise RuntimeError("no screen for the question")

        controller.present_confirmation = broken
        controller.request_send()
        wait_for_question(qtbot, controller)
        assert controller.state is SendState.IDLE
        qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(MessageDialog)))
        [message] = [d for d in window.findChildren(MessageDialog) if d.isVisible()]
        assert "Nothing was sent" in message.message_label.text()
        assert "RuntimeError" not in message.message_label.text()
        message.reject()
        assert harness.sends() == []

        asked = []
        controller.present_confirmation = lambda dialog: (asked.append(dialog), dialog.reject())
        controller.request_send()  # Send works again: a question is asked
        wait_for_question(qtbot, controller)
        assert asked and controller.state is SendState.IDLE
