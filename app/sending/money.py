"""What a campaign will cost, as far as it is known before it is sent: said before the user confirms.

RCS gives its price estimate (``calculated_price``) only in its answer to the send, so before the
send the honest words are that the price is not known yet; what is known is the account's balance,
and whether it looks too little for the campaign (``balance_caution``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.campaign.text import format_price
from app.language import tr
from app.sending.summary import balance_caution

if TYPE_CHECKING:  # only named in signatures
    from app.api.models import Balance
    from app.campaign.file import CampaignDocument


def price_not_known_yet() -> str:
    """The sentence said instead of a price before a campaign is sent."""
    return tr(
        "The price is not known before sending: WWT.world estimates it when it creates the campaign, "
        "and it is shown then."
    )


def known_contacts(document: CampaignDocument) -> int | None:
    """The contacts of all the campaign's lists, when every list's count is known; else None."""
    counts = document.list_contacts().values()
    known = [count for count in counts if count is not None]
    return sum(known) if len(known) == len(counts) else None


def balance_words(balance: Balance) -> str:
    """``Balance: 12.5 USD`` (with the credit when there is one); "" when the server gave no balance."""
    if balance.balance is None:
        return ""
    amount = format_price(balance.balance, balance.currency)
    if balance.credit:
        return tr("Balance: {amount} · credit {credit}").format(
            amount=amount, credit=format_price(balance.credit, balance.currency)
        )
    return tr("Balance: {amount}").format(amount=amount)


def money_caution(document: CampaignDocument, balance: Balance | None) -> str:
    """A warning when the balance looks too little for the campaign's contacts, else ""."""
    if balance is None:
        return ""
    return balance_caution(balance.balance, balance.credit, balance.currency, known_contacts(document))
