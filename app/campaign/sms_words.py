"""What an SMS text costs, in words: one wording for the SMS tab, the phone preview, the validation
warning and the confirmation (which lists the warnings).

A text in Ukrainian is Unicode because of its language: that is said once, with what it costs, and
its letters are not listed. Quotes, dashes and emoji that make an otherwise plain text Unicode are
listed, since replacing them lowers the price.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence

from app.campaign import limits
from app.campaign.sms import count_sms, is_gsm7, language_letters, marked_positions, replace_typographic

# Letters that only Ukrainian writes among the Cyrillic alphabets used here; Russian ones rule it out.
_UKRAINIAN = frozenset("ґєіїҐЄІЇ")
_NOT_UKRAINIAN = frozenset("ёыэъЁЫЭЪ")
_SCRIPT_WORDS = {
    "CJK": "Chinese characters",
    "HIRAGANA": "Japanese characters",
    "KATAKANA": "Japanese characters",
    "HANGUL": "Korean letters",
}
_ACCENTED_SHOWN = 3
_LISTED = 12  # characters named in a plain-text warning; the SMS tab marks every one


def describe_character(char: str) -> str:
    """The character itself, or its name in brackets when it is invisible (``"(no-break space)"``)."""
    if unicodedata.category(char) in ("Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co", "Cn", "Mn", "Me"):
        name = unicodedata.name(char, f"U+{ord(char):04X}").lower()
        return f"({name})"
    return char


def _script(char: str) -> str:
    """``CYRILLIC``, ``LATIN``, ``CJK``...: the first word of the character's Unicode name ("" for accents)."""
    if unicodedata.category(char).startswith("M"):
        return ""
    return unicodedata.name(char, "").split(" ", 1)[0]


def alphabet_name(text: str) -> str:
    """The letters that make ``text`` Unicode because of its language, named: ``Ukrainian letters``,
    ``Greek letters``, ``accented letters (ł ś)``; "" when it has none."""
    letters = language_letters(text)
    if not letters:
        return ""
    scripts = Counter(script for char in letters if (script := _script(char)))
    script = scripts.most_common(1)[0][0] if scripts else "LATIN"
    if script == "CYRILLIC":
        used = set(letters)
        return "Ukrainian letters" if used & _UKRAINIAN and not used & _NOT_UKRAINIAN else "Cyrillic letters"
    if script == "LATIN":
        shown = [char for char in dict.fromkeys(letters) if _script(char) == "LATIN"][:_ACCENTED_SHOWN]
        return f"accented letters ({' '.join(shown)})" if shown else "accented letters"
    return _SCRIPT_WORDS.get(script) or f"{script.title()} letters"


def encoding_words(text: str) -> str:
    """What one SMS of ``text`` holds: ``standard characters: 160 per SMS``, ``Ukrainian letters: 67 per part``."""
    sms = count_sms(text)
    what = (alphabet_name(text) or "special characters") if sms.is_unicode else "standard characters"
    unit = "per SMS" if sms.parts <= 1 else "per part"
    return f"{what}: {sms.per_part:,} {unit}"


def _plain_parts(text: str) -> int:
    """The SMS parts ``text`` would need in standard characters (each other character as one plain one)."""
    typographic = replace_typographic(text)
    plain = count_sms("".join(char if is_gsm7(char) else "?" for char in typographic)).parts
    return max(plain, 1)  # a text of invisible characters only would be nothing at all


def sms_costs_more(text: str) -> bool:
    """True when ``text`` goes out as more SMS than the same length in standard characters."""
    sms = count_sms(text)
    return sms.is_unicode and sms.parts > _plain_parts(text)


def listed_characters(chars: Sequence[str]) -> str:
    """``’ “ ” (no-break space)``: the first few characters, invisible ones by name."""
    more = "…" if len(chars) > _LISTED else ""
    return " ".join(describe_character(char) for char in chars[:_LISTED]) + more


def sms_cost_words(text: str, show: Callable[[Sequence[str]], str] = listed_characters) -> str:
    """Why an SMS of ``text`` holds 70 characters instead of 160 and what that costs; "" for standard text.

    ``show`` turns the marked characters (see ``marked_positions``) into the text put in the sentence
    (the SMS tab shows them highlighted).
    """
    sms = count_sms(text)
    if not sms.is_unicode or not sms.parts:
        return ""
    holds = f"an SMS holds {limits.SMS_UCS2_SINGLE} characters instead of {limits.SMS_GSM7_SINGLE}"
    name = alphabet_name(text)
    if name:  # the language's own letters: nothing to replace, only the length to weigh
        if sms.parts == 1:
            return f"With {name}, {holds}: this text fits in 1 SMS."
        fewer = sms.parts - 1
        most = limits.SMS_UCS2_SINGLE if fewer == 1 else fewer * limits.SMS_UCS2_PART
        return (
            f"With {name}, {holds}: each phone without RCS gets {sms.parts} SMS. "
            f"At {most:,} characters or fewer it would be {fewer} SMS."
        )
    positions = marked_positions(text)
    words = f"With these characters, {holds}: {show(tuple(dict.fromkeys(text[i] for i in positions)))}."
    plain = _plain_parts(text)
    if sms.parts <= plain:
        return f"{words} Each phone without RCS still gets {sms.parts} SMS."
    ratio = f"{sms.parts / plain:.1f}".removesuffix(".0")
    characters = "the marked character" if len(positions) == 1 else f"the {len(positions)} marked characters"
    return (
        f"{words} Each phone without RCS gets {sms.parts} SMS instead of {plain} ({ratio}x the price). "
        f"Replacing {characters} makes it {plain}."
    )
