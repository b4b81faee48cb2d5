"""A value read from a campaign file, said as a person reads it: what the file really holds in a
field that cannot show it (``0`` hours where 1 is the least, ``"soon"`` where a number belongs)."""

from __future__ import annotations

from typing import Any

_SHOWN_CHARS = 20  # of a text quoted in a field
_SHOWN_DIGITS = 12


def value_words(value: Any) -> str:
    """``0`` -> ``"0"``, ``"soon"`` -> ``'"soon"'``, ``None`` -> ``"empty"``, ``[1]`` -> ``"a list"``."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        digits = len(str(abs(value)))
        return str(value) if digits <= _SHOWN_DIGITS else f"a number of {digits:,} digits"  # as written
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, str):
        return f'"{value}"' if len(value) <= _SHOWN_CHARS else f'"{value[:_SHOWN_CHARS]}…"'
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of values"
    return type(value).__name__  # not from JSON; said all the same


def is_number(value: Any) -> bool:
    """An int or float from JSON (``true``/``false`` are not numbers)."""
    return isinstance(value, int | float) and not isinstance(value, bool)
