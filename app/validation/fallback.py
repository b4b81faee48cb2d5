"""Checks of ``alternative_channel.sms``: the SMS that goes out when RCS cannot be delivered."""

from __future__ import annotations

from typing import Any

from app.campaign import limits
from app.campaign.sms import count_sms
from app.campaign.sms_words import alphabet_name, sms_cost_words, sms_costs_more
from app.validation.values import Report, count, is_int

# "Keep trying for" is the label of both fields (Schedule and SMS fallback tabs): one name for one setting.
VALIDITY_MESSAGE = (
    f"“Keep trying for” must be a whole number from {limits.VALIDITY_MIN_HOURS} to {limits.VALIDITY_MAX_HOURS} hours."
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


def _check_sms_text(report: Report, text: Any, path: str) -> None:
    if text is None or (isinstance(text, str) and not text.strip()):
        report.error(path, "Write the SMS text that phones without RCS will receive.")
        return
    if not isinstance(text, str):
        report.error(path, "The SMS text could not be read: type it again.")
        return
    sms = count_sms(text)
    if sms.too_long:
        with_what = f" with {alphabet_name(text) or 'special characters'}" if sms.is_unicode else ""
        report.error(
            path,
            f"The SMS text is too long: it needs {sms.parts} SMS parts ({count(sms.units)} characters), but at most "
            f"{limits.SMS_MAX_PARTS} are sent ({count(sms.max_units)} characters{with_what}). Shorten it.",
        )
    if sms_costs_more(text):
        report.warning(path, sms_cost_words(text))


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
