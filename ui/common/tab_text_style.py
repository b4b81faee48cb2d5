"""Tab titles drawn whole: the bottoms of g, p, q, y and j are not cut off.

Qt lowers the title of a tab that is not selected by a pixel or two but keeps the bottom of the box
the title is clipped to, which leaves that box shorter than a line of text: "Campaigns" read as
"Campaiqns". The box is given back its height here, around the same centre, so nothing moves.
"""

from __future__ import annotations

from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QStyleOptionTab, QWidget

# The macOS style lays out its tabs in its own way, without this fault.
_OWN_TAB_LAYOUT = frozenset({"macos", "macintosh"})


class TabTextStyle(QProxyStyle):
    """The application's style, with tab titles that have room for a whole line of text."""

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


def keep_tab_titles_whole(app: QApplication) -> None:
    """Wrap the application's style in ``TabTextStyle``; call it before the style sheet is set."""
    style = app.style()
    name = style.name()  # "" once a style sheet wraps the style: it was themed already
    if isinstance(style, TabTextStyle) or not name or name.lower() in _OWN_TAB_LAYOUT:
        return
    app.setStyle(TabTextStyle(name))
