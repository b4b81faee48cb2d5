"""Counting text the way the WWT.world server counts it: in UTF-16 code units."""

from __future__ import annotations


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units (a simple emoji counts 2)."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def digits_only(text: str) -> str:
    """The digits of a typed phone number: ``"+380 99 123-45-67"`` -> ``"380991234567"``."""
    return "".join(ch for ch in text if "0" <= ch <= "9")
