"""The window's "Send the campaign?" says what is known of the money, as ``rcs-desk send`` does before it
asks: the price is not known until WWT.world creates the campaign, and the balance when it is known."""

from __future__ import annotations

import pytest

from app.api.models import Balance
from helpers.window import spring_sale_window, wait_for_question

PRICE = "Not known before sending: WWT.world estimates it when it creates the campaign, and it is shown then."


@pytest.fixture
def harness(qtbot):
    with spring_sale_window(qtbot) as harness:
        harness.accept = False
        qtbot.waitUntil(lambda: harness.window.balance is not None, timeout=5000)  # no late load overwrites ours
        yield harness


def question(qtbot, harness, balance: Balance | None) -> str:
    harness.window.balance = balance
    harness.window.send_controller.request_send()
    wait_for_question(qtbot, harness.window)
    return harness.confirmations[-1].text


def test_the_question_says_the_price_is_not_known_yet_and_gives_the_balance(qtbot, harness):
    text = question(qtbot, harness, Balance(balance=250.0, currency="USD", credit=0.0))
    assert "Price:" in text and PRICE in text
    assert "Balance:" in text and "250.00 USD" in text
    assert harness.confirmations[-1].caution is None  # enough for 1,590 contacts: no caution
    assert harness.sends() == []


def test_no_balance_known_no_balance_line(qtbot, harness):
    text = question(qtbot, harness, None)
    assert PRICE in text
    assert "Balance" not in text


def test_a_low_balance_is_given_and_still_cautioned_about(qtbot, harness):
    text = question(qtbot, harness, Balance(balance=3.0, currency="USD", credit=0.0))
    assert "3.00 USD" in text
    caution = harness.confirmations[-1].caution
    assert caution is not None and "may not cover 1,590 messages" in caution
