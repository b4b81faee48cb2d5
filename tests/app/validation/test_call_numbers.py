"""A call button's number is checked against its country's numbering plan (``app.campaign.phone_numbers``),
not only for 9 to 15 digits: a paid campaign whose button calls a number one digit short calls nobody."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import phonenumbers
import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.campaign.file import document_from_json
from app.validation import validate_document, validate_request

PHONE = "options.cards[0].suggestions[0].phone"
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def request_calling(phone: object) -> dict:
    button = {"type": "call", "text": "Call the store", "phone": phone}
    card = {"title": "Spring sale", "text": "Up to 30% off", "suggestions": [button]}
    return {"groups": [1], "sender": "WWT Shop", "options": {"cards": [card]}}


def phone_errors(phone: object, **kwargs) -> list[str]:
    problems = validate_request(request_calling(phone), time_zone="UTC", now=NOW, **kwargs)
    return [p.message for p in problems if p.path == PHONE and p.is_error]


@pytest.mark.parametrize(
    ("digits", "words"),
    [
        ("38044123456", "“+38044123456” is one digit short for a Ukrainian number."),
        ("3804412345", "“+3804412345” is 2 digits short for a Ukrainian number."),
        ("38044123456789", "“+38044123456789” has too many digits for a Ukrainian number."),
        ("380001234567", "“+380001234567” is not a valid Ukrainian number: check its digits."),
        ("791612345", "“+791612345” is 2 digits short for a number with the country code +7."),
        ("0441234567", "“0441234567” is written without its country code: type it like +380 99 123 45 67."),
        ("99912345678", "“+99912345678” does not start with a known country code: type it like +380 99 123 45 67."),
    ],
)
def test_a_number_that_cannot_exist_is_refused_at_the_field_in_plain_words(digits, words):
    assert phone_errors(digits) == [words]


@pytest.mark.parametrize("digits", ["380441234567", "380991234567", "380661231231", "48512345678", "4915123456789"])
def test_numbers_that_exist_are_taken(digits):
    assert phone_errors(digits) == []


def test_a_number_written_in_a_file_as_people_write_it_is_checked_as_it_is_sent():
    data = {
        "format": "rcs-desk.campaign",
        "version": 1,
        "request": request_calling("+380 44 123 456"),
    }
    problems = validate_document(document_from_json(data, default_time_zone="UTC"), now=NOW)
    assert [p.message for p in problems if p.path == PHONE] == [
        "“+38044123456” is one digit short for a Ukrainian number."
    ]


def test_without_the_plans_only_the_digits_are_counted():
    """The window validates so until the plans are loaded (loading them would hold up its start)."""
    assert phone_errors("38044123456", phone_plans=False) == []
    assert phone_errors("38044", phone_plans=False) == [
        "The phone number must have 9 to 15 digits, country code included (this one has 5)."
    ]


def test_the_digit_count_is_said_once_not_the_plan_as_well():
    assert phone_errors("38044") == [
        "The phone number must have 9 to 15 digits, country code included (this one has 5)."
    ]


def test_a_plan_that_cannot_be_read_leaves_the_number_to_the_digit_count(monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise ImportError("phonenumbers.data.region_UA")

    monkeypatch.setattr(phonenumbers, "parse", broken)
    assert phone_errors("38044123456") == []
    assert "could not be checked against the numbering plans" in caplog.text


def test_the_words_are_ukrainian_in_ukrainian(ukrainian):
    assert phone_errors("38044123456") == ["«+38044123456»: для українського номера бракує 1 цифри."]


@given(st.one_of(st.text(max_size=40), st.text(alphabet="0123456789", min_size=9, max_size=15), st.integers()))
def test_any_number_is_judged_without_an_exception_and_quickly(phone):
    started = time.perf_counter()
    errors = phone_errors(phone)
    assert time.perf_counter() - started < 1.0
    assert len(errors) <= 1  # one plain sentence at the field, never a second one about the same number
    if isinstance(phone, str) and phone.isascii() and phone.isdigit() and 9 <= len(phone) <= 15 and not errors:
        assert phonenumbers.is_valid_number(phonenumbers.parse("+" + phone))
