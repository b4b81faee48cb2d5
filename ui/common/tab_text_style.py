"""The application's style, with two faults of Qt's styles mended.

Tab titles drawn whole: Qt lowers the title of a tab that is not selected by a pixel or two but keeps
the bottom of the box the title is clipped to, which leaves that box shorter than a line of text:
"Campaigns" read as "Campaiqns". The box is given back its height here, around the same centre, so
nothing moves.

Check boxes and radio buttons that can be seen on a dark palette: Fusion draws their frame darker than
the window, nearly black on a dark one, so an unchecked box vanished. A light frame is drawn over it.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QStyleOptionTab, QWidget

# The macOS style lays out its tabs in its own way, without this fault.
_OWN_TAB_LAYOUT = frozenset({"macos", "macintosh"})
# At least 3:1 on a dark palette's window and fields (tests/ui/common/test_ui_contrast.py checks).
DARK_INDICATOR_FRAME = "#9aa0a6"
_FRAMED = {
    QStyle.PrimitiveElement.PE_IndicatorCheckBox: 2.0,  # the corner radius
    QStyle.PrimitiveElement.PE_IndicatorRadioButton: -1.0,  # a circle
}


class TabTextStyle(QProxyStyle):
    """The application's style, with tab titles that have room for a whole line of text and, on a
    dark palette, check box and radio button frames that can be seen. (Fusion draws the check boxes of
    lists and tables as check boxes, through this style, so those are framed too.)"""

    def drawControl(  # noqa: N802 (Qt override)
        self,
        element: QStyle.ControlElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element == QStyle.ControlElement.CE_TabBarTabLabel and isinstance(option, QStyleOptionTab):
            tab = QStyleOptionTab(option)
            room = option.fontMetrics.height()  # the title's box is the tab less its padding: give a line more
            tab.rect = option.rect.adjusted(0, -room, 0, room)
            super().drawControl(element, tab, painter, widget)
            return
        super().drawControl(element, option, painter, widget)

    def drawPrimitive(  # noqa: N802 (Qt override)
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        radius = _FRAMED.get(element)
        if radius is not None and option.palette.color(QPalette.ColorRole.Window).lightness() < 128:
            draw_indicator_frame(painter, option, radius)


def draw_indicator_frame(painter: QPainter, option: QStyleOption, radius: float) -> None:
    """A light 1-pixel frame around the indicator in ``option.rect`` (a circle when ``radius`` < 0)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(DARK_INDICATOR_FRAME), 1))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    rect = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)  # the pixels at the edge, not between two
    if radius < 0:
        painter.drawEllipse(rect)
    else:
        painter.drawRoundedRect(rect, radius, radius)
    painter.restore()


def keep_tab_titles_whole(app: QApplication) -> None:
    """Wrap the application's style in ``TabTextStyle`` (once)."""
    style = app.style()
    name = style.name()  # "" for a proxy style (this one, or an older style sheet's): wrapped already
    if isinstance(style, TabTextStyle) or not name or name.lower() in _OWN_TAB_LAYOUT:
        return
    app.setStyle(TabTextStyle(name))
