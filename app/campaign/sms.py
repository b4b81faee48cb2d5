"""Counting SMS parts the way mobile networks bill them, and finding the characters that cost more.

GSM-7 (the 3GPP TS 23.038 default alphabet) fits 160 characters in one SMS and 153 in each part of
a longer one; the characters of its extension table (``^ { } \\ [ ~ ] | €`` and form feed) are sent
as an escape pair and count two. Any other character turns the whole text into UCS-2: 70 UTF-16
units in one SMS, 67 per part. Splitting never cuts an escape pair or a surrogate pair in two.

A text is Unicode either because of its language (letters such as Cyrillic ones, which nothing can
replace) or because of a few characters that could be replaced or left out (typographic quotes and
dashes, emoji, symbols): only the latter are worth marking.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

from app.campaign import limits

Encoding = Literal["GSM-7", "UCS-2"]

GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("\f^{}\\[~]|€")


@dataclass(frozen=True)
class SmsCount:
    """How a text goes out as SMS.

    ``units`` are GSM-7 septets (extension characters count 2) or UTF-16 code units; ``parts`` is 0
    for an empty text; ``per_part`` is the capacity of one part for this text (160/153 or 70/67);
    ``left_in_part`` is what still fits in the last part; ``unicode_characters`` are the distinct
    characters that force UCS-2, in order of first appearance.
    """

    encoding: Encoding
    characters: int
    units: int
    parts: int
    per_part: int
    left_in_part: int
    max_units: int
    unicode_characters: tuple[str, ...]

    @property
    def is_unicode(self) -> bool:
        return self.encoding == "UCS-2"

    @property
    def too_long(self) -> bool:
        """More parts than the server accepts for an SMS fallback."""
        return self.parts > limits.SMS_MAX_PARTS


def is_gsm7(char: str) -> bool:
    """True when ``char`` can be sent in GSM-7 (basic or extension table)."""
    return char in GSM7_BASIC or char in GSM7_EXTENSION


def unicode_positions(text: str) -> list[int]:
    """Indices in ``text`` (Python ``str`` indices) of the characters that force UCS-2."""
    return [index for index, char in enumerate(text) if not is_gsm7(char)]


def is_language_letter(char: str) -> bool:
    """True for a letter (or an accent on one) that GSM-7 cannot send: the text is Unicode because of its
    language, and replacing the letter would change the spelling."""
    if is_gsm7(char) or char in _TYPOGRAPHIC:
        return False
    category = unicodedata.category(char)
    if category in ("Mn", "Mc"):  # accents; variation selectors belong to emoji
        return not ("\ufe00" <= char <= "\ufe0f" or "\U000e0100" <= char <= "\U000e01ef")
    return category.startswith("L")


def language_letters(text: str) -> list[str]:
    """Each letter of ``text`` that makes it Unicode because of its language (repeats kept), in order."""
    return [char for char in text if is_language_letter(char)]


def marked_positions(text: str) -> list[int]:
    """Indices of the characters worth marking: those that make the SMS Unicode and could be replaced or
    left out (quotes, dashes, emoji). None when the text's letters make it Unicode anyway: then replacing
    the others lowers nothing."""
    if any(is_language_letter(char) for char in text):
        return []
    return unicode_positions(text)


def _unit_sizes(text: str, gsm: bool) -> list[int]:
    """Size in units of each character; each entry is indivisible when splitting into parts."""
    if gsm:
        return [2 if char in GSM7_EXTENSION else 1 for char in text]
    return [2 if ord(char) > 0xFFFF else 1 for char in text]


def _segment(sizes: list[int], single: int, per_part: int) -> tuple[int, int]:
    """Greedy split: (number of parts, units in the last part). Pieces are never cut."""
    total = sum(sizes)
    if total == 0:
        return 0, 0
    if total <= single:
        return 1, total
    parts, used = 1, 0
    for size in sizes:
        if used + size > per_part:
            parts += 1
            used = 0
        used += size
    return parts, used


def count_sms(text: str) -> SmsCount:
    """Encoding, length and number of parts of ``text`` sent as SMS."""
    unicode_chars = tuple(dict.fromkeys(char for char in text if not is_gsm7(char)))
    gsm = not unicode_chars
    if gsm:
        single, multi, max_units = limits.SMS_GSM7_SINGLE, limits.SMS_GSM7_PART, limits.SMS_GSM7_MAX
    else:
        single, multi, max_units = limits.SMS_UCS2_SINGLE, limits.SMS_UCS2_PART, limits.SMS_UCS2_MAX
    sizes = _unit_sizes(text, gsm)
    parts, in_last = _segment(sizes, single, multi)
    per_part = single if parts <= 1 else multi
    return SmsCount(
        encoding="GSM-7" if gsm else "UCS-2",
        characters=len(text),
        units=sum(sizes),
        parts=parts,
        per_part=per_part,
        left_in_part=per_part - in_last,
        max_units=max_units,
        unicode_characters=unicode_chars,
    )


# Typographic characters with an obvious GSM-7 equivalent. Letters with accents are left alone:
# replacing them would change the spelling, not just the typography.
_TYPOGRAPHIC: dict[str, str] = {
    # single quotes, apostrophes, primes
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u2039": "'",
    "\u203a": "'",
    "\u0060": "'",
    "\u00b4": "'",
    "\u02bc": "'",
    # double quotes
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2033": '"',
    # dashes, hyphens, minus
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u2043": "-",
    # ellipsis, fraction slash
    "\u2026": "...",
    "\u2044": "/",
    # bullets
    "\u2022": "-",
    "\u2023": "-",
    "\u25e6": "-",
    "\u2219": "-",
    # spaces of every width, tab
    "\u00a0": " ",
    "\u202f": " ",
    "\u2000": " ",
    "\u2001": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\u2004": " ",
    "\u2005": " ",
    "\u2006": " ",
    "\u2007": " ",
    "\u2008": " ",
    "\u2009": " ",
    "\u200a": " ",
    "\u205f": " ",
    "\u3000": " ",
    "\t": " ",
    # line and paragraph separators
    "\u2028": "\n",
    "\u2029": "\n",
    # invisible characters: removed
    "\u200b": "",
    "\u2060": "",
    "\ufeff": "",
    "\u00ad": "",
}
_ZERO_WIDTH_JOINER = "\u200d"


def replace_typographic(text: str) -> str:
    """Replace smart quotes, dashes, ellipsis, special spaces, bullets... by plain GSM-7 characters.

    A zero-width joiner is removed only between GSM-7 characters: inside an emoji sequence it is
    part of the emoji.
    """
    out: list[str] = []
    for index, char in enumerate(text):
        if char == _ZERO_WIDTH_JOINER:
            before = out[-1][-1:] if out else ""
            following = text[index + 1] if index + 1 < len(text) else ""
            after = _TYPOGRAPHIC.get(following, following)[:1]
            if is_gsm7(before or "a") and is_gsm7(after or "a"):
                continue
            out.append(char)
        elif replacement := _TYPOGRAPHIC.get(char, char):
            out.append(replacement)
    return "".join(out)
