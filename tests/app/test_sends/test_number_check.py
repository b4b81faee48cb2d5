"""Test phones are numbers that can exist in their country (the numbering plans of ``phonenumbers``), not
just 9 to 15 digits: a paid test to a number one digit short goes nowhere."""

from __future__ import annotations

import time

import phonenumbers
import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.campaign import phone_numbers
from app.test_sends.phones import read_test_phones

PHONE_CHARACTERS = "0123456789+-() ./\u00a0٣x"


def said(typed: str) -> str:
    numbers, [problem] = read_test_phones([typed])
    assert numbers == [] and problem.is_error and problem.path == "test_phones[0]"
    return problem.message


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("+380 99 123 45 6", "“+380 99 123 45 6” is one digit short for a Ukrainian number."),
        ("+380 99 123 45", "“+380 99 123 45” is 2 digits short for a Ukrainian number."),
        ("+380 99 123 45 6789", "“+380 99 123 45 6789” has too many digits for a Ukrainian number."),
        ("+380 00 123 45 67", "“+380 00 123 45 67” is not a valid Ukrainian number: check its digits."),
        ("+7 916 123 45 6", "“+7 916 123 45 6” is one digit short for a number with the country code +7."),
        (
            "+999 123 456 789",
            "“+999 123 456 789” does not start with a known country code: type it like +380 99 123 45 67.",
        ),
    ],
)
def test_a_number_that_cannot_exist_is_refused_in_plain_words(typed, words):
    assert said(typed) == words


@pytest.mark.parametrize(
    "typed", ["+380 99 123 45 67", "+380 44 123 45 67", "+380 (67) 111-22-33", "+48 512 345 678", "+49 151 2345 6789"]
)
def test_numbers_that_exist_are_taken(typed):
    numbers, problems = read_test_phones([typed])
    assert len(numbers) == 1 and problems == []


def test_what_a_phone_may_be_written_with_is_said_as_it_is_taken():
    assert read_test_phones(["(+380) 99-123-45-67"])[0] == ["380991234567"]
    words = said("+380 99 123 45 67 ext")
    assert "dashes" in words and "brackets" in words and "+380 (99) 123-45-67" in words


def test_a_library_that_cannot_judge_leaves_the_number_to_the_digit_count(monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise ImportError("phonenumbers.data.region_UA")

    monkeypatch.setattr(phonenumbers, "parse", broken)
    assert read_test_phones(["+380 99 123 45 6"]) == (["38099123456"], [])
    assert "numbering plans" in caplog.text
    assert "has 8 digits" in said("+380 99 123")  # the server's own rule still holds


@given(st.text(alphabet=st.sampled_from(PHONE_CHARACTERS), max_size=40) | st.text(max_size=40))
def test_any_typed_text_gives_an_existing_number_or_a_problem_quickly(typed):
    started = time.perf_counter()
    numbers, problems = read_test_phones([typed])
    assert time.perf_counter() - started < 1.0
    if numbers:
        assert phonenumbers.is_valid_number(phonenumbers.parse("+" + numbers[0]))
    elif typed.strip():
        assert [problem.is_error for problem in problems] == [True]
        assert problems[0].message.startswith("“")  # the field's problem, quoting what was typed


@given(st.text(alphabet="0123456789", min_size=9, max_size=15))
def test_any_digits_are_judged_without_an_exception(digits):
    problem = phone_numbers.number_problem(digits, digits)
    assert problem is None or f"“{digits}”" in problem


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("+380 99 123 45 6", "«+380 99 123 45 6»: для українського номера бракує 1 цифри."),
        ("+380 99 123 45", "«+380 99 123 45»: для українського номера бракує 2 цифр."),
    ],
)
def test_digits_short_are_counted_in_ukrainian_in_the_right_form(ukrainian, typed, words):
    assert said(typed) == words
