"""One confirmation, one request: input delivered to the confirmation as the OS delivers it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QLabel

from app.history import open_history
from helpers.window import spring_sale_window, wait_for_question
from ui.sending.send_flow import ConfirmSendDialog, SendState


@pytest.fixture
def harness(qtbot):
    with spring_sale_window(qtbot) as harness:
        shown: list[ConfirmSendDialog] = []

        def present(dialog: ConfirmSendDialog) -> None:  # the real dialog, really shown
            shown.append(dialog)
            dialog.open()

        harness.window.send_controller.present_confirmation = present
        harness.shown = shown
        yield harness


def open_confirmation(qtbot, harness) -> ConfirmSendDialog:
    harness.window.send_controller.request_send()
    wait_for_question(qtbot, harness.window)
    [dialog] = harness.shown
    qtbot.waitExposed(dialog)
    return dialog


def settle(qtbot, harness) -> None:
    controller = harness.window.send_controller
    qtbot.waitUntil(lambda: controller.state is SendState.IDLE and harness.outcomes >= 1, timeout=10000)
    QApplication.processEvents()


def deliver(window, events) -> None:
    """Queue ``events`` for ``window`` all at once, as the window system hands over fast input,
    then let the application handle them (widgets react to the first before seeing the rest)."""
    for event in events:
        QCoreApplication.postEvent(window, event)
    QCoreApplication.processEvents()


def mouse(kind: QEvent.Type, where: QPointF, *, down: bool) -> QMouseEvent:
    left = Qt.MouseButton.LeftButton
    buttons = left if down else Qt.MouseButton.NoButton
    return QMouseEvent(kind, where, where, left, buttons, Qt.KeyboardModifier.NoModifier)


def test_a_double_click_on_send_through_the_window_handle_sends_once(qtbot, harness):
    dialog = open_confirmation(qtbot, harness)
    button = dialog.send_button
    where = QPointF(button.mapTo(dialog, QPoint(button.width() // 2, button.height() // 2)))
    deliver(
        dialog.windowHandle(),
        [
            mouse(QEvent.Type.MouseButtonPress, where, down=True),
            mouse(QEvent.Type.MouseButtonRelease, where, down=False),
            mouse(QEvent.Type.MouseButtonPress, where, down=True),  # the second click of a double-click
            mouse(QEvent.Type.MouseButtonDblClick, where, down=True),
            mouse(QEvent.Type.MouseButtonRelease, where, down=False),
        ],
    )
    settle(qtbot, harness)
    assert len(harness.sends()) == 1
    assert len(harness.results) == 1


def test_space_pressed_twice_on_send_sends_once(qtbot, harness):
    dialog = open_confirmation(qtbot, harness)
    dialog.send_button.setFocus()
    space, none = Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier
    deliver(
        dialog.windowHandle(),
        [
            QKeyEvent(QEvent.Type.KeyPress, space, none, " "),
            QKeyEvent(QEvent.Type.KeyRelease, space, none, " "),
            QKeyEvent(QEvent.Type.KeyPress, space, none, " "),
            QKeyEvent(QEvent.Type.KeyRelease, space, none, " "),
        ],
    )
    settle(qtbot, harness)
    assert len(harness.sends()) == 1


def test_the_dialog_answering_twice_starts_one_send(qtbot, harness):
    dialog = open_confirmation(qtbot, harness)
    dialog.accept()
    dialog.finished.emit(1)  # a second "finished", however it might come
    dialog.accept()
    settle(qtbot, harness)
    assert len(harness.sends()) == 1


def test_send_is_ignored_while_confirming_and_while_sending(qtbot, harness):
    controller = harness.window.send_controller
    dialog = open_confirmation(qtbot, harness)
    controller.request_send()  # a second click on the window's Send button while the question is open
    wait_for_question(qtbot, controller)
    assert harness.shown == [dialog]
    dialog.accept()
    assert controller.state is SendState.SENDING
    controller.request_send()  # and while the request is on its way
    wait_for_question(qtbot, controller)
    assert harness.shown == [dialog]
    settle(qtbot, harness)
    assert len(harness.sends()) == 1


def test_sending_the_same_campaign_again_asks_again_and_says_it_was_just_sent(qtbot, harness):
    dialog = open_confirmation(qtbot, harness)
    dialog.accept()
    settle(qtbot, harness)
    harness.window.send_controller.request_send()
    wait_for_question(qtbot, harness.window)
    second = harness.shown[-1]
    assert second is not dialog
    label = second.findChild(QLabel, "sendCaution")
    assert label is not None and "already sent this same campaign" in label.text()
    second.reject()
    assert len(harness.sends()) == 1


def test_a_window_send_is_recorded_before_its_answer(qtbot, harness):
    """The record exists while the request is on its way (a kill then leaves it behind)."""
    server = harness.server
    seen: list = []
    original = server.handle

    def handle(*args, **kwargs):
        with open_history(demo=True) as history:
            seen.append([r.status for r in history.records()])
        return original(*args, **kwargs)

    server.handle = handle
    dialog = open_confirmation(qtbot, harness)
    dialog.accept()
    settle(qtbot, harness)
    assert ["unknown outcome"] in seen  # at the send request, before its answer
    with open_history(demo=True) as history:
        [record] = history.records()
    assert record.campaign_id == harness.results[0].id
