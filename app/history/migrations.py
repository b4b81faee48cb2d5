"""The history database's schema, as an ordered list of migrations.

``MIGRATIONS[n]`` takes a database at schema version ``n`` to version ``n + 1``; the version is
kept in ``PRAGMA user_version``. Each migration runs inside the transaction that also sets the new
version, so a crash or a failure leaves the database at the old version, untouched. To change the
schema, append one function (never edit a released one).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]


def _v1_initial(conn: sqlite3.Connection) -> None:
    """Campaigns sent from this computer or seen in the web account, and the lists each went to."""
    conn.execute(
        """
        CREATE TABLE records (
            id              INTEGER PRIMARY KEY AUTOINCREMENT,
            origin          TEXT NOT NULL CHECK (origin IN ('this computer', 'web account')),
            server          TEXT NOT NULL,
            campaign_id     INTEGER,
            name            TEXT,
            sender          TEXT,
            status          TEXT NOT NULL,
            sent_at         TEXT NOT NULL,
            sent_by         TEXT,
            time_zone       TEXT,
            request_json    TEXT,
            campaign_json   TEXT,
            latest_json     TEXT,
            delivered       INTEGER,
            sent            INTEGER,
            read            INTEGER,
            failed          INTEGER,
            sms_delivered   INTEGER,
            sms_sent        INTEGER,
            price           REAL,
            currency        TEXT,
            total_price     TEXT,
            start_at        TEXT,
            real_start_at   TEXT,
            finished_at     TEXT,
            refreshed_at    TEXT,
            refresh_problem TEXT
        )
        """
    )
    conn.execute("CREATE UNIQUE INDEX records_campaign ON records (server, campaign_id) WHERE campaign_id IS NOT NULL")
    conn.execute("CREATE INDEX records_sent_at ON records (sent_at)")
    conn.execute(
        """
        CREATE TABLE record_lists (
            record_id INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
            list_id   INTEGER NOT NULL,
            name      TEXT,
            contacts  INTEGER,
            PRIMARY KEY (record_id, list_id)
        )
        """
    )


MIGRATIONS: list[Migration] = [_v1_initial]


def latest_version() -> int:
    return len(MIGRATIONS)
