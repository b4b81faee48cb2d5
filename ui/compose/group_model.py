"""The table of contact lists behind the group picker: cheap enough for tens of thousands of rows.

``GroupModel`` holds one plain ``ListRow`` per list and answers ``data()`` from it without any
computation beyond a format; check marks live in a set of list ids. Sorting is done on the rows
in Python (one ``list.sort``), not by Qt comparing through ``data()`` a million times; the
``GroupFilterProxy`` only filters (search over name and description, "selected only").
``GroupTable`` shows them: uniform rows, no per-row widgets, a click or Space checks a row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QHeaderView, QStyledItemDelegate, QStyleOptionViewItem, QTableView, QWidget

from ui.common.tables import set_up_row_table
from ui.common.theme import tone_color

RowState = Literal["loaded", "missing", "pending"]
ANY_INDEX = QModelIndex | QPersistentModelIndex

NAME, CONTACTS, DESCRIPTION = range(3)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
_ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ALIGN_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


@dataclass(slots=True)
class ListRow:
    """One contact list as shown: ``state`` is "missing" when the account does not have it (any
    more) and "pending" while the account's lists have not been loaded yet."""

    id: int
    name: str
    description: str
    contacts: int | None
    state: RowState = "loaded"
    search: str = ""

    def __post_init__(self) -> None:
        self.search = f"{self.name}\n{self.description}".casefold()


def format_contacts(contacts: int | None) -> str:
    return "?" if contacts is None else f"{contacts:,}"


class GroupModel(QAbstractTableModel):
    """Columns: list name with its check box, number of contacts, description.

    Signal ``check_toggled(int, bool)``: the user checked or unchecked the list with that id.
    """

    check_toggled = Signal(int, bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ListRow] = []
        self._checked: set[int] = set()
        self._headers = (self.tr("List"), self.tr("Contacts"), self.tr("Description"))
        self._checked_brush = QBrush(QColor(61, 111, 180, 50))
        self._italic = QFont()
        self._italic.setItalic(True)
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # --- content -------------------------------------------------------------------------

    def set_rows(self, rows: Iterable[ListRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if self._sort is not None:
            self._sort_rows(*self._sort)
        self.endResetModel()

    def rows(self) -> list[ListRow]:
        return list(self._rows)

    def row_at(self, row: int) -> ListRow:
        return self._rows[row]

    def row_of(self, list_id: int) -> int | None:
        for number, item in enumerate(self._rows):
            if item.id == list_id:
                return number
        return None

    def set_checked(self, ids: Iterable[int]) -> None:
        """Replace the set of checked lists (no ``check_toggled``: this is not a user action)."""
        self._checked = set(ids)
        if self._rows:
            self.dataChanged.emit(self.index(0, NAME), self.index(len(self._rows) - 1, DESCRIPTION))

    def is_checked(self, list_id: int) -> bool:
        return list_id in self._checked

    def set_checked_brush(self, color: QColor) -> None:
        self._checked_brush = QBrush(color)

    def toggle(self, row: int) -> None:
        """Check or uncheck the list in ``row`` as the user asked."""
        item = self._rows[row]
        checked = item.id not in self._checked
        if checked:
            self._checked.add(item.id)
        else:
            self._checked.discard(item.id)
        self.dataChanged.emit(self.index(row, NAME), self.index(row, DESCRIPTION))
        self.check_toggled.emit(item.id, checked)

    # --- Qt model interface --------------------------------------------------------------

    def rowCount(self, parent: ANY_INDEX = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ANY_INDEX = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 3

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[section]
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return _ALIGN_RIGHT if section == CONTACTS else _ALIGN_LEFT
        return None

    def flags(self, index: ANY_INDEX) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == NAME:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: ANY_INDEX, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME:
                return item.name
            if column == CONTACTS:
                return format_contacts(item.contacts)
            return item.description
        if role == Qt.ItemDataRole.CheckStateRole:
            if column == NAME:
                return Qt.CheckState.Checked if item.id in self._checked else Qt.CheckState.Unchecked
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_RIGHT if column == CONTACTS else _ALIGN_LEFT
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._checked_brush if item.id in self._checked else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(tone_color("warning"))) if item.state == "missing" else None
        if role == Qt.ItemDataRole.FontRole:
            return self._italic if item.state != "loaded" else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, column)
        if role == SORT_ROLE:
            return self._sort_key(column)(item)
        if role == ID_ROLE:
            return item.id
        return None

    def setData(self, index: ANY_INDEX, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != NAME or not index.isValid():
            return False
        wanted = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        if wanted != (self._rows[index.row()].id in self._checked):
            self.toggle(index.row())
        return True

    def _tooltip(self, item: ListRow, column: int) -> str | None:
        if item.state == "missing":
            return self.tr(
                "This list is chosen for the campaign but was not found in this account. "
                "Uncheck it to remove it from the campaign."
            )
        if item.state == "pending":
            return self.tr("The lists of the account have not been loaded yet.")
        if column == DESCRIPTION and item.description:
            return item.description
        if column == NAME:
            return self.tr("{name} (list {id})").format(name=item.name, id=item.id)
        return None

    # --- sorting -------------------------------------------------------------------------

    @staticmethod
    def _sort_key(column: int) -> Callable[[ListRow], tuple[Any, ...]]:
        if column == CONTACTS:
            return lambda item: (item.contacts is None, item.contacts or 0, item.search)
        if column == DESCRIPTION:
            return lambda item: (not item.description, item.description.casefold(), item.id)
        return lambda item: (item.name.casefold(), item.id)

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        """Sort by ``column``; chosen lists the account does not have stay on top, where they are seen."""
        self._rows.sort(key=self._sort_key(column), reverse=order == Qt.SortOrder.DescendingOrder)
        self._rows.sort(key=lambda item: item.state != "missing")  # stable: keeps the order above

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows themselves (fast for 10,000 lists), keeping persistent indexes valid."""
        if not 0 <= column < 3:
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        moved = [self._rows[index.row()] for index in before]
        self._sort_rows(column, order)
        position = {id(item): number for number, item in enumerate(self._rows)}
        after = [self.index(position[id(item)], index.column()) for item, index in zip(moved, before, strict=True)]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()


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
        self.setAccessibleName(self.tr("Contact lists of the account"))
        self.setToolTip(self.tr("Click a list, or press Space, to choose it or to leave it out."))
        set_up_row_table(self, 1.7)
        self.setSortingEnabled(True)
        metrics = self.fontMetrics()
        columns = self.horizontalHeader()
        columns.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        columns.setSectionResizeMode(CONTACTS, QHeaderView.ResizeMode.Fixed)
        columns.setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        columns.setSortIndicator(NAME, Qt.SortOrder.AscendingOrder)
        padding = metrics.horizontalAdvance("M") * 3
        columns.resizeSection(CONTACTS, metrics.horizontalAdvance(self.tr("Contacts")) + padding)
