"""Problem places in words ("Card 2, button 1"), and the server's field names taken out of its messages."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.sandbox.request_rules import SendContext, check_send_groups
from app.validation import Problem, located_message, place_label, plain_server_message
from app.validation.places import field_words, place_parts

# What must never reach a person: a request path or the server's dotted name of one.
RAW_PATH = re.compile(r"options\.|options\b\[|cards\[|cards\.\d|suggestions\.\d|alternative[ _]channel|groups\.\d")


@pytest.mark.parametrize(
    ("path", "parts"),
    [
        ("options.cards[1].suggestions[0].text", ("Card 2", "button 1")),
        ("options.cards[4]", ("Card 5",)),
        ("options.cards", ("Message",)),
        ("alternative_channel.sms.validity", ("SMS fallback",)),
        ("alternative_channel", ("SMS fallback",)),
        ("time_zone", ("Schedule",)),
        ("add_to_contact_book", ("Campaign",)),
        ("not a path at all", ("Campaign",)),
    ],
)
def test_place_parts(path, parts):
    assert place_parts(path) == parts


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("options.cards[1].suggestions[0].text", "text"),
        ("options.cards[1].media.url", "link"),
        ("options.cards[1]", "card 2"),
        ("options.cards[0].suggestions[1]", "button 2"),
        ("alternative_channel.sms.check_stop_list", "stop-list check"),
        ("groups[0]", "contact list 1"),
        ("start_at", "send time"),
        ("", "campaign"),
    ],
)
def test_field_words(path, words):
    assert field_words(path) == words


def test_located_message_puts_the_place_first_once():
    button = Problem("options.cards[1].suggestions[0].text", "error", "Button text can have at most 25 characters.")
    assert located_message(button) == "Card 2, button 1: Button text can have at most 25 characters."
    already = Problem("options.cards[1]", "error", "Card 2 could not be read: remove it and add it again.")
    assert located_message(already) == already.message
    whole = Problem("", "error", "The campaign could not be checked completely.")
    assert located_message(whole) == whole.message


@pytest.mark.parametrize(
    ("server", "plain"),
    [
        (
            "The options.cards.1.suggestions.0.text may not be greater than 25 characters.",
            "The text may not be greater than 25 characters.",
        ),
        ("The selected alternative channel.sms.sender is invalid.", "The selected sender is invalid."),
        ("The selected groups.0 is invalid.", "The selected contact list 1 is invalid."),
        (
            "The start at must be a date after or equal to today.",
            "The send time must be a date after or equal to today.",
        ),
        (
            "The options.text field is required when options.cards is not present.",
            "The text field is required when cards is not present.",
        ),
        # Not field names: left as they are.
        ("See https://shop.example.com/options.cards today.", "See https://shop.example.com/options.cards today."),
        ("Prices from 3.5 USD, e.g. at shop.example.com.", "Prices from 3.5 USD, e.g. at shop.example.com."),
        ("We start at 10:00.", "We start at 10:00."),
    ],
)
def test_plain_server_message(server, plain):
    assert plain_server_message(server) == plain


def _bad_request_messages() -> list[str]:
    """Every message the demo server's Laravel-style rules give for thoroughly broken requests."""
    context = SendContext(find_list=lambda _id: None, sms_senders={"WWTshop"}, now_local=datetime(2025, 1, 1, 9, 0))
    card = {"media": {"url": "x"}, "title": 5, "suggestions": [{"type": "x", "text": "y" * 30, "phone": "1"}]}
    bodies = [
        {
            "groups": [1, "x"],
            "sender": "",
            "options": {"cards": [card, {"text": None, "suggestions": [{"postback_data": 1}]}]},
            "start_at": "soon",
            "tariff_code": "a",
            "validity": 0,
            "alternative_channel": {"sms": {"text": "", "sender": "no such", "validity": 0, "check_stop_list": "x"}},
            "check_stop_list": "x",
            "add_to_contact_book": "x",
        },
        {"options": {"text": "a", "cards": [card]}, "alternative_channel": {"sms": {"sender": "Unknown"}}},
        {"options": {}},
    ]
    return [
        message for body in bodies for messages in check_send_groups(body, context).values() for message in messages
    ]


def test_no_server_message_keeps_a_request_path():
    messages = _bad_request_messages()
    assert len(messages) > 8 and any(RAW_PATH.search(m) for m in messages)  # the server does say them
    for message in messages:
        assert not RAW_PATH.search(plain_server_message(message)), message


_member = st.sampled_from(["options", "cards", "suggestions", "media", "url", "text", "sender", "sms"])
_key = st.builds(
    lambda first, rest: ".".join([first, *rest]),
    st.sampled_from(["options", "alternative_channel", "alternative channel", "groups"]),
    st.lists(st.one_of(_member, st.integers(0, 9).map(str)), min_size=1, max_size=5),
)


@given(_key, st.text(max_size=30), st.text(max_size=30))
def test_a_dotted_request_key_anywhere_in_a_message_is_said_in_words(key, before, after):
    said = plain_server_message(f"{before} The {key} is invalid. {after}")
    assert f"The {key} " not in said
    assert said.endswith(f" is invalid. {after}")


@given(st.text(max_size=200))
def test_plain_server_message_never_raises(text):
    assert isinstance(plain_server_message(text), str)


@given(st.text(alphabet=st.sampled_from("abcs_.[]0123456789 "), max_size=60))
def test_places_never_raise_whatever_the_path(path):
    assert place_label(path)
    assert isinstance(field_words(path), str)
