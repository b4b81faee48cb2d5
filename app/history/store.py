"""``History``: the local record of campaigns, in one SQLite file (see ``db`` for its settings).

Threads and processes: a ``History`` keeps no connection open. Every call opens its own short-lived
connection, does its work in one transaction and closes it, so any thread may call any method, and
the window and the command line may use the same file at once (SQLite's locks and the busy timeout
order the writers). Opening a connection costs well under a millisecond, far below a network call.
"""

from __future__ import annotations

import getpass
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from app.api.models import CampaignInfo
from app.campaign.file import ListInfo
from app.history import db
from app.history.db import HistoryError, NewerHistory
from app.history.records import (
    ACTIVE_STATUSES,
    COLUMNS,
    ORIGIN_LOCAL,
    ORIGIN_WEB,
    STATUS_UNKNOWN_OUTCOME,
    HistoryRecord,
    dumps,
    dumps_answer,
    from_row,
    server_time_to_utc,
    status_values,
    utc_iso,
)
from app.language import tr

T = TypeVar("T")

_SHOWN = ("status", "delivered", "sent", "read", "failed", "sms_delivered", "sms_sent", "real_start_at", "finished_at")


def utc_now() -> datetime:
    return datetime.now(UTC)


def current_user() -> str | None:
    """The computer's user name, or None when it cannot be told."""
    try:
        return getpass.getuser() or None
    except Exception:  # noqa: BLE001 - OSError, KeyError, ImportError depending on platform and Python version
        return None


