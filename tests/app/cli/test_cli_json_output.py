"""``--json`` output: always valid JSON; an array (thousands of lists) by the C encoder, on one line."""

from __future__ import annotations

import io
import json

from hypothesis import given
from hypothesis import strategies as st

from app.cli.output import print_json

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


def printed(value: object) -> str:
    out = io.StringIO()
    print_json(value, out)
    return out.getvalue()


@given(st.lists(st.dictionaries(st.text(), JSON_VALUES, max_size=5), max_size=8))
def test_an_array_is_valid_json_on_one_line(items):
    text = printed(items)
    assert json.loads(text) == items
    assert text.count("\n") == 1 and text.endswith("\n"), "one line: the C encoder, not indent's Python one"


def test_non_ascii_is_kept_as_is():
    assert printed([{"name": "Весна ü"}]) == '[{"name": "Весна ü"}]\n'


@given(st.dictionaries(st.text(), JSON_VALUES, max_size=5))
def test_a_single_object_is_valid_json_and_indented_for_reading(value):
    text = printed(value)
    assert json.loads(text) == value
    if value:
        assert text.startswith("{\n  "), text
