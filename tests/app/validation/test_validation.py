"""Every validation rule, with the values on both sides of each documented limit."""

from __future__ import annotations

import copy
from datetime import UTC, datetime

import pytest

from app.campaign import limits
from app.campaign.file import CampaignDocument, ListInfo
from app.campaign.model import Campaign
from app.validation import Problem, has_errors, place_label, validate_document, validate_request
from app.validation import request as request_module

NOW = datetime(2025, 1, 10, 12, 0, tzinfo=UTC)  # 13:00 in Berlin
ZONE = "Europe/Berlin"
EMOJI = "😀"  # 2 UTF-16 units


def valid_request() -> dict:
    return {
        "groups": [101, 102],
        "sender": "Agent Name",
        "options": {
            "cards": [
                {
                    "title": "Winter sale",
                    "text": "Everything half price this week.",
                    "media": {"url": "https://cdn.example.com/sale.jpg"},
                    "suggestions": [
                        {"type": "link", "text": "Open the shop", "url": "https://shop.example.com/"},
                        {"type": "call", "text": "Call us", "phone": "380661231231"},
                    ],
                }
            ]
        },
        "alternative_channel": {
            "sms": {
                "text": "Winter sale: half price! shop.example.com",
                "sender": "Shop",
                "validity": 72,
                "check_stop_list": True,
            }
        },
        "start_at": "2025-01-20 09:00:00",
        "tariff_code": 0,
        "validity": 72,
        "check_stop_list": True,
        "add_to_contact_book": True,
    }


def text_request(text: str = "Hello from the shop") -> dict:
    request = valid_request()
    request["options"] = {"text": text}
    return request


def check(request, **kwargs) -> list[Problem]:
    kwargs.setdefault("time_zone", ZONE)
    kwargs.setdefault("now", NOW)
    return validate_request(request, **kwargs)


def at(request, path: str, **kwargs) -> list[Problem]:
    return [p for p in check(request, **kwargs) if p.path == path]


def errors_at(request, path: str, **kwargs) -> list[str]:
    return [p.message for p in at(request, path, **kwargs) if p.is_error]


def warnings_at(request, path: str, **kwargs) -> list[str]:
    return [p.message for p in at(request, path, **kwargs) if not p.is_error]


def with_card(**members) -> dict:
    request = valid_request()
    request["options"]["cards"][0].update(members)
    return request


def with_button(index: int = 0, replace: bool = False, **members) -> dict:
    request = valid_request()
    buttons = request["options"]["cards"][0]["suggestions"]
    buttons[index] = dict(members) if replace else {**buttons[index], **members}
    return request


def with_sms(**members) -> dict:
    request = valid_request()
    request["alternative_channel"]["sms"].update(members)
    return request


CARD = "options.cards[0]"
BUTTON = "options.cards[0].suggestions[0]"
SMS = "alternative_channel.sms"


# --- the whole request -------------------------------------------------------------------------


def test_valid_request_has_no_problem():
    assert check(valid_request()) == []
    assert check(text_request()) == []


@pytest.mark.parametrize("value", [None, [], "campaign", 5, True, 1.5, [{"groups": [1]}]])
def test_request_that_is_not_an_object(value):
    problems = check(value)
    assert len(problems) == 1
    assert problems[0].path == "" and problems[0].is_error


def test_every_problem_is_reported_at_once():
    request = {
        "groups": [],
        "sender": "x" * 41,
        "options": {"cards": [{"suggestions": [{"text": "t" * 26, "phone": "+380661231231"}] * 3}] * 6},
        "validity": 0,
        "alternative_channel": {"sms": {"text": "", "sender": "a"}},
    }
    paths = {p.path for p in check(request) if p.is_error}
    assert {
        "groups",
        "sender",
        "options.cards",
        "options.cards[5]",
        "options.cards[5].suggestions",
        "options.cards[5].suggestions[2].text",
        "options.cards[5].suggestions[2].phone",
        "validity",
        "alternative_channel.sms.text",
        "alternative_channel.sms.sender",
    } <= paths


