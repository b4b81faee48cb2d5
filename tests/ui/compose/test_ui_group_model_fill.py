"""10,000 lists enter the table a batch at a time, so that no turn of the event loop holds the window
(the filter asks Python about every row it is given)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from ui.compose.group_model import FILL_BATCH, NAME, GroupModel, ListRow
from ui.compose.group_table import GroupFilterProxy, GroupTable

COUNT = 10_000


def rows(count: int = COUNT) -> list[ListRow]:
    return [ListRow(number, f"List {number:05d}", "", number) for number in range(count)]


def test_the_rows_enter_in_batches_one_per_turn(qtbot):
    model = GroupModel()
    proxy = GroupFilterProxy()
    proxy.setSourceModel(model)
    inserted: list[int] = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append(last - first + 1))
    model.set_rows(rows())
    assert model.rowCount() == FILL_BATCH < COUNT  # the first batch at once, the rest on later turns
    assert model.filling and len(model.rows()) == COUNT
    with qtbot.waitSignal(model.filled, timeout=5000):
        pass
    assert model.rowCount() == proxy.rowCount() == COUNT and not model.filling
    assert inserted and max(inserted) <= FILL_BATCH and FILL_BATCH + sum(inserted) == COUNT


def test_a_sort_while_filling_sorts_every_row(qtbot):
    model = GroupModel()
    proxy = GroupFilterProxy()
    proxy.setSourceModel(model)
    table = GroupTable(proxy)
    qtbot.addWidget(table)
    model.set_rows(rows())
    model.sort(NAME, Qt.SortOrder.DescendingOrder)  # a click on the header before the table is full
    assert not model.filling and model.rowCount() == COUNT
    assert model.index(0, NAME).data() == "List 09999"


def test_new_rows_replace_rows_still_filling(qtbot):
    model = GroupModel()
    model.set_rows(rows())
    model.set_rows(rows(3))
    assert model.rowCount() == 3 and not model.filling
    qtbot.wait(30)  # the batches of the old rows never come
    assert model.rowCount() == 3


def test_checking_lists_tells_the_view_only_about_the_rows_that_changed(qtbot):
    model = GroupModel()
    model.set_rows(rows(FILL_BATCH), checked=[5])
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda first, last, *_: changed.append((first.row(), last.row())))
    model.set_checked([5, 7])  # a filter proxy re-filters every row it is told about
    assert changed == [(7, 7)]
    assert model.index(7, NAME).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert model.index(0, NAME, QModelIndex()).data(Qt.ItemDataRole.CheckStateRole) != Qt.CheckState.Checked
