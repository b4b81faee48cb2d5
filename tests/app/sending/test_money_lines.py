"""The rows about money of the question before a send (``app.sending.money.money_lines``): the price, which
no one knows before the server creates the campaign, and the balance when it is known."""

from __future__ import annotations

from app.api.models import Balance
from app.sending.money import balance_amount, money_lines


def rows(balance: Balance | None) -> list[tuple[str, str]]:
    return [(line.label, line.value) for line in money_lines(balance)]


def test_the_price_is_said_to_be_unknown_and_the_balance_is_given():
    assert rows(Balance(balance=250.0, currency="USD")) == [
        (
            "Price",
            "Not known before sending: WWT.world estimates it when it creates the campaign, and it is shown then.",
        ),
        ("Balance", "250.00 USD"),
    ]


def test_no_balance_known_no_balance_row():
    assert [label for label, _ in rows(None)] == ["Price"]
    assert [label for label, _ in rows(Balance(balance=None, currency="USD"))] == ["Price"]


def test_a_credit_is_said_with_the_balance():
    assert balance_amount(Balance(balance=3, currency="UAH", credit=10)) == "3.00 UAH · credit 10.00 UAH"
    assert rows(Balance(balance=3, currency="UAH", credit=10))[1] == ("Balance", "3.00 UAH · credit 10.00 UAH")
