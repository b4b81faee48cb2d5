"""The SMS tab says how many characters an SMS holds once, in the counter: not again in the sentence under
it nor under the phone. A character that counts as two is named, so the counter reads without its glyph."""

from __future__ import annotations

import re

import pytest

from ui.compose.editor_state import CampaignEditor, new_document
from ui.compose.phone_preview import PhonePreview
from ui.compose.sms_panel import SmsFallbackPanel

SIZE = re.compile(r"\b\d+ (per SMS|per part)\b|\bholds \d+ characters\b|\binstead of (160|153)\b")


@pytest.fixture
def tab(qtbot):
    """The SMS panel and the phone preview on one campaign, as the SMS tab shows them."""
    editor = CampaignEditor(new_document("Europe/Kyiv"))
    panel = SmsFallbackPanel(editor, ["WWTshop"])
    preview = PhonePreview(editor)
    for widget in (panel, preview):
        qtbot.addWidget(widget)
        widget.show()
    preview.set_mode("sms")
    return panel, preview


def said(panel: SmsFallbackPanel, preview: PhonePreview) -> list[str]:
    """The visible texts that speak of the SMS's length: counter, sentence, the note under the phone."""
    texts = [panel.counter_label.text(), preview.sms_parts.text()]
    if panel.unicode_label.isVisible():
        texts.append(panel.unicode_label.accessibleName())
    return texts


@pytest.mark.parametrize(
    ("text", "counter_says"),
    [
        (
            "Розпродаж: -30% на кросівки до неділі. shop.example.com/spring",
            "Ukrainian letters: 70 per SMS instead of 160",
        ),
        ("Привіт! " * 10, "Ukrainian letters: 67 per part instead of 153"),
        ("It’s “great” today", "special characters: 70 per SMS instead of 160"),
        ("It’s “great” today. " + "x" * 60, "special characters: 67 per part instead of 153"),
    ],
)
def test_the_size_of_an_sms_is_said_once_next_to_the_counter(tab, text, counter_says):
    panel, preview = tab
    panel.text_edit.setPlainText(text)
    texts = said(panel, preview)
    assert counter_says in panel.counter_label.text()
    assert [len(SIZE.findall(words)) for words in texts] == [2, *[0] * (len(texts) - 1)]  # "70 per SMS instead of 160"


def test_the_note_under_the_phone_says_how_many_sms(tab):
    panel, preview = tab
    panel.text_edit.setPlainText("Привіт! " * 10)
    assert preview.sms_parts.text() == "Sent as 2 SMS"
    assert panel.unicode_label.accessibleName() == (
        "Each phone without RCS gets 2 SMS. At 70 characters or fewer it would be 1 SMS."
    )


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Sale today 😀", "(emoji 😀 counts as 2)"),
        ("Знижки 🎉😀", "(emoji 🎉 😀 count as 2)"),
        ("Concert tonight 𝄞", "(musical symbol g clef 𝄞 counts as 2)"),
    ],
)
def test_a_character_counting_two_is_named_beside_its_glyph(tab, text, named):
    panel, _preview = tab
    panel.text_edit.setPlainText(text)
    assert panel.counter_label.text().endswith(f" left in this part {named}")
