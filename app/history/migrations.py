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


def _v2_test_messages(conn: sqlite3.Connection) -> None:
    """Test messages sent from this computer: one row per phone, written before its request leaves.

    ``batch`` groups the messages of one "Send a test"; ``reference_id`` is the message's own reference on
    the server (unique there), by which a message whose answer never came is looked up.
    """
    conn.execute(
        """
        CREATE TABLE test_messages (
            id              INTEGER PRIMARY KEY AUTOINCREMENT,
            server          TEXT NOT NULL,
            batch           TEXT NOT NULL,
            reference_id    TEXT NOT NULL,
            phone           TEXT NOT NULL,
            message_id      INTEGER,
            status          TEXT NOT NULL,
            sent_at         TEXT NOT NULL,
            sent_by         TEXT,
            request_json    TEXT NOT NULL,
            answer_json     TEXT,
            latest_json     TEXT,
            price           TEXT,
            currency        TEXT,
            sms_status      TEXT,
            sms_sent        INTEGER NOT NULL DEFAULT 0,
            delivered_at    TEXT,
            refreshed_at    TEXT,
            refresh_problem TEXT,
            UNIQUE (server, reference_id)
        )
        """
    )
    conn.execute("CREATE INDEX test_messages_sent_at ON test_messages (sent_at)")
    conn.execute("CREATE INDEX test_messages_batch ON test_messages (batch)")


MIGRATIONS: list[Migration] = [_v1_initial, _v2_test_messages]


def latest_version() -> int:
    return len(MIGRATIONS)
