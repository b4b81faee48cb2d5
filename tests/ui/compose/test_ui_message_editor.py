"""The message editor, driven as a user would: typing, clicking, choosing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from app.campaign import limits
from app.campaign.media_check import MediaCheck
from app.campaign.model import Card, Media, Options, Suggestion
from ui.common import workers
from ui.compose.editor_state import CampaignEditor, new_document
from ui.compose.media_preview import MediaPreviewService
from ui.compose.message_editor import MessageEditor

NOW = datetime(2025, 3, 10, 9, 0, tzinfo=UTC)


class Questions:
    """Stands in for the confirmation dialog: records questions, answers ``answer``."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked: list[tuple[str, str]] = []

    def __call__(self, title: str, question: str, action: str) -> bool:
        self.asked.append((title, question))
        return self.answer


@pytest.fixture
def editor():
    campaign_editor = CampaignEditor(new_document("Europe/Kyiv"))
    campaign_editor.set_clock(NOW)
    return campaign_editor


@pytest.fixture
def checks():
    return []


@pytest.fixture
def service(checks):
    def fake_check(url, **_kwargs):
        checks.append(url)
        return MediaCheck(url, "not_found", "Not found (404): check the address.")

    media_service = MediaPreviewService(check=fake_check)
    yield media_service
    media_service.shutdown()
    assert workers.wait_for_all(5000)


@pytest.fixture
def widget(qtbot, editor, service):
    message_editor = MessageEditor(editor, service)
    qtbot.addWidget(message_editor)
    message_editor.confirm = Questions(False)
    message_editor.resize(520, 700)
    message_editor.show()
    return message_editor


def type_text(widget, text: str) -> None:
    """Type ``text`` (any characters, emoji too) the way an input method delivers it."""
    widget.setFocus()
    for ch in text:
        QApplication.sendEvent(
            widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
        )


def click_kind(qtbot, widget, kind: str) -> None:
    qtbot.mouseClick(widget.kind_buttons[kind], Qt.MouseButton.LeftButton)


def doc_cards(editor):
    return editor.campaign.options.cards


def test_typing_a_card_title_updates_counter_and_document(qtbot, widget, editor):
    card = widget.card_editors[0]
    qtbot.keyClicks(card.title_field, "Hello")

    assert card.title_counter.text() == f"5 / {limits.CARD_TITLE_MAX}"
    assert doc_cards(editor)[0].title == "Hello"
    assert editor.modified


def test_emoji_counts_two_in_the_counter(qtbot, widget, editor):
    card = widget.card_editors[0]
    type_text(card.title_field, "😀")
    assert card.title_counter.text() == "2 / 200"
    type_text(card.text_field, "Hi 😀")
    assert card.text_counter.text() == f"5 / {limits.CARD_TEXT_MAX}"
    assert doc_cards(editor)[0].text == "Hi 😀"


def test_counter_turns_to_error_past_the_limit(qtbot, widget):
    click_kind(qtbot, widget, "text")
    qtbot.keyClicks(widget.text_field, "x" * (limits.TEXT_MESSAGE_MAX + 1))
    assert widget.text_counter.text() == "161 / 160"
    assert widget.text_counter.over
    assert "161" in widget.text_problem.text()
    assert widget.text_problem.isVisible()


