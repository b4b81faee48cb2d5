"""The contact-list table of the group picker: the filter over ``GroupModel`` and the view.

``GroupFilterProxy`` only filters (search over name and description, "selected only"); sorting is
the model's own. ``GroupTable`` shows the rows: uniform rows, no per-row widgets, a click or Space
checks a row.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QHeaderView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTableView, QWidget

from app.language import tr
from ui.common.tables import CELL_PADDING_LEFT, CELL_PADDING_RIGHT, set_up_row_table
from ui.compose.group_model import ANY_INDEX, CONTACTS, DESCRIPTION, NAME, GroupModel


class GroupFilterProxy(QSortFilterProxyModel):
    """Filters by a case-insensitive search over name and description, and "selected only".

    Sorting is handed to the source model (see ``GroupModel.sort``).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._needle = ""
        self._selected_only = False

    def source(self) -> GroupModel:
        model = self.sourceModel()
        assert isinstance(model, GroupModel)  # the only model it is given
        return model

    def set_search(self, text: str) -> None:
        needle = text.strip().casefold()
        if needle != self._needle:
            self._refilter(lambda: setattr(self, "_needle", needle))

    def set_selected_only(self, on: bool) -> None:
        if on != self._selected_only:
            self._refilter(lambda: setattr(self, "_selected_only", on))

    def _refilter(self, change: Callable[[], None]) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.9
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            change()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: ANY_INDEX) -> bool:  # noqa: N802
        item = self.source().row_at(source_row)
        if self._selected_only and not self.source().is_checked(item.id):
            return False
        return not self._needle or self._needle in item.search

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.source().sort(column, order)


class _ToggleDelegate(QStyledItemDelegate):
    """A click anywhere on a row, or Space, checks or unchecks the row's list."""

    def editorEvent(  # noqa: N802
        self,
        event: QEvent,
        model: QAbstractItemModel,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        kind = event.type()
        clicked = (
            kind == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
        )
        pressed = (
            kind == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Select)
        )
        if not (clicked or pressed):
            return False
        name = model.index(index.row(), NAME)
        checked = name.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        model.setData(name, not checked, Qt.ItemDataRole.CheckStateRole)
        return True


class GroupTable(QTableView):
    """The list table: sortable by clicking a header, rows of one height, columns sized by the font."""

    def __init__(self, model: GroupFilterProxy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("groupTable")
        self.setModel(model)
        self.setItemDelegate(_ToggleDelegate(self))
        self.setAccessibleName(tr("Contact lists of the account"))
        self.setToolTip(tr("Click a list, or press Space, to choose it or to leave it out."))
        set_up_row_table(self, 1.7)
        self.setSortingEnabled(True)
        metrics = self.fontMetrics()
        columns = self.horizontalHeader()
        columns.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        columns.setSectionResizeMode(CONTACTS, QHeaderView.ResizeMode.Fixed)
        columns.setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        self._arrow = self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize) + CELL_PADDING_LEFT
        columns.sortIndicatorChanged.connect(self.on_columns_sort_indicator_changed)
        columns.setSortIndicator(NAME, Qt.SortOrder.AscendingOrder)
        # Room for its header whole beside the sort arrow: the paddings, the arrow and the section's margins.
        margins = 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin)
        room = max(metrics.horizontalAdvance("M") * 3, CELL_PADDING_LEFT + CELL_PADDING_RIGHT + self._arrow + margins)
        columns.resizeSection(CONTACTS, metrics.horizontalAdvance(tr("Contacts")) + room)

    def on_columns_sort_indicator_changed(self, column: int, _order: Qt.SortOrder) -> None:
        """The headers keep the cells' room at each side (ui.common.tables), or "Contacts", right-aligned,
        touches "Description"; sorted by, it keeps the sort arrow's room too, or the arrow covers its end."""
        right = CELL_PADDING_RIGHT + (self._arrow if column == CONTACTS else 0)
        # "Contacts" is the middle one of the three columns: the section ":middle" styles.
        self.horizontalHeader().setStyleSheet(
            f"QHeaderView::section {{ padding-left: {CELL_PADDING_LEFT}px; padding-right: {CELL_PADDING_RIGHT}px; }}"
            f"QHeaderView::section:middle {{ padding-right: {right}px; }}"
        )
