"""What the program's read-only tables share: whole-row selection, plain rows of one height."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

CELL_PADDING_LEFT, CELL_PADDING_RIGHT = 4, 8  # pixels: a cell's text keeps this room at each side


def set_up_row_table(table: QTableView, row_height_in_lines: float) -> None:
    """Single whole-row selection, no editing, Tab leaves the table, no grid, alternating rows of a
    fixed height (no per-row size computations) and no row numbers."""
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.setWordWrap(False)
    table.setShowGrid(False)
    table.setAlternatingRowColors(True)
    table.setStyleSheet(
        f"QTableView::item {{ padding-left: {CELL_PADDING_LEFT}px; padding-right: {CELL_PADDING_RIGHT}px; }}"
    )
    rows = table.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(int(table.fontMetrics().height() * row_height_in_lines))
