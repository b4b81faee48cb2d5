"""Autosave of the open campaign, so nothing typed is lost to a crash, a kill or a power cut.

Each window has a ``RecoveryStore``: its own session file ``session-<pid>-<token>.json`` in the
recovery folder, written atomically at every (debounced) change, and a lock file
``session-<pid>-<token>.lock`` it holds locked for as long as the window lives. The operating system
drops the lock when the process ends in any way, so at the next start a session file whose lock can
be taken is an orphan worth offering back; a process id reused by another program cannot fool it.
(Where locking is not possible, the process id is checked instead.)

A clean exit, a save or an explicit discard removes the file (``clear``). Files that cannot be read
are moved aside (``<name>.corrupt-<time>``) and reported in ``damaged``; nothing here raises for them.
The folder and its files are private to the user (0700/0600). A folder that cannot be created (a
read-only or full disk, a file in the way) never stops the window: ``problem`` then says so, and
``save`` raises ``OSError`` until it can be created.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from app.campaign.file import FORMAT_VERSION as CAMPAIGN_FORMAT_VERSION
from app.campaign.file import CampaignDocument, CampaignFileError, document_from_json
from app.language import tr
from app.platform.atomic import describe_os_error, make_private_dir, write_atomic
from app.platform.process_lock import FileLock, pid_alive

log = logging.getLogger(__name__)

FORMAT_NAME = "rcs-desk.recovery"
FORMAT_VERSION = 1
_PREFIX = "session-"


class _Unreadable(Exception):
    """A recovery file that can never be restored (moved aside)."""


class _Newer(Exception):
    """A recovery file written by a newer version (left alone for that version)."""


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class RecoveryEntry:
    """A campaign left behind by a window that did not close normally.

    ``saved_at`` (aware, UTC) is when it was last autosaved; ``source_path`` the campaign file it
    was opened from or saved to (None for a new campaign). While an entry is in a store's hands it
    is claimed: other windows do not offer it. Finish with ``adopt``, ``discard`` or ``release``.
    """

    path: Path
    saved_at: datetime
    source_path: Path | None
    document: CampaignDocument
    pid: int | None = None
    _claim: FileLock | None = field(default=None, repr=False, compare=False)


class RecoveryStore:
    """The autosave of one window, and the orphans of windows that did not close normally."""

    def __init__(
        self, recovery_dir: str | Path, *, clock: Callable[[], datetime] | None = None, pid: int | None = None
    ) -> None:
        self.dir = Path(recovery_dir)
        self.pid = os.getpid() if pid is None else pid
        self._clock = clock or _utc_now
        self.session = f"{self.pid}-{os.urandom(5).hex()}"  # not uuid: it imports platform at start-up
        self.path = self.dir / f"{_PREFIX}{self.session}.json"
        self.damaged: list[str] = []  # messages about damaged files found by find_orphans
        self.problem: str | None = None  # why autosaves cannot be written, for the user
        self._claims: dict[Path, FileLock] = {}
        self._lock: FileLock | None = None
        try:
            make_private_dir(self.dir)
        except OSError as exc:
            log.warning("recovery folder could not be created: %s", exc)
            self.problem = tr(
                "Automatic copies of the open campaign (kept for recovery after a crash) cannot be saved: "
                "the folder {folder} could not be created ({reason})."
            ).format(folder=self.dir, reason=describe_os_error(exc))
        else:
            self._lock = FileLock.acquire(self.path.with_suffix(".lock"), blocking=True)

    def __repr__(self) -> str:
        return f"RecoveryStore({str(self.dir)!r}, session={self.session!r})"

    # This window's autosave ------------------------------------------------------------------------

    def save(self, document: CampaignDocument, *, source_path: str | Path | None = None) -> datetime:
        """Write the campaign atomically to this session's file; when it was saved (aware UTC)."""
        saved_at = self._clock().astimezone(UTC)
        data: dict[str, Any] = {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "saved_at": saved_at.isoformat(),
            "pid": self.pid,
            "source_path": str(source_path) if source_path is not None else None,
            "campaign": document.to_json_dict(),
        }
        make_private_dir(self.dir)  # again: it may have been removed, or could not be made at the start
        if self._lock is None:
            self._lock = FileLock.acquire(self.path.with_suffix(".lock"), blocking=True)
        write_atomic(self.path, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
        return saved_at

    def clear(self) -> None:
        """Remove this session's autosave (after a save, a discard, or on a clean exit)."""
        try:
            self.path.unlink(missing_ok=True)
        except OSError as exc:  # the folder is gone or unusable: there is nothing of ours to remove
            log.debug("autosave could not be removed: %s", exc)

    def close(self, *, keep: bool = False) -> None:
        """End the session: remove the autosave unless ``keep``, give back claimed orphans, unlock."""
        if not keep:
            self.clear()
        for claim in self._claims.values():
            claim.release()
        self._claims.clear()
        if self._lock is not None:
            self._lock.release(delete=not keep)
            self._lock = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # Other sessions ----------------------------------------------------------------------------------

    def find_orphans(self) -> list[RecoveryEntry]:
        """Campaigns of sessions whose window is gone, newest first (each claimed by this store).

        Damaged files are moved aside and described in ``damaged``; files from a newer version of
        the program are left alone and described there too.
        """
        self.damaged = []
        entries: list[RecoveryEntry] = []
        for path in sorted(self.dir.glob(f"{_PREFIX}*.json")):
            if path == self.path or path in self._claims:
                continue
            gone, claim = self._claim_if_gone(path)
            if not gone:
                continue
            try:
                entry = _read_entry(path)
            except _Newer:
                newer = tr(
                    "A campaign autosaved by a newer version of RCS Campaign Desk was left for that version ({file})."
                )
                self.damaged.append(newer.format(file=path))
                if claim is not None:
                    claim.release()
                continue
            except _Unreadable as exc:
                log.warning("recovery file %s is damaged: %s", path.name, exc)
                self._move_aside(path)
                if claim is not None:
                    claim.release(delete=True)
                continue
            entry._claim = claim
            if claim is not None:
                self._claims[path] = claim
            entries.append(entry)
        self._remove_stale_locks()
        return sorted(entries, key=lambda e: e.saved_at, reverse=True)

    def adopt(self, entry: RecoveryEntry) -> CampaignDocument:
        """Restore an orphan: it becomes this window's autosave at once, and its old files go."""
        self.save(entry.document, source_path=entry.source_path)
        self.discard(entry)
        return entry.document

    def discard(self, entry: RecoveryEntry) -> None:
        """Delete an orphan for good (the user chose not to restore it)."""
        entry.path.unlink(missing_ok=True)
        for tmp in self.dir.glob(f".{entry.path.name}.*.tmp"):
            tmp.unlink(missing_ok=True)
        claim = self._claims.pop(entry.path, None) or entry._claim
        entry._claim = None
        if claim is not None:
            claim.release(delete=True)
        else:
            entry.path.with_suffix(".lock").unlink(missing_ok=True)

    def release(self, entry: RecoveryEntry) -> None:
        """Give an orphan back untouched: it is offered again later (or to another window)."""
        claim = self._claims.pop(entry.path, None) or entry._claim
        entry._claim = None
        if claim is not None:
            claim.release()

    # Helpers ---------------------------------------------------------------------------------------

    def _claim_if_gone(self, path: Path) -> tuple[bool, FileLock | None]:
        """Whether the session's window is gone, and then a claim on it (its lock, when it has one)."""
        lock_path = path.with_suffix(".lock")
        if lock_path.exists():
            claim = FileLock.acquire(lock_path, blocking=False, create=False)
            if claim is not None:
                return True, claim
            if lock_path.exists():
                return False, None  # locked: its window (or a window that claimed it) is running
        pid = _pid_from_name(path)
        return (pid is not None and not pid_alive(pid)), None

    def _remove_stale_locks(self) -> None:
        """Lock files (and unfinished writes) of sessions that ended before their first autosave."""
        own_lock = self.path.with_suffix(".lock")
        for lock_path in self.dir.glob(f"{_PREFIX}*.lock"):
            json_path = lock_path.with_suffix(".json")
            if lock_path == own_lock or json_path.exists() or json_path in self._claims:
                continue
            claim = FileLock.acquire(lock_path, blocking=False, create=False)
            if claim is None:
                continue
            for tmp in self.dir.glob(f".{json_path.name}.*.tmp"):
                tmp.unlink(missing_ok=True)
            claim.release(delete=True)

    def _move_aside(self, path: Path) -> None:
        aside = path.with_name(f"{path.name}.corrupt-{self._clock().astimezone(UTC):%Y%m%d-%H%M%S}")
        try:
            os.replace(path, aside)
        except OSError:
            log.warning("could not move the damaged recovery file %s aside", path.name)
            self.damaged.append(
                tr("An automatic copy of a campaign was damaged and could not be restored ({file}).").format(file=path)
            )
            return
        self.damaged.append(
            tr("An automatic copy of a campaign was damaged and could not be restored. It was moved to {file}.").format(
                file=aside
            )
        )


def _pid_from_name(path: Path) -> int | None:
    head = path.stem[len(_PREFIX) :].split("-", 1)[0]
    return int(head) if head.isdigit() else None


def _read_entry(path: Path) -> RecoveryEntry:
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise _Unreadable(str(exc)) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise _Unreadable("not a recovery file")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _Unreadable("bad version")
    if version > FORMAT_VERSION:
        raise _Newer()
    try:
        saved_at = datetime.fromisoformat(str(data.get("saved_at")))
    except ValueError:
        raise _Unreadable("bad saved_at") from None
    if saved_at.tzinfo is None:
        saved_at = saved_at.replace(tzinfo=UTC)
    campaign = data.get("campaign")
    campaign_version = campaign.get("version") if isinstance(campaign, dict) else None
    if isinstance(campaign_version, int) and campaign_version > CAMPAIGN_FORMAT_VERSION:
        raise _Newer()
    try:
        document = document_from_json(campaign, default_time_zone="UTC")
    except CampaignFileError as exc:
        raise _Unreadable(exc.user_message) from None
    source = data.get("source_path")
    pid = data.get("pid")
    return RecoveryEntry(
        path=path,
        saved_at=saved_at.astimezone(UTC),
        source_path=Path(source) if isinstance(source, str) and source else None,
        document=document,
        pid=pid if isinstance(pid, int) and not isinstance(pid, bool) else None,
    )
