"""Windows that stay tall enough for every line of their wrapped texts.

Qt gives a window whose layout holds word-wrapped labels no minimum height (the height such a
label needs depends on its width), and it does not grow the window when a label's text gets
longer after it was shown: the new lines are cut off at the top and bottom. ``keep_texts_whole``
fixes both for one window: it grows the window when a text needs more room, and does not let the
user shrink it below what the texts need at its width (up to the height of the screen).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

_FIT_ON = (QEvent.Type.LayoutRequest, QEvent.Type.Resize, QEvent.Type.Show)


def fit_height(window: QWidget) -> None:
    """Make ``window`` at least as tall as its layout needs at its current width."""
    layout = window.layout()
    if layout is None or not window.isVisible():
        return
    layout.activate()
    width = window.width()
    if layout.hasHeightForWidth():
        needed = layout.totalMinimumHeightForWidth(width)
    else:
        needed = layout.totalMinimumSize().height()
    screen = window.screen()
    if screen is not None:
        needed = min(needed, screen.availableGeometry().height())
    if window.minimumHeight() != needed:
        window.setMinimumHeight(needed)
    if window.height() < needed:
        window.resize(width, needed)


class _TextsWhole(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in _FIT_ON and isinstance(watched, QWidget):
            fit_height(watched)
        return False


def keep_texts_whole(window: QWidget) -> None:
    """Keep ``window`` tall enough for its wrapped texts from now on (see the module's docstring)."""
    window.installEventFilter(_TextsWhole(window))
