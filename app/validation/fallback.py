"""Checks of ``alternative_channel.sms``: the SMS that goes out when RCS cannot be delivered."""

from __future__ import annotations

import unicodedata
from typing import Any

from app.campaign import limits
from app.campaign.sms import count_sms, is_gsm7, replace_typographic, unicode_positions
from app.validation.values import Report, count, is_int

VALIDITY_MESSAGE = (
    f"The validity must be a whole number of hours from {limits.VALIDITY_MIN_HOURS} to {limits.VALIDITY_MAX_HOURS}."
)
STOP_LIST_MESSAGE = "Choose whether numbers on the stop list are skipped (yes or no)."


def check_alternative_channel(report: Report, channel: Any) -> None:
    """A missing fallback is a warning; a broken one is an error."""
    path = "alternative_channel"
    if channel is None or (isinstance(channel, dict) and "sms" not in channel):
        report.warning(
            path,
            "No SMS fallback is set: phones without RCS will get nothing. Turn on the SMS fallback to reach them.",
        )
        return
    if not isinstance(channel, dict):
        report.error(path, "The SMS fallback could not be read: turn it off and on again and fill it in.")
        return
    sms = channel.get("sms")
    if not isinstance(sms, dict):
        report.error(
            f"{path}.sms", "The SMS fallback is switched on but could not be read: turn it off, or fill it in again."
        )
        return
    _check_sms_text(report, sms.get("text"), f"{path}.sms.text")
    _check_sms_sender(report, sms.get("sender"), f"{path}.sms.sender")
    check_validity(report, sms, f"{path}.sms.validity")
    check_boolean(report, sms, "check_stop_list", f"{path}.sms.check_stop_list", STOP_LIST_MESSAGE)


def check_validity(report: Report, container: dict[str, Any], path: str) -> None:
    """``validity``, when given, is a whole number of hours within the documented range."""
    if "validity" not in container:
        return
    value = container["validity"]
    if not is_int(value):
        report.error(path, VALIDITY_MESSAGE)
    elif not limits.VALIDITY_MIN_HOURS <= value <= limits.VALIDITY_MAX_HOURS:
        # A field can only show an allowed number: say which number the campaign really holds.
        report.error(path, f"{VALIDITY_MESSAGE[:-1]} (this campaign has {value}). Choose a number in that range.")


def check_boolean(report: Report, container: dict[str, Any], key: str, path: str, message: str) -> None:
    if key in container and not isinstance(container[key], bool):
        report.error(path, message)


def describe_character(char: str) -> str:
    """The character itself, or its name in brackets when it is invisible (``"(no-break space)"``)."""
    if unicodedata.category(char) in ("Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co", "Cn", "Mn", "Me"):
        name = unicodedata.name(char, f"U+{ord(char):04X}").lower()
        return f"({name})"
    return char


def _check_sms_text(report: Report, text: Any, path: str) -> None:
    if text is None or (isinstance(text, str) and not text.strip()):
        report.error(path, "Write the SMS text that phones without RCS will receive.")
        return
    if not isinstance(text, str):
        report.error(path, "The SMS text could not be read: type it again.")
        return
    sms = count_sms(text)
    if sms.too_long:
        because = " because it has special characters" if sms.is_unicode else ""
        report.error(
            path,
            f"The SMS text is too long: it needs {sms.parts} SMS parts ({count(sms.units)} characters), but at most "
            f"{limits.SMS_MAX_PARTS} are sent ({count(sms.max_units)} characters{because}). Shorten it.",
        )
    cost = sms_cost_words(text)
    if cost:
        shown = " ".join(describe_character(char) for char in sms.unicode_characters[:12])
        more = "…" if len(sms.unicode_characters) > 12 else ""
        report.warning(path, f"These characters make the SMS cost more: {shown}{more}. {cost}")


# Naming how many characters to replace helps when they are a few quotes or dashes; not when the text
# is written in another alphabet (every letter would be "marked").
_FEW_MARKED = 10


def sms_cost_words(text: str) -> str:
    """What special characters cost, in words, or "" when they cost nothing more.

    ``"Each phone without RCS gets 3 SMS instead of 1 (3x the price). Replacing the 4 marked characters
    makes it 1."`` The marked characters are those the SMS tab marks (they force Unicode).
    """
    sms = count_sms(text)
    if not sms.is_unicode or not sms.parts:
        return ""
    typographic = replace_typographic(text)
    plain = count_sms("".join(char if is_gsm7(char) else "?" for char in typographic)).parts
    if sms.parts <= plain:
        return ""
    ratio = f"{sms.parts / plain:.1f}".removesuffix(".0")
    words = f"Each phone without RCS gets {sms.parts} SMS instead of {plain} ({ratio}x the price)."
    marked = len(unicode_positions(text))
    if count_sms(typographic).encoding == "GSM-7" or marked <= _FEW_MARKED:
        characters = "the marked character" if marked == 1 else f"the {marked} marked characters"
        words += f" Replacing {characters} makes it {plain}."
    return words


def _check_sms_sender(report: Report, sender: Any, path: str) -> None:
    if sender is None or (isinstance(sender, str) and not sender.strip()):
        report.error(path, "Enter the SMS sender name (registered in your WWT.world account).")
        return
    if not isinstance(sender, str):
        report.error(path, "The SMS sender name could not be read: type it again.")
        return
    length = len(sender)
    if sender.isascii() and sender.isdigit():
        if not limits.SMS_SENDER_DIGITS_MIN <= length <= limits.SMS_SENDER_DIGITS_MAX:
            report.error(
                path,
                f"An SMS sender made of digits needs {limits.SMS_SENDER_DIGITS_MIN} to "
                f"{limits.SMS_SENDER_DIGITS_MAX} digits (this one has {length}).",
            )
        return
    if not (sender.isascii() and sender.isalnum()):
        report.error(path, "The SMS sender can only have Latin letters and digits, without spaces or other signs.")
    elif not limits.SMS_SENDER_ALNUM_MIN <= length <= limits.SMS_SENDER_ALNUM_MAX:
        report.error(
            path,
            f"An SMS sender with letters needs {limits.SMS_SENDER_ALNUM_MIN} to {limits.SMS_SENDER_ALNUM_MAX} "
            f"characters (this one has {length}).",
        )
