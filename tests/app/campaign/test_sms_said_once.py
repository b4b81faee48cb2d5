"""How many characters an SMS holds is said once, by the counter (``encoding_words``); the sentence beside it
says only the rest. Characters that count as two are named, so the words hold without their glyphs."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.campaign.sms import GSM7_EXTENSION, count_sms
from app.campaign.sms_words import alphabet_name, character_name, counts_as_two_words, encoding_words, sms_cost_words

ASTRAL = re.compile("[\U00010000-\U0010ffff]")
LONG_UKRAINIAN = "Привіт! " * 10  # 80 characters: 2 SMS with Ukrainian letters


def test_the_counter_says_how_much_less_an_sms_holds():
    assert encoding_words("Знижки до неділі") == "Ukrainian letters: 70 per SMS instead of 160"
    assert encoding_words(LONG_UKRAINIAN) == "Ukrainian letters: 67 per part instead of 153"
    assert encoding_words("Sale") == "standard characters: 160 per SMS"  # nothing less to say


def test_beside_the_counter_a_short_ukrainian_text_needs_no_sentence():
    assert sms_cost_words("Знижки «30%» — тільки сьогодні!", beside_counter=True) == ""


def test_beside_the_counter_a_longer_ukrainian_text_says_only_its_cost():
    assert sms_cost_words(LONG_UKRAINIAN, beside_counter=True) == (
        "Each phone without RCS gets 2 SMS. At 70 characters or fewer it would be 1 SMS."
    )
    # alone (the confirmation's warning) the rule is still said
    assert sms_cost_words(LONG_UKRAINIAN).startswith(
        "With Ukrainian letters, an SMS holds 70 characters instead of 160"
    )


def test_beside_the_counter_special_characters_are_listed_without_the_rule():
    text = "It’s “great”\u00a0today. " + "x" * 60
    assert sms_cost_words(text, beside_counter=True) == (
        "Special characters in the text: ’ “ ” (no-break space). "
        "Each phone without RCS gets 2 SMS instead of 1 (2x the price). Replacing the 4 marked characters makes it 1."
    )
    assert sms_cost_words("It’s on", beside_counter=True) == (
        "Special characters in the text: ’. Each phone without RCS still gets 1 SMS."
    )


@given(st.text(max_size=300))
def test_beside_the_counter_the_sizes_are_never_said_again(text):
    words = sms_cost_words(text, beside_counter=True)
    sms = count_sms(text)
    if alphabet_name(text):  # only the cost, and only when there is one
        assert bool(words) is (sms.parts > 1)
        assert "instead of" not in words
    else:
        assert bool(words) is (sms.is_unicode and sms.parts > 0)
        if words:
            assert words.startswith("Special characters in the text: ")
    assert "holds" not in words and "per SMS" not in words and "per part" not in words


def test_an_emoji_that_counts_two_is_named_as_an_emoji():
    assert counts_as_two_words("Sale 😀 today") == "(emoji 😀 counts as 2)"
    assert counts_as_two_words("Sale 😀🎉 today") == "(emoji 😀 🎉 count as 2)"


def test_another_character_that_counts_two_is_named_by_its_unicode_name():
    assert counts_as_two_words("Concert 𝄞 tonight") == "(musical symbol g clef 𝄞 counts as 2)"
    assert counts_as_two_words("𝐒𝐀𝐋𝐄 😀") == (
        "(emoji 😀, bold capital s 𝐒, bold capital a 𝐀, bold capital l 𝐋… count as 2)"
    )


@pytest.mark.parametrize(
    ("char", "name"),
    [
        ("𝄞", "musical symbol g clef"),
        ("𝘼", "bold italic capital a"),  # MATHEMATICAL SANS-SERIF BOLD ITALIC CAPITAL A: its last words
        ("𠀀", "cjk unified ideograph"),  # the code point at the end of the name is left out
        ("\U000e0080", "U+E0080"),  # no name at all
    ],
)
def test_names_are_short(char, name):
    assert character_name(char) == name


def test_standard_characters_that_count_two_are_shown_as_they_are():
    assert counts_as_two_words("Hi {name} €") == "({ } € count as 2)"
    assert counts_as_two_words("Hi there") == ""
    assert counts_as_two_words("Знижки сьогодні") == ""  # every letter counts one


@given(st.text(max_size=200))
def test_every_character_counting_two_is_named(text):
    words = counts_as_two_words(text)
    sms = count_sms(text)
    double = [char for char in set(text) if (ord(char) > 0xFFFF if sms.is_unicode else char in GSM7_EXTENSION)]
    assert bool(words) is bool(double)
    if words and sms.is_unicode:  # the words hold without the glyphs: a name is left
        bare = ASTRAL.sub("", words).replace("counts as 2", "").replace("count as 2", "")
        assert re.search("[a-z]", bare.lower())


@pytest.mark.usefixtures("ukrainian")
def test_the_counter_and_the_names_are_said_in_ukrainian():
    assert encoding_words("Знижки до неділі") == "українські літери: 70 в одному SMS замість 160"
    assert counts_as_two_words("Знижки 😀") == "(емодзі 😀 рахується як 2)"
    assert sms_cost_words(LONG_UKRAINIAN, beside_counter=True) == (
        "Кожен телефон без RCS отримає 2 SMS. Якщо скоротити текст до 70 символів, буде 1 SMS."
    )