def test_messages_are_plain_words():
    request = {
        "groups": ["x", 1, 1],
        "sender": 5,
        "options": {"text": 7, "cards": "x", "suggestions": [1]},
        "start_at": "tomorrow",
        "validity": "72",
        "tariff_code": "9",
        "check_stop_list": "yes",
        "add_to_contact_book": 1,
        "alternative_channel": {"sms": {"text": 5, "sender": None, "validity": -1}},
    }
    problems = check(request)
    assert len(problems) >= 10
    for problem in problems:
        for word in ("JSON", "payload", "token", "422", "HTTP", "None", "null", "dict", "str", "int("):
            assert word not in problem.message, problem
        assert problem.message.endswith((".", ")")), problem


def test_unknown_members_are_ignored():
    request = valid_request()
    request["future_option"] = {"anything": [1, 2]}
    request["options"]["cards"][0]["orientation"] = "horizontal"
    request["alternative_channel"]["sms"]["validity_seconds"] = 600
    assert check(request) == []


def test_a_bug_in_a_check_never_escapes(monkeypatch, caplog):
    def broken(report, options):
        raise RuntimeError("bug")

    monkeypatch.setattr(request_module, "check_options", broken)
    problems = check({"groups": [], "sender": "Agent"})
    assert [p.path for p in problems] == ["groups", ""]
    assert problems[-1].message == request_module.INCOMPLETE_CHECK
    assert "validation failed" in caplog.text


def test_problem_helpers():
    error = Problem("sender", "error", "x")
    warning = Problem("groups", "warning", "y")
    assert error.is_error and not warning.is_error
    assert has_errors([warning, error]) and not has_errors([warning]) and not has_errors([])


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("", "Campaign"),
        ("options.cards[1].suggestions[0].text", "Card 2, button 1"),
        ("options.cards[0].media.url", "Card 1"),
        ("options.text", "Message"),
        ("sender", "RCS agent"),
        ("alternative_channel.sms.sender", "SMS fallback"),
        ("groups[2]", "Recipients"),
        ("start_at", "Schedule"),
        ("validity", "Schedule"),
    ],
)
def test_place_label(path, label):
    assert place_label(path) == label


# --- groups --------------------------------------------------------------------------------------


@pytest.mark.parametrize("groups", [None, [], "101", 101, {"id": 101}])
def test_groups_missing_or_not_a_list(groups):
    request = valid_request()
    request["groups"] = groups
    assert len(errors_at(request, "groups")) == 1


def test_groups_missing_member():
    request = valid_request()
    del request["groups"]
    assert errors_at(request, "groups") == ["Choose at least one contact list."]


def test_groups_count_limit():
    request = valid_request()
    request["groups"] = list(range(1, limits.GROUPS_MAX + 1))
    assert errors_at(request, "groups") == []
    request["groups"].append(5000)
    assert errors_at(request, "groups") == ["A campaign can go to at most 1,000 contact lists (this one has 1,001)."]


@pytest.mark.parametrize("bad", ["102", True, 1.0, None, [102]])
def test_group_ids_must_be_integers(bad):
    request = valid_request()
    request["groups"] = [101, bad]
    assert len(errors_at(request, "groups[1]")) == 1


def test_duplicate_group_is_a_warning():
    request = valid_request()
    request["groups"] = [101, 102, 101]
    assert warnings_at(request, "groups[2]") == ["This contact list is chosen twice: it counts only once."]
    assert not has_errors(check(request))


@pytest.mark.parametrize(
    ("contacts", "expected"),
    [
        ({101: 3000, 102: 2000}, None),
        ({101: 3000, 102: 2001}, "5,001 contacts together"),
        ({101: 4000, 102: None}, None),  # what is known is under the limit
        ({101: 4000, 102: 1500, 103: None}, "at least 5,500 contacts together"),
        ({999: 9000}, None),  # a list that is not chosen
    ],
)
def test_lists_that_together_exceed_the_campaign_limit_are_a_warning(contacts, expected):
    request = valid_request()
    request["groups"] = [101, 102, 103]
    messages = warnings_at(request, "groups", list_contacts=contacts)
    if expected is None:
        assert messages == []
    else:
        # Lists may share contacts: only the server knows how many different numbers they make.
        assert len(messages) == 1 and expected in messages[0] and "5,000" in messages[0]
    assert not has_errors(check(request, list_contacts=contacts))


