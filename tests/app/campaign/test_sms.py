"""SMS counting: encoding, units, parts and what is left, at every part boundary."""

from __future__ import annotations

import dataclasses

import pytest

from app.campaign import limits
from app.campaign.sms import (
    GSM7_EXTENSION,
    count_sms,
    is_gsm7,
    replace_typographic,
    unicode_positions,
)

EURO = "€"
CYRILLIC = "я"
EMOJI = "😀"  # outside the BMP: 2 UTF-16 units


def test_empty_text_has_no_parts():
    count = count_sms("")
    assert (count.encoding, count.characters, count.units, count.parts) == ("GSM-7", 0, 0, 0)
    assert count.per_part == 160
    assert count.left_in_part == 160
    assert count.max_units == 765
    assert count.unicode_characters == ()


def test_count_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        count_sms("a").parts = 3  # type: ignore[misc]


@pytest.mark.parametrize(
    ("length", "parts", "per_part", "left"),
    [
        (1, 1, 160, 159),
        (160, 1, 160, 0),
        (161, 2, 153, 145),
        (306, 2, 153, 0),
        (307, 3, 153, 152),
        (765, 5, 153, 0),
        (766, 6, 153, 152),
    ],
)
def test_gsm7_part_boundaries(length, parts, per_part, left):
    count = count_sms("a" * length)
    assert count.encoding == "GSM-7"
    assert (count.units, count.parts, count.per_part, count.left_in_part) == (length, parts, per_part, left)
    assert count.too_long is (parts > limits.SMS_MAX_PARTS)


def test_gsm7_limit_765_accepted_766_refused():
    assert not count_sms("a" * 765).too_long
    assert count_sms("a" * 766).too_long


@pytest.mark.parametrize("char", sorted("^{}\\[~]|€"))
def test_each_extension_character_counts_two(char):
    count = count_sms(char)
    assert count.encoding == "GSM-7"
    assert (count.characters, count.units) == (1, 2)


def test_form_feed_is_in_the_extension_table():
    assert "\f" in GSM7_EXTENSION
    assert count_sms("\f").units == 2


def test_extension_characters_fill_a_single_part():
    assert count_sms(EURO * 80).parts == 1
    assert count_sms("a" * 159 + EURO).parts == 2  # 161 septets


def test_escape_pair_is_never_split_across_parts():
    # 152 + 2 does not fit the 153 of part one: the pair moves whole to part two.
    text = "a" * 152 + EURO + "a" * 152  # 306 septets: 2 parts if it could be cut, 3 when it cannot
    count = count_sms(text)
    assert count.units == 306
    assert count.parts == 3
    assert count.left_in_part == 152


def test_escape_pair_fitting_exactly_at_the_end_of_a_part():
    text = "a" * 151 + EURO + "a" * 153  # 153 + 153
    count = count_sms(text)
    assert (count.units, count.parts, count.left_in_part) == (306, 2, 0)


@pytest.mark.parametrize(
    ("length", "parts", "per_part", "left"),
    [(70, 1, 70, 0), (71, 2, 67, 63), (134, 2, 67, 0), (135, 3, 67, 66), (335, 5, 67, 0), (336, 6, 67, 66)],
)
def test_ucs2_part_boundaries(length, parts, per_part, left):
    count = count_sms(CYRILLIC * length)
    assert count.encoding == "UCS-2"
    assert (count.units, count.parts, count.per_part, count.left_in_part) == (length, parts, per_part, left)
    assert count.max_units == 335


def test_ucs2_limit_335_accepted_336_refused():
    assert not count_sms(CYRILLIC * 335).too_long
    assert count_sms(CYRILLIC * 336).too_long


def test_one_smart_quote_turns_the_whole_text_into_ucs2():
    assert count_sms("a" * 69 + "’").parts == 1
    count = count_sms("a" * 70 + "’")
    assert (count.encoding, count.units, count.parts) == ("UCS-2", 71, 2)
    assert count.unicode_characters == ("’",)


def test_emoji_counts_two_units_and_one_character():
    count = count_sms(EMOJI * 35)
    assert (count.characters, count.units, count.parts) == (35, 70, 1)
    assert count_sms(EMOJI * 36).parts == 2


def test_surrogate_pair_is_never_split_across_ucs2_parts():
    text = CYRILLIC * 66 + EMOJI + CYRILLIC * 66  # 134 units: 2 parts if cut, 3 when kept whole
    count = count_sms(text)
    assert count.units == 134
    assert count.parts == 3
    assert count.left_in_part == 66  # part 2: emoji + 65, part 3: 1


def test_unicode_characters_are_distinct_in_order_of_appearance():
    count = count_sms("a’b“c’d😀")
    assert count.unicode_characters == ("’", "“", EMOJI)


def test_unicode_positions_are_str_indices():
    assert unicode_positions("a’b😀c") == [1, 3]
    assert unicode_positions("plain {text} €") == []


def test_gsm_alphabet_details():
    assert is_gsm7("Ç") and not is_gsm7("ç")
    assert is_gsm7("\n") and is_gsm7("\r") and not is_gsm7("\t")
    assert all(is_gsm7(c) for c in "@£$¥èéùìòØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!\"#¤%&'()*+,-./:;<=>?¡ÄÖÑÜ§¿äöñüà")
    assert not is_gsm7("`") and not is_gsm7("\x1b")


def test_replace_typographic_maps_to_plain_characters():
    text = "‘Hi’ “you” – ok — fine…\u00a0now\u202fx • y\u200bz «q» „w‟ ‚e‛"
    replaced = replace_typographic(text)
    assert replaced == '\'Hi\' "you" - ok - fine... now x - yz "q" "w" \'e\''
    assert count_sms(replaced).encoding == "GSM-7"


def test_replace_typographic_keeps_what_has_no_obvious_equivalent():
    text = "Привет ç 😀 ™"
    assert replace_typographic(text) == text


def test_replace_typographic_keeps_joiners_inside_emoji_sequences():
    family = "👨\u200d👩\u200d👧"
    assert replace_typographic(family) == family
    assert replace_typographic("a\u200db") == "ab"
    assert replace_typographic("\u2019\u200db") == "'b"


def test_every_replacement_is_gsm7():
    from app.campaign.sms import _TYPOGRAPHIC

    for source, target in _TYPOGRAPHIC.items():
        assert not is_gsm7(source), source
        assert all(is_gsm7(c) for c in target), source
