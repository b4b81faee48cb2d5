"""The user's test phones ("My test phones" in Settings): typed as people write them, sent as digits."""

from __future__ import annotations

from collections.abc import Sequence

from app.campaign.text_units import phone_for_server
from app.validation.problems import ERROR, WARNING, Problem, join_path

MAX_TEST_PHONES = 5
PHONE_MIN_DIGITS, PHONE_MAX_DIGITS = 9, 15  # with the country code, as the server takes them
PATH = "test_phones"
SHOWN_CHARS = 30


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def phone_words(digits: str) -> str:
    """A number as the user reads it back: ``+380991234567``."""
    return f"+{digits}"


def read_test_phones(typed: Sequence[str]) -> tuple[list[str], list[Problem]]:
    """The numbers to test with (digits, each once, in the order typed) and the problems of ``typed``.

    Blank entries are skipped. Problems point at ``test_phones[i]`` (the i-th entry typed) or at
    ``test_phones`` (none given, too many); a number given twice is a warning and gets one test.
    """
    numbers: list[str] = []
    problems: list[Problem] = []
    entries = [(index, text) for index, text in enumerate(typed) if text.strip()]
    if not entries:
        problems.append(Problem(PATH, ERROR, "Add a test phone first: type your own number in My test phones."))
        return numbers, problems
    if len(entries) > MAX_TEST_PHONES:
        problems.append(
            Problem(
                PATH,
                ERROR,
                f"A test goes to at most {MAX_TEST_PHONES} phones ({len(entries)} are listed): remove some.",
            )
        )
    for index, text in entries:
        path = join_path(PATH, index)
        digits = phone_for_server(text) or ""
        if not (digits.isascii() and digits.isdigit()):
            problems.append(
                Problem(
                    path,
                    ERROR,
                    f"“{_shown(text)}” is not a phone number: type digits, spaces and + only, like +380 99 123 45 67.",
                )
            )
        elif not PHONE_MIN_DIGITS <= len(digits) <= PHONE_MAX_DIGITS:
            problems.append(
                Problem(
                    path,
                    ERROR,
                    f"“{_shown(text)}” has {len(digits)} digits: a number with its country code has "
                    f"{PHONE_MIN_DIGITS} to {PHONE_MAX_DIGITS}, like +380 99 123 45 67.",
                )
            )
        elif digits.startswith("0"):  # no country code starts with 0: a number written the local way
            problems.append(
                Problem(
                    path,
                    ERROR,
                    f"“{_shown(text)}” is written without its country code: type it like +380 99 123 45 67.",
                )
            )
        elif digits in numbers:
            problems.append(Problem(path, WARNING, f"{phone_words(digits)} is listed twice: it gets one test."))
        else:
            numbers.append(digits)
    return numbers, problems
