"""Files as people write them: a call number with spaces and brackets, and the API's bare request body."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.campaign import limits, text_units
from app.campaign.file import CampaignFileError, load_campaign_file, save_campaign_file
from app.platform import config
from app.sending.body import send_body
from app.validation import validate_document
from helpers.documented import documented_example
from ui.compose import button_editor

PHONE_PATH = "options.cards[0].suggestions[0].phone"
ZONE = "Asia/Tokyo"  # not UTC, not the account's: the test machine's zone is usually UTC


def call_request(phone: str) -> dict:
    return {
        "groups": [1864603],
        "sender": "WWT Shop",
        "options": {"cards": [{"text": "Call us", "suggestions": [{"text": "Call", "phone": phone}]}]},
    }


def write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def campaign(tmp_path: Path, request: dict) -> Path:
    data = {"format": "rcs-desk.campaign", "version": 1, "time_zone": "UTC", "request": request}
    return write(tmp_path / "campaign.rcs.json", data)


@pytest.mark.parametrize(
    ("written", "sent"),
    [
        ("+380 99 123 45 67", "380991234567"),
        ("+380 (99) 123.45.67", "380991234567"),
        ("380991234567", "380991234567"),
    ],
)
def test_a_call_number_written_with_separators_is_valid_and_sent_as_digits(tmp_path, written, sent):
    document = load_campaign_file(campaign(tmp_path, call_request(written)))
    problems = [p for p in validate_document(document) if p.path == PHONE_PATH]
    assert problems == []
    assert send_body(document, "UTC")["options"]["cards"][0]["suggestions"][0]["phone"] == sent
    assert button_editor.phone_for_server(written) == sent  # the window's rule, the same one


def test_a_call_number_written_without_its_country_code_is_refused_in_plain_words(tmp_path):
    """It has the 9 to 15 digits the server takes, but the call would go nowhere (app.campaign.phone_numbers)."""
    document = load_campaign_file(campaign(tmp_path, call_request("(099) 123-45-67")))
    assert [p.message for p in validate_document(document) if p.path == PHONE_PATH] == [
        "“0991234567” is written without its country code: type it like +380 99 123 45 67."
    ]


def test_the_window_and_the_file_share_one_phone_rule():
    assert button_editor.phone_for_server is text_units.phone_for_server


def test_a_file_keeps_the_number_as_written(tmp_path):
    path = campaign(tmp_path, call_request("+380 99 123 45 67"))
    save_campaign_file(path, load_campaign_file(path))
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["request"]["options"]["cards"][0]["suggestions"][0]["phone"] == "+380 99 123 45 67"


@pytest.mark.parametrize("written", ["+380 99 CALL NOW", "380 99 123", "+380 99 123 45 67 89 01 23"])
def test_a_number_that_is_not_one_is_still_an_error(tmp_path, written):
    document = load_campaign_file(campaign(tmp_path, call_request(written)))
    problems = [p for p in validate_document(document) if p.path == PHONE_PATH]
    assert [p.severity for p in problems] == ["error"]


@pytest.fixture
def computer_zone(monkeypatch):
    monkeypatch.setattr(config, "local_time_zone_name", lambda: ZONE)
    return ZONE


def test_the_apis_own_example_opens_as_a_campaign_in_the_computers_zone(tmp_path, computer_zone):
    request = documented_example(group=1864603)
    path = write(tmp_path / "spring.json", request)
    document = load_campaign_file(path, default_time_zone="Europe/Kyiv")
    assert document.time_zone == computer_zone
    assert document.campaign.to_request() == request
    assert document.note == (
        "spring.json was not saved by this program, so it names no time zone: its times are read in this "
        "computer's time zone, Tokyo time. Save it as a campaign file to keep the time zone with it."
    )
    save_campaign_file(path, document)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved == {"format": "rcs-desk.campaign", "version": 1, "time_zone": ZONE, "request": request}
    again = load_campaign_file(path)
    assert again.note == "" and again.time_zone == ZONE and again.campaign.to_request() == request


def test_a_campaign_file_has_no_note(tmp_path):
    assert load_campaign_file(campaign(tmp_path, call_request("380991234567"))).note == ""


@pytest.mark.parametrize(
    "data",
    [
        {"groups": [1]},
        {"options": {"text": "Hi"}},
        {"hello": 1},
        {"format": "something-else", "groups": [1], "options": {"text": "Hi"}},
        [{"groups": [1], "options": {"text": "Hi"}}],
    ],
)
def test_what_is_neither_is_still_refused(tmp_path, computer_zone, data):
    with pytest.raises(CampaignFileError, match="not an RCS Campaign Desk campaign"):
        load_campaign_file(write(tmp_path / "other.json", data))


def test_a_bare_request_has_the_same_bounds(tmp_path, computer_zone):
    data = {"groups": list(range(limits.MAX_FILE_GROUPS + 1)), "options": {"text": "Hi"}}
    with pytest.raises(CampaignFileError, match="contact lists"):
        load_campaign_file(write(tmp_path / "many.json", data))