def test_too_long_button_text_shows_the_error_at_that_button(qtbot, widget, editor):
    card = widget.card_editors[0]
    qtbot.mouseClick(card.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(card.add_button, Qt.MouseButton.LeftButton)
    second = card.buttons[1]
    qtbot.keyClicks(card.buttons[0].text_field, "Open")
    qtbot.keyClicks(second.text_field, "x" * 26)

    assert second.text_counter.text() == "26 / 25"
    assert second.text_problem.isVisible()
    assert "at most 25" in second.text_problem.text()
    assert second.text_field.property("severity") == "error"
    assert not card.buttons[0].text_problem.isVisible()
    assert doc_cards(editor)[0].suggestions[1].text == "x" * 26
    assert not card.add_button.isEnabled()
    assert "at most 2" in card.add_button.toolTip()


def test_call_button_stores_digits_and_keeps_the_typed_number(qtbot, widget, editor):
    card = widget.card_editors[0]
    qtbot.mouseClick(card.add_button, Qt.MouseButton.LeftButton)
    button = card.buttons[0]
    qtbot.keyClicks(button.text_field, "Call us")
    button.kind_box.setFocus()
    qtbot.keyClick(button.kind_box, Qt.Key.Key_Down)  # "Open link" -> "Call"
    assert button.kind == "call"
    qtbot.keyClicks(button.target_field, "+380  99 123 45 67")
    qtbot.keyClick(button.target_field, Qt.Key.Key_Return)  # leaving the field tidies the number

    suggestion = doc_cards(editor)[0].suggestions[0]
    assert suggestion.phone == "380991234567"
    assert suggestion.url is None
    assert suggestion.kind == "call"
    assert button.target_field.text() == "+380 99 123 45 67"
    assert button.sent_as.text() == "Sent as 380991234567"
    assert not any(p.path.endswith(".phone") for p in editor.problems)
    request = editor.campaign.to_request(for_sending=True)
    assert request["options"]["cards"][0]["suggestions"][0] == {
        "type": "call",
        "text": "Call us",
        "phone": "380991234567",
    }


def test_link_button_writes_the_url(qtbot, widget, editor):
    card = widget.card_editors[0]
    qtbot.mouseClick(card.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(card.buttons[0].target_field, "https://example.com/a")
    assert doc_cards(editor)[0].suggestions[0].url == "https://example.com/a"
    qtbot.mouseClick(card.buttons[0].remove_button, Qt.MouseButton.LeftButton)
    assert doc_cards(editor)[0].suggestions is None
    assert card.add_button.isEnabled()


def test_switching_type_keeps_the_text(qtbot, widget, editor):
    widget.confirm = Questions(True)
    click_kind(qtbot, widget, "text")
    assert editor.campaign.message_kind == "text"
    qtbot.keyClicks(widget.text_field, "Hello there")
    assert editor.campaign.options.text == "Hello there"

    click_kind(qtbot, widget, "card")
    assert editor.campaign.message_kind == "card"
    assert doc_cards(editor)[0].text == "Hello there"
    assert widget.card_editors[0].text_field.toPlainText() == "Hello there"

    click_kind(qtbot, widget, "carousel")
    assert [c.text for c in doc_cards(editor)] == ["Hello there", ""]
    assert widget.current_card == 1

    click_kind(qtbot, widget, "card")  # the second card is empty: nothing to ask
    assert [c.text for c in doc_cards(editor)] == ["Hello there"]
    click_kind(qtbot, widget, "text")
    assert editor.campaign.options.text == "Hello there"
    assert editor.campaign.options.cards is None
    assert widget.confirm.asked == []


def test_switching_to_text_asks_before_removing_a_title(qtbot, widget, editor):
    card = widget.card_editors[0]
    qtbot.keyClicks(card.title_field, "Sale")
    qtbot.keyClicks(card.text_field, "Body")

    click_kind(qtbot, widget, "text")  # the user says no
    assert editor.campaign.message_kind == "card"
    assert widget.kind_buttons["card"].isChecked()
    assert "title" in widget.confirm.asked[0][1]

    widget.confirm = Questions(True)
    click_kind(qtbot, widget, "text")
    assert editor.campaign.options.text == "Body"
    assert widget.text_field.toPlainText() == "Body"


def test_carousel_to_card_asks_when_other_cards_have_content(qtbot, widget, editor):
    click_kind(qtbot, widget, "carousel")
    qtbot.keyClicks(widget.card_editors[1].title_field, "Second")
    widget.select_card(0)
    qtbot.keyClicks(widget.card_editors[0].title_field, "First")

    click_kind(qtbot, widget, "card")
    assert len(doc_cards(editor)) == 2 and widget.kind_buttons["carousel"].isChecked()
    assert "card 2" in widget.confirm.asked[0][1]


def test_add_cards_up_to_five_then_add_is_disabled(qtbot, widget, editor):
    click_kind(qtbot, widget, "carousel")
    while widget.cards.add_card_button.isEnabled():
        qtbot.mouseClick(widget.cards.add_card_button, Qt.MouseButton.LeftButton)
    assert len(doc_cards(editor)) == limits.CARDS_MAX
    assert len(widget.card_editors) == limits.CARDS_MAX
    assert widget.cards.card_tabs.count() == limits.CARDS_MAX
    assert "at most 5" in widget.cards.add_card_button.toolTip()
    assert widget.current_card == 4


def test_reorder_and_remove_cards(qtbot, widget, editor):
    click_kind(qtbot, widget, "carousel")
    qtbot.mouseClick(widget.cards.add_card_button, Qt.MouseButton.LeftButton)
    for index, title in enumerate("ABC"):
        widget.cards.card_tabs.setCurrentIndex(index)
        qtbot.keyClicks(widget.card_editors[index].title_field, title)
    assert [c.title for c in doc_cards(editor)] == ["A", "B", "C"]

    widget.cards.card_tabs.setCurrentIndex(0)
    qtbot.mouseClick(widget.cards.move_right_button, Qt.MouseButton.LeftButton)
    assert [c.title for c in doc_cards(editor)] == ["B", "A", "C"]
    assert widget.current_card == 1
    assert widget.card_editors[1].title_field.text() == "A"
    qtbot.mouseClick(widget.cards.move_right_button, Qt.MouseButton.LeftButton)
    assert [c.title for c in doc_cards(editor)] == ["B", "C", "A"]
    assert not widget.cards.move_right_button.isEnabled()
    qtbot.mouseClick(widget.cards.move_left_button, Qt.MouseButton.LeftButton)
    assert [c.title for c in doc_cards(editor)] == ["B", "A", "C"]

    qtbot.mouseClick(widget.cards.remove_card_button, Qt.MouseButton.LeftButton)  # asked; the answer is no
    assert len(doc_cards(editor)) == 3
    widget.confirm = Questions(True)
    qtbot.mouseClick(widget.cards.remove_card_button, Qt.MouseButton.LeftButton)
    assert [c.title for c in doc_cards(editor)] == ["B", "C"]
    qtbot.mouseClick(widget.cards.remove_card_button, Qt.MouseButton.LeftButton)
    assert [c.title for c in doc_cards(editor)] == ["B"]
    assert editor.campaign.message_kind == "card"
    assert widget.kind_buttons["card"].isChecked()
    assert widget.cards.card_tabs.isHidden()


def test_problem_in_another_card_marks_its_tab(qtbot, widget, editor):
    click_kind(qtbot, widget, "carousel")
    qtbot.keyClicks(widget.card_editors[1].title_field, "x" * (limits.CARD_TITLE_MAX + 1))
    widget.select_card(0)
    assert "✖" in widget.cards.card_tabs.tabText(1)
    assert "at most 200" in widget.cards.card_tabs.tabToolTip(1)
    assert widget.card_editors[1].title_problem.text()


def test_media_address_goes_into_the_card_and_an_empty_text_is_dropped(qtbot, widget, editor, checks):
    card = widget.card_editors[0]
    qtbot.keyClicks(card.media_field, "https://example.com/a.png")
    qtbot.keyClick(card.media_field, Qt.Key.Key_Return)
    assert doc_cards(editor)[0].media.url == "https://example.com/a.png"
    assert doc_cards(editor)[0].text is None  # a card with a picture needs no text
    qtbot.waitUntil(lambda: card.preview.state == "failed")
    assert checks == ["https://example.com/a.png"]
    card.media_field.selectAll()
    qtbot.keyClick(card.media_field, Qt.Key.Key_Delete)
    assert doc_cards(editor)[0].media is None
    assert doc_cards(editor)[0].text == ""


def test_opening_a_document_reloads_every_field(qtbot, widget, editor):
    document = new_document("UTC")
    document.campaign.options = Options(
        cards=[
            Card(title="One", text="First", suggestions=[Suggestion(text="Go", url="https://e.com", extra={"x": 1})]),
            Card(title="Two", media=Media(url="https://e.com/b.png", extra={"keep": True})),
        ],
        extra={"future": "kept"},
    )
    editor.replace(document)
    assert widget.kind_buttons["carousel"].isChecked()
    assert [e.title_field.text() for e in widget.card_editors] == ["One", "Two"]
    assert widget.card_editors[0].buttons[0].text_field.text() == "Go"
    qtbot.keyClick(widget.card_editors[0].buttons[0].text_field, Qt.Key.Key_End)  # a loaded field shows its start
    qtbot.keyClicks(widget.card_editors[0].buttons[0].text_field, "!")
    widget.select_card(1)
    widget.card_editors[1].media_field.selectAll()
    qtbot.keyClick(widget.card_editors[1].media_field, Qt.Key.Key_Delete)
    request = editor.campaign.to_request()
    assert request["options"]["future"] == "kept"
    assert request["options"]["cards"][0]["suggestions"][0] == {"text": "Go!", "url": "https://e.com", "x": 1}
    assert request["options"]["cards"][1]["media"] == {"keep": True}


def test_message_level_problem_is_shown_and_nothing_is_left_unplaced(qtbot, widget, editor):
    click_kind(qtbot, widget, "text")
    assert widget.text_problem.isVisible()  # "Write the message text."
    assert widget.unplaced_problems == []
    qtbot.keyClicks(widget.text_field, "Hi")
    assert not widget.text_problem.isVisible()


def test_switch_plans_keep_unknown_members_and_the_only_card_with_content():
    from app.campaign.message_kinds import plan_switch

    options = Options(cards=[Card(text=""), Card(title="Kept", text="x"), Card(text="")], extra={"future": 1})
    plan = plan_switch(options, "card", preferred=0)
    assert plan.options.cards == [options.cards[1]]
    assert plan.options.extra == {"future": 1}
    assert not plan.loses_content

    plan = plan_switch(options, "text", preferred=1)
    assert plan.options.text == "x" and plan.options.cards is None
    assert plan.lost_parts == ["title"] and plan.removed_cards == []

    plan = plan_switch(Options(text="Hi", extra={"future": 1}), "carousel")
    assert [c.text for c in plan.options.cards] == ["Hi", ""]
    assert plan.options.extra == {"future": 1}


def test_a_link_typed_without_https_is_completed_when_leaving_the_field(qtbot, widget, editor):
    from ui.compose.button_editor import complete_web_address

    card = widget.card_editors[0]
    qtbot.mouseClick(card.add_button, Qt.MouseButton.LeftButton)
    field = card.buttons[0].target_field
    qtbot.keyClicks(field, "shop.example.com/winter")
    field.editingFinished.emit()  # the user leaves the field
    assert field.text() == "https://shop.example.com/winter"
    assert doc_cards(editor)[0].suggestions[0].url == "https://shop.example.com/winter"
    assert complete_web_address("shop.example.com/winter") == "https://shop.example.com/winter"
    assert complete_web_address("http://shop.example.com") == "http://shop.example.com"
    assert complete_web_address("ftp://files.example.com") == "ftp://files.example.com"  # left to validation
    assert complete_web_address("not a link") == "not a link"
    assert complete_web_address("localhost") == "localhost"
    assert complete_web_address("sales@shop.com") == "sales@shop.com"  # an e-mail address is no web link
    assert complete_web_address("geo:50.45,30.52") == "geo:50.45,30.52"
    assert complete_web_address("shop.example.com:8080/a") == "https://shop.example.com:8080/a"
