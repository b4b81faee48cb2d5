"""One setting, one name: "Keep trying for" on the Schedule and SMS fallback tabs, in their errors and
in the confirmation."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from app.sending.summary import send_summary
from helpers.window import spring_sale_window


def label_of(field) -> str:
    [label] = [label for label in field.window().findChildren(QLabel) if label.buddy() is field]
    return label.text().replace("&", "")


def test_both_fields_and_their_errors_use_the_same_words(qtbot):
    with spring_sale_window(qtbot) as harness:
        window = harness.window
        schedule, sms = window.schedule_panel, window.sms_panel
        assert label_of(schedule.validity_spin) == label_of(sms.validity_spin) == "Keep trying for:"
        assert "keeps trying to deliver the RCS message for 48 hours" in schedule.validity_note.text()
        campaign = window.editor.campaign
        campaign.validity = 0
        campaign.sms.validity = 100
        window.editor.touch()
        window.editor.reveal_all()
        for problem in (schedule.validity_problem, sms.validity_problem):
            assert "“Keep trying for” must be a whole number from 1 to 72 hours" in problem.text()
        lines = {line.label: line.value for line in send_summary(window.editor.document, local_zone="UTC")}
        assert "Keep trying for" in lines
