"""A test on the user's own phones, said in Ukrainian (issue 13): the phones' problems with their counts in
the right plural form, and how the test went."""

from __future__ import annotations

import pytest

from app.api.errors import CannotReachServer
from app.campaign.media_check import MediaCheck
from app.tasks.pictures import picture_problem
from app.test_sends.phones import read_test_phones
from app.test_sends.send import MessageOutcome, PhoneResult, TestSendResult
from app.test_sends.status import sent_test_words


@pytest.mark.parametrize(("typed", "said"), [("+1", "1 цифру"), ("+123", "3 цифри"), ("+12345", "5 цифр")])
def test_a_number_too_short_counts_its_digits_in_the_right_form(ukrainian, typed, said):
    _, [problem] = read_test_phones([typed])
    assert problem.message.startswith(f"«{typed}» має {said}: номер із кодом країни має від 9 до 15 цифр")


def test_the_phones_problems_are_said_in_ukrainian(ukrainian):
    _, problems = read_test_phones(["+380 99 123 45 67", "380991234567", "067 111 22 33"])
    assert [problem.message for problem in problems] == [
        "+380991234567 указано двічі: на нього надійде один тест.",
        "«067 111 22 33» записано без коду країни: введіть його у форматі +380 99 123 45 67.",
    ]


def test_how_the_test_went_is_said_in_ukrainian(ukrainian):
    result = TestSendResult(
        "batch",
        (
            PhoneResult("380991234567", "a" * 32, MessageOutcome.SENT),
            PhoneResult("380671112233", "b" * 32, MessageOutcome.NOT_SENT, error=CannotReachServer()),
        ),
    )
    lines = sent_test_words(result).splitlines()
    assert lines[0] == "Тест надіслано на +380991234567."
    assert lines[1].startswith("+380671112233: не надіслано. Не вдалося з’єднатися із сервером WWT.world.")


def test_a_picture_that_will_not_show_is_said_in_ukrainian(ukrainian):
    check = MediaCheck("https://a.ua/x.png", "not_found", "Причина.")
    problem = picture_problem("options.cards[0].media", check)
    assert problem is not None and problem.message == "Зображення не показуватиметься на телефонах. Причина."
