"""Test messages in the history: each one written before its request leaves, completed by the answer.

A row starts as ``"unknown outcome"`` (the intent, with the exact body and its ``reference_id``), becomes
the server's status once the answer (or a look-up by reference) confirms the message, and follows that
status afterwards. A row is removed only when the server proved the message was not sent. At most
``MAX_KEPT`` rows are kept: the oldest go first.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.api.models import MessageInfo
from app.history.records import STATUS_UNKNOWN_OUTCOME, dumps, dumps_answer, loads_object, utc_iso
from app.history.store import History, utc_now

MAX_KEPT = 1000

_COLUMNS = (
    "id, server, batch, reference_id, phone, message_id, status, sent_at, sent_by, request_json, answer_json, "
    "latest_json, price, currency, sms_status, sms_sent, delivered_at, refreshed_at, refresh_problem"
)


@dataclass(frozen=True)
class TestMessageRecord:
    """One test message sent from this computer.

    ``status`` is the server's latest status of the message, or ``"unknown outcome"`` while neither its
    answer nor a look-up has confirmed it. ``request`` is exactly the body sent; ``message`` the latest
    the server said about it. ``sent_at``/``refreshed_at`` are UTC ISO strings, ``delivered_at`` the
    server's own string (the account's zone).
    """

    __test__ = False  # not a pytest test class, whatever its name

    record_id: int
    server: str
    batch: str
    reference_id: str
    phone: str
    message_id: int | None
    status: str
    sent_at: str
    sent_by: str | None
    request: dict[str, Any] | None
    answer: dict[str, Any] | None
    latest: dict[str, Any] | None
    price: str | None = None
    currency: str | None = None
    sms_status: str | None = None
    sms_sent: bool = False
    delivered_at: str | None = None
    refreshed_at: str | None = None
    refresh_problem: str | None = None

    @property
    def outcome_unknown(self) -> bool:
        return self.status == STATUS_UNKNOWN_OUTCOME

    @property
    def message(self) -> MessageInfo | None:
        """What the server said last about the message (None while it is not confirmed)."""
        raw = self.latest or self.answer
        return MessageInfo.from_raw(raw) if raw is not None else None


def _from_row(row: tuple[Any, ...]) -> TestMessageRecord:
    (record_id, server, batch, reference_id, phone, message_id, status, sent_at, sent_by) = row[:9]
    (request_json, answer_json, latest_json, price, currency, sms_status, sms_sent) = row[9:16]
    (delivered_at, refreshed_at, refresh_problem) = row[16:]
    return TestMessageRecord(
        record_id=record_id,
        server=server,
        batch=batch,
        reference_id=reference_id,
        phone=phone,
        message_id=message_id,
        status=status,
        sent_at=sent_at,
        sent_by=sent_by,
        request=loads_object(request_json),
        answer=loads_object(answer_json),
        latest=loads_object(latest_json),
        price=price,
        currency=currency,
        sms_status=sms_status,
        sms_sent=bool(sms_sent),
        delivered_at=delivered_at,
        refreshed_at=refreshed_at,
        refresh_problem=refresh_problem,
    )


def record_test_intent(
    history: History,
    *,
    server: str,
    batch: str,
    reference_id: str,
    phone: str,
    request: Mapping[str, Any],
    sent_at: datetime,
    sent_by: str | None = None,
) -> int:
    """Write a test message before its request leaves (status ``"unknown outcome"``); the row's id.

    Raises ``HistoryError`` when it cannot be written (also when the reference is in the history
    already): then nothing must be sent.
    """

    def work(conn: sqlite3.Connection) -> int:
        cursor = conn.execute(
            "INSERT INTO test_messages (server, batch, reference_id, phone, status, sent_at, sent_by, request_json) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                server,
                batch,
                reference_id,
                phone,
                STATUS_UNKNOWN_OUTCOME,
                utc_iso(sent_at),
                sent_by,
                dumps(dict(request)),
            ),
        )
        conn.execute(
            "DELETE FROM test_messages WHERE id NOT IN (SELECT id FROM test_messages ORDER BY id DESC LIMIT ?)",
            (MAX_KEPT,),
        )
        new_id = cursor.lastrowid
        assert new_id is not None  # an INSERT sets it
        return new_id

    return history.run(work, write=True)


def record_test_answer(history: History, record_id: int, info: MessageInfo, *, answered: bool) -> bool:
    """Store what the server said about the message: its answer to the send (``answered``), or a later
    look-up or refresh. Returns whether its status (or its SMS's) changed; False when the row is gone."""
    now = utc_iso(utc_now())

    def work(conn: sqlite3.Connection) -> bool:
        before = conn.execute(
            "SELECT status, sms_status, sms_sent FROM test_messages WHERE id = ?", (record_id,)
        ).fetchone()
        if before is None:
            return False
        column = "answer_json" if answered else "latest_json"
        conn.execute(
            f"UPDATE test_messages SET message_id = COALESCE(?, message_id), status = COALESCE(?, status), "
            f"{column} = ?, price = COALESCE(?, price), currency = COALESCE(?, currency), "
            "sms_status = COALESCE(?, sms_status), sms_sent = ?, delivered_at = COALESCE(?, delivered_at), "
            "refreshed_at = ?, refresh_problem = NULL WHERE id = ?",
            (
                info.id,
                info.status or ("accepted" if before[0] == STATUS_UNKNOWN_OUTCOME else None),
                dumps_answer(info.raw),
                info.price,
                info.currency,
                info.sms_status,
                int(info.sms_sent_instead or bool(before[2])),
                info.delivered_at,
                now,
                record_id,
            ),
        )
        after = conn.execute(
            "SELECT status, sms_status, sms_sent FROM test_messages WHERE id = ?", (record_id,)
        ).fetchone()
        return tuple(before) != tuple(after)

    return history.run(work, write=True)


def set_test_refresh_problem(history: History, record_id: int, problem: str | None) -> None:
    """Remember why the last look at this message failed (None clears it)."""
    history.run(
        lambda conn: conn.execute("UPDATE test_messages SET refresh_problem = ? WHERE id = ?", (problem, record_id)),
        write=True,
    )


def forget_test_message(history: History, record_id: int) -> None:
    """Remove a test message the server proved it did not send."""
    history.run(lambda conn: conn.execute("DELETE FROM test_messages WHERE id = ?", (record_id,)), write=True)


def load_test_messages(
    history: History, *, batch: str | None = None, server: str | None = None, limit: int | None = None
) -> list[TestMessageRecord]:
    """Test messages newest first; of one ``batch`` (oldest first, in the order they were sent) if given."""
    where, params = [], []
    for column, value in (("batch", batch), ("server", server)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    sql = f"SELECT {_COLUMNS} FROM test_messages"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY id" if batch is not None else " ORDER BY id DESC"
    if limit is not None:
        sql += f" LIMIT {max(int(limit), 0)}"
    rows = history.run(lambda conn: conn.execute(sql, params).fetchall(), write=False)
    return [_from_row(tuple(row)) for row in rows]


def load_test_message(history: History, record_id: int) -> TestMessageRecord | None:
    rows = history.run(
        lambda conn: conn.execute(f"SELECT {_COLUMNS} FROM test_messages WHERE id = ?", (record_id,)).fetchall(),
        write=False,
    )
    return _from_row(tuple(rows[0])) if rows else None
