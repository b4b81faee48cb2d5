"""Whether a phone number's digits make a number that can exist in its country, from the numbering plans
that the ``phonenumbers`` library keeps (``phonenumberslite``: the plans without place or carrier names).

A paid send to a number one digit short goes nowhere: the server takes any 9 to 15 digits. Test phones
(``app.test_sends.phones``) and the numbers call buttons dial (``app.validation.message``) are checked here.

Loading the plans takes about 40 ms the first time (``import phonenumbers``), a check then well under a
millisecond: the window loads them in a quiet moment (``load_plans`` from ``ui.shell.warm_up``) and checks
its campaign's call numbers against them once they are loaded (``plans_loaded``).
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from app.language import tr, tr_n

if TYPE_CHECKING:
    from phonenumbers import PhoneNumber

log = logging.getLogger(__name__)

UKRAINE = "UA"  # the one country named: its staff test on their own Ukrainian phones
SAMPLE = "380441234567"  # a Ukrainian number: checking it loads Ukraine's plan too


_loaded = threading.Event()  # set once load_plans has finished (not when an import has only begun)


def plans_loaded() -> bool:
    """True once ``load_plans`` has finished (a check then makes no pause)."""
    return _loaded.is_set()


def load_plans() -> None:
    """Load the numbering plans, and Ukraine's, so that the next check makes no pause (on a worker)."""
    number_problem(SAMPLE, SAMPLE)
    _loaded.set()


def number_problem(digits: str, shown: str) -> str | None:
    """Why ``digits`` (the country code first, as the server takes them) cannot be a phone number, in
    plain words that quote ``shown`` (what the user typed); None when they can be.

    A library that cannot judge (its data missing from a package, say) judges nothing: the number is
    left to the digit count that the caller checks anyway, and the failure is logged.
    """
    if digits.startswith("0"):  # no country code starts with 0: a number written the local way
        return tr("“{typed}” is written without its country code: type it like +380 99 123 45 67.").format(typed=shown)
    try:
        return _problem(digits, shown)
    except Exception as exc:  # not knowing is no reason to refuse a number the server takes
        log.warning("a phone number could not be checked against the numbering plans: %s", exc)
        log.debug("the failure in full", exc_info=True)  # with -v
        return None


def _problem(digits: str, shown: str) -> str | None:
    import phonenumbers  # about 40 ms, and each country's plan on first use: never at the window's start
    from phonenumbers import NumberParseException, ValidationResult

    try:
        number = phonenumbers.parse("+" + digits)
    except NumberParseException as exc:
        if exc.error_type == NumberParseException.INVALID_COUNTRY_CODE:
            return _unknown_country(shown)
        return tr("“{typed}” is not a valid phone number: check its digits and its country code.").format(typed=shown)
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason == ValidationResult.INVALID_COUNTRY_CODE:
        return _unknown_country(shown)
    if phonenumbers.is_valid_number(number):
        return None
    code = number.country_code
    ukrainian = phonenumbers.region_code_for_number(number) == UKRAINE
    lengths = _lengths(number)
    digits_after_code = len(phonenumbers.national_significant_number(number))
    if lengths and digits_after_code < min(lengths):
        short = min(lengths) - digits_after_code
        if ukrainian:
            return tr_n(
                "“{typed}” is one digit short for a Ukrainian number.",
                "“{typed}” is {count} digits short for a Ukrainian number.",
                short,
            ).format(typed=shown, count=short)
        return tr_n(
            "“{typed}” is one digit short for a number with the country code +{code}.",
            "“{typed}” is {count} digits short for a number with the country code +{code}.",
            short,
        ).format(typed=shown, count=short, code=code)
    if lengths and digits_after_code > max(lengths):
        if ukrainian:
            return tr("“{typed}” has too many digits for a Ukrainian number.").format(typed=shown)
        return tr("“{typed}” has too many digits for a number with the country code +{code}.").format(
            typed=shown, code=code
        )
    if ukrainian:
        return tr("“{typed}” is not a valid Ukrainian number: check its digits.").format(typed=shown)
    return tr("“{typed}” is not a valid number for the country code +{code}: check its digits.").format(
        typed=shown, code=code
    )


def _lengths(number: PhoneNumber) -> list[int]:
    """How many digits after the country code the numbers of its country have (none when unknown)."""
    from phonenumbers import region_code_for_number
    from phonenumbers.phonemetadata import PhoneMetadata

    code, region = number.country_code, region_code_for_number(number)
    if code is None or region is None:
        return []
    metadata = PhoneMetadata.metadata_for_region_or_calling_code(code, region)
    general = metadata.general_desc if metadata is not None else None
    return [length for length in (general.possible_length or ()) if length > 0] if general is not None else []


def _unknown_country(shown: str) -> str:
    return tr("“{typed}” does not start with a known country code: type it like +380 99 123 45 67.").format(typed=shown)
