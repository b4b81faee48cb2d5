"""The theme without a style sheet: meaning colours on palettes, headings and the banner by font and
palette, visible check boxes on a dark palette; each follows a switch between light and dark.

(An application style sheet makes Qt polish every widget through its style-sheet engine: building the
window took twice as long.)
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QStyle,
    QWidget,
)

from helpers.contrast import LARGE_TEXT_AA, contrast
from ui.common.theme import (
    BANNER,
    HEADING_PIXELS,
    dark_palette,
    light_palette,
    set_bold,
    set_role,
    set_tone,
    tone_color,
    use_theme,
)
from ui.shell.application import create_application

ROLE = QPalette.ColorRole
GROUP = QPalette.ColorGroup


@pytest.fixture
def restored(qapp) -> Iterator[QApplication]:
    """The application's style and palette, put back afterwards."""
    style, palette = qapp.style().name(), QPalette(qapp.palette())
    yield qapp
    qapp.setStyle(style)
    qapp.setPalette(palette)


def text_colour(widget: QWidget, group: QPalette.ColorGroup = GROUP.Active) -> str:
    return widget.palette().color(group, ROLE.WindowText).name()


def switch_palette(qtbot, app: QApplication, dark: bool, watched: QWidget) -> None:
    """Give the application the light or dark palette and wait until ``watched`` has it (Qt passes a
    new application palette on to the widgets later, from the event loop)."""
    palette = dark_palette() if dark else light_palette(app.style().standardPalette())
    app.setPalette(palette)
    window = palette.color(ROLE.Window)
    qtbot.waitUntil(lambda: watched.palette().color(ROLE.Window) == window)


@pytest.mark.parametrize("theme", ["system", "light", "dark"])
def test_the_application_has_no_style_sheet(restored, theme):
    app = create_application()
    use_theme(app, theme)
    assert app.styleSheet() == ""


def test_a_toned_label_follows_a_switch_from_light_to_dark(qtbot, restored):
    use_theme(restored, "light")
    parent = QWidget()
    qtbot.addWidget(parent)
    labels = {tone: QLabel(tone, parent) for tone in ("error", "warning", "ok", "muted")}
    for tone, label in labels.items():
        set_tone(label, tone)
        assert text_colour(label) == tone_color(tone, False)
        assert label.palette().color(GROUP.Inactive, ROLE.Text).name() == tone_color(tone, False)
    parent.show()
    switch_palette(qtbot, restored, True, labels["muted"])
    for tone, label in labels.items():
        assert text_colour(label) == tone_color(tone, True), tone
        assert text_colour(label, GROUP.Inactive) == tone_color(tone, True), tone
    switch_palette(qtbot, restored, False, labels["muted"])
    assert text_colour(labels["error"]) == tone_color("error", False)


def test_a_disabled_toned_label_is_greyed_like_other_disabled_text(qtbot, restored):
    use_theme(restored, "dark")
    label = QLabel("x")
    qtbot.addWidget(label)
    set_tone(label, "error")
    assert text_colour(label, GROUP.Disabled) == restored.palette().color(GROUP.Disabled, ROLE.WindowText).name()


def test_taking_the_tone_away_gives_back_the_inherited_colour(qtbot, restored):
    use_theme(restored, "light")
    label = QLabel("x")
    qtbot.addWidget(label)
    plain = text_colour(label)
    set_tone(label, "warning")
    assert text_colour(label) != plain
    set_tone(label, "")
    assert text_colour(label) == plain and label.property("tone") == ""
    label.show()
    switch_palette(qtbot, restored, True, label)
    assert text_colour(label) == restored.palette().color(GROUP.Active, ROLE.WindowText).name()


def test_a_heading_is_larger_and_bold(qtbot):
    heading = QLabel("Schedule")
    qtbot.addWidget(heading)
    set_role(heading, "heading")
    assert heading.font().pixelSize() == HEADING_PIXELS and heading.font().weight() == QFont.Weight.DemiBold


def test_bold_text_can_be_made_plain_again(qtbot):
    label = QLabel("x")
    qtbot.addWidget(label)
    set_bold(label)
    assert label.font().weight() == QFont.Weight.DemiBold
    set_bold(label, False)
    assert label.font().weight() == QWidget().font().weight()


def test_the_demo_banner_has_its_colours_in_both_themes(qtbot, restored):
    use_theme(restored, "light")
    parent = QWidget()
    qtbot.addWidget(parent)
    banner = QLabel("Demo: nothing is sent.", parent)
    set_role(banner, "banner")
    assert banner.autoFillBackground() and banner.font().weight() == QFont.Weight.DemiBold
    assert (banner.palette().color(ROLE.Window).name(), text_colour(banner)) == BANNER[False]
    parent.show()
    switch_palette(qtbot, restored, True, parent)
    qtbot.waitUntil(lambda: banner.palette().color(ROLE.Window).name() == BANNER[True][0])
    assert text_colour(banner) == BANNER[True][1]
    picture = banner.grab().toImage()
    assert picture.pixelColor(2, 2).name() == BANNER[True][0]  # painted, with room around the text


def frame_contrast(widget: QWidget, box_left: int) -> float:
    """The best contrast between the background and a pixel of the indicator's frame: the column
    at ``box_left`` (and the next two) of ``widget``'s picture, on the indicator's rows."""
    picture = widget.grab().toImage()
    background = widget.palette().color(widget.backgroundRole())
    middle = widget.height() // 2
    pixels = [picture.pixelColor(x, y) for x in range(box_left, box_left + 3) for y in range(middle - 3, middle + 4)]
    return max(contrast(pixel, background) for pixel in pixels)


@pytest.mark.parametrize("kind", [QCheckBox, QRadioButton])
def test_an_unchecked_box_is_visible_on_the_dark_palette(qtbot, restored, kind):
    use_theme(restored, "dark")
    box = kind("Skip numbers on the SMS stop list")
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    assert not box.isChecked()
    assert frame_contrast(box, 0) >= LARGE_TEXT_AA


def test_an_unchecked_item_in_a_list_is_visible_on_the_dark_palette(qtbot, restored):
    use_theme(restored, "dark")
    view = QListWidget()
    qtbot.addWidget(view)
    item = QListWidgetItem("Customers")
    item.setCheckState(Qt.CheckState.Unchecked)
    view.addItem(item)
    view.show()
    qtbot.waitExposed(view)
    rect = view.visualItemRect(item)
    picture = view.viewport().grab(rect).toImage()
    background = QColor(view.palette().color(ROLE.Base))
    box = view.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 2  # the check box, not the text
    best = max(contrast(picture.pixelColor(x, y), background) for x in range(box) for y in range(rect.height()))
    assert best >= LARGE_TEXT_AA
