"""The Message tab's layout: fields keep their size and the card scrolls; readable widths on wide windows;
the same screenshot twice is the same picture."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QWidget,
)

from app.campaign.file import load_campaign_file
from app.campaign.model import Card, Media, Suggestion
from app.sandbox import SandboxServer
from helpers.window import EXAMPLES, close_window, make_window, sandbox_connection
from ui.common.image_view import ImageView
from ui.compose.button_editor import ButtonEditor
from ui.compose.media_preview import MediaPreview
from ui.compose.message_fields import LONG_TEXT_CHARS, NAME_CHARS, SEARCH_CHARS, SHORT_TEXT_CHARS
from ui.compose.phone_preview import PANE_WIDTH_PHONES
from ui.shell.screenshot import wait_for_steady_window

SPRING = EXAMPLES / "spring-sale.rcs.json"
PICTURES = (
    "https://demo.rcs-desk.invalid/media/spring-sale.jpg",
    "https://demo.rcs-desk.invalid/media/free-delivery.jpg",
)
FIELD_TYPES = (
    QLineEdit,
    QPlainTextEdit,
    QLabel,
    QAbstractButton,
    QComboBox,
    QTabBar,
    ImageView,
    MediaPreview,
    ButtonEditor,
)
SIZES = [(1024, 640), (1920, 1080)]


def big_carousel():
    """Spring sale as a carousel of five cards, each with a long title and text, a picture and two buttons."""
    document = load_campaign_file(SPRING)
    cards = document.campaign.options.cards
    for number in range(len(cards), 5):
        cards.append(
            Card(
                title=f"Card {number + 1}: a long title that goes on about the sale of the year and its prices",
                text="Every pair of running shoes 30% off in all our stores and online. " * (number + 1),
                media=Media(url=PICTURES[number % 2]),
                suggestions=[
                    Suggestion(text="Shop now and save big", url="https://shop.example.com/spring", type="link"),
                    Suggestion(text="Call the store", phone="380441234567", type="call"),
                ],
            )
        )
    return document


@pytest.fixture
def harness(qtbot):
    server = SandboxServer()
    harness = make_window(qtbot, sandbox_connection(server), server)
    yield harness
    close_window(harness)


def show(harness, document, size) -> None:
    window = harness.window
    window.editor.replace(document)
    window.resize(*size)
    assert wait_for_steady_window(window, work_s=10, layout_s=5) is None


def squeezed(column: QWidget) -> list[str]:
    """Every visible field of ``column`` smaller than it asks to be, described."""
    found = []
    for widget in column.findChildren(QWidget):
        if not isinstance(widget, FIELD_TYPES) or not widget.isVisibleTo(column):
            continue
        if isinstance(widget.parentWidget(), QComboBox):
            continue  # the combo box's own text field: the combo box sizes it
        wanted = widget.heightForWidth(widget.width()) if widget.hasHeightForWidth() else widget.sizeHint().height()
        wanted = min(max(wanted, widget.minimumSizeHint().height()), widget.maximumHeight())
        narrowest = min(widget.minimumSizeHint().width(), widget.maximumWidth())
        if widget.height() < wanted or widget.width() < narrowest:
            name = widget.accessibleName() or widget.objectName() or getattr(widget, "text", lambda: "")()
            found.append(f"{type(widget).__name__} {name!r}: {widget.size().toTuple()}, wants {wanted} high")
    return found


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("which", ["spring-sale", "five-cards"])
def test_every_field_of_every_card_gets_at_least_its_size(harness, size, which):
    document = load_campaign_file(SPRING) if which == "spring-sale" else big_carousel()
    show(harness, document, size)
    window = harness.window
    column = window.compose.tabs.widget(0)  # the Message tab
    editor = window.message_editor
    assert any(e.preview.image_view.has_picture for e in editor.card_editors)  # the pictures are in
    for index in range(len(editor.card_editors)):
        editor.select_card(index)
        assert wait_for_steady_window(window, work_s=10, layout_s=5) is None
        assert squeezed(column) == [], f"card {index + 1}"
        card = editor.card_editors[index]
        scroll = editor.cards.cards_scroll
        if card.height() > scroll.viewport().height():
            assert scroll.verticalScrollBar().maximum() > 0  # what does not fit scrolls


def card_with_a_problem_under_a_button():
    """Spring sale with its first button's text too long: a line of error under that button."""
    document = load_campaign_file(SPRING)
    document.campaign.options.cards[0].suggestions[0].text = "Shop the spring sale right now online"
    return document


