"""What a campaign will cost, as far as it is known before it is sent: said before the user confirms.

RCS gives its price estimate (``calculated_price``) only in its answer to the send, so before the
send the honest words are that the price is not known yet; what is known is the account's balance,
and whether it looks too little for the campaign (``balance_caution``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.campaign.text import format_price
from app.language import tr
from app.sending.summary import SummaryLine, balance_caution, known_contacts

if TYPE_CHECKING:  # only named in signatures
    from app.api.models import Balance
    from app.campaign.file import CampaignDocument


def balance_amount(balance: Balance) -> str:
    """``12.50 USD`` (``12.50 USD · credit 10.00 USD`` with a credit); "" when the server gave no balance."""
    if balance.balance is None:
        return ""
    amount = format_price(balance.balance, balance.currency)
    if balance.credit:
        # Translators: an account's balance and the credit it may also spend: "3.00 UAH · credit 10.00 UAH".
        return tr("{amount} · credit {credit}").format(
            amount=amount, credit=format_price(balance.credit, balance.currency)
        )
    return amount


def balance_words(balance: Balance) -> str:
    """``Balance: 12.50 USD`` (with the credit when there is one); "" when the server gave no balance."""
    amount = balance_amount(balance)
    return tr("Balance: {amount}").format(amount=amount) if amount else ""


def money_lines(balance: Balance | None) -> list[SummaryLine]:
    """The rows of the question before a send about money: the price, not known yet, and the balance
    when it is known (``balance`` None, or without an amount: no row)."""
    lines = [
        SummaryLine(
            tr("Price"),
            tr("Not known before sending: WWT.world estimates it when it creates the campaign, and it is shown then."),
        )
    ]
    amount = balance_amount(balance) if balance is not None else ""
    if amount:
        lines.append(SummaryLine(tr("Balance"), amount))
    return lines


def money_caution(document: CampaignDocument, balance: Balance | None) -> str:
    """A warning when the balance looks too little for the campaign's contacts, else ""."""
    if balance is None:
        return ""
    return balance_caution(balance.balance, balance.credit, balance.currency, known_contacts(document))
