"""The contact-list picker, the schedule, the SMS fallback and the phone preview in Ukrainian (issue 13).

Each text is looked up when the widget is made or updated, in the language chosen then (never at import);
counts take Ukrainian's three plural forms and numbers its no-break-space thousands.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt

from app.campaign.model import AlternativeChannel, Card, Options, SmsFallback
from ui.compose import picker_words
from ui.compose.editor_state import CampaignEditor, new_document
from ui.compose.group_model import CONTACTS, NAME, GroupModel, ListRow, format_contacts
from ui.compose.group_picker import GroupPicker
from ui.compose.phone_preview import PhonePreview
from ui.compose.schedule_panel import SchedulePanel
from ui.compose.sms_panel import SmsFallbackPanel

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
NBSP = "\u00a0"


@pytest.fixture
def editor():
    editor = CampaignEditor(new_document("Europe/Kyiv"))
    editor.set_clock(NOW)
    return editor


def _failing_client():
    raise ConnectionError("no network in this test")


@pytest.mark.usefixtures("ukrainian")
@pytest.mark.parametrize(
    ("count", "words"),
    [(1, "Вибрано 1 список"), (3, "Вибрано 3 списки"), (5, "Вибрано 5 списків"), (21, "Вибрано 21 список")],
)
def test_the_chosen_total_takes_the_plural_form_of_its_count(count, words):
    assert picker_words.chosen_total(count, 1590, 0) == f"{words}, 1{NBSP}590 контактів"


@pytest.mark.usefixtures("ukrainian")
def test_the_picker_lines_are_whole_ukrainian_sentences():
    assert picker_words.chosen_total(3, 300, 1) == "Вибрано 3 списки, 300 контактів і ще 1 список невідомого розміру"
    assert picker_words.chosen_total(2, 0, 2) == "Вибрано 2 списки (кількість контактів поки невідома)"
    assert picker_words.lists_count(10000, 10, 10000) == f"Показано 10 · 10{NBSP}000 списків у цьому обліковому записі"
    assert picker_words.missing_lists(2).startswith("⚠ 2 вибрані списки не знайдено в цьому обліковому записі.")
    assert picker_words.why_empty("Київ", chosen_only=False, has_rows=True, loaded=True) == (
        "Жоден список не відповідає «Київ»."
    )


@pytest.mark.usefixtures("ukrainian")
def test_the_list_table_speaks_ukrainian_and_groups_thousands_its_way(qtbot):
    model = GroupModel()
    model.set_rows([ListRow(7, "Клієнти Києва", "", 12345)])
    assert [model.headerData(column, Qt.Orientation.Horizontal) for column in range(3)] == [
        "Список",
        "Контакти",
        "Опис",
    ]
    assert model.index(0, CONTACTS).data() == f"12{NBSP}345" == format_contacts(12345)
    assert model.index(0, NAME).data(Qt.ItemDataRole.ToolTipRole) == "Клієнти Києва (список 7)"


@pytest.mark.usefixtures("ukrainian")
def test_the_group_picker_is_built_in_ukrainian(qtbot, editor):
    picker = GroupPicker(editor, _failing_client)
    qtbot.addWidget(picker)
    assert picker.reload_button.text() == "Оновити"
    assert picker.search_edit.placeholderText() == "Пошук за назвою або описом"
    assert picker.limit_warning.text() == (
        f"⚠ Понад 5{NBSP}000 контактів: WWT.world надсилає одну кампанію щонайбільше на 5{NBSP}000 контактів."
    )
    # a text kept from import time (tr_mark) is translated where it is shown
    picker.on_load_failed(ConnectionError("offline"))
    assert picker.error_box.message_label.text().startswith("Не вдалося завантажити списки контактів.")


@pytest.mark.usefixtures("ukrainian")
@pytest.mark.parametrize(
    ("hours", "span"), [(1, "протягом 1 години;"), (3, "протягом 3 годин;"), (5, "протягом 5 годин;")]
)
def test_the_schedule_speaks_ukrainian_and_says_its_hours_in_their_form(qtbot, editor, hours, span):
    panel = SchedulePanel(editor, "Europe/Kyiv")
    qtbot.addWidget(panel)
    assert panel.now_radio.text() == "Надіслати зараз"
    assert panel.summary_label.text() == "Кампанія почнеться, щойно ви її надішлете."
    panel.validity_spin.setValue(hours)
    assert span in panel.validity_note.text()
    assert panel.validity_note.text().startswith("WWT.world намагається доставити повідомлення RCS")


@pytest.mark.usefixtures("ukrainian")
def test_the_sms_counter_is_ukrainian(qtbot, editor):
    panel = SmsFallbackPanel(editor, ["WWTshop"])
    qtbot.addWidget(panel)
    assert panel.enable_check.text() == "Надсилати SMS на телефони, які не можуть отримати RCS"
    line = panel.describe_count("Hi {x}")
    assert line.startswith("8 символів · 1 частина SMS · ")
    assert "вільно ще 152 символи" in line
    assert line.endswith("({ } рахуються як 2)")
    assert panel.describe_count("A").startswith("1 символ · 1 частина SMS · ")


@pytest.mark.usefixtures("ukrainian")
def test_the_phone_preview_is_ukrainian(qtbot, editor):
    editor.campaign.options = Options(cards=[Card(title="А"), Card(title="Б"), Card(title="В")])
    editor.campaign.alternative_channel = AlternativeChannel(sms=SmsFallback(text="Привіт", sender="WWTshop"))
    preview = PhonePreview(editor)
    qtbot.addWidget(preview)
    preview.resize(500, 800)
    preview.show()
    assert [preview.mode_tabs.tabText(index) for index in range(2)] == ["RCS", "SMS замість RCS"]
    assert preview.fallback_note.text() == "SMS замість RCS увімкнено: телефони без RCS отримають SMS від WWTshop."
    assert preview.dots.accessibleName() == "Картка 1 з 3"
    preview.set_mode("sms")
    assert preview.sms_parts.text() == "Надсилається як 1 SMS"
