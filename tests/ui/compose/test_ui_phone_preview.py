"""The phone preview follows the document: cards, carousel, buttons, and the SMS fallback."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF

from app.campaign.media_check import MediaCheck
from app.campaign.model import AlternativeChannel, Card, Media, Options, SmsFallback, Suggestion
from helpers.media_server import tiny_png
from ui.common import workers
from ui.common.theme import dark_palette
from ui.compose.editor_state import CampaignEditor, new_document
from ui.compose.media_preview import MediaPreviewService
from ui.compose.message_editor import MessageEditor
from ui.compose.phone_parts import (
    CALL_GLYPH,
    CARD_TEXT_LINES_SHOWN,
    CAROUSEL_TEXT_LINES_SHOWN,
    LINK_GLYPH,
    TITLE_LINES_SHOWN,
    clamp_lines,
)
from ui.compose.phone_preview import CAROUSEL_CARD_SHARE, PhonePreview

WAIT_MS = 5000
PICTURE = "https://cdn.example.com/autumn.png"


def shown(text: str) -> str:
    """Label text without the invisible break points put into long words."""
    return text.replace("\u200b", "")


@pytest.fixture
def service(qtbot):
    def fake_check(url, **_kwargs):
        if url == PICTURE:
            data = tiny_png(60, 30)
            return MediaCheck(url, "image", "PNG image", "image/png", len(data), data)
        return MediaCheck(url, "video", "MP4 video, 3.0 MB", "video/mp4", 3 * 1024 * 1024)

    media_service = MediaPreviewService(check=fake_check)
    yield media_service
    media_service.shutdown()
    assert workers.wait_for_all(WAIT_MS)
    qtbot.waitUntil(lambda: not workers.running_tasks(), timeout=WAIT_MS)


@pytest.fixture
def editor():
    document = new_document("UTC")
    campaign = document.campaign
    campaign.sender = "Coffee House"
    campaign.options = Options(
        cards=[
            Card(
                title="Autumn sale",
                text="30% off every hot drink until Sunday.",
                media=Media(url=PICTURE),
                suggestions=[
                    Suggestion(text="See the menu", url="https://example.com/menu", type="link"),
                    Suggestion(text="Call us", phone="380991234567", type="call"),
                ],
            )
        ]
    )
    campaign.alternative_channel = AlternativeChannel(sms=SmsFallback(text="Autumn sale: 30% off!", sender="CoffeeHse"))
    return CampaignEditor(document)


@pytest.fixture
def phone(qtbot, editor, service):
    preview = PhonePreview(editor, service)
    qtbot.addWidget(preview)
    preview.resize(360, 700)
    preview.show()
    return preview


def test_shows_sender_title_text_and_buttons(phone):
    assert phone.objectName() == "phonePreview"
    assert phone.sender_label.text() == "Coffee House"
    assert len(phone.card_views) == 1
    card = phone.card_views[0]
    assert shown(card.title.text()) == "Autumn sale"
    assert card.title.font().bold()
    assert shown(card.text.text()) == "30% off every hot drink until Sunday."
    assert [pill.text() for pill in card.pills] == [f"{LINK_GLYPH}  See the menu", f"{CALL_GLYPH}  Call us"]
    assert not card.cut_note.isVisible()
    assert card.media.isVisible() and card.media.image is None  # not checked yet: grey placeholder


def test_picture_comes_from_the_media_cache(qtbot, phone, service):
    with qtbot.waitSignal(service.checked, timeout=WAIT_MS):
        service.request(PICTURE)
    media = phone.card_views[0].media
    assert media.image is not None and media.image.size().toTuple() == (60, 30)
    # a single card spans the screen; its picture keeps the phone's proportions
    assert media.height() == round(phone.card_views[0].width() * 0.56)


def test_preview_follows_typing_in_the_editor(qtbot, editor, service, phone):
    message_editor = MessageEditor(editor, service)
    qtbot.addWidget(message_editor)
    card_editor = message_editor.card_editors[0]
    card_editor.title_field.selectAll()
    qtbot.keyClicks(card_editor.title_field, "Winter sale")
    assert shown(phone.card_views[0].title.text()) == "Winter sale"
    qtbot.keyClick(card_editor.buttons[1].text_field, Qt.Key.Key_End)  # a loaded field shows its beginning
    qtbot.keyClicks(card_editor.buttons[1].text_field, " now")
    assert phone.card_views[0].pills[1].text().endswith("Call us now")


def lines_of(label) -> int:
    """How many lines ``label`` takes on screen."""
    return round(label.height() / label.fontMetrics().lineSpacing())


def test_long_text_is_cut_like_phones_with_a_note(qtbot, editor, phone):
    editor.campaign.options.cards[0].text = "word " * 150
    editor.touch()
    card = phone.card_views[0]
    assert shown(card.text.text()).endswith("…")
    assert len(card.text.text()) < 750
    assert lines_of(card.text) == CARD_TEXT_LINES_SHOWN
    assert card.cut_note.isVisible()
    assert card.cut_note.text() == "The text may be cut at “…” on some phones."
    assert not card.title_cut


def test_a_long_title_is_cut_after_two_lines_as_phones_do(qtbot, editor, phone):
    title = "Autumn sale: 30% off every hot drink and every cake in all our coffee houses this week!"
    assert len(title) == 87
    editor.campaign.options.cards[0].title = title
    editor.touch()
    card = phone.card_views[0]
    assert lines_of(card.title) == TITLE_LINES_SHOWN  # not the four lines it would wrap to
    assert shown(card.title.text()).endswith("…")
    assert shown(card.title.text()).replace("\n", " ").startswith("Autumn sale: 30% off")
    assert card.cut_note.isVisible()
    assert card.cut_note.text() == "The title may be cut at “…” on some phones."
    editor.campaign.options.cards[0].text = "word " * 150
    editor.touch()
    assert card.cut_note.text() == "The title and the text may be cut at “…” on some phones."
    editor.campaign.options.cards[0].title = "Autumn sale"
    editor.campaign.options.cards[0].text = "30% off."
    editor.touch()
    assert not card.cut_note.isVisible() and shown(card.title.text()) == "Autumn sale"


def test_carousel_cards_show_fewer_lines_of_text(qtbot, editor, phone):
    editor.campaign.options.cards[0].text = "Hot drinks, cakes and sandwiches. " * 8  # below the length warning
    editor.campaign.options.cards.append(Card(title="Two", text="b"))
    editor.touch()
    card = phone.card_views[0]
    assert lines_of(card.text) == CAROUSEL_TEXT_LINES_SHOWN
    assert shown(card.text.text()).endswith("…")
    assert card.cut_note.isVisible()
    assert not phone.card_views[1].cut_note.isVisible()


@pytest.mark.gui
@given(
    text=st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(" \n"), max_size=300),
    width=st.integers(20, 400),
    max_lines=st.integers(1, 6),
)
def test_cutting_to_lines_keeps_the_beginning_and_ends_in_an_ellipsis(qapp, text, width, max_lines):
    font = qapp.font()
    shown_text, cut = clamp_lines(text, font, width, max_lines)
    if not cut:
        assert shown_text == text
        return
    lines = shown_text.split("\n")
    assert len(lines) == max_lines
    assert shown_text.endswith("…")
    assert QFontMetricsF(font).horizontalAdvance(lines[-1]) <= width + 1
    squeezed = "".join(shown_text[:-1].split())
    assert "".join(text.split()).startswith(squeezed)  # nothing added, nothing moved


def test_carousel_has_one_view_per_card_and_scrolls_sideways(qtbot, editor, phone):
    more = [Card(title="Two", text="b"), Card(title="Three", media=Media(url="https://v/x.mp4"))]
    editor.campaign.options.cards += more
    editor.touch()
    assert len(phone.card_views) == 3
    assert [shown(v.title.text()) for v in phone.card_views] == ["Autumn sale", "Two", "Three"]
    viewport = phone.carousel.viewport().width()
    width = phone.card_views[0].width()
    assert width < viewport  # the next card peeks in
    assert abs(width - viewport * CAROUSEL_CARD_SHARE) <= viewport * 0.1
    assert len({v.height() for v in phone.card_views}) == 1  # all as tall as the tallest
    qtbot.waitUntil(lambda: phone.carousel.horizontalScrollBar().maximum() > 0, timeout=WAIT_MS)
    assert phone.dots.accessibleName() == "Card 1 of 3" and phone.dots.text().count("●") == 3
    phone.show_card(2)
    assert phone.carousel.horizontalScrollBar().value() > 0
    assert phone.dots.accessibleName() == "Card 3 of 3"  # the dots follow, as on a phone

    editor.campaign.options.cards = editor.campaign.options.cards[:2]
    editor.touch()
    assert len(phone.card_views) == 2


def test_plain_text_message_is_a_bubble(editor, phone):
    editor.campaign.options = Options(text="Your order is ready.")
    editor.touch()
    assert phone.card_views == []
    assert phone.text_bubble.isVisible()
    assert shown(phone.text_bubble.text()) == "Your order is ready."


def test_sms_tab_shows_the_fallback_sms(qtbot, phone):
    tabs = phone.mode_tabs
    qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(1).center())
    assert phone.mode == "sms"
    assert phone.sms_bubble.isVisible()
    assert shown(phone.sms_bubble.text()) == "Autumn sale: 30% off!"
    assert phone.sender_label.text() == "CoffeeHse"
    assert "1 SMS" in phone.sms_parts.text()
    assert not phone.sms_off.isVisible()
    assert "CoffeeHse" in phone.fallback_note.text()


def test_the_sms_says_how_many_sms_it_is_sent_as(editor, phone):
    phone.set_mode("sms")
    assert phone.sms_parts.text() == "Sent as 1 SMS"
    editor.campaign.sms.text = "Осінній розпродаж: знижка 30% на всі гарячі напої до неділі, у кожній кав'ярні"
    editor.touch()
    # how many characters an SMS holds is said once, by the SMS tab's counter, not again under the phone
    assert phone.sms_parts.text() == "Sent as 2 SMS"


def test_fallback_off_says_phones_without_rcs_get_nothing(qtbot, editor, phone):
    editor.campaign.alternative_channel = None
    editor.touch()
    assert "Phones without RCS get nothing" in phone.fallback_note.text() or (
        "phones without RCS get nothing" in phone.fallback_note.text()
    )
    phone.set_mode("sms")
    assert phone.sms_off.isVisible()
    assert "Phones without RCS get nothing." in phone.sms_off.text()
    assert not phone.sms_bubble.isVisible()


def test_new_document_is_drawn_after_replace(editor, phone):
    document = new_document("UTC")
    document.campaign.options = Options(cards=[Card(title="Fresh", text="x"), Card(text="y")])
    editor.replace(document)
    assert [shown(v.title.text()) for v in phone.card_views] == ["Fresh", ""]
    assert phone.sender_label.text() == "Your RCS agent"


def test_dark_palette_redraws(qtbot, phone):
    phone.setPalette(dark_palette())
    image = phone.grab().toImage()
    screen = phone.phone.geometry().center()
    assert image.pixelColor(screen).lightness() < 100  # the screen follows the dark palette
    phone.setPalette(phone.style().standardPalette())
    image = phone.grab().toImage()
    assert image.pixelColor(phone.phone.geometry().center()).lightness() > 150


def test_long_button_text_and_agent_name_end_in_an_ellipsis_as_on_phones(qtbot):
    from ui.compose.phone_parts import ElidedLabel

    label = ElidedLabel("Get your discount code today")
    qtbot.addWidget(label)
    label.resize(label.fontMetrics().horizontalAdvance("Get your disc"), label.sizeHint().height())
    assert label.minimumSizeHint().width() < label.fontMetrics().horizontalAdvance("Get your discount")
    assert label.shown_text().endswith("…") and label.shown_text() != label.text()
    label.resize(label.fontMetrics().horizontalAdvance(label.text()) + 10, label.height())
    assert label.shown_text() == label.text()  # fits: shown whole
