"""The Campaigns list's context menu: right-click a row, or press the Menu key or Shift+F10 in the list.

Its items are the detail's own buttons ("Export report…", "Duplicate as new draft", "Stop campaign…",
"Look for it on the server"): each item says what its button says, is offered when the button is, and
clicks it, so the list and the detail share one code path for every action.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QMenu, QTableView, QWidget


class RowMenu(QMenu):
    """The menu of ``table``'s rows (objectName ``campaignRowMenu``); ``None`` in ``buttons`` is a separator.

    ``table`` gets ``Qt.CustomContextMenu``: a right-click (and, on most systems, the Menu key) comes as
    ``customContextMenuRequested``. The Menu key and Shift+F10 pressed in the table are also taken here,
    as not every platform turns them into a context menu event; a second request only moves the open
    menu. The menu is shown with ``popup`` (never ``exec``) so tests can look at it.
    """

    def __init__(self, table: QTableView, buttons: Sequence[QAbstractButton | None], owner: QWidget) -> None:
        super().__init__(owner)
        self.setObjectName("campaignRowMenu")
        self.table = table
        self.items: list[tuple[QAction, QAbstractButton]] = []
        for button in buttons:
            if button is None:
                self.addSeparator()
                continue
            action = self.addAction(button.text())
            action.triggered.connect(button.click)
            self.items.append((action, button))
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self.on_table_menu_requested)
        table.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.table and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key, modifiers = event.key(), event.modifiers()
            if key == Qt.Key.Key_Menu or (key == Qt.Key.Key_F10 and modifiers == Qt.KeyboardModifier.ShiftModifier):
                self.on_table_menu_requested(QPoint(-1, -1))  # nowhere: the current row's
                return True
        return super().eventFilter(watched, event)

    def action(self, text: str) -> QAction | None:
        """The item whose words are ``text`` (tests)."""
        return next((action for action, _button in self.items if action.text() == text), None)

    def on_table_menu_requested(self, position: QPoint) -> None:
        """Show the menu for the row at ``position`` (viewport coordinates), else for the current row."""
        index = self.table.indexAt(position)
        if not index.isValid():
            index = self.table.currentIndex()
            if not index.isValid():
                return
            position = self.table.visualRect(index).center()
        selection = self.table.selectionModel()
        if not selection.isRowSelected(index.row(), index.parent()):
            self.table.selectRow(index.row())  # the detail shows it, and its buttons follow it
        owner = self.parentWidget()
        for action, button in self.items:
            action.setText(button.text())
            action.setVisible(owner is None or button.isVisibleTo(owner))
            action.setEnabled(button.isEnabled())
        if not any(action.isVisible() for action, _button in self.items):
            return
        self.popup(self.table.viewport().mapToGlobal(position))
