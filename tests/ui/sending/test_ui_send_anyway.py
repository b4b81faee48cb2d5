"""Pictures proved not to show block the send unless "Send anyway" is ticked; the confirmation groups by card."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel

from app.campaign.media_check import MediaCheck
from app.sending.summary import SummaryLine
from app.validation import Problem
from helpers.window import spring_sale_window, wait_for_question
from ui.common.message_box import MessageDialog
from ui.compose.media_preview import MediaResult
from ui.sending.send_flow import ConfirmSendDialog, SendState

TOO_LARGE = "3.1 MB: images may be at most 2.0 MB."


@pytest.fixture
def harness(qtbot):
    with spring_sale_window(qtbot) as harness:
        qtbot.waitUntil(lambda: harness.window.preview_service.is_idle, timeout=10000)  # the real checks are done
        yield harness


def picture_answer(harness, card: int, state: str, message: str) -> None:
    """The media check of card ``card`` (0-based) answers ``state``, as the background check would."""
    window = harness.window
    url = window.editor.campaign.options.cards[card].media_url
    check = MediaCheck(url, state, message, "image/jpeg" if state == "too_large" else None)  # type: ignore[arg-type]
    window.media_problems.on_service_checked(url, MediaResult(check))


def hold_confirmations(harness) -> list[ConfirmSendDialog]:
    held: list[ConfirmSendDialog] = []
    harness.window.send_controller.present_confirmation = held.append
    return held


def test_send_waits_for_the_send_anyway_tick(qtbot, harness):
    window, controller = harness.window, harness.window.send_controller
    picture_answer(harness, 1, "too_large", TOO_LARGE)
    assert window.send_button.isEnabled()
    held = hold_confirmations(harness)
    qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)
    wait_for_question(qtbot, window)
    [dialog] = held
    tick = dialog.findChild(QCheckBox, "sendAnywayCheck")
    assert tick is not None and tick.text() == "Send anyway: card 2's picture will not show"
    assert not dialog.send_button.isEnabled()
    dialog.accept()  # Enter, a shortcut or a script: not an answer without the tick
    assert controller.state is SendState.CONFIRMING and harness.sends() == []
    tick.setChecked(True)
    assert dialog.send_button.isEnabled()
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: harness.outcomes == 1 and not controller.busy, timeout=10000)
    assert len(harness.sends()) == 1


def test_no_tick_without_a_picture_problem(qtbot, harness):
    held = hold_confirmations(harness)
    harness.window.send_controller.request_send()
    wait_for_question(qtbot, harness.window)
    [dialog] = held
    assert dialog.findChild(QCheckBox, "sendAnywayCheck") is None
    assert dialog.send_button.isEnabled()
    dialog.reject()


def test_a_picture_proved_broken_while_confirming_is_not_sent(qtbot, harness):
    window, controller = harness.window, harness.window.send_controller
    held = hold_confirmations(harness)
    controller.request_send()
    wait_for_question(qtbot, controller)
    [dialog] = held
    picture_answer(harness, 1, "not_found", "Not found: there is no file at this address. Check it.")
    dialog.accept()
    assert controller.state is SendState.IDLE
    qtbot.waitUntil(lambda: bool(window.findChildren(MessageDialog)), timeout=5000)
    [message] = window.findChildren(MessageDialog)
    text = message.message_label.text()
    assert "Card 2: The picture will not show on phones" in text and "Nothing was sent" in text
    message.reject()
    assert harness.sends() == []


@pytest.mark.parametrize(
    ("state", "message"),
    [
        ("timeout", "The image server did not answer in time."),
        ("server_error", "The image server has a problem right now. Try again later."),
    ],
)
def test_a_picture_that_could_not_be_checked_is_a_warning_without_a_tick(qtbot, harness, state, message):
    window = harness.window
    picture_answer(harness, 0, state, message)
    assert not window.editor.errors
    [warning] = window.editor.warnings
    assert warning.path == "options.cards[0].media" and "could not be checked" in warning.message
    qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)
    wait_for_question(qtbot, window)
    qtbot.waitUntil(lambda: harness.outcomes == 1, timeout=10000)
    assert "Card 1" in harness.confirmations[-1].text and "could not be checked" in harness.confirmations[-1].text
    assert len(harness.sends()) == 1


def test_the_confirmation_groups_by_card_and_says_the_sms_cost_in_words(qtbot, harness):
    window = harness.window
    window.editor.document.campaign.sms.text = "Spring sale — “30%” off… " + "x" * 70
    window.editor.touch()
    harness.accept = False
    window.send_controller.request_send()
    wait_for_question(qtbot, window)
    text = harness.confirmations[-1].text
    assert "Each phone without RCS gets 2 SMS instead of 1 (2x the price)" in text
    assert "2 SMS to each phone without RCS" in text
    assert "UCS-2" not in text and "GSM-7" not in text and "alternative_channel" not in text


def test_the_dialog_says_a_repeated_warning_once_under_its_cards(qtbot):
    http = "Some phones refuse pictures and videos from http:// addresses."
    problems = [Problem(f"options.cards[{i}].media.url", "warning", http) for i in range(5)]
    problems.append(Problem("options.cards[1].media", "error", "The picture will not show.", overridable=True))
    dialog = ConfirmSendDialog([SummaryLine("To", "1 list")], problems, scheduled=False)
    qtbot.addWidget(dialog)
    label = dialog.findChild(QLabel, "sendProblems")
    assert label is not None
    html = label.text()
    assert html.count("http://") == 1 and "Cards 1, 2, 3, 4 and 5" in html
    assert "Card 2</b>" in html and "options.cards" not in html


def test_server_field_names_are_said_in_words(qtbot, harness):
    from app import api
    from app.sending.pipeline import Outcome, SendResult

    window, controller = harness.window, harness.window.send_controller
    key = "options.cards[1].suggestions[0].text"
    server = "The options.cards.1.suggestions.0.text may not be greater than 25 characters."
    error = api.Rejected(
        "The server did not accept the campaign:\n• " + server, field_errors={key: [server]}, status=422
    )
    controller.present_failure = controller._show_failure
    controller._on_send_ended(SendResult(Outcome.NOT_SENT, error=error))
    [shown] = [p for p in window.editor.problems if p.path == key]
    assert shown.message == "The text may not be greater than 25 characters."
    qtbot.waitUntil(lambda: bool(window.findChildren(MessageDialog)), timeout=5000)
    [message] = window.findChildren(MessageDialog)
    text = message.message_label.text()
    assert "Card 2, button 1: The text may not be greater than 25 characters." in text
    assert "options." not in text
    message.reject()