class History:
    """Campaigns sent from this computer (and, when merged, those seen in the web account).

    ``recovered_from_corruption`` is a message for the user when the file was damaged and moved
    aside (a new, empty history was started), else None. ``read_only_reason`` is set when the file
    comes from a newer version of the program: reading is tried, writing raises ``NewerHistory``.
    Other failures raise ``HistoryError`` (plain ``str()``, technical ``details``).
    """

    def __init__(
        self,
        path: str | Path,
        *,
        demo: bool = False,
        clock: Callable[[], datetime] | None = None,
        user: str | None = None,
    ) -> None:
        self.path = Path(path)
        self.demo = demo
        self._clock = clock or utc_now
        self._user = user if user is not None else current_user()
        self.recovered_from_corruption: str | None = None
        self.read_only_reason: str | None = None
        self._prepare()

    def __repr__(self) -> str:
        return f"History({str(self.path)!r}, demo={self.demo})"

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Nothing stays open between calls; kept so callers can treat it like other resources."""

    # Opening ---------------------------------------------------------------------------------------

    def _prepare(self) -> None:
        recovered, self.read_only_reason = db.prepare(self.path, self._clock)
        if recovered:
            self.recovered_from_corruption = recovered

    def _run(self, work: Callable[[sqlite3.Connection], T], *, write: bool) -> T:
        if write and self.read_only_reason:
            raise NewerHistory(self.read_only_reason)
        for attempt in (1, 2):
            try:
                conn = db.connect(self.path)
                try:
                    with db.transaction(conn, immediate=write):  # reads too: one consistent snapshot
                        return work(conn)
                finally:
                    conn.close()
            except sqlite3.Error as exc:
                if attempt == 1 and db.is_damage(exc) and not self.read_only_reason:
                    self.recovered_from_corruption = db.start_over(self.path, self._clock, exc)  # then retry
                    continue
                if attempt == 1 and "no such table" in str(exc):
                    self._prepare()  # the file was deleted while the program ran
                    continue
                raise HistoryError(db.message_for(exc, write), details=f"{type(exc).__name__}: {exc}") from exc
        raise AssertionError("unreachable")

    def run(self, work: Callable[[sqlite3.Connection], T], *, write: bool) -> T:
        """Run ``work`` in one transaction of its own connection, with the history's handling of damaged,
        busy and newer files (for the history's other tables: ``app.history.sent_tests``)."""
        return self._run(work, write=write)

    # Writing ---------------------------------------------------------------------------------------

    def record_sent(
        self,
        request: Mapping[str, Any],
        campaign: CampaignInfo,
        *,
        lists: Mapping[int, ListInfo],
        time_zone: str,
        server: str,
        sent_at: datetime | None = None,
        intent_id: int | None = None,
    ) -> int:
        """Record a send the server confirmed; the record's id.

        ``request`` is exactly the body sent, ``campaign`` the server's answer, ``lists`` what was
        known about each list (name, contacts), ``time_zone`` the account's zone the request was
        meant in, ``server`` where the campaign lives (the server address, or a
        ``demo_server_label()``), ``sent_at`` when the request left (default: now). ``intent_id``
        is the record written before the request left (``record_unknown_outcome``): it becomes
        this send's record, so one send is always one record.
        """
        when = utc_iso(sent_at or self._clock())

        def work(conn: sqlite3.Connection) -> int:
            record_id = None
            if intent_id is not None:
                found = conn.execute("SELECT id FROM records WHERE id = ?", (intent_id,)).fetchone()
                record_id = intent_id if found is not None else None
            if campaign.id is not None:
                other = self._take_over(conn, server, campaign.id, besides=record_id)
                if record_id is None:
                    record_id = other
                elif other is not None:  # a search meanwhile took this campaign for another send's
                    conn.execute(
                        "UPDATE records SET campaign_id = NULL, status = ? WHERE id = ?",
                        (STATUS_UNKNOWN_OUTCOME, other),
                    )
            values = {
                "origin": ORIGIN_LOCAL,
                "server": server,
                "campaign_id": campaign.id,
                "status": campaign.status or "creation",
                "sent_at": when,
                "sent_by": self._user,
                "time_zone": time_zone,
                "request_json": dumps(dict(request)),
                "campaign_json": dumps_answer(campaign.raw),
                "sender": request.get("sender") if isinstance(request.get("sender"), str) else None,
            }
            record_id = self._upsert(conn, record_id, values)
            self._apply(conn, record_id, campaign, refreshed=False)
            self._store_lists(conn, record_id, lists)
            return record_id

        return self._run(work, write=True)

    def record_unknown_outcome(
        self,
        request: Mapping[str, Any],
        *,
        lists: Mapping[int, ListInfo],
        time_zone: str,
        server: str,
        sent_at: datetime | None = None,
    ) -> int:
        """Record a send whose answer never came (status ``"unknown outcome"``); the record's id.

        ``sent_at`` should be the moment just before the request left: it bounds the search for
        the campaign in the server's list (see ``app.history.follow``).
        """
        when = utc_iso(sent_at or self._clock())
        sender = request.get("sender")

        def work(conn: sqlite3.Connection) -> int:
            values = {
                "origin": ORIGIN_LOCAL,
                "server": server,
                "campaign_id": None,
                "status": STATUS_UNKNOWN_OUTCOME,
                "sent_at": when,
                "sent_by": self._user,
                "time_zone": time_zone,
                "request_json": dumps(dict(request)),
                "sender": sender if isinstance(sender, str) else None,
            }
            record_id = self._upsert(conn, None, values)
            self._store_lists(conn, record_id, lists)
            return record_id

        return self._run(work, write=True)

    def attach_campaign(self, record_id: int, campaign: CampaignInfo) -> None:
        """Link a record (typically an unknown outcome) to the campaign found on the server.

        A copy of that campaign merged earlier from the web account is folded into this record.
        Raises ``HistoryError`` when the record is gone or the campaign belongs to another send.
        """

        def work(conn: sqlite3.Connection) -> None:
            row = conn.execute("SELECT server FROM records WHERE id = ?", (record_id,)).fetchone()
            if row is None:
                raise HistoryError(tr("This campaign is no longer in the history."))
            if campaign.id is not None:
                other = self._take_over(conn, row[0], campaign.id, besides=record_id)
                if other is not None:
                    raise HistoryError(tr("That campaign is already in the history as another send."))
            conn.execute(
                "UPDATE records SET campaign_id = ?, campaign_json = ?, status = ? WHERE id = ?",
                (campaign.id, dumps_answer(campaign.raw), campaign.status or "creation", record_id),
            )
            self._apply(conn, record_id, campaign, refreshed=True)

        self._run(work, write=True)

    def update_status(self, record_id: int, info: CampaignInfo) -> bool:
        """Store a fresh answer about the record's campaign (``get_campaign`` or ``get_campaign_detail``).

        Values the answer lacks keep what was stored. Returns whether anything a person sees
        (status, counters, start or end) changed: the polling policy backs off when nothing does.
        """

        def work(conn: sqlite3.Connection) -> bool:
            shown = ", ".join(_SHOWN)
            before = conn.execute(f"SELECT {shown} FROM records WHERE id = ?", (record_id,)).fetchone()
            if before is None:
                return False
            self._apply(conn, record_id, info, refreshed=True)
            after = conn.execute(f"SELECT {shown} FROM records WHERE id = ?", (record_id,)).fetchone()
            return tuple(before) != tuple(after)

        return self._run(work, write=True)

    def set_refresh_problem(self, record_id: int, message: str | None) -> None:
        """Remember why the last refresh of this record failed (None clears it)."""
        self._run(
            lambda conn: conn.execute("UPDATE records SET refresh_problem = ? WHERE id = ?", (message, record_id)),
            write=True,
        )

    def merge_remote(self, campaigns: Iterable[CampaignInfo], *, server: str, time_zone: str) -> int:
        """Add campaigns from the server's list that are not in the history yet (origin "web account").

        Campaigns already recorded only get their status updated; a request sent from here is never
        touched. ``time_zone`` is the account's, to read the server's ``created_at``. Returns how many
        records were added.
        """
        chosen = [c for c in campaigns if c.id is not None and c.message_type in (None, "rcs")]

        def work(conn: sqlite3.Connection) -> int:
            added = 0
            for info in chosen:
                row = conn.execute(
                    "SELECT id, origin FROM records WHERE server = ? AND campaign_id = ?", (server, info.id)
                ).fetchone()
                if row is None:
                    created = server_time_to_utc(info.created_at, time_zone) or self._clock()
                    values = {
                        "origin": ORIGIN_WEB,
                        "server": server,
                        "campaign_id": info.id,
                        "status": info.status or "creation",
                        "sent_at": utc_iso(created),
                        "time_zone": time_zone,
                        "campaign_json": dumps_answer(info.raw),
                    }
                    record_id = self._upsert(conn, None, values)
                    added += 1
                else:
                    record_id = row[0]
                    if row[1] == ORIGIN_WEB:
                        conn.execute(
                            "UPDATE records SET campaign_json = ? WHERE id = ?", (dumps_answer(info.raw), record_id)
                        )
                self._apply(conn, record_id, info, refreshed=True)
            return added

        return self._run(work, write=True)

    def remove(self, record_id: int) -> None:
        """Delete one record (and its lists)."""
        self._run(lambda conn: conn.execute("DELETE FROM records WHERE id = ?", (record_id,)), write=True)

    # Reading ---------------------------------------------------------------------------------------

    def records(self, limit: int | None = None, *, include_web: bool = True) -> list[HistoryRecord]:
        """Records newest first (by when they were sent, or created on the server for web ones)."""
        where = "" if include_web else f"WHERE origin = '{ORIGIN_LOCAL}'"
        sql = f"SELECT {COLUMNS} FROM records {where} ORDER BY sent_at DESC, id DESC"
        if limit is not None:
            sql += f" LIMIT {max(int(limit), 0)}"
        return self._select(sql, ())

    def record(self, record_id: int) -> HistoryRecord | None:
        found = self._select(f"SELECT {COLUMNS} FROM records WHERE id = ?", (record_id,))
        return found[0] if found else None

    def active_records(self, *, server: str | None = None) -> list[HistoryRecord]:
        """Records whose campaign may still change (worth polling), newest first; of ``server`` if given."""
        marks = ", ".join("?" for _ in ACTIVE_STATUSES)
        sql = f"SELECT {COLUMNS} FROM records WHERE campaign_id IS NOT NULL AND status IN ({marks})"
        params: list[Any] = sorted(ACTIVE_STATUSES)
        if server is not None:
            sql += " AND server = ?"
            params.append(server)
        return self._select(sql + " ORDER BY sent_at DESC, id DESC", tuple(params))

    def unknown_outcomes(self, *, server: str | None = None) -> list[HistoryRecord]:
        """Sends whose outcome is still unknown, newest first; of ``server`` if given."""
        sql = f"SELECT {COLUMNS} FROM records WHERE status = ?"
        params: list[Any] = [STATUS_UNKNOWN_OUTCOME]
        if server is not None:
            sql += " AND server = ?"
            params.append(server)
        return self._select(sql + " ORDER BY sent_at DESC, id DESC", tuple(params))

    def local_campaign_ids(self, *, server: str) -> set[int]:
        """Ids of campaigns of ``server`` already linked to a send from this computer."""
        rows = self._run(
            lambda conn: conn.execute(
                "SELECT campaign_id FROM records WHERE server = ? AND origin = ? AND campaign_id IS NOT NULL",
                (server, ORIGIN_LOCAL),
            ).fetchall(),
            write=False,
        )
        return {int(row[0]) for row in rows}

    # Helpers ---------------------------------------------------------------------------------------

    def _select(self, sql: str, params: tuple[Any, ...]) -> list[HistoryRecord]:
        def work(conn: sqlite3.Connection) -> list[HistoryRecord]:
            rows = conn.execute(sql, params).fetchall()
            ids = [row[0] for row in rows]
            lists: dict[int, dict[int, ListInfo]] = {record_id: {} for record_id in ids}
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ", ".join("?" for _ in chunk)
                for record_id, list_id, name, contacts in conn.execute(
                    f"SELECT record_id, list_id, name, contacts FROM record_lists "
                    f"WHERE record_id IN ({marks}) ORDER BY rowid",
                    chunk,
                ):
                    lists[record_id][list_id] = ListInfo(name=name, contacts=contacts)
            return [from_row(row, lists[row[0]], demo=self.demo) for row in rows]

        return self._run(work, write=False)

    @staticmethod
    def _take_over(
        conn: sqlite3.Connection, server: str, campaign_id: int, *, besides: int | None = None
    ) -> int | None:
        """Drop a web-account copy of a campaign about to be recorded as ours; the id of a local one."""
        row = conn.execute(
            "SELECT id, origin FROM records WHERE server = ? AND campaign_id = ? AND id IS NOT ?",
            (server, campaign_id, besides),
        ).fetchone()
        if row is None:
            return None
        if row[1] == ORIGIN_WEB:
            conn.execute("DELETE FROM records WHERE id = ?", (row[0],))
            return None
        return int(row[0])

    @staticmethod
    def _upsert(conn: sqlite3.Connection, record_id: int | None, values: dict[str, Any]) -> int:
        names = list(values)
        if record_id is None:
            marks = ", ".join("?" for _ in names)
            cursor = conn.execute(
                f"INSERT INTO records ({', '.join(names)}) VALUES ({marks})", [values[n] for n in names]
            )
            new_id = cursor.lastrowid
            assert new_id is not None  # an INSERT sets it
            return new_id
        assignments = ", ".join(f"{n} = ?" for n in names)
        conn.execute(f"UPDATE records SET {assignments} WHERE id = ?", [*(values[n] for n in names), record_id])
        return record_id

    def _apply(self, conn: sqlite3.Connection, record_id: int, info: CampaignInfo, *, refreshed: bool) -> None:
        values = status_values(info)
        assignments = ", ".join(f"{name} = COALESCE(?, {name})" for name in values)
        params: list[Any] = list(values.values())
        extra = ", latest_json = ?" if refreshed else ""
        if refreshed:
            params.append(dumps_answer(info.raw))
        conn.execute(
            f"UPDATE records SET {assignments}{extra}, refreshed_at = ?, refresh_problem = NULL WHERE id = ?",
            [*params, utc_iso(self._clock()), record_id],
        )

    @staticmethod
    def _store_lists(conn: sqlite3.Connection, record_id: int, lists: Mapping[int, ListInfo]) -> None:
        conn.execute("DELETE FROM record_lists WHERE record_id = ?", (record_id,))
        conn.executemany(
            "INSERT INTO record_lists (record_id, list_id, name, contacts) VALUES (?, ?, ?, ?)",
            [(record_id, int(list_id), info.name, info.contacts) for list_id, info in lists.items()],
        )