@pytest.mark.parametrize("size", [5001, 6000, 12000])
def test_one_list_over_the_campaign_limit_is_an_error(size):
    request = valid_request()
    request["groups"] = [101, 102]
    problems = check(request, list_contacts={101: size, 102: 10})
    [error] = [p for p in problems if p.is_error]
    assert error.path == "groups" and f"{size:,} contacts" in error.message and "will refuse" in error.message


def test_duplicate_list_counts_once_in_the_total():
    request = valid_request()
    request["groups"] = [101, 101]
    assert warnings_at(request, "groups", list_contacts={101: 3000}) == []


# --- sender --------------------------------------------------------------------------------------


@pytest.mark.parametrize("sender", [None, "", "   ", 5, ["Agent"]])
def test_sender_required_text(sender):
    request = valid_request()
    request["sender"] = sender
    assert len(errors_at(request, "sender")) == 1


def test_sender_length_counts_utf16_units():
    request = valid_request()
    request["sender"] = "a" * 40
    assert errors_at(request, "sender") == []
    request["sender"] = EMOJI * 20
    assert errors_at(request, "sender") == []
    request["sender"] = EMOJI * 20 + "a"
    assert errors_at(request, "sender") == ["The RCS agent name can have at most 40 characters (this one has 41)."]


# --- options: plain text -------------------------------------------------------------------------


@pytest.mark.parametrize("options", [None, {}, {"text": None}, {"cards": None}])
def test_message_empty(options):
    request = valid_request()
    request["options"] = options
    assert errors_at(request, "options") == ["The message is empty: write a text or add a card."]


@pytest.mark.parametrize("options", ["Hello", ["Hello"], 5])
def test_message_not_an_object(options):
    request = valid_request()
    request["options"] = options
    assert len(errors_at(request, "options")) == 1


def test_message_text_xor_cards():
    request = valid_request()
    request["options"]["text"] = "Hello"
    assert errors_at(request, "options") == ["The message can be a plain text or cards, not both: remove one of them."]


def test_text_message_length():
    assert errors_at(text_request("a" * 160), "options.text") == []
    assert errors_at(text_request(EMOJI * 80), "options.text") == []
    messages = errors_at(text_request(EMOJI * 80 + "a"), "options.text")
    assert len(messages) == 1 and "at most 160 characters (this one has 161" in messages[0]
    assert errors_at(text_request(""), "options.text") == ["Write the message text."]
    assert errors_at(text_request(" \n "), "options.text") == ["Write the message text."]
    assert len(errors_at(text_request(5), "options.text")) == 1  # type: ignore[arg-type]


def test_text_message_cannot_have_buttons():
    request = text_request()
    request["options"]["suggestions"] = [{"text": "Open", "url": "https://example.com/"}]
    assert len(errors_at(request, "options.suggestions")) == 1


# --- cards ---------------------------------------------------------------------------------------


def test_cards_count_limit():
    request = valid_request()
    card = request["options"]["cards"][0]
    request["options"]["cards"] = [copy.deepcopy(card) for _ in range(5)]
    assert errors_at(request, "options.cards") == []
    request["options"]["cards"].append(copy.deepcopy(card))
    assert errors_at(request, "options.cards") == ["A carousel can have at most 5 cards (this one has 6)."]


def test_cards_empty_or_not_a_list():
    request = valid_request()
    request["options"]["cards"] = []
    assert errors_at(request, "options.cards") == ["Add at least one card."]
    request["options"]["cards"] = {"text": "x"}
    assert len(errors_at(request, "options.cards")) == 1


def test_card_not_an_object():
    request = valid_request()
    request["options"]["cards"].append("text")
    assert errors_at(request, "options.cards[1]") == ["Card 2 could not be read: remove it and add it again."]


