"""Counting text the way the WWT.world server counts it: in UTF-16 code units."""

from __future__ import annotations


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units (a simple emoji counts 2)."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2  # in C: a char at a time takes 0.1 s per 100 KB


def digits_only(text: str) -> str:
    """The digits of a typed phone number: ``"+380 99 123-45-67"`` -> ``"380991234567"``."""
    return "".join(ch for ch in text if "0" <= ch <= "9")
