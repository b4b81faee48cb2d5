"""What an SMS text costs, in words: one wording for the SMS tab, the phone preview, the validation
warning and the confirmation (which lists the warnings).

A text in Ukrainian is Unicode because of its language: that is said once, with what it costs, and
its letters are not listed. Quotes, dashes and emoji that make an otherwise plain text Unicode are
listed, since replacing them lowers the price. On the SMS tab the counter says how many characters an
SMS holds (``encoding_words``), so the sentence under it leaves that out (``beside_counter``).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence

from app.campaign import limits
from app.campaign.sms import (
    GSM7_EXTENSION,
    count_sms,
    is_gsm7,
    language_letters,
    marked_positions,
    replace_typographic,
)
from app.language import tr, tr_mark, tr_n
from app.language.formats import format_count, format_decimal, number_style

# Letters that only Ukrainian writes among the Cyrillic alphabets used here; Russian ones rule it out.
_UKRAINIAN = frozenset("ґєіїҐЄІЇ")
_NOT_UKRAINIAN = frozenset("ёыэъЁЫЭЪ")
# An alphabet's letters by the first word of their Unicode names; each reads in a sentence such as "The
# text has Ukrainian letters" (other alphabets are said "Ethiopic letters", their Unicode name).
_SCRIPT_WORDS = {
    "CJK": tr_mark("Chinese characters"),
    "HIRAGANA": tr_mark("Japanese characters"),
    "KATAKANA": tr_mark("Japanese characters"),
    "HANGUL": tr_mark("Korean letters"),
    "GREEK": tr_mark("Greek letters"),
    "ARABIC": tr_mark("Arabic letters"),
    "HEBREW": tr_mark("Hebrew letters"),
    "ARMENIAN": tr_mark("Armenian letters"),
    "GEORGIAN": tr_mark("Georgian letters"),
    "THAI": tr_mark("Thai letters"),
    "DEVANAGARI": tr_mark("Devanagari letters"),
}
# Invisible characters people paste without knowing, by their Unicode names (lower case); any other
# invisible one is said by its Unicode name as it is.
_INVISIBLE_WORDS = {
    "\u00a0": tr_mark("no-break space"),
    "\u202f": tr_mark("narrow no-break space"),
    "\u2009": tr_mark("thin space"),
    "\u2002": tr_mark("en space"),
    "\u2003": tr_mark("em space"),
    "\u200b": tr_mark("zero width space"),
    "\u200c": tr_mark("zero width non-joiner"),
    "\u200d": tr_mark("zero width joiner"),
    "\u2060": tr_mark("word joiner"),
    "\ufeff": tr_mark("zero width no-break space"),
    "\u00ad": tr_mark("soft hyphen"),
    "\u200e": tr_mark("left-to-right mark"),
    "\u200f": tr_mark("right-to-left mark"),
    "\u2028": tr_mark("line separator"),
    "\u2029": tr_mark("paragraph separator"),
}
_ACCENTED_SHOWN = 3
_LISTED = 12  # characters named in a plain-text warning; the SMS tab marks every one
_DOUBLE_NAMED = 4  # characters named after the counter as counting 2; more are left at "…"
_NAME_WORDS = 4  # a Unicode name is cut to its last words: "… SANS-SERIF BOLD ITALIC SMALL A" -> "bold italic small a"
_NAME_NUMBER = re.compile(r"-[0-9A-F]{4,6}$")  # "CJK UNIFIED IDEOGRAPH-20000": the code point, not a word
# Letters pasted as "bold" or "italic" text are named MATHEMATICAL BOLD CAPITAL S...: the first word says nothing.
_NAME_PREFIX = "MATHEMATICAL "


def describe_character(char: str) -> str:
    """The character itself, or its name in brackets when it is invisible (``"(no-break space)"``)."""
    if unicodedata.category(char) in ("Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co", "Cn", "Mn", "Me"):
        known = _INVISIBLE_WORDS.get(char)
        name = tr(known) if known else unicodedata.name(char, f"U+{ord(char):04X}").lower()
        return f"({name})"
    return char


def is_emoji(char: str) -> bool:
    """True for a pictograph of the emoji blocks (faces, flags' letters, skin tones: U+1F000 to U+1FAFF)."""
    return 0x1F000 <= ord(char) <= 0x1FAFF and unicodedata.category(char) in ("So", "Sk")


def character_name(char: str) -> str:
    """A character's Unicode name, short and in lower case (``musical symbol g clef``, ``bold capital s``),
    for when its glyph may not show; ``U+E0080`` for a character without a name."""
    name = _NAME_NUMBER.sub("", unicodedata.name(char, "")).removeprefix(_NAME_PREFIX)
    if not name:
        return f"U+{ord(char):04X}"
    return " ".join(name.lower().split()[-_NAME_WORDS:])


def _named_characters(chars: Sequence[str]) -> str:
    """``emoji 😀 🎉, musical symbol g clef 𝄞``: each character with its name, the emoji under one word,
    invisible ones by their name alone."""
    emoji = [char for char in chars if is_emoji(char)]
    others = [char for char in chars if not is_emoji(char)]
    named = [tr("emoji {characters}").format(characters=" ".join(emoji))] if emoji else []
    for char in others:
        shown = describe_character(char)
        named.append(shown if shown != char else f"{character_name(char)} {char}")
    more = "…" if len(named) > _DOUBLE_NAMED else ""
    return ", ".join(named[:_DOUBLE_NAMED]) + more


def counts_as_two_words(text: str) -> str:
    """After the counter, the characters of ``text`` that count as two: ``(€ [ ] count as 2)`` in standard
    characters; in Unicode, where they may have no glyph on this computer, by name too:
    ``(emoji 😀 counts as 2)``. "" when there are none."""
    if count_sms(text).is_unicode:
        double = [char for char in dict.fromkeys(text) if ord(char) > 0xFFFF]
        shown = _named_characters(double)
    else:
        double = [char for char in dict.fromkeys(text) if char in GSM7_EXTENSION]
        shown = " ".join(describe_character(char) for char in double)
    if not double:
        return ""
    # Translators: after the counter; {chars} are the characters that count as two ("€ [ ]", "emoji 😀").
    return tr_n("({chars} counts as 2)", "({chars} count as 2)", len(double)).format(chars=shown)


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
        return tr("Ukrainian letters") if used & _UKRAINIAN and not used & _NOT_UKRAINIAN else tr("Cyrillic letters")
    if script == "LATIN":
        shown = [char for char in dict.fromkeys(letters) if _script(char) == "LATIN"][:_ACCENTED_SHOWN]
        if not shown:
            return tr("accented letters")
        # Translators: letters with accents that an SMS in standard characters cannot send, listed ("ł ś").
        return tr("accented letters ({letters})").format(letters=" ".join(shown))
    known = _SCRIPT_WORDS.get(script)
    # Translators: letters of an alphabet named in English by the Unicode standard ("Ethiopic letters").
    return tr(known) if known else tr("{alphabet} letters").format(alphabet=script.title())


def encoding_words(text: str) -> str:
    """What one SMS of ``text`` holds: ``standard characters: 160 per SMS``, and with other characters
    how much less: ``Ukrainian letters: 70 per SMS instead of 160``, ``… 67 per part instead of 153``."""
    sms = count_sms(text)
    size = format_count(sms.per_part)
    if not sms.is_unicode:
        what = tr("standard characters")
        if sms.parts <= 1:
            # Translators: {characters} is "standard characters"; {count} how many fit.
            return tr("{characters}: {count} per SMS").format(characters=what, count=size)
        # Translators: a long SMS goes out in parts; {characters} as above, {count} how many fit in each part.
        return tr("{characters}: {count} per part").format(characters=what, count=size)
    what = alphabet_name(text) or tr("special characters")
    if sms.parts <= 1:
        plain = format_count(limits.SMS_GSM7_SINGLE)
        # Translators: {characters} is "Ukrainian letters", "special characters"...; {count} how many fit in
        # one SMS, {plain} how many standard characters would.
        words = tr("{characters}: {count} per SMS instead of {plain}")
    else:
        plain = format_count(limits.SMS_GSM7_PART)
        # Translators: a long SMS goes out in parts; {characters} as above, {count} how many fit in each part,
        # {plain} how many standard characters would.
        words = tr("{characters}: {count} per part instead of {plain}")
    return words.format(characters=what, count=size, plain=plain)


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


def sms_cost_words(
    text: str, show: Callable[[Sequence[str]], str] = listed_characters, *, beside_counter: bool = False
) -> str:
    """Why an SMS of ``text`` holds 70 characters instead of 160 and what that costs; "" for standard text.

    ``show`` turns the marked characters (see ``marked_positions``) into the text put in the sentence
    (the SMS tab shows them highlighted). ``beside_counter``: the counter next to it already says how
    many characters an SMS holds (``encoding_words``), so only the rest is said, "" when nothing is left.
    """
    sms = count_sms(text)
    if not sms.is_unicode or not sms.parts:
        return ""
    sizes = {"unicode_size": limits.SMS_UCS2_SINGLE, "plain_size": limits.SMS_GSM7_SINGLE}
    name = alphabet_name(text)
    if name and beside_counter:  # what only this sentence says: how many SMS, and how long is fewer
        if sms.parts == 1:
            return ""
        gets = tr_n("Each phone without RCS gets {count} SMS.", "Each phone without RCS gets {count} SMS.", sms.parts)
        return f"{gets.format(count=format_count(sms.parts))} {_shorter_words(sms.parts)}"
    if name:  # the language's own letters: nothing to replace, only the length to weigh
        if sms.parts == 1:
            return tr(
                "With {alphabet}, an SMS holds {unicode_size} characters instead of {plain_size}: "
                "this text fits in 1 SMS."
            ).format(alphabet=name, **sizes)
        costs = tr(
            "With {alphabet}, an SMS holds {unicode_size} characters instead of {plain_size}: "
            "each phone without RCS gets {parts} SMS."
        ).format(alphabet=name, parts=sms.parts, **sizes)
        return f"{costs} {_shorter_words(sms.parts)}"
    positions = marked_positions(text)
    shown = show(tuple(dict.fromkeys(text[i] for i in positions)))
    if beside_counter:
        # Translators: beside the counter, which says "special characters: 70 per SMS instead of 160";
        # {characters} lists them ("’ “ ” (no-break space)").
        words = tr("Special characters in the text: {characters}.").format(characters=shown)
    else:
        # Translators: {characters} lists the characters that make the SMS cost more ("’ “ ” (no-break space)").
        words = tr(
            "With these characters, an SMS holds {unicode_size} characters instead of {plain_size}: {characters}."
        )
        words = words.format(characters=shown, **sizes)
    plain = _plain_parts(text)
    if sms.parts <= plain:
        return f"{words} " + tr("Each phone without RCS still gets {parts} SMS.").format(parts=sms.parts)
    ratio = format_decimal(sms.parts / plain, 1).removesuffix(number_style().decimal + "0")  # "2x", "1.5x"
    # Translators: {ratio} is how many times the usual price the SMS costs ("2", "1.5").
    costs = tr("Each phone without RCS gets {parts} SMS instead of {plain} ({ratio}x the price).").format(
        parts=sms.parts, plain=plain, ratio=ratio
    )
    replacing = tr_n(
        "Replacing the marked character makes it {plain}.",
        "Replacing the {count} marked characters makes it {plain}.",
        len(positions),
    ).format(count=format_count(len(positions)), plain=plain)
    return f"{words} {costs} {replacing}"


def _shorter_words(parts: int) -> str:
    """``At 70 characters or fewer it would be 1 SMS.``: how long a text in another alphabet of ``parts``
    SMS may be to go out as one fewer."""
    fewer = parts - 1
    most = limits.SMS_UCS2_SINGLE if fewer == 1 else fewer * limits.SMS_UCS2_PART
    return tr_n(
        "At {count} character or fewer it would be {fewer} SMS.",
        "At {count} characters or fewer it would be {fewer} SMS.",
        most,
    ).format(count=format_count(most), fewer=fewer)