def test_card_needs_media_or_text():
    request = valid_request()
    request["options"]["cards"].append({"title": "Only a title"})
    assert errors_at(request, "options.cards[1]") == ["Card 2 needs a picture or video, or a text."]
    assert errors_at(with_card(text=None), CARD) == []
    request = valid_request()
    del request["options"]["cards"][0]["media"]
    assert check(request) == []


def test_card_title_length():
    assert errors_at(with_card(title="t" * 200), f"{CARD}.title") == []
    assert errors_at(with_card(title="t" * 201), f"{CARD}.title") == [
        "A card title can have at most 200 characters (this one has 201)."
    ]
    assert len(errors_at(with_card(title=5), f"{CARD}.title")) == 1


def test_card_text_length():
    assert errors_at(with_card(text="t" * 1000), f"{CARD}.text") == []
    assert errors_at(with_card(text="t" * 999 + EMOJI), f"{CARD}.text") == [
        "A card text can have at most 1,000 characters (this one has 1,001)."
    ]
    assert len(errors_at(with_card(text=""), f"{CARD}.text")) == 1
    assert len(errors_at(with_card(text="   "), f"{CARD}.text")) == 1
    assert len(errors_at(with_card(text=["x"]), f"{CARD}.text")) == 1


def test_long_card_text_warns_about_truncation():
    from app.validation.message import CARD_TEXT_SHOWN, CAROUSEL_CARD_TEXT_SHOWN

    assert warnings_at(with_card(text="t" * CARD_TEXT_SHOWN), f"{CARD}.text") == []
    assert len(warnings_at(with_card(text="t" * (CARD_TEXT_SHOWN + 1)), f"{CARD}.text")) == 1
    request = valid_request()
    card = request["options"]["cards"][0]
    request["options"]["cards"] = [dict(card, text="t" * CAROUSEL_CARD_TEXT_SHOWN), dict(card, text="t" * 201)]
    assert warnings_at(request, f"{CARD}.text") == []
    messages = warnings_at(request, "options.cards[1].text")
    assert len(messages) == 1 and "carousel" in messages[0]


# --- media ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        None,
        "",
        "string",
        5,
        "ftp://example.com/a.jpg",
        "https://",
        "https:///a.jpg",
        "https://exa mple.com/a.jpg",
        "http://[::1/a.jpg",
    ],
)
def test_media_url_errors(url):
    assert len(errors_at(with_card(media={"url": url}), f"{CARD}.media.url")) == 1


def test_media_not_an_object():
    assert len(errors_at(with_card(media="https://example.com/a.jpg"), f"{CARD}.media")) == 1


def test_media_url_length():
    base = "https://example.com/"
    ok = base + "a" * (limits.URL_MAX - len(base) - 4) + ".jpg"
    assert len(ok) == 1000
    assert errors_at(with_card(media={"url": ok}), f"{CARD}.media.url") == []
    assert errors_at(with_card(media={"url": "https://example.com/a" + ok[len(base) :]}), f"{CARD}.media.url") == [
        "The address of the picture or video can have at most 1,000 characters (this one has 1,001)."
    ]


def test_media_over_http_is_a_warning():
    messages = warnings_at(with_card(media={"url": "http://example.com/a.png"}), f"{CARD}.media.url")
    assert len(messages) == 1 and "https://" in messages[0]


@pytest.mark.parametrize("host", ["bit.ly", "BIT.LY", "www.bit.ly", "tinyurl.com", "go.t.co"])
def test_media_on_a_link_shortener_is_a_warning(host):
    messages = warnings_at(with_card(media={"url": f"https://{host}/abc.jpg"}), f"{CARD}.media.url")
    assert len(messages) == 1 and "shortener" in messages[0]


def test_similar_hosts_are_not_shorteners():
    assert warnings_at(with_card(media={"url": "https://notbit.ly/abc.jpg"}), f"{CARD}.media.url") == []


