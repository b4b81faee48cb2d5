"""The picture view: a screenshot can hold an animated GIF still on its first frame."""

from __future__ import annotations

from PySide6.QtGui import QImage

from helpers.media_server import animated_gif
from ui.common.image_view import ImageView


def test_an_animation_can_be_held_on_its_first_frame(qtbot):
    data = animated_gif(frames=2)
    first = QImage.fromData(data)
    view = ImageView()
    qtbot.addWidget(view)
    view.set_gif(data, first)
    view.show()
    qtbot.waitUntil(lambda: view.image().pixelColor(0, 0) != first.pixelColor(0, 0), timeout=5000)  # it plays
    view.hold_first_frame()
    assert not view.playing
    assert view.image().pixelColor(0, 0) == first.pixelColor(0, 0)
