"""What is known of a campaign's money before it is sent (``app.sending.money``): the balance in the
window's words, the caution counted on the lists' contacts, and no price before the server gives one."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from app.api.models import Balance
from app.campaign.file import document_from_json, load_campaign_file
from app.sending.money import balance_words, money_caution, money_lines
from app.sending.summary import known_contacts

SPRING = Path(__file__).resolve().parents[3] / "examples" / "spring-sale.rcs.json"


def test_the_balance_is_said_as_the_windows_status_bar_says_it():
    assert balance_words(Balance(balance=12.5, currency="USD")) == "Balance: 12.50 USD"
    assert balance_words(Balance(balance=3, currency="UAH", credit=10)) == "Balance: 3.00 UAH · credit 10.00 UAH"
    assert balance_words(Balance(balance=None, currency="USD")) == ""


def test_the_caution_counts_the_contacts_of_every_list():
    document = load_campaign_file(SPRING)
    assert known_contacts(document) == 1590
    assert money_caution(document, Balance(balance=1.0, currency="USD")).startswith(
        "Your balance (1.00 USD) may not cover 1,590 messages"
    )
    assert money_caution(document, Balance(balance=250.0, currency="USD")) == ""
    assert money_caution(document, None) == ""


@given(st.lists(st.one_of(st.none(), st.integers(min_value=0, max_value=5000)), min_size=1, max_size=5))
def test_contacts_are_known_only_when_every_list_is(counts):
    groups = list(range(1, len(counts) + 1))
    lists = {str(gid): {"contacts": count} for gid, count in zip(groups, counts, strict=True) if count is not None}
    request = {"groups": groups, "sender": "A", "options": {"text": "Hello"}}
    data = {"format": "rcs-desk.campaign", "version": 1, "request": request, "lists": lists}
    document = document_from_json(data, default_time_zone="UTC")
    assert known_contacts(document) == (None if None in counts else sum(counts))


def test_no_price_is_made_up_before_the_send():
    [price] = money_lines(None)
    assert price.label == "Price" and price.value.startswith("Not known before sending")