@pytest.mark.parametrize(
    ("url", "warned"),
    [
        ("https://example.com/a.JPG", False),
        ("https://example.com/a.jpeg", False),
        ("https://example.com/clip.mp4", False),
        ("https://example.com/clip.webm", False),
        ("https://example.com/image", False),  # no extension: the preview checks the real type
        ("https://example.com/image.png?v=a.svg", False),
        ("https://example.com/a.svg", True),
        ("https://example.com/a.webp", True),
        ("https://example.com/img.php?id=3", True),
        ("https://example.com/a.svg#x", True),
    ],
)
def test_media_extension(url, warned):
    messages = warnings_at(with_card(media={"url": url}), f"{CARD}.media.url")
    assert bool(messages) is warned
    if warned:
        assert "JPEG, JPG, GIF, PNG" in messages[0] and "MP4" in messages[0]


# --- buttons -------------------------------------------------------------------------------------


def test_button_count_limit():
    request = valid_request()
    request["options"]["cards"][0]["suggestions"].append({"text": "More", "url": "https://example.com/"})
    assert errors_at(request, "options.cards[0].suggestions") == ["A card can have at most 2 buttons (this one has 3)."]


def test_buttons_not_a_list_or_not_objects():
    assert len(errors_at(with_card(suggestions={"text": "x"}), f"{CARD}.suggestions")) == 1
    assert len(errors_at(with_button(0, replace=True), BUTTON)) == 1  # an empty button has no link/phone
    request = valid_request()
    request["options"]["cards"][0]["suggestions"][1] = "Call"
    assert errors_at(request, "options.cards[0].suggestions[1]") == [
        "Button 2 could not be read: remove it and add it again."
    ]


def test_button_text_length_counts_utf16_units():
    assert errors_at(with_button(text="t" * 25), f"{BUTTON}.text") == []
    assert errors_at(with_button(text=EMOJI * 12 + "t"), f"{BUTTON}.text") == []
    assert errors_at(with_button(text=EMOJI * 13), f"{BUTTON}.text") == [
        "Button text can have at most 25 characters (this one has 26)."
    ]
    assert errors_at(with_button(text="t" * 31), f"{BUTTON}.text") == [
        "Button text can have at most 25 characters (this one has 31)."
    ]


@pytest.mark.parametrize("text", [None, "", "  ", 5])
def test_button_text_required(text):
    assert len(errors_at(with_button(text=text), f"{BUTTON}.text")) == 1


def test_button_needs_exactly_one_of_link_and_phone():
    both = with_button(phone="380661231231")
    assert len(errors_at(both, BUTTON)) == 1
    neither = with_button(0, replace=True, text="Open")
    assert errors_at(neither, BUTTON) == ["Enter the web address the button opens, or the phone number it calls."]
    assert len(errors_at(with_button(0, replace=True, text="Open", type="link"), f"{BUTTON}.url")) == 1
    assert len(errors_at(with_button(0, replace=True, text="Call", type="call"), f"{BUTTON}.phone")) == 1


def test_button_type_must_match():
    assert len(errors_at(with_button(type="reply"), f"{BUTTON}.type")) == 1
    assert len(errors_at(with_button(type=None), f"{BUTTON}.type")) == 1
    assert len(errors_at(with_button(type="call"), BUTTON)) == 1  # a call button with a link
    link_with_phone = with_button(1, type="link")
    assert len(errors_at(link_with_phone, "options.cards[0].suggestions[1]")) == 1


def test_button_type_may_be_omitted():
    request = valid_request()
    for button in request["options"]["cards"][0]["suggestions"]:
        del button["type"]
    assert check(request) == []


@pytest.mark.parametrize("url", ["", "string", "mailto:a@b.c", "ftp://example.com/", 7])
def test_button_link_errors(url):
    assert len(errors_at(with_button(url=url), f"{BUTTON}.url")) == 1


def test_button_link_may_be_an_unsubscribe_link_over_http():
    assert at(with_button(url="http://nosms.cc/AbCd"), f"{BUTTON}.url") == []


@pytest.mark.parametrize(
    ("phone", "ok"),
    [("123456789", True), ("12345678", False), ("123456789012345", True), ("1234567890123456", False)],
)
def test_call_phone_digit_count(phone, ok):
    # The server's own rule, alone (the numbering plans: tests/app/validation/test_call_numbers.py).
    messages = errors_at(with_button(1, phone=phone), "options.cards[0].suggestions[1].phone", phone_plans=False)
    assert (messages == []) is ok
    if not ok:
        assert "9 to 15 digits" in messages[0]


