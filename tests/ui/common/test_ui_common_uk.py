"""The shared widgets in Ukrainian (issue 13): a failure's general words, the buttons of messages and error
boxes, and a number of hours a field cannot take, counted in the catalog's three plural forms."""

from __future__ import annotations

import pytest

from ui.common.error_box import ErrorBox, explain
from ui.common.message_box import MessageDialog
from ui.common.stored_spin import StoredValueSpinBox, show_stored_hours

pytestmark = pytest.mark.usefixtures("ukrainian")  # tests/conftest.py: Ukrainian for each test here


def test_a_failure_without_words_of_its_own_is_said_in_ukrainian():
    message, details = explain(ValueError("bad"))
    assert message == "Щось пішло не так. Спробуйте ще раз трохи згодом."
    assert details == "ValueError: bad"


def test_the_buttons_of_messages_and_error_boxes_are_ukrainian(qtbot):
    dialog = MessageDialog(None, "Заголовок", "Текст", details="ValueError: bad")
    box = ErrorBox()
    qtbot.addWidget(dialog)
    qtbot.addWidget(box)
    assert dialog.copy_button is not None and dialog.copy_button.text() == "Копіювати подробиці"
    dialog.on_copy_clicked()
    assert dialog.copy_button.text() == "Скопійовано"
    assert box.retry_button.text() == "Повторити" and box.copy_button.text() == "Копіювати подробиці"


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        (101, "недопустиме значення: 101 година"),
        (102, "недопустиме значення: 102 години"),
        (100, "недопустиме значення: 100 годин"),
        (0, "недопустиме значення: 0 годин"),
        (2.5, "недопустиме значення: 2,5 години"),
    ],
)
def test_hours_a_field_cannot_take_are_counted_in_ukrainian(qtbot, stored, shown):
    spin = StoredValueSpinBox()
    qtbot.addWidget(spin)
    spin.setRange(1, 72)
    show_stored_hours(spin, {}, stored, "validity")
    assert spin.text() == shown
