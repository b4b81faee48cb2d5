"""The table of contact lists behind the group picker: cheap enough for tens of thousands of rows.

``GroupModel`` holds one plain ``ListRow`` per list and answers ``data()`` from it without any
computation beyond a format; check marks live in a set of list ids. Sorting is done on the rows
in Python (one ``list.sort`` on keys made with the rows, on the worker that loads them), not by Qt
comparing through ``data()`` a million times; the ``GroupFilterProxy`` only filters (search over
name and description, "selected only"; ``ui.compose.group_table``). New rows enter the table
``FILL_BATCH`` at a time, a moment apart: the proxy asks Python about every row it is given, so
10,000 at once held the window for 25-90 ms.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from operator import attrgetter
from typing import Any, Literal

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from app.language import tr
from app.language.formats import format_count
from ui.common.sliced_work import SlicedWork
from ui.common.theme import tone_color

RowState = Literal["loaded", "missing", "pending"]
ANY_INDEX = QModelIndex | QPersistentModelIndex

NAME, CONTACTS, DESCRIPTION = range(3)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
_ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ALIGN_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
FILL_BATCH = 1000  # rows added to the table per turn of the event loop (about 3 ms each)


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
    name_key: tuple[str, int] = field(default=("", 0))  # sorting by name, made once

    def __post_init__(self) -> None:
        self.search = f"{self.name}\n{self.description}".casefold()
        self.name_key = (self.name.casefold(), self.id)


def format_contacts(contacts: int | None) -> str:
    return "?" if contacts is None else format_count(contacts)


class GroupModel(QAbstractTableModel):
    """Columns: list name with its check box, number of contacts, description.

    Signal ``check_toggled(int, bool)``: the user checked or unchecked the list with that id;
    ``filled()``: the rows given to ``set_rows`` are all in the table (see ``filling``).
    """

    check_toggled = Signal(int, bool)
    filled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ListRow] = []
        self._pending: list[ListRow] = []  # given to set_rows: ``_pending[_next:]`` are not in the table yet
        self._next = 0
        self._fill = SlicedWork(self)
        self._fill.finished.connect(self.filled)
        self._checked: set[int] = set()
        # Translators: the column headers of the table of contact lists.
        self._headers = (tr("List"), tr("Contacts"), tr("Description"))
        self._checked_brush = QBrush(QColor(61, 111, 180, 50))
        self._italic = QFont()
        self._italic.setItalic(True)
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # --- content -------------------------------------------------------------------------

    def set_rows(self, rows: Iterable[ListRow], checked: Iterable[int] | None = None) -> None:
        """Show ``rows`` (sorted as the table is), and with ``checked`` these lists checked. The first
        ``FILL_BATCH`` rows are in the table at once, the others follow one batch per turn."""
        every = list(rows)
        if self._sort is not None:
            sort_rows(every, *self._sort)
        self._fill.clear()
        self.beginResetModel()
        if checked is not None:
            self._checked = set(checked)
        self._rows = every[:FILL_BATCH]
        self._pending, self._next = every, len(self._rows)
        self.endResetModel()
        for start in range(self._next, len(every), FILL_BATCH):
            self._fill.add(partial(self._add_rows, start, min(start + FILL_BATCH, len(every))))
        self._fill.start()

    @property
    def sort_order(self) -> tuple[int, Qt.SortOrder] | None:
        """How the rows are sorted: (column, order), or None before the table first sorts them."""
        return self._sort

    @property
    def filling(self) -> bool:
        """True while some of the rows given to ``set_rows`` are still to be added to the table."""
        return self._fill.pending

    def _add_rows(self, start: int, end: int) -> None:
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + end - start - 1)
        self._rows.extend(self._pending[start:end])
        self._next = end
        self.endInsertRows()

    def finish_filling(self) -> None:
        """Add the rows still waiting, at once (before a change that needs them all)."""
        self._fill.run_now()

    def rows(self) -> list[ListRow]:
        """Every row given to ``set_rows``, including those not in the table yet."""
        return self._rows + self._pending[self._next :]

    def row_at(self, row: int) -> ListRow:
        return self._rows[row]

    def row_of(self, list_id: int) -> int | None:
        for number, item in enumerate(self._rows):
            if item.id == list_id:
                return number
        return None

    def set_checked(self, ids: Iterable[int]) -> None:
        """Replace the set of checked lists (no ``check_toggled``: this is not a user action). Only the rows
        that change are said to change: the proxy filters again each row it is told about."""
        checked = set(ids)
        changed, self._checked = checked ^ self._checked, checked
        if not changed or not self._rows:
            return
        rows = [number for number, item in enumerate(self._rows) if item.id in changed]
        if len(rows) > FILL_BATCH // 10:
            self.dataChanged.emit(self.index(0, NAME), self.index(len(self._rows) - 1, DESCRIPTION))
            return
        for row in rows:
            self.dataChanged.emit(self.index(row, NAME), self.index(row, DESCRIPTION))

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
            return tr(
                "This list is chosen for the campaign but was not found in this account. "
                "Uncheck it to remove it from the campaign."
            )
        if item.state == "pending":
            return tr("The lists of the account have not been loaded yet.")
        if column == DESCRIPTION and item.description:
            return item.description
        if column == NAME:
            return tr("{name} (list {id})").format(name=item.name, id=item.id)
        return None

    # --- sorting -------------------------------------------------------------------------

    @staticmethod
    def _sort_key(column: int) -> Callable[[ListRow], tuple[Any, ...]]:
        return _sort_key(column)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows themselves (fast for 10,000 lists), keeping persistent indexes valid."""
        if not 0 <= column < 3:
            return
        self.finish_filling()
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        moved = [self._rows[index.row()] for index in before]
        sort_rows(self._rows, column, order)
        position = {id(item): number for number, item in enumerate(self._rows)}
        after = [self.index(position[id(item)], index.column()) for item, index in zip(moved, before, strict=True)]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()


def _sort_key(column: int) -> Callable[[ListRow], tuple[Any, ...]]:
    if column == CONTACTS:
        return lambda item: (item.contacts is None, item.contacts or 0, item.search)
    if column == DESCRIPTION:
        return lambda item: (not item.description, item.description.casefold(), item.id)
    return attrgetter("name_key")


def sort_rows(rows: list[ListRow], column: int, order: Qt.SortOrder) -> None:
    """Sort by ``column``; chosen lists the account does not have stay on top, where they are seen.
    Rows sorted already (by the worker that loaded them) sort again in a fraction of the time."""
    rows.sort(key=_sort_key(column), reverse=order == Qt.SortOrder.DescendingOrder)
    missing = [item for item in rows if item.state == "missing"]
    if missing:  # on top, in the order above
        rows[:] = missing + [item for item in rows if item.state != "missing"]
