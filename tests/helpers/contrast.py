"""WCAG 2 contrast: relative luminance of sRGB colours and the ratio between two of them.

https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio: (L1 + 0.05) / (L2 + 0.05), L1 the lighter.
AA asks 4.5:1 for text, 3:1 for large text (18 pt, or 14 pt bold) and for the parts of controls
people must see.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

TEXT_AA = 4.5
LARGE_TEXT_AA = 3.0


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(color: QColor) -> float:
    return 0.2126 * _channel(color.red()) + 0.7152 * _channel(color.green()) + 0.0722 * _channel(color.blue())


def over(color: QColor, background: QColor) -> QColor:
    """``color`` as drawn on ``background`` (a half-transparent text colour blends into it)."""
    alpha = color.alphaF()
    return QColor(
        round(color.red() * alpha + background.red() * (1 - alpha)),
        round(color.green() * alpha + background.green() * (1 - alpha)),
        round(color.blue() * alpha + background.blue() * (1 - alpha)),
    )


def contrast(foreground: QColor | str, background: QColor | str) -> float:
    back = QColor(background)
    fore = over(QColor(foreground), back)
    lighter, darker = sorted((luminance(fore), luminance(back)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
