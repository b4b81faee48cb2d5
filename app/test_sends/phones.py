"""The user's test phones ("My test phones" in Settings): typed as people write them, sent as digits."""

from __future__ import annotations

from collections.abc import Sequence

from app.campaign.phone_numbers import number_problem
from app.campaign.text_units import phone_for_server
from app.language import tr, tr_n
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

    Blank entries are skipped; each number must be one that can exist in its country
    (``app.campaign.phone_numbers``). Problems point at ``test_phones[i]`` (the i-th entry typed) or at
    ``test_phones`` (none given, too many); a number given twice is a warning and gets one test.
    """
    numbers: list[str] = []
    problems: list[Problem] = []
    entries = [(index, text) for index, text in enumerate(typed) if text.strip()]
    if not entries:
        problems.append(Problem(PATH, ERROR, tr("Add a test phone first: type your own number in My test phones.")))
        return numbers, problems
    if len(entries) > MAX_TEST_PHONES:
        problems.append(
            Problem(
                PATH,
                ERROR,
                tr_n(
                    "A test goes to at most {most} phones ({count} is listed): remove some.",
                    "A test goes to at most {most} phones ({count} are listed): remove some.",
                    len(entries),
                ).format(most=MAX_TEST_PHONES, count=len(entries)),
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
                    tr(
                        "“{typed}” is not a phone number: use only digits, +, spaces, dashes, dots, slashes and "
                        "brackets, like +380 (99) 123-45-67."
                    ).format(typed=_shown(text)),
                )
            )
        elif not PHONE_MIN_DIGITS <= len(digits) <= PHONE_MAX_DIGITS:
            problems.append(
                Problem(
                    path,
                    ERROR,
                    tr_n(
                        "“{typed}” has {count} digit: a number with its country code has {least} to {most}, "
                        "like +380 99 123 45 67.",
                        "“{typed}” has {count} digits: a number with its country code has {least} to {most}, "
                        "like +380 99 123 45 67.",
                        len(digits),
                    ).format(typed=_shown(text), count=len(digits), least=PHONE_MIN_DIGITS, most=PHONE_MAX_DIGITS),
                )
            )
        elif (problem := number_problem(digits, _shown(text))) is not None:
            problems.append(Problem(path, ERROR, problem))
        elif digits in numbers:
            problems.append(
                Problem(
                    path, WARNING, tr("{phone} is listed twice: it gets one test.").format(phone=phone_words(digits))
                )
            )
        else:
            numbers.append(digits)
    return numbers, problems
