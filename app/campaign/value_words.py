"""A value read from a campaign file, said as a person reads it: what the file really holds in a
field that cannot show it (``0`` hours where 1 is the least, ``"soon"`` where a number belongs)."""

from __future__ import annotations

from typing import Any

from app.language import tr, tr_n
from app.language.formats import format_count, number_style

_SHOWN_CHARS = 20  # of a text quoted in a field
_SHOWN_DIGITS = 12


def value_words(value: Any) -> str:
    """``0`` -> ``"0"``, ``"soon"`` -> ``'"soon"'``, ``None`` -> ``"empty"``, ``[1]`` -> ``"a list"``."""
    if value is None:
        # Translators: what a field of the campaign file holds when it holds nothing ("not allowed: empty").
        return tr("empty")
    if isinstance(value, bool):
        # Translators: the file's JSON value true or false, said as yes or no ("not allowed: true").
        return tr("true") if value else tr("false")
    if isinstance(value, int):
        digits = len(str(abs(value)))
        if digits <= _SHOWN_DIGITS:
            return str(value)  # as written
        return tr_n("a number of {count} digit", "a number of {count} digits", digits).format(
            count=format_count(digits)
        )
    if isinstance(value, float):
        return f"{value:.6g}".replace(".", number_style().decimal)
    if isinstance(value, str):
        return f'"{value}"' if len(value) <= _SHOWN_CHARS else f'"{value[:_SHOWN_CHARS]}…"'
    if isinstance(value, list):
        return tr("a list")
    if isinstance(value, dict):
        return tr("a group of values")
    return type(value).__name__  # not from JSON; said all the same


def is_number(value: Any) -> bool:
    """An int or float from JSON (``true``/``false`` are not numbers)."""
    return isinstance(value, int | float) and not isinstance(value, bool)