@pytest.mark.parametrize(
    "phone", ["+380661231231", "380 66 123 12 31", "380-66-1231231", "", "٣٨٠٦٦١٢٣١٢٣١", 380661231231]
)
def test_call_phone_digits_only(phone):
    messages = errors_at(with_button(1, phone=phone), "options.cards[0].suggestions[1].phone")
    assert len(messages) == 1
    assert "digits only, without + or spaces" in messages[0]


def test_call_phone_message_suggests_the_digits():
    messages = errors_at(with_button(1, phone="+380 66 123 12 31"), "options.cards[0].suggestions[1].phone")
    assert messages == ["The phone number must be digits only, without + or spaces (write it as 380661231231)."]


def test_postback_data_length():
    assert errors_at(with_button(postback_data="p" * 25), f"{BUTTON}.postback_data") == []
    assert errors_at(with_button(postback_data=EMOJI * 13), f"{BUTTON}.postback_data") == [
        "The button's reply data can have at most 25 characters (this one has 26)."
    ]
    assert len(errors_at(with_button(postback_data=5), f"{BUTTON}.postback_data")) == 1


# --- campaign settings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        (1, True),
        (72, True),
        (0, False),
        (73, False),
        ("72", False),
        (7.5, False),
        (72.0, False),
        (True, False),
        ([72], False),
    ],
)
def test_validity(value, ok):
    request = valid_request()
    request["validity"] = value
    if ok:
        expected = []
    elif isinstance(value, int) and not isinstance(value, bool):  # a number out of range is named
        expected = [
            (
                f"“Keep trying for” must be a whole number from 1 to 72 hours (this campaign has {value}). "
                "Choose a number in that range."
            )
        ]
    else:
        expected = ["“Keep trying for” must be a whole number from 1 to 72 hours."]
    assert errors_at(request, "validity") == expected


@pytest.mark.parametrize("key", ["validity", "tariff_code", "start_at", "check_stop_list", "add_to_contact_book"])
def test_optional_settings_may_be_absent_but_not_null(key):
    """The contract does not allow null for them: a server would refuse it."""
    request = valid_request()
    request[key] = None
    assert len(errors_at(request, key)) == 1


@pytest.mark.parametrize(
    ("member", "path"),
    [
        ("title", f"{CARD}.title"),
        ("text", f"{CARD}.text"),
        ("media", f"{CARD}.media"),
        ("suggestions", f"{CARD}.suggestions"),
    ],
)
def test_null_card_members_are_errors(member, path):
    assert len(errors_at(with_card(**{member: None}), path)) == 1


def test_null_button_members():
    assert len(errors_at(with_button(postback_data=None), f"{BUTTON}.postback_data")) == 1
    assert at(with_button(phone=None), BUTTON) == []  # the other kind's member left empty
    assert len(errors_at(with_sms(validity=None), f"{SMS}.validity")) == 1
    assert len(errors_at(with_sms(check_stop_list=None), f"{SMS}.check_stop_list")) == 1


def test_null_text_or_cards_is_the_other_kind_of_message():
    request = valid_request()
    request["options"]["text"] = None
    assert check(request) == []
    request = text_request()
    request["options"]["cards"] = None
    assert check(request) == []


def test_validity_and_optional_settings_may_be_absent():
    request = valid_request()
    for key in ("validity", "tariff_code", "start_at", "check_stop_list", "add_to_contact_book"):
        del request[key]
    assert check(request) == []


@pytest.mark.parametrize(("value", "ok"), [(0, True), (9, True), ("9", False), (True, False), (1.5, False)])
def test_tariff_code(value, ok):
    request = valid_request()
    request["tariff_code"] = value
    assert (errors_at(request, "tariff_code") == []) is ok


@pytest.mark.parametrize("key", ["check_stop_list", "add_to_contact_book"])
@pytest.mark.parametrize(("value", "ok"), [(True, True), (False, True), ("yes", False), (1, False), (0, False)])
def test_booleans(key, value, ok):
    request = valid_request()
    request[key] = value
    assert (errors_at(request, key) == []) is ok


