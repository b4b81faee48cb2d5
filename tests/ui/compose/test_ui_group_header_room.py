"""The contact-list table's headers keep the cells' room at their sides: "Контакти", right-aligned, does not
touch "Опис" beside it, and the sort arrow does not cover its end when the table is sorted by it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from ui.common.tables import CELL_PADDING_RIGHT
from ui.compose.group_model import CONTACTS, NAME, GroupModel, ListRow
from ui.compose.group_table import GroupFilterProxy, GroupTable

INK = 110  # lightness under which a header pixel is text (or the arrow), not its background or border


@pytest.fixture
def table(qtbot, ukrainian) -> GroupTable:
    model = GroupModel()
    proxy = GroupFilterProxy()
    proxy.setSourceModel(model)
    made = GroupTable(proxy)
    qtbot.addWidget(made)
    model.set_rows([ListRow(1, "VIP customers", "Spent over 20,000 UAH", 240), ListRow(2, "Import XLS", "", 12000)])
    made.resize(620, 200)
    made.show()
    return made


def contacts_header(table: GroupTable) -> tuple[QImage, int, int]:
    """The header as drawn, and the Contacts section's left and right edges in it."""
    QApplication.processEvents()
    header = table.horizontalHeader()
    left = header.sectionViewportPosition(CONTACTS)
    return header.grab().toImage(), left, left + header.sectionSize(CONTACTS)


def inked(image: QImage, x: int) -> bool:
    return any(image.pixelColor(x, y).lightness() < INK for y in range(2, image.height() - 2))


def last_ink(image: QImage, left: int, right: int) -> int:
    """The rightmost column of the section (its border lines left out) with text in it."""
    return max(x for x in range(left + 2, right - 2) if inked(image, x))


def test_the_right_aligned_header_keeps_the_cells_room_before_the_next_one(table):
    table.horizontalHeader().setSortIndicator(NAME, Qt.SortOrder.AscendingOrder)
    image, left, right = contacts_header(table)
    assert table.model().headerData(CONTACTS, Qt.Orientation.Horizontal) == "Контакти"
    assert right - 1 - last_ink(image, left, right) >= CELL_PADDING_RIGHT


def test_sorted_by_contacts_the_arrow_keeps_clear_of_the_word(table):
    header = table.horizontalHeader()
    header.setSortIndicator(CONTACTS, Qt.SortOrder.DescendingOrder)
    header.setSortIndicatorShown(False)
    plain, left, right = contacts_header(table)
    word_ends = last_ink(plain, left, right)
    header.setSortIndicatorShown(True)
    marked, _, _ = contacts_header(table)
    arrow = [
        x
        for x in range(left, right)
        for y in range(marked.height())
        if marked.pixelColor(x, y) != plain.pixelColor(x, y)
    ]
    assert arrow, "the sort arrow is drawn"
    assert min(arrow) > word_ends + 1  # drawn after the word, not over its end
