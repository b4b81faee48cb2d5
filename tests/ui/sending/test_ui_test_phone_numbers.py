"""Settings' "My test phones": a number that cannot exist in its country is refused at its field, in plain words."""

from __future__ import annotations

from app.platform.config import Settings
from ui.common.problem_marks import ProblemLabel
from ui.shell.settings_dialog import SettingsDialog


def test_a_ukrainian_number_one_digit_short_is_not_saved_and_said_at_its_field(qtbot):
    saved: list[Settings] = []
    dialog = SettingsDialog(Settings(), save=saved.append)
    qtbot.addWidget(dialog)
    field = dialog.test_phones.fields[0]
    field.setText("+380 99 123 45 6")
    dialog.on_save_clicked()
    assert saved == []
    assert field.property("severity") == "error"
    shown = [label.text() for label in dialog.test_phones.findChildren(ProblemLabel) if label.text()]
    assert [text.endswith("“+380 99 123 45 6” is one digit short for a Ukrainian number.") for text in shown] == [True]
    field.setText("+380 99 123 45 67")
    assert dialog.test_phones.numbers() == ["380991234567"]
