"""The card buttons in Ukrainian: the move buttons say an action (not «Ліворуч», which reads like going to
the card on the left), and the row of four buttons fits whole in the smallest window we show."""

from __future__ import annotations

import pytest

from app.campaign.file import load_campaign_file
from app.sandbox import SandboxServer
from helpers.window import EXAMPLES, close_window, make_window, sandbox_connection
from ui.shell.screenshot import wait_for_steady_window


@pytest.fixture
def harness(qtbot, ukrainian):
    server = SandboxServer()
    harness = make_window(qtbot, sandbox_connection(server), server)
    yield harness
    close_window(harness)


def test_the_card_buttons_say_what_they_do_and_fit_at_1024x640(harness):
    window = harness.window
    window.editor.replace(load_campaign_file(EXAMPLES / "vesnianyi-rozprodazh.rcs.json"))
    window.resize(1024, 640)
    assert wait_for_steady_window(window, work_s=10, layout_s=5) is None
    cards = window.message_editor.cards
    assert cards.move_left_button.text() == "◀ Посунути" and cards.move_right_button.text() == "Посунути ▶"
    row = [cards.move_left_button, cards.move_right_button, cards.remove_card_button, cards.add_card_button]
    squeezed = [
        (button.text(), button.width(), button.minimumSizeHint().width())
        for button in row
        if button.width() < button.minimumSizeHint().width()
    ]
    assert squeezed == []
