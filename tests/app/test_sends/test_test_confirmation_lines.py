"""The words said before a test is sent (``app.test_sends.confirmation``), shared with ``rcs-desk test``."""

from __future__ import annotations

from app.test_sends.confirmation import confirmation_lines

PRICE = "Each phone gets one message, charged like any other; the price is shown once the server answers."


def test_one_phone_its_sender_and_the_price_to_come():
    assert confirmation_lines(["380991234567"], "WWT Shop") == [
        "The current message goes to your test phone +380991234567.",
        "It is sent from WWT Shop, like the campaign, without its contact lists or schedule.",
        PRICE,
    ]


def test_several_phones_are_counted_and_no_sender_is_not_named():
    assert confirmation_lines(["380991234567", "380671234567"], "") == [
        "The current message goes to your 2 test phones: +380991234567, +380671234567.",
        PRICE,
    ]