# --- start_at ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "2025-01-20T09:00:00",
        "2025-01-20 09:00",
        "2025-1-20 09:00:00",
        "2025-02-30 10:00:00",
        "2025-01-20 09:00:00+01:00",
        " 2025-01-20 09:00:00",
        1737363600,
        ["2025-01-20 09:00:00"],
    ],
)
def test_start_at_format(value):
    request = valid_request()
    request["start_at"] = value
    assert errors_at(request, "start_at") == ["The send time must be a date and time written like 2025-01-25 09:00:00."]


def test_start_at_window_in_the_campaign_zone():
    # 12:00 UTC on 10 January is 02:00 on 11 January in Kiritimati: day 30 is 9 February.
    request = valid_request()
    request["start_at"] = "2025-02-09 23:59:59"
    assert at(request, "start_at", time_zone="Pacific/Kiritimati") == []
    assert len(errors_at(request, "start_at", time_zone="UTC")) == 1
    request["start_at"] = "2025-02-10 00:00:00"
    assert len(errors_at(request, "start_at", time_zone="Pacific/Kiritimati")) == 1


def test_start_at_in_the_past():
    request = valid_request()
    request["start_at"] = "2025-01-10 12:59:59"  # Berlin is at 13:00
    assert "already passed" in errors_at(request, "start_at")[0]
    request["start_at"] = "2025-01-10 13:00:00"
    assert at(request, "start_at") == []


def test_start_at_daylight_saving():
    now = datetime(2025, 3, 20, tzinfo=UTC)
    request = valid_request()
    request["start_at"] = "2025-03-30 02:30:00"
    assert "does not exist" in errors_at(request, "start_at", now=now)[0]
    now = datetime(2025, 10, 20, tzinfo=UTC)
    request["start_at"] = "2025-10-26 02:30:00"
    assert "twice" in warnings_at(request, "start_at", now=now)[0]
    assert not has_errors(check(request, now=now))


def test_unknown_time_zone_matters_only_when_scheduled():
    problems = at(valid_request(), "time_zone", time_zone="Mars/Olympus")
    assert len(problems) == 1 and problems[0].is_error
    request = valid_request()
    del request["start_at"]
    assert check(request, time_zone="Mars/Olympus") == []
    assert len(at(valid_request(), "time_zone", time_zone="")) == 1


def test_start_at_uses_the_real_clock_by_default():
    request = valid_request()
    request["start_at"] = "2000-01-01 00:00:00"
    assert "already passed" in validate_request(request, time_zone=ZONE)[0].message


# --- SMS fallback --------------------------------------------------------------------------------


@pytest.mark.parametrize("channel", ["absent", None, {}, {"whatsapp": {}}])
def test_no_fallback_is_a_warning(channel):
    request = valid_request()
    if channel == "absent":
        del request["alternative_channel"]
    else:
        request["alternative_channel"] = channel
    problems = check(request)
    assert [(p.path, p.severity) for p in problems] == [("alternative_channel", "warning")]
    assert "phones without RCS will get nothing" in problems[0].message


@pytest.mark.parametrize("channel", [[], "sms", {"sms": "text"}, {"sms": []}, {"sms": None}])
def test_fallback_not_an_object(channel):
    request = valid_request()
    request["alternative_channel"] = channel
    assert has_errors(check(request))


@pytest.mark.parametrize("text", [None, "", "   ", 5])
def test_sms_text_required(text):
    assert len(errors_at(with_sms(text=text), f"{SMS}.text")) == 1


def test_sms_text_missing_member():
    request = valid_request()
    del request["alternative_channel"]["sms"]["text"]
    assert len(errors_at(request, f"{SMS}.text")) == 1


def test_sms_gsm7_length():
    assert errors_at(with_sms(text="a" * 765), f"{SMS}.text") == []
    messages = errors_at(with_sms(text="a" * 766), f"{SMS}.text")
    assert len(messages) == 1 and "6 SMS parts" in messages[0] and "765" in messages[0]


