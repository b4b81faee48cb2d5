"""What an SMS costs, in words: another alphabet said once by its name, replaceable characters listed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.campaign.sms import count_sms, is_language_letter, marked_positions, unicode_positions
from app.campaign.sms_words import alphabet_name, encoding_words, sms_cost_words, sms_costs_more

UKRAINIAN = "Весняний розпродаж: знижки на кросівки до неділі"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (UKRAINIAN, "Ukrainian letters"),
        ("Їжак", "Ukrainian letters"),
        ("Привет, как дела?", "Cyrillic letters"),  # no letter only Ukrainian has
        ("Привіт, ёжик", "Cyrillic letters"),  # a Russian letter: not Ukrainian
        ("Καλημέρα", "Greek letters"),
        ("Wyprzedaż: łódź, świeże", "accented letters (ż ł ó)"),
        ("春季促销", "Chinese characters"),
        ("Sale “today” 😀 ✓", ""),  # quotes, emoji and symbols are not letters of an alphabet
        ("Plain text", ""),
        ("Çà et là, über", ""),  # accents that GSM-7 has
        ("Знижки «30%» — тільки Sale", "Ukrainian letters"),
        ("Знижки", "Cyrillic letters"),  # no letter only Ukrainian has: named by its alphabet
    ],
)
def test_the_alphabet_is_named(text, name):
    assert alphabet_name(text) == name


def test_emoji_variation_selectors_and_joiners_are_not_letters():
    assert not any(is_language_letter(char) for char in "❤️👨\u200d👩\u200d👧 1️⃣ 👍🏽")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Sale", "standard characters: 160 per SMS"),
        ("a" * 161, "standard characters: 153 per part"),
        ("It’s on", "special characters: 70 per SMS instead of 160"),
        ("It’s on " + "x" * 70, "special characters: 67 per part instead of 153"),
        ("Їжак", "Ukrainian letters: 70 per SMS instead of 160"),
        ("Їжак і кіт " * 8, "Ukrainian letters: 67 per part instead of 153"),
    ],
)
def test_what_one_sms_holds(text, words):
    assert encoding_words(text) == words


def test_a_short_ukrainian_text_is_said_without_listing_its_letters():
    text = "Знижки «30%» — тільки сьогодні!"
    assert sms_cost_words(text) == (
        "With Ukrainian letters, an SMS holds 70 characters instead of 160: this text fits in 1 SMS."
    )
    assert not sms_costs_more(text)
    assert marked_positions(text) == []  # the quotes and dash cost nothing more here: not marked


@pytest.mark.parametrize(
    ("length", "parts", "advice"),
    [
        (71, 2, "At 70 characters or fewer it would be 1 SMS."),
        (135, 3, "At 134 characters or fewer it would be 2 SMS."),
    ],
)
def test_a_longer_ukrainian_text_says_what_it_costs_and_how_long_is_cheaper(length, parts, advice):
    text = ("Знижки тільки сьогодні " * 10)[:length]
    assert count_sms(text).parts == parts
    assert sms_cost_words(text) == (
        f"With Ukrainian letters, an SMS holds 70 characters instead of 160: each phone without RCS gets {parts} SMS. "
        + advice
    )
    assert sms_costs_more(text)


def test_quotes_in_plain_text_are_listed_with_their_price():
    text = "It’s “great”\u00a0today. " + "x" * 60
    assert sms_cost_words(text) == (
        "With these characters, an SMS holds 70 characters instead of 160: ’ “ ” (no-break space). "
        "Each phone without RCS gets 2 SMS instead of 1 (2x the price). Replacing the 4 marked characters makes it 1."
    )
    shown = sms_cost_words(text, lambda chars: "[" + "".join(chars) + "]")
    assert "160: [’“”\u00a0]." in shown  # the SMS tab puts its marks there


def test_quotes_that_cost_nothing_more_are_still_named():
    assert sms_cost_words("It’s on") == (
        "With these characters, an SMS holds 70 characters instead of 160: ’. Each phone without RCS still gets 1 SMS."
    )
    assert not sms_costs_more("It’s on")


def test_standard_text_costs_nothing_to_say():
    assert sms_cost_words("Sale {today} only: 50% off") == ""
    assert sms_cost_words("") == ""


def test_a_text_of_invisible_characters_only_is_said_without_failing():
    assert sms_cost_words("\u200b") == (
        "With these characters, an SMS holds 70 characters instead of 160: (zero width space). "
        "Each phone without RCS still gets 1 SMS."
    )


@given(st.text(max_size=400))
def test_every_text_is_said_in_words_that_match_its_count(text):
    words = sms_cost_words(text)
    sms = count_sms(text)
    assert bool(words) is (sms.is_unicode and sms.parts > 0)
    assert "Unicode" not in words and "UCS-2" not in words and "GSM" not in words
    name = alphabet_name(text)
    if name:  # another alphabet: its letters are never listed nor marked
        assert words.startswith(f"With {name},")
        assert marked_positions(text) == []
    else:
        assert marked_positions(text) == unicode_positions(text)
    if words:
        assert ("still gets" in words or "fits in 1 SMS" in words) is not sms_costs_more(text)
