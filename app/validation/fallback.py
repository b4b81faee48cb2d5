"""Checks of ``alternative_channel.sms``: the SMS that goes out when RCS cannot be delivered."""

from __future__ import annotations

from typing import Any

from app.campaign import limits
from app.campaign.sms import count_sms
from app.campaign.sms_words import alphabet_name, sms_cost_words, sms_costs_more
from app.language import tr, tr_mark, tr_n
from app.validation.values import Report, count, is_int

# "Keep trying for" is the label of both fields (Schedule and SMS fallback tabs): one name for one setting.
_VALIDITY_RANGE = (limits.VALIDITY_MIN_HOURS, limits.VALIDITY_MAX_HOURS)
STOP_LIST_MESSAGE = tr_mark("Choose whether numbers on the stop list are skipped (yes or no).")


def check_alternative_channel(report: Report, channel: Any) -> None:
    """A missing fallback is a warning; a broken one is an error."""
    path = "alternative_channel"
    if channel is None or (isinstance(channel, dict) and "sms" not in channel):
        report.warning(
            path,
            tr("No SMS fallback is set: phones without RCS will get nothing. Turn on the SMS fallback to reach them."),
        )
        return
    if not isinstance(channel, dict):
        report.error(path, tr("The SMS fallback could not be read: turn it off and on again and fill it in."))
        return
    sms = channel.get("sms")
    if not isinstance(sms, dict):
        report.error(
            f"{path}.sms",
            tr("The SMS fallback is switched on but could not be read: turn it off, or fill it in again."),
        )
        return
    _check_sms_text(report, sms.get("text"), f"{path}.sms.text")
    _check_sms_sender(report, sms.get("sender"), f"{path}.sms.sender")
    check_validity(report, sms, f"{path}.sms.validity")
    check_boolean(report, sms, "check_stop_list", f"{path}.sms.check_stop_list", tr(STOP_LIST_MESSAGE))


def check_validity(report: Report, container: dict[str, Any], path: str) -> None:
    """``validity``, when given, is a whole number of hours within the documented range."""
    if "validity" not in container:
        return
    value = container["validity"]
    low, high = _VALIDITY_RANGE
    if not is_int(value):
        report.error(
            path, tr("“Keep trying for” must be a whole number from {min} to {max} hours.").format(min=low, max=high)
        )
    elif not low <= value <= high:
        # A field can only show an allowed number: say which number the campaign really holds.
        said = tr(
            "“Keep trying for” must be a whole number from {min} to {max} hours (this campaign has {value}). "
            "Choose a number in that range."
        )
        report.error(path, said.format(min=low, max=high, value=value))


def check_boolean(report: Report, container: dict[str, Any], key: str, path: str, message: str) -> None:
    """An error saying ``message`` (in the current language) when ``key`` is given and is not true or false."""
    if key in container and not isinstance(container[key], bool):
        report.error(path, message)


def _check_sms_text(report: Report, text: Any, path: str) -> None:
    if text is None or (isinstance(text, str) and not text.strip()):
        report.error(path, tr("Write the SMS text that phones without RCS will receive."))
        return
    if not isinstance(text, str):
        report.error(path, tr("The SMS text could not be read: type it again."))
        return
    sms = count_sms(text)
    if sms.too_long:
        numbers = {"parts": sms.parts, "count": count(sms.units), "most": limits.SMS_MAX_PARTS}
        if sms.is_unicode:
            # Translators: {alphabet} is "Ukrainian letters", "special characters"...
            said = tr_n(
                "The SMS text is too long: it needs {parts} SMS part ({count} characters), but at most {most} are "
                "sent ({max_count} characters with {alphabet}). Shorten it.",
                "The SMS text is too long: it needs {parts} SMS parts ({count} characters), but at most {most} are "
                "sent ({max_count} characters with {alphabet}). Shorten it.",
                sms.parts,
            ).format(
                alphabet=alphabet_name(text) or tr("special characters"), max_count=count(sms.max_units), **numbers
            )
        else:
            said = tr_n(
                "The SMS text is too long: it needs {parts} SMS part ({count} characters), but at most {most} are "
                "sent ({max_count} characters). Shorten it.",
                "The SMS text is too long: it needs {parts} SMS parts ({count} characters), but at most {most} are "
                "sent ({max_count} characters). Shorten it.",
                sms.parts,
            ).format(max_count=count(sms.max_units), **numbers)
        report.error(path, said)
    if sms_costs_more(text):
        report.warning(path, sms_cost_words(text))


def _check_sms_sender(report: Report, sender: Any, path: str) -> None:
    if sender is None or (isinstance(sender, str) and not sender.strip()):
        report.error(path, tr("Enter the SMS sender name (registered in your WWT.world account)."))
        return
    if not isinstance(sender, str):
        report.error(path, tr("The SMS sender name could not be read: type it again."))
        return
    length = len(sender)
    if sender.isascii() and sender.isdigit():
        if not limits.SMS_SENDER_DIGITS_MIN <= length <= limits.SMS_SENDER_DIGITS_MAX:
            said = tr("An SMS sender made of digits needs {min} to {max} digits (this one has {count}).")
            report.error(
                path, said.format(min=limits.SMS_SENDER_DIGITS_MIN, max=limits.SMS_SENDER_DIGITS_MAX, count=length)
            )
        return
    if not (sender.isascii() and sender.isalnum()):
        report.error(path, tr("The SMS sender can only have Latin letters and digits, without spaces or other signs."))
    elif not limits.SMS_SENDER_ALNUM_MIN <= length <= limits.SMS_SENDER_ALNUM_MAX:
        said = tr("An SMS sender with letters needs {min} to {max} characters (this one has {count}).")
        report.error(path, said.format(min=limits.SMS_SENDER_ALNUM_MIN, max=limits.SMS_SENDER_ALNUM_MAX, count=length))
