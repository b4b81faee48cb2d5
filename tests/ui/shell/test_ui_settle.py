"""Waiting for a window's layout to stop moving (screenshots are taken only then)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from ui.shell.settle import settle_layout


def nested(depth: int) -> tuple[QScrollArea, QLabel]:
    """A label ``depth`` widgets deep inside a resizable scroll area, as a card's fields are."""
    label = QLabel("one line")
    inner: QWidget = label
    for _ in range(depth):
        box = QWidget()
        QVBoxLayout(box).addWidget(inner)
        inner = box
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(inner)
    return area, label


def test_settling_waits_until_a_change_deep_inside_has_reached_every_level(qtbot):
    area, label = nested(depth=6)
    qtbot.addWidget(area)
    area.resize(300, 120)
    area.show()
    assert settle_layout(area, timeout_s=5)
    label.setText("\n".join(f"line {n}" for n in range(20)))  # much taller than the scroll area
    assert settle_layout(area, timeout_s=5)
    assert label.height() >= label.sizeHint().height()
    assert area.verticalScrollBar().maximum() > 0  # the content scrolls instead of being squeezed


def test_settling_gives_up_after_its_time_when_the_layout_never_stops(qtbot):
    area, label = nested(depth=1)
    qtbot.addWidget(area)
    area.show()
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: label.setText(label.text() + "\nmore"))
    timer.start()
    try:
        assert not settle_layout(area, timeout_s=0.5, quiet_s=0.1)
    finally:
        timer.stop()