def bottom_in_holder(widget: QWidget, holder: QWidget) -> int:
    return widget.mapTo(holder, QPoint(0, widget.height())).y()


def test_a_big_window_shows_the_whole_card_down_to_its_add_button(harness):
    window = harness.window
    show(harness, card_with_a_problem_under_a_button(), (1920, 1080))
    window.editor.reveal_all()
    assert wait_for_steady_window(window, work_s=10, layout_s=5) is None
    card = window.message_editor.card_editors[0]
    assert card.buttons[0].text_problem.isVisible()
    scroll = window.message_editor.cards.cards_scroll
    assert scroll.verticalScrollBar().maximum() == 0  # nothing to scroll to: nothing cut off
    assert bottom_in_holder(card.add_button, scroll.widget()) <= scroll.viewport().height()
    assert card.text_field.height() > card.text_field.minimumHeight()  # the room left goes to the text


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_scrolling_to_the_end_shows_the_add_button_whole(harness, size):
    window = harness.window
    show(harness, big_carousel(), size)
    window.editor.reveal_all()
    assert wait_for_steady_window(window, work_s=10, layout_s=5) is None
    scroll = window.message_editor.cards.cards_scroll
    for card in window.message_editor.card_editors:
        window.message_editor.select_card(card.index)
        assert wait_for_steady_window(window, work_s=10, layout_s=5) is None
        bar = scroll.verticalScrollBar()
        bar.setValue(bar.maximum())
        bottom = bottom_in_holder(card.add_button, scroll.widget())
        assert bar.value() <= bottom - card.add_button.height() and bottom <= bar.value() + scroll.viewport().height()


def test_a_wide_window_keeps_text_fields_readable(qtbot, harness):
    show(harness, load_campaign_file(SPRING), (1920, 1080))
    window = harness.window
    card = window.message_editor.card_editors[0]
    char = card.fontMetrics().averageCharWidth()
    long_fields = [card.title_field, card.text_field, card.media_field, card.buttons[0].target_field]
    for field in long_fields:
        assert 50 * char <= field.width() <= LONG_TEXT_CHARS * char, field.accessibleName()
    label = card.buttons[0].text_field
    assert label.width() <= SHORT_TEXT_CHARS * char  # 25 characters at most: no 900-pixel box for them
    assert card.buttons[0].text_counter.x() - label.geometry().right() < 3 * char  # the counter stays beside it
    assert window.compose.agent_field.combo.width() <= NAME_CHARS * char
    preview = window.phone_preview
    assert window.splitter.sizes()[1] == preview.maximumWidth() == PANE_WIDTH_PHONES * preview.phone_width()
    qtbot.waitUntil(lambda: window.compose.group_picker is not None)
    search = window.compose.group_picker.search_edit
    assert search.maximumWidth() <= SEARCH_CHARS * char < window.compose.tabs.width() // 2


def test_a_smaller_window_keeps_the_message_column_and_the_phone_whole(harness):
    show(harness, load_campaign_file(SPRING), (1024, 640))
    window = harness.window
    column = window.findChild(QWidget, "messageColumn")
    assert column.width() == column.maximumWidth()
    preview = window.phone_preview
    assert preview.phone.width() == preview.phone_width()
    editor_width, preview_width = window.splitter.sizes()
    assert editor_width > preview_width  # the contact lists' names and descriptions need the room more


def test_a_long_title_shows_its_beginning_in_the_field(harness):
    document = load_campaign_file(SPRING)
    document.campaign.options.cards[0].title = "Spring sale: 30% off every pair of running shoes, this week " * 2
    show(harness, document, (1024, 640))
    assert harness.window.message_editor.card_editors[0].title_field.cursorPosition() == 0


@pytest.mark.slow
def test_two_screenshots_of_the_same_file_are_the_same_picture(tmp_path):
    env = dict(os.environ, RCS_DESK_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="offscreen")
    pictures = []
    for run in range(2):
        out = tmp_path / f"shot{run}.png"
        command = [sys.executable, "-m", "rcs_desk", "--demo", "screenshot", str(out), str(SPRING)]
        command += ["--tab", "message", "--size", "1024x640"]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env, check=False)
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""
        pictures.append(out.read_bytes())
    assert pictures[0] == pictures[1]
