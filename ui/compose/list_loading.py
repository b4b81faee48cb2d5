"""Loading the account's contact lists as table rows, on a worker thread (``ui.common.workers``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from app.language import tr, tr_mark
from ui.common.workers import TaskContext
from ui.compose.group_model import ListRow, sort_rows

if TYPE_CHECKING:
    from app.api import WwtClient

# Shown with ``tr(LOAD_FAILED)``: the language is chosen after this module is imported.
LOAD_FAILED = tr_mark("The contact lists could not be loaded. Try again in a moment.")


def fetch_lists(
    context: TaskContext, client_factory: Callable[[], WwtClient], order: tuple[int, Qt.SortOrder] | None = None
) -> list[ListRow]:
    """Background: every contact list of the account as table rows, sorted in ``order`` (the table's),
    reporting ``(loaded, total)``.

    The rows are built and sorted here, not on the GUI thread: for 10,000 lists that is most of the work."""
    client = client_factory()
    lists = client.list_groups(
        on_progress=lambda loaded, total: context.progress((loaded, total)),
        should_cancel=lambda: context.cancelled,
    )
    unnamed = tr("List {number}")  # a list without a name
    rows = [
        ListRow(item.id, item.name or unnamed.format(number=item.id), item.description or "", item.contacts)
        for item in lists
        if item.id is not None
    ]
    if order is not None:
        sort_rows(rows, *order)
    return rows
