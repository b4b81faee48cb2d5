"""Sending in Ukrainian (issue 13): the questions before a send and a test, the result and the failures in the
program's language, counts in the catalog's three plural forms, "Schedule" said as a verb on its button."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from app.api.models import CampaignInfo
from app.sending.summary import SummaryLine
from app.test_sends.send import PreparedTest
from ui.sending.campaign_result import CampaignResultDialog
from ui.sending.send_flow import ConfirmSendDialog, _unexpected
from ui.sending.test_send_flow import ConfirmTestDialog

pytestmark = pytest.mark.usefixtures("ukrainian")  # tests/conftest.py: Ukrainian for each test here


def question_of(qtbot, phones: int) -> str:
    """The words of the test question for ``phones`` test phones."""
    prepared = PreparedTest("batch", tuple((f"38099000000{index}", {}) for index in range(phones)))
    dialog = ConfirmTestDialog(prepared, "WWTshop")
    qtbot.addWidget(dialog)
    label = dialog.findChild(QLabel, "testQuestion")
    assert label is not None
    assert dialog.windowTitle() == "Надіслати тест?" and dialog.send_button.text() == "Надіслати тест"
    return label.text()


@pytest.mark.parametrize(
    ("phones", "words"),
    [
        (1, "Ваш тестовий телефон +380990000000 отримає 1 повідомлення з редактора."),
        (3, "Повідомлення з редактора надійде на 3 ваші тестові телефони: +380990000000, "),
        (5, "Повідомлення з редактора надійде на 5 ваших тестових телефонів: +380990000000, "),
    ],
)
def test_the_test_question_counts_the_phones_in_ukrainian(qtbot, phones, words):
    said = question_of(qtbot, phones)
    assert said.startswith(words)
    assert "Його буде надіслано від WWTshop, як і кампанію" in said


@pytest.mark.parametrize(
    ("scheduled", "title", "button"),
    [(True, "Запланувати кампанію?", "Запланувати"), (False, "Надіслати кампанію?", "Надіслати зараз")],
)
def test_the_send_question_is_ukrainian(qtbot, scheduled, title, button):
    dialog = ConfirmSendDialog([SummaryLine("Кому", "1 список")], [], scheduled=scheduled)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == title
    assert dialog.send_button.text() == button  # a verb, not the "Schedule" tab's noun ("Розклад")
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert "Кому:" in texts and "1 список" in texts


def test_the_result_names_its_rows_in_ukrainian_and_keeps_english_keys(qtbot):
    info = CampaignInfo(id=844836979, name="Весна", sender="WWTshop", status="scheduled", price=1234.5, currency="UAH")
    dialog = CampaignResultDialog(info, scheduled=True, demo=True, time_zone="Europe/Kyiv", local_zone="Europe/Kyiv")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Кампанію створено"
    result = dialog.campaign_result
    assert result.values["ID"].text() == "844836979"  # looked up by the English label, whatever the language
    assert result.values["Estimated price"].text() == "1\u00a0234,50\u00a0UAH"
    lines = result.text().splitlines()
    assert "Агент RCS: WWTshop" in lines and "Орієнтовна ціна: 1\u00a0234,50\u00a0UAH" in lines
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert "Кампанію заплановано." in texts and "Демо: на справжні телефони нічого не надіслано." in texts


def test_an_unexpected_failure_while_sending_is_said_in_ukrainian():
    error = _unexpected(RuntimeError("boom")).error
    assert error is not None
    assert error.user_message.startswith("Під час надсилання сталася помилка, тож кампанію могли створити")
    assert error.details == "RuntimeError: boom"  # for support: as the program wrote it