def test_sms_ucs2_length():
    assert errors_at(with_sms(text="я" * 335), f"{SMS}.text") == []
    messages = errors_at(with_sms(text="я" * 336), f"{SMS}.text")
    assert len(messages) == 1 and "335 characters with Cyrillic letters" in messages[0]


def test_sms_unicode_names_the_characters_and_says_the_cost_in_words():
    text = "It’s “great”\u00a0today. " + "x" * 60  # 86 characters: 2 SMS in Unicode, 1 without it
    messages = warnings_at(with_sms(text=text), f"{SMS}.text")
    assert messages == [
        (
            "With these characters, an SMS holds 70 characters instead of 160: ’ “ ” (no-break space). "
            "Each phone without RCS gets 2 SMS instead of 1 (2x the price). Replacing the 4 marked characters "
            "makes it 1."
        )
    ]
    assert not any(word in messages[0] for word in ("UCS-2", "GSM-7", "Unicode"))


def test_sms_unicode_cost_as_a_ratio_and_one_character():
    text = "Sale — " + "x" * 300  # 307 characters: 5 SMS in Unicode, 3 without the dash
    [message] = warnings_at(with_sms(text=text), f"{SMS}.text")
    assert "gets 5 SMS instead of 3 (1.7x the price). Replacing the marked character makes it 3." in message


def test_sms_unicode_that_costs_nothing_more_is_no_warning():
    assert warnings_at(with_sms(text="It’s great"), f"{SMS}.text") == []  # 1 SMS either way
    assert warnings_at(with_sms(text="Привет"), f"{SMS}.text") == []


def test_sms_in_another_alphabet_says_the_cost_without_asking_to_replace_every_letter():
    [message] = warnings_at(with_sms(text="Привіт " * 12), f"{SMS}.text")  # 84 characters
    assert message == (
        "With Ukrainian letters, an SMS holds 70 characters instead of 160: each phone without RCS gets 2 SMS. "
        "At 70 characters or fewer it would be 1 SMS."
    )


def test_gsm7_sms_has_no_warning():
    assert at(with_sms(text="Sale {today} only: 50% off [all] ~ €5 | ok ^"), f"{SMS}.text") == []


@pytest.mark.parametrize(
    ("sender", "ok"),
    [
        ("abc", True),
        ("Shop2025", True),
        ("a" * 11, True),
        ("a" * 12, False),
        ("ab", False),
        ("123", True),
        ("1" * 15, True),
        ("1" * 16, False),
        ("12", False),
        ("My Shop", False),
        ("Shöp", False),
        ("shop-1", False),
        (None, False),
        ("", False),
        (12345, False),
    ],
)
def test_sms_sender(sender, ok):
    assert (errors_at(with_sms(sender=sender), f"{SMS}.sender") == []) is ok


def test_sms_validity_and_stop_list():
    assert errors_at(with_sms(validity=0), f"{SMS}.validity") == [
        (
            "“Keep trying for” must be a whole number from 1 to 72 hours (this campaign has 0). "
            "Choose a number in that range."
        )
    ]
    assert errors_at(with_sms(validity=1), f"{SMS}.validity") == []
    assert len(errors_at(with_sms(check_stop_list="no"), f"{SMS}.check_stop_list")) == 1


# --- documents -----------------------------------------------------------------------------------


def test_validate_document_uses_zone_and_list_sizes():
    request = valid_request()
    request["start_at"] = "2025-02-09 23:59:59"
    doc = CampaignDocument(
        campaign=Campaign.from_request(request),
        time_zone="Pacific/Kiritimati",
        lists={101: ListInfo("Customers", 4000), 102: ListInfo("Newsletter", 1500)},
    )
    problems = validate_document(doc, now=NOW)
    assert [(p.path, p.severity) for p in problems] == [("groups", "warning")]
    doc.time_zone = "UTC"
    assert has_errors(validate_document(doc, now=NOW))


def test_validate_document_sees_wrong_values_kept_by_the_model():
    request = valid_request()
    request["validity"] = "72 hours"
    doc = CampaignDocument(campaign=Campaign.from_request(request), time_zone=ZONE)
    assert [p.path for p in validate_document(doc, now=NOW)] == ["validity"]
