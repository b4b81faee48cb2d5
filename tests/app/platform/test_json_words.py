"""A damaged campaign or settings file is described in words people act on, at a line they can find.

"spring.rcs.json is damaged and cannot be read (line 56, column 2)" said nothing a marketing person
could act on; now it says "there is an extra comma before the } on line 56".
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.campaign.file import CampaignFileError, load_campaign_file
from app.campaign.value_words import value_words
from app.platform.config import AppPaths, load_settings
from app.platform.json_words import json_error_words

PARSER_WORDS = re.compile(r"Expecting|delimiter|property name|column|char \d|Extra data|Unterminated|JSON")


def words_for(text: str) -> str:
    with pytest.raises(json.JSONDecodeError) as caught:
        json.loads(text)
    return json_error_words(caught.value)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('{"a": 1,}', "there is an extra comma before the } on line 1"),
        ("[1, 2,\n]", "there is an extra comma on line 1, before the ] on line 2"),
        ('{"a" 1}', "a colon (:) is missing after the name on line 1"),
        ('{\n "a": 1\n "b": 2}', "a comma is missing at the end of line 2"),
        ('{"a": 1 "b": 2}', 'a comma is missing on line 1, before "b"'),
        ("{a: 1}", 'a name on line 1 is not in double quotes (")'),
        ("{'a': 1}", "names and texts need double quotes (\"), not single ones ('), on line 1"),
        ('{"a": }', "a value is missing after the colon on line 1"),
        ("[1,,2]", "a value is missing before the comma on line 1"),
        ('{"a": "x', 'a text that starts on line 1 has no closing quote (")'),
        ('{"a": 1', "it ends too early on line 1: something is missing at the end, such as a } or ]"),
        ('{"a": [1, 2}', "the } on line 1 does not match the bracket it should close"),
        ('{"a": 1}\n{"b": 2}', "there is more text on line 2 after the closing }, where the file should end"),
        ("// a note\n{}", "notes (comments) cannot be written in the file: remove the one on line 1"),
        ('{"a": soon}', "'soon' on line 1 is not understood: texts need double quotes (\")"),
    ],
)
def test_each_kind_of_damage_is_said_in_words(text, said):
    assert words_for(text) == said


def test_a_trailing_comma_in_a_campaign_file_names_its_line(tmp_path):
    lines = ["{", '  "format": "rcs-desk.campaign",', '  "version": 1,']
    lines += [f'  "note{n}": "x",' for n in range(51)]  # the comma on line 55, the } on line 56
    lines += ['  "request": {"groups": [1]},', "}"]
    path = tmp_path / "spring.rcs.json"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(CampaignFileError) as caught:
        load_campaign_file(path)
    assert caught.value.user_message == (
        "spring.rcs.json cannot be opened: there is an extra comma on line 55, before the } on line 56."
    )
    assert "column" in caught.value.details  # the parser's own words stay for "Copy details"


def test_a_damaged_settings_file_is_said_in_words(tmp_path):
    paths = AppPaths(config_dir=tmp_path / "config", data_dir=tmp_path / "data")
    paths.config_dir.mkdir()
    paths.settings_file.write_text('{\n  "time_zone": "Europe/Kyiv",\n}\n', encoding="utf-8")
    problem = load_settings(paths).load_problem or ""
    assert "there is an extra comma on line 2, before the } on line 3" in problem
    assert not PARSER_WORDS.search(problem)


@given(st.text(max_size=60))
def test_whatever_is_broken_the_words_name_a_line_and_no_parser_jargon(text):
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        said = json_error_words(error)
        assert re.search(r"line \d", said), said
        assert not PARSER_WORDS.search(said), said
    except (ValueError, RecursionError):
        pass  # not a decoding error (a huge number): not described here


campaign_like = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=4),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=6,
)


@given(campaign_like.map(lambda value: json.dumps(value, indent=1)))
def test_a_valid_file_with_one_character_dropped_is_described(text):
    for cut in range(len(text)):
        broken = text[:cut] + text[cut + 1 :]
        try:
            json.loads(broken)
        except json.JSONDecodeError as error:
            said = json_error_words(error)
            assert re.search(r"line \d", said) and not PARSER_WORDS.search(said), said


@pytest.mark.parametrize(
    ("value", "said"),
    [(0, "0"), (12345, "12345"), (2.5, "2.5"), (True, "true"), (None, "empty"), ("soon", '"soon"'), ([1], "a list")],
)
def test_a_stored_value_is_said_as_written(value, said):
    assert value_words(value) == said


def test_long_values_are_cut():
    assert value_words(10**40) == "a number of 41 digits"
    assert value_words("x" * 100) == '"' + "x" * 20 + '…"'
