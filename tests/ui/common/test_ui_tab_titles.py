"""Tab titles are drawn whole: "Campaigns" does not lose the bottom of its g and read "Campaiqns"."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QFontMetrics, QPalette
from PySide6.QtWidgets import QApplication, QTabBar

from ui.common.tab_text_style import TabTextStyle, keep_tab_titles_whole
from ui.common.theme import use_theme


@pytest.fixture
def restored(qapp) -> Iterator[QApplication]:
    """The application's style, palette and style sheet, put back afterwards."""
    style, palette, sheet = qapp.style().name(), QPalette(qapp.palette()), qapp.styleSheet()
    yield qapp
    qapp.setStyleSheet("")
    qapp.setStyle(style or "Fusion")
    qapp.setPalette(palette)
    qapp.setStyleSheet(sheet)


def lowest_ink(qtbot, title: str) -> int:
    """The lowest row with text on it in the title of a tab that is not selected."""
    bar = QTabBar()
    qtbot.addWidget(bar)
    bar.addTab("Compose")
    bar.addTab(title)
    bar.adjustSize()
    bar.show()
    qtbot.waitExposed(bar)
    rect = bar.tabRect(1)
    image = bar.grab().toImage()
    inked = [
        y
        for y in range(rect.top(), rect.bottom() + 1)
        if any(image.pixelColor(x, y).lightness() < 180 for x in range(rect.left() + 4, rect.right() - 4))
    ]
    return max(inked)


def test_descenders_of_a_tab_title_that_is_not_selected_are_drawn(qtbot, restored):
    use_theme(restored, "light")
    depth = lowest_ink(qtbot, "gggg") - lowest_ink(qtbot, "nnnn")  # how far below the line the g goes
    assert depth >= QFontMetrics(restored.font()).descent()


def test_the_style_is_wrapped_once(restored):
    restored.setStyleSheet("")
    restored.setStyle("Fusion")
    keep_tab_titles_whole(restored)
    wrapped = restored.style()
    assert isinstance(wrapped, TabTextStyle) and wrapped.baseStyle().name() == "fusion"
    keep_tab_titles_whole(restored)
    assert restored.style() is wrapped
