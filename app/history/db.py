"""Opening the history database: connection settings, damaged files, schema migrations.

Settings (each connection): write-ahead log (``journal_mode=WAL``, kept in the file), foreign keys
on, ``synchronous=FULL``. In WAL mode FULL syncs the log at every commit, so a campaign recorded
just before a power cut is still there afterwards (NORMAL keeps the file consistent but may lose
the last commits). Writes are rare (one per send, one per status refresh), so the sync costs nothing
a person would notice, while a lost send record could lead someone to send the campaign again.

Busy: another window or command may be writing; a connection waits up to ``BUSY_TIMEOUT_S`` (read at
each connection, so tests can shorten it) before giving up with a message that never suggests
repeating the action. Privacy: the file and its ``-wal``/``-shm`` companions are created readable by
the user only (0600; SQLite gives the companions the main file's permissions), in a private folder.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from app.history import migrations
from app.language import tr
from app.language.formats import number_style
from app.platform.atomic import (
    describe_os_error,
    make_private_dir,
    make_private_file,
    narrow_if_present,
)

log = logging.getLogger(__name__)

SYNCHRONOUS = "FULL"
BUSY_TIMEOUT_S = 30.0  # another window or the command line may be writing at the same moment
_SIDE_FILES = ("-wal", "-shm", "-journal")


class HistoryError(Exception):
    """The history could not be read or written; ``str()`` is a message for the user."""

    def __init__(self, message: str, details: str = "") -> None:
        super().__init__(message)
        self.user_message = message
        self.details = details


class NewerHistory(HistoryError):
    """The database was written by a newer version of the program: it is left untouched."""


class _Damaged(Exception):
    """The file is not a usable SQLite database."""


def connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit) with the settings above."""
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)  # read now: tests change it
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")
    except BaseException:
        conn.close()
        raise
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection, *, immediate: bool = True) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` (a writer) or ``BEGIN`` (a reader) .. ``COMMIT``; rolled back on any exception."""
    conn.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def is_damage(exc: BaseException) -> bool:
    """Whether an error means the file itself is damaged or not a database (not: locked, disk full)."""
    if isinstance(exc, _Damaged):
        return True
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def open_and_migrate(path: Path) -> int:
    """Check the file, switch it to WAL, bring its schema up to date; the schema version.

    Raises ``_Damaged`` / ``sqlite3.DatabaseError`` (see ``is_damage``), ``NewerHistory``, or
    ``HistoryError`` when a migration fails (the database then stays at its old version).
    """
    _make_private(path)
    conn = connect(path)
    try:
        problems = [str(row[0]) for row in conn.execute("PRAGMA quick_check").fetchall()]
        if problems != ["ok"]:
            raise _Damaged("; ".join(problems[:5]))
        version = user_version(conn)
        latest = migrations.latest_version()
        if version > latest:
            raise NewerHistory(
                tr(
                    "The campaign history was written by a newer version of RCS Campaign Desk. "
                    "Update the program to add to it; it was left as it is."
                ),
                details=f"schema version {version}, this program knows up to {latest}",
            )
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            log.warning("history database is in %s mode (write-ahead log not available here)", mode)
        for target in range(version + 1, latest + 1):
            _migrate_to(conn, target)
        return max(version, latest)
    finally:
        conn.close()


def prepare(path: Path, clock: Callable[[], datetime]) -> tuple[str | None, str | None]:
    """Make ``path`` a usable, up-to-date history: (message if a damaged file was moved aside,
    reason if the file is from a newer version and must not be written). Raises ``HistoryError``."""
    try:
        make_private_dir(path.parent)
    except OSError as exc:
        raise HistoryError(
            tr("The campaign history cannot be saved: its folder {folder} could not be created ({reason}).").format(
                folder=path.parent, reason=describe_os_error(exc)
            ),
            details=f"{path.parent}: {exc}",
        ) from exc
    try:
        open_and_migrate(path)
    except NewerHistory as exc:
        return None, exc.user_message
    except HistoryError:
        raise
    except Exception as exc:
        if not is_damage(exc):
            if isinstance(exc, sqlite3.Error):
                raise HistoryError(message_for(exc, False), details=f"{type(exc).__name__}: {exc}") from exc
            raise
        return start_over(path, clock, exc), None
    return None, None


def start_over(path: Path, clock: Callable[[], datetime], exc: BaseException) -> str:
    """Move a damaged history aside and start an empty one; the message for the user."""
    log.warning("history database is damaged (%s); moving it aside", exc)
    aside = move_aside(path, clock)
    open_and_migrate(path)
    return tr(
        "The campaign history was damaged and could not be read. It was moved to {file} and a new, empty history "
        "was started."
    ).format(file=aside)


def _migrate_to(conn: sqlite3.Connection, target: int) -> None:
    try:
        with transaction(conn):
            if user_version(conn) >= target:  # another process got there first
                return
            migrations.MIGRATIONS[target - 1](conn)
            conn.execute(f"PRAGMA user_version = {int(target)}")
    except Exception as exc:
        if is_damage(exc):
            raise
        if isinstance(exc, sqlite3.Error) and _is_environment(exc):  # a full disk, a lock: not the version
            name = getattr(exc, "sqlite_errorname", "")
            left_as_it_was = tr("It was left as it was.")
            raise HistoryError(
                f"{message_for(exc, False)} {left_as_it_was}",
                details=f"migration to schema version {target} failed: {type(exc).__name__} ({name}): {exc}",
            ) from exc
        raise HistoryError(
            tr(
                "The campaign history could not be updated for this version of RCS Campaign Desk. "
                "It was left as it was."
            ),
            details=f"migration to schema version {target} failed: {type(exc).__name__}: {exc}",
        ) from exc


def move_aside(path: Path, clock: Callable[[], datetime]) -> Path:
    """Rename a damaged database (and its log files) to ``<name>.corrupt-<UTC time>``; the new name."""
    stamp = clock().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
    try:
        os.replace(path, target)
    except OSError as exc:
        raise HistoryError(
            tr(
                "The campaign history is damaged and could not be moved aside, so nothing can be written to it. "
                "Close other RCS Campaign Desk windows and restart the program. "
                "Campaigns on the server are not affected."
            ),
            details=f"{path}: {exc}",
        ) from exc
    narrow_if_present(target)  # an older version may have left it readable by others
    for suffix in _SIDE_FILES:
        side = Path(f"{path}{suffix}")
        try:
            os.replace(side, Path(f"{target}{suffix}"))
        except FileNotFoundError:
            pass
        except OSError:  # a stale log must never be applied to the new, empty database
            log.warning("could not move %s aside; removing it", side.name)
            side.unlink(missing_ok=True)
    return target


_FULL = ("SQLITE_FULL",)
_BUSY = ("SQLITE_BUSY", "SQLITE_LOCKED")
_NO_ACCESS = ("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_IOERR", "SQLITE_AUTH")


def _is_environment(exc: sqlite3.Error) -> bool:
    """A failure of the disk or of access (full, busy, read-only), not of the file's contents."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith(_FULL + _BUSY + _NO_ACCESS)


def message_for(exc: sqlite3.Error, writing: bool) -> str:
    """What to tell the user. Never suggests doing the action again: for a send, that would be a
    second campaign; what was sent is on the server whatever happened to the history."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name.startswith(_FULL):
        if writing:
            return tr(
                "The disk is full: the campaign history could not be saved. Free some space on the disk. "
                "Campaigns on the server are not affected."
            )
        return tr("The disk is full: the campaign history could not be opened. Free some space on the disk.")
    if name.startswith(_BUSY):
        seconds = f"{BUSY_TIMEOUT_S:g}".replace(".", number_style().decimal)
        if writing:
            return tr(
                "The campaign history is busy in another RCS Campaign Desk window or command and could not be "
                "written, even after waiting {seconds} seconds. Campaigns on the server are not affected."
            ).format(seconds=seconds)
        return tr(
            "The campaign history is busy in another RCS Campaign Desk window or command and could not be "
            "read after waiting {seconds} seconds."
        ).format(seconds=seconds)
    if name.startswith(_NO_ACCESS):
        if writing:
            return tr(
                "The campaign history could not be saved: check that the program's data folder can be written to. "
                "Campaigns on the server are not affected."
            )
        return tr("The campaign history could not be opened: check that the program's data folder can be written to.")
    if writing:
        return tr("The campaign history could not be saved. Campaigns on the server are not affected.")
    return tr("The campaign history could not be read.")


def _make_private(path: Path) -> None:
    """The database file exists and is private before SQLite opens it (its log files follow its mode)."""
    try:
        make_private_file(path)
    except OSError as exc:
        raise HistoryError(
            tr("The campaign history could not be opened: {reason} ({file}).").format(
                reason=describe_os_error(exc), file=path
            ),
            details=f"{type(exc).__name__}: {exc}",
        ) from exc
    for suffix in _SIDE_FILES:
        narrow_if_present(f"{path}{suffix}")
