"""A value of the wrong type is kept as read, until the user gives one of the right type: then that one is sent."""

from __future__ import annotations

from typing import Any

import pytest

from app.campaign.model import Campaign, Suggestion


def request_with(**members: Any) -> dict[str, Any]:
    card = {"title": "Spring", "text": "Sale", "suggestions": [{"type": "link", "text": "Open", "url": "https://a.b"}]}
    return {"groups": [1], "sender": "Shop", "options": {"cards": [card]}} | members


def test_an_untouched_wrong_value_goes_back_exactly_as_read():
    request = request_with(sender=123)
    assert Campaign.from_request(request).to_request() == request


def test_a_sender_typed_over_a_wrong_one_is_the_one_sent():
    campaign = Campaign.from_request(request_with(sender=123))
    assert campaign.sender is None and campaign.extra["sender"] == 123
    campaign.sender = "WWT Shop"
    assert campaign.to_request()["sender"] == "WWT Shop"


@pytest.mark.parametrize("member", ["title", "text"])
def test_a_card_text_typed_over_a_wrong_one_is_the_one_sent(member):
    request = request_with()
    request["options"]["cards"][0][member] = 5
    campaign = Campaign.from_request(request)
    [card] = campaign.options.cards
    setattr(card, member, "Typed")
    assert campaign.to_request()["options"]["cards"][0][member] == "Typed"


def test_a_button_text_typed_over_a_wrong_one_is_the_one_sent():
    suggestion = Suggestion.from_dict({"type": "link", "text": ["a"], "url": "https://a.b"})
    suggestion.text = "Open"
    assert suggestion.to_dict()["text"] == "Open"


def test_a_cleared_field_leaves_the_files_value_to_be_named_by_validation():
    campaign = Campaign.from_request(request_with(sender=123))
    campaign.sender = None
    assert campaign.to_request()["sender"] == 123
