"""A wrapped label of at most a few lines: the whole text where it fits in them, else cut at the end of the
last line and ended in "…" (the whole text then in its tooltip)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

ELLIPSIS = "…"


def fits(metrics: QFontMetrics, text: str, width: int, lines: int) -> bool:
    """Whether ``text``, wrapped at its words to ``width``, takes at most ``lines`` lines (no word wider)."""
    flags = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)
    box = metrics.boundingRect(QRect(0, 0, width, 1 << 20), flags, text)
    return box.width() <= width and box.height() <= lines * metrics.lineSpacing() + metrics.leading()


def fitted_text(text: str, font: QFont, width: int, lines: int) -> str:
    """``text`` whole when it fits ``lines`` lines of ``width`` pixels, else its longest beginning that fits
    with "…" after it."""
    metrics = QFontMetrics(font)
    if width <= 0 or fits(metrics, text, width, lines):
        return text
    low, high = 0, len(text)  # the longest cut that fits is in [low, high)
    while high - low > 1:
        middle = (low + high) // 2
        if fits(metrics, text[:middle].rstrip() + ELLIPSIS, width, lines):
            low = middle
        else:
            high = middle
    return text[:low].rstrip() + ELLIPSIS


class LinesLabel(QLabel):
    """Plain text wrapped on at most ``lines`` lines at the label's width; ``full_text`` is the whole text."""

    def __init__(self, lines: int = 2, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._lines = lines
        self.full_text = ""

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        self._fit()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override): any width, the text is cut to it
        return QSize(self.fontMetrics().horizontalAdvance(ELLIPSIS) * 3, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit()

    def _fit(self) -> None:
        shown = fitted_text(self.full_text, self.font(), self.contentsRect().width(), self._lines)
        if shown != self.text():
            self.setText(shown)
        self.setToolTip(self.full_text if shown != self.full_text else "")
