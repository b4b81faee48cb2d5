"""The local history of campaigns (SQLite under the data folder) and following them on the server.

``open_history(demo=...)`` gives the real history or the demo one: they are separate files
(``history.sqlite3`` / ``history-demo.sqlite3``), so demo campaigns never mix with real ones and
the demo history can be thrown away as a whole.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from app.history.db import HistoryError, NewerHistory
from app.history.follow import (
    MATCH_AFTER,
    MATCH_BEFORE,
    SEARCH_PAGE,
    RefreshResult,
    demo_server_label,
    look_for_unknown_outcome,
    match_candidates,
    refresh_statuses,
    search_message,
)
from app.history.recording import record_send
from app.history.records import (
    ACTIVE_STATUSES,
    ORIGIN_LOCAL,
    ORIGIN_WEB,
    STATUS_UNKNOWN_OUTCOME,
    HistoryRecord,
    lists_of,
)
from app.history.store import History
from app.platform.config import AppPaths, app_paths


def open_history(
    paths: AppPaths | None = None, *, demo: bool = False, clock: Callable[[], datetime] | None = None
) -> History:
    """The history file of these paths (the demo one when ``demo``). Raises ``HistoryError``."""
    paths = paths or app_paths()
    return History(paths.demo_history_db if demo else paths.history_db, demo=demo, clock=clock)


__all__ = [
    "ACTIVE_STATUSES",
    "MATCH_AFTER",
    "MATCH_BEFORE",
    "ORIGIN_LOCAL",
    "ORIGIN_WEB",
    "SEARCH_PAGE",
    "STATUS_UNKNOWN_OUTCOME",
    "History",
    "HistoryError",
    "HistoryRecord",
    "NewerHistory",
    "RefreshResult",
    "demo_server_label",
    "lists_of",
    "look_for_unknown_outcome",
    "match_candidates",
    "open_history",
    "record_send",
    "refresh_statuses",
    "search_message",
]
