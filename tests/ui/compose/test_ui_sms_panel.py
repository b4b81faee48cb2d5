"""The SMS fallback panel: live counter, what special characters or another alphabet cost, marks and fix,
on/off keeping the text, fields."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from app.campaign.model import AlternativeChannel, SmsFallback
from ui.compose.editor_state import CampaignEditor, new_document
from ui.compose.sms_panel import MARK_BACKGROUND, SmsFallbackPanel


@pytest.fixture
def panel(qtbot):
    editor = CampaignEditor(new_document("Europe/Kyiv"))
    widget = SmsFallbackPanel(editor, ["WWTshop", "Promo"])
    qtbot.addWidget(widget)
    widget.resize(520, 600)
    widget.show()
    return widget


def type_text(qtbot, panel: SmsFallbackPanel, text: str) -> None:
    """Type at the end of the text, one key event per character (QTest only types Latin-1 itself)."""
    edit = panel.text_edit
    edit.setFocus()
    edit.moveCursor(QTextCursor.MoveOperation.End)
    for char in text:
        if char == "\n":
            qtbot.keyClick(edit, Qt.Key.Key_Return)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(edit, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))


def marked_positions(panel: SmsFallbackPanel) -> list[tuple[int, int]]:
    """(start, length) of the ranges the highlighter coloured, over the whole text."""
    marks = []
    block = panel.text_edit.document().begin()
    while block.isValid():
        for fmt in block.layout().formats():
            if fmt.format.background().color().name() == MARK_BACKGROUND:
                marks.append((block.position() + fmt.start, fmt.length))
        block = block.next()
    return sorted(marks)


def test_counter_counts_extension_characters_twice(qtbot, panel):
    type_text(qtbot, panel, "Hi {name}")
    assert panel.editor.campaign.sms.text == "Hi {name}"
    assert panel.counter_label.text() == (
        "11 characters · 1 SMS part · standard characters: 160 per SMS · 149 left in this part ({ } count as 2)"
    )
    panel.text_edit.clear()
    type_text(qtbot, panel, "a" * 159 + "€")  # 161 units: two parts of 153
    assert panel.counter_label.text().startswith(
        "161 characters · 2 SMS parts · standard characters: 153 per part · 145 left in this part"
    )
    assert not panel.unicode_label.isVisible() and not panel.replace_button.isVisible()


def test_one_typographic_quote_switches_to_unicode_with_70_and_67_limits(qtbot, panel):
    type_text(qtbot, panel, "It’s on")
    assert panel.counter_label.text() == (
        "7 characters · 1 SMS part · special characters: 70 per SMS instead of 160 · 63 left in this part"
    )
    type_text(qtbot, panel, "x" * 63)  # 70: still one part
    assert panel.counter_label.text().startswith(
        "70 characters · 1 SMS part · special characters: 70 per SMS instead of 160 · 0 left"
    )
    type_text(qtbot, panel, "y")  # 71: two parts of 67
    assert panel.counter_label.text().startswith(
        "71 characters · 2 SMS parts · special characters: 67 per part instead of 153 · 63 left"
    )


def test_characters_forcing_unicode_are_marked_and_listed(qtbot, panel):
    type_text(qtbot, panel, "“Sale” – now\nIt’s 😀 time")
    text = panel.text
    assert panel.unicode_label.isVisible()
    assert panel.unicode_label.accessibleName() == (  # the counter says how many characters an SMS holds
        "Special characters in the text: “ ” – ’ 😀. Each phone without RCS still gets 1 SMS."
    )
    for char in "“”–’😀":
        assert char in panel.unicode_label.text()
    expected = [(text.index(c), 1) for c in "“”–’"]  # all before the emoji: str index = UTF-16 index
    emoji_at = len(text[: text.index("😀")].encode("utf-16-le")) // 2
    assert marked_positions(panel) == sorted([*expected, (emoji_at, 2)])
    # the same warning is not repeated under the field
    assert not panel.text_problem.isVisible()


def test_replace_button_converts_quotes_and_dashes_as_one_undo_step(qtbot, panel):
    type_text(qtbot, panel, "“Sale” – it’s on… now")
    cursor = panel.text_edit.textCursor()
    cursor.setPosition(len("“Sale” – it’s"))  # the user's cursor just after "it’s"
    panel.text_edit.setTextCursor(cursor)
    assert panel.replace_button.isVisible()
    qtbot.mouseClick(panel.replace_button, Qt.MouseButton.LeftButton)
    assert panel.text == '"Sale" - it\'s on... now'
    assert panel.editor.campaign.sms.text == '"Sale" - it\'s on... now'
    assert panel.text_edit.textCursor().position() == len('"Sale" - it\'s')  # still after "it's"
    assert panel.counter_label.text().startswith("23 characters · 1 SMS part · standard characters")
    assert not panel.unicode_label.isVisible() and not panel.replace_button.isVisible()
    assert marked_positions(panel) == []
    panel.text_edit.undo()  # one step back to what was typed
    assert panel.text == "“Sale” – it’s on… now"
    assert "special characters: 70 per SMS instead of 160" in panel.counter_label.text()


def test_replace_keeps_characters_that_have_no_plain_equivalent(qtbot, panel):
    type_text(qtbot, panel, "Sale – 50% ✓")
    qtbot.mouseClick(panel.replace_button, Qt.MouseButton.LeftButton)
    assert panel.text == "Sale - 50% ✓"
    assert "special characters: 70 per SMS instead of 160" in panel.counter_label.text()
    assert not panel.replace_button.isVisible()  # nothing more it can do
    assert panel.unicode_label.accessibleName().startswith("Special characters in the text: ✓.")


def test_switching_off_removes_the_fallback_and_on_restores_what_was_typed(qtbot, panel):
    editor = panel.editor
    type_text(qtbot, panel, "Your order is ready")
    panel.sender_combo.lineEdit().clear()
    qtbot.keyClicks(panel.sender_combo.lineEdit(), "WWTshop")
    assert editor.campaign.to_request()["alternative_channel"]["sms"]["sender"] == "WWTshop"
    assert not panel.off_label.isVisible()
    click = QPoint(panel.enable_check.height() // 2, panel.enable_check.height() // 2)
    qtbot.mouseClick(panel.enable_check, Qt.MouseButton.LeftButton, pos=click)
    assert not panel.enable_check.isChecked()
    assert "alternative_channel" not in editor.campaign.to_request()
    assert panel.off_label.isVisible() and "Phones without RCS will get nothing." in panel.off_label.text()
    assert panel.text == "Your order is ready" and not panel.text_edit.isEnabled()
    assert not panel.switch_problem.isVisible()  # the off line says it already
    qtbot.mouseClick(panel.enable_check, Qt.MouseButton.LeftButton, pos=click)
    sms = editor.campaign.to_request()["alternative_channel"]["sms"]
    assert sms == {"text": "Your order is ready", "sender": "WWTshop"}
    assert not panel.off_label.isVisible()


def test_sender_validity_and_stop_list_are_written_and_problems_shown_at_the_field(qtbot, panel):
    editor = panel.editor
    assert [panel.sender_combo.itemText(i) for i in range(panel.sender_combo.count())] == ["WWTshop", "Promo"]
    qtbot.keyClicks(panel.sender_combo.lineEdit(), "My Shop!")
    assert editor.campaign.sms.sender == "My Shop!"
    assert panel.sender_problem.isVisible() and "Latin letters and digits" in panel.sender_problem.text()
    assert panel.sender_combo.property("severity") == "error"
    panel.sender_combo.setCurrentIndex(1)  # picked from the list
    assert editor.campaign.sms.sender == "Promo"
    assert not panel.sender_problem.isVisible()
    assert panel.validity_spin.value() == 72 and editor.campaign.sms.validity is None
    panel.validity_spin.setFocus()
    qtbot.keyClick(panel.validity_spin, Qt.Key.Key_Down)
    assert editor.campaign.sms.validity == 71
    assert panel.stop_list_check.isChecked() and editor.campaign.sms.check_stop_list is None
    box = panel.stop_list_check
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(box.height() // 2, box.height() // 2))
    assert editor.campaign.sms.check_stop_list is False
    assert not panel.text_problem.isHidden()  # the text is still empty: an error at the field
    assert "Write the SMS text" in panel.text_problem.text()


def test_opening_a_campaign_reloads_the_fields(qtbot, panel):
    document = new_document("Europe/Kyiv")
    document.campaign.alternative_channel.sms = SmsFallback(
        text="Hello", sender="Promo", validity=12, check_stop_list=False
    )
    panel.editor.replace(document)
    assert panel.enable_check.isChecked() and panel.text == "Hello"
    assert panel.sender_combo.currentText() == "Promo"
    assert panel.validity_spin.value() == 12 and not panel.stop_list_check.isChecked()
    assert not panel.editor.modified
    without = new_document("Europe/Kyiv")
    without.campaign.alternative_channel = None
    panel.editor.replace(without)
    assert not panel.enable_check.isChecked() and panel.off_label.isVisible()
    assert panel.text == ""
    assert not panel.editor.modified
    panel.set_sender_suggestions(["Other"])
    assert panel.sender_combo.count() == 1


def test_ukrainian_text_is_said_once_in_words_without_marks(qtbot, panel):
    type_text(qtbot, panel, "Весняний розпродаж: «–30%» до неділі… shop.example.com")
    assert "Ukrainian letters: 70 per SMS instead of 160" in panel.counter_label.text()
    assert "Unicode" not in panel.counter_label.text()
    # the counter says it all (1 SMS part, 70 instead of 160): no sentence repeats it
    assert not panel.unicode_label.isVisible()
    assert marked_positions(panel) == []  # no letter, quote or dash marked: replacing them would lower nothing
    assert not panel.replace_button.isVisible()


def test_a_longer_ukrainian_text_says_its_cost_once(qtbot, panel):
    type_text(qtbot, panel, "Привіт! " * 10)  # 80 characters: 2 SMS with Ukrainian letters, 1 without
    assert "Ukrainian letters: 67 per part instead of 153" in panel.counter_label.text()
    assert panel.unicode_label.accessibleName() == (
        "Each phone without RCS gets 2 SMS. At 70 characters or fewer it would be 1 SMS."
    )
    assert panel.unicode_label.property("tone") == "warning"
    [warning] = [p for p in panel.editor.problems if p.path == "alternative_channel.sms.text"]
    # the warning stands alone in the confirmation, so it says the rule; here the counter does
    assert warning.message.startswith("With Ukrainian letters, an SMS holds 70 characters instead of 160")
    assert not panel.text_problem.isVisible()  # and it is not repeated under the field


def test_ukrainian_letters_anywhere_unmark_the_quotes(qtbot, panel):
    type_text(qtbot, panel, "“Sale”\n")
    assert len(marked_positions(panel)) == 2 and panel.replace_button.isVisible()
    type_text(qtbot, panel, "Знижки")  # another line: its letters make the text Unicode anyway
    assert marked_positions(panel) == [] and not panel.replace_button.isVisible()
    for _ in "Знижки":
        qtbot.keyClick(panel.text_edit, Qt.Key.Key_Backspace)
    assert len(marked_positions(panel)) == 2 and panel.replace_button.isVisible()


def test_the_marks_do_not_count_as_an_edit(qtbot, panel):
    type_text(qtbot, panel, "“Sale”")
    edits = []
    panel.editor.content_changed.connect(lambda: edits.append(panel.text))
    type_text(qtbot, panel, " Знижки")
    assert edits == [panel.text[: len("“Sale”") + n] for n in range(1, len(" Знижки") + 1)]  # one per key


@pytest.mark.parametrize("text", ["“Sale” today", "Знижки “сьогодні”", "Sale today"])
def test_opening_a_campaign_is_not_an_edit(qtbot, panel, text):
    for shown in ("Знижки", text):  # from Ukrainian to marked quotes and back: the marks are redrawn
        document = new_document("Europe/Kyiv")
        document.campaign.alternative_channel = AlternativeChannel(sms=SmsFallback(text=shown, sender="WWTshop"))
        panel.editor.replace(document)
        assert panel.text == shown
        assert not panel.editor.modified
