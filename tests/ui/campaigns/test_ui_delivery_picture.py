"""The delivery picture (issue 12): its numbers in words for screen readers, its bars in the theme's colours."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from ui.campaigns.delivery_picture import DeliveryPicture, delivery_steps, steps_in_words
from ui.common.theme import dark_palette, light_palette, tone_color

COUNTERS = {"sent": 1000, "delivered": 750, "read": 400, "failed": 200, "expired": 50}
SMS = {"sent": 120, "delivered": 100}  # of the 250 RCS failures, 100 got the SMS


@pytest.fixture(params=["light", "dark"])
def dark(request, qapp) -> Iterator[bool]:
    before = qapp.palette()
    is_dark = request.param == "dark"
    qapp.setPalette(dark_palette() if is_dark else light_palette(qapp.style().standardPalette()))
    yield is_dark
    qapp.setPalette(before)


def test_the_accessible_text_says_every_number_in_words(qtbot):
    picture = DeliveryPicture()
    qtbot.addWidget(picture)
    picture.set_counts(COUNTERS, SMS)
    said = picture.accessibleDescription()
    assert said == (
        "Of 1,000 messages sent: 750 delivered (75 %), 400 read (40 %), 100 got the SMS instead (10 %), "
        "150 not reached: no RCS message and no SMS (15 %)."
    )
    picture.set_counts({}, {})
    assert picture.accessibleDescription() == "No messages sent yet."


def test_the_bars_move_as_the_counts_refresh(qtbot):
    picture = DeliveryPicture()
    qtbot.addWidget(picture)
    picture.set_counts({"sent": 10, "delivered": 2}, {})
    assert [step.count for step in picture.steps] == [10, 2, 0, 0]
    picture.set_counts({"sent": 10, "delivered": 9, "read": 5}, {})
    assert [step.count for step in picture.steps] == [10, 9, 5, 0]
    assert "9 delivered (90 %)" in picture.accessibleDescription()


def near(a: QColor, b: QColor) -> bool:
    return all(abs(x - y) <= 8 for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


def test_the_delivered_bar_is_drawn_in_the_themes_colour(qtbot, dark):
    picture = DeliveryPicture()
    qtbot.addWidget(picture)
    picture.set_counts(COUNTERS, SMS)
    picture.resize(600, picture.sizeHint().height())
    image = picture.grab().toImage()
    ratio = image.devicePixelRatio()
    delivered = picture.bar_rect(1)
    inside = delivered.left() + delivered.width() * 0.5  # 75 % filled: the middle is coloured
    beyond = delivered.left() + delivered.width() * 0.9  # past the count: the track
    y = delivered.center().y()
    assert near(image.pixelColor(int(inside * ratio), int(y * ratio)), QColor(tone_color("ok", dark)))
    track = QApplication.palette().color(QPalette.ColorRole.Mid)
    assert near(image.pixelColor(int(beyond * ratio), int(y * ratio)), track)
    failed = picture.bar_rect(4)
    start = failed.left() + 1.5
    assert near(
        image.pixelColor(int(start * ratio), int(failed.center().y() * ratio)), QColor(tone_color("error", dark))
    )


def test_steps_leave_out_the_sms_row_without_a_fallback():
    assert [step.label for step in delivery_steps(COUNTERS, {})] == ["Sent", "Delivered", "Read", "Not reached"]
    assert steps_in_words(delivery_steps({"sent": 3, "delivered": 3}, {})).startswith(
        "Of 3 messages sent: 3 delivered (100 %)"
    )
