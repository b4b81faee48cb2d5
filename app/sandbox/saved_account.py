"""The demo account kept in the data folder, so that demo campaigns outlive one command.

``rcs-desk --demo send`` then ``rcs-desk --demo campaign ID`` or ``stop ID`` find the campaign, and
campaign IDs go on from one command (or window) to the next. ``SandboxServer(saved=SavedAccount(...))``
reads the file when it starts, reads it again before a request when another process changed it,
and writes it after a request that changed the account, under a lock file so that two programs
never lose each other's campaigns.

Nothing here stops a command or the window, and nothing waits long: a damaged file is moved aside and
the account starts afresh. A file that cannot be read, a folder that cannot be written to, or a lock
another program keeps longer than ``LOCK_WAIT_S`` (one stopped with Ctrl+Z keeps it for ever) leave
the file as it is: the account is kept in memory for the rest of this run (``in_memory``). Each is
said once, in plain words, by ``take_problems``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from app import APP_NAME
from app.platform.atomic import describe_os_error, make_private_dir, write_atomic
from app.platform.process_lock import FileLock
from app.sandbox import saved_state
from app.sandbox.campaigns import CampaignStore
from app.sandbox.demo_data import FIRST_CAMPAIGN_ID, INITIAL_BALANCE, SEED_CAMPAIGNS

log = logging.getLogger(__name__)

FILE_NAME = "demo-account.json"
ID_SPREAD = 10**9  # a new account's IDs start up to this far above the demo's first ID
LOCK_WAIT_S = 5.0  # every holder reads or writes a small file: far longer than any of them needs
LOCK_RETRY_S = 0.05
ONLY_THIS_RUN = "Demo campaigns are kept only until this window or command ends."

Signature = tuple[int, int, int]  # modification time (ns), size, inode: "has another process written it?"


class SavedAccount:
    """The demo account's file ``path``. ``label`` names the account in the history ("demo:…");
    a new account gets one from ``new_label``."""

    def __init__(self, path: str | os.PathLike[str], *, new_label: Callable[[], str]) -> None:
        self.path = Path(path)
        self.lock_path = self.path.with_suffix(".lock")
        self.label = ""
        self._new_label = new_label
        self._signature: Signature | None = None
        self._problems: list[str] = []
        self._problems_lock = threading.Lock()  # found on worker threads, taken on the GUI thread
        self._listener: Callable[[], None] | None = None
        self._cannot_keep_said = False
        self._in_memory = False

    def __repr__(self) -> str:
        return f"SavedAccount({str(self.path)!r}, label={self.label!r}, in_memory={self._in_memory})"

    @property
    def in_memory(self) -> bool:
        """True once the file is neither read nor written any more in this run."""
        return self._in_memory

    def take_problems(self) -> list[str]:
        """What went wrong with the file since the last call, in sentences for the user."""
        with self._problems_lock:
            problems, self._problems = self._problems, []
        return problems

    def listen(self, listener: Callable[[], None] | None) -> None:
        """Call ``listener`` (on the thread that found it) each time a problem is added; None stops."""
        self._listener = listener

    # Used by SandboxServer ----------------------------------------------------------------------

    def open(self, zone: ZoneInfo, now: datetime) -> CampaignStore:
        """The saved account, its balance topped up to the demo's; a new one (written at once) when
        there is none or it cannot be used."""
        with self.locked():
            loaded = self._load(zone, now)
            if loaded is not None:
                store = loaded.store
                self.label = loaded.label
                balance = store.balance(now)
                if balance < INITIAL_BALANCE:  # every start may send again: the demo never runs dry
                    store.top_up(INITIAL_BALANCE - balance, now)
                    self.save(store, now)
                return store
            store = CampaignStore(zone, now)
            store.continue_ids_from(first_id_of_a_new_account(now))
            self.label = self._new_label()
            self.save(store, now)
            return store

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the lock file; another program holding it is waited for up to ``LOCK_WAIT_S``. When
        the lock cannot be had, the account is kept in memory from then on (``in_memory``)."""
        lock = None if self._in_memory else self._acquire()
        try:
            yield
        finally:
            if lock is not None:
                lock.release()

    def refreshed(self, store: CampaignStore, zone: ZoneInfo, now: datetime) -> CampaignStore:
        """``store``, or the account as another program saved it since (call while ``locked``)."""
        if self._in_memory or self._disk_signature() in (self._signature, None):
            return store
        try:
            loaded = self._read(zone, now)
        except OSError as exc:
            self._cannot_read(exc)
            return store
        except saved_state.StateError as exc:
            log.info(
                "demo account %s damaged meanwhile (%s): this run's account is written on its next change",
                self.path,
                exc,
            )
            return store
        if loaded is None:
            return store  # removed meanwhile: this run's account is written on its next change
        if loaded.label != self.label:
            # Another program started a new account (the file was damaged or removed): use it, as
            # that program does, rather than write this one over it.
            log.info("demo account %s replaced: %s is now %s", self.path, self.label, loaded.label)
            self.label = loaded.label
        return loaded.store

    def save(self, store: CampaignStore, now: datetime) -> None:
        """Write the account (call while ``locked``); a failure is kept for ``take_problems``."""
        store.forget_oldest(saved_state.MAX_CAMPAIGNS, now, keep_messages=saved_state.MAX_MESSAGES)
        if self._in_memory:
            return
        try:
            make_private_dir(self.path.parent)
            write_atomic(self.path, saved_state.dump(store, self.label))
            self._signature = self._disk_signature()
        except OSError as exc:
            log.info("demo account not saved to %s: %s", self.path, exc)
            self._say_cannot_keep(self._cannot_write_text(exc))

    # The lock -------------------------------------------------------------------------------------

    def _acquire(self) -> FileLock | None:
        deadline = time.monotonic() + LOCK_WAIT_S
        try:
            make_private_dir(self.path.parent)
            while True:
                lock = FileLock.acquire(self.lock_path)
                if lock is not None:
                    return lock
                _check_can_open(self.lock_path)  # None also means "cannot be opened": not worth waiting for
                if time.monotonic() >= deadline:
                    break
                time.sleep(LOCK_RETRY_S)
        except OSError as exc:
            log.info("demo account lock %s not taken: %s", self.lock_path, exc)
            self._keep_in_memory(self._cannot_write_text(exc))
            return None
        log.warning("demo account lock %s still held by another process after %g s", self.lock_path, LOCK_WAIT_S)
        self._keep_in_memory(
            f"Demo campaigns cannot be kept for later: another {APP_NAME} window or command has been using "
            f"the saved demo account for more than {LOCK_WAIT_S:g} seconds. {ONLY_THIS_RUN}"
        )
        return None

    # Reading --------------------------------------------------------------------------------------

    def _disk_signature(self) -> Signature | None:
        try:
            info = os.stat(self.path)
        except OSError:
            return None
        return info.st_mtime_ns, info.st_size, info.st_ino

    def _load(self, zone: ZoneInfo, now: datetime) -> saved_state.SavedState | None:
        """The account in the file, or None: none there, damaged (moved aside) or not readable."""
        try:
            return self._read(zone, now)
        except OSError as exc:
            self._cannot_read(exc)
        except saved_state.StateError as exc:
            if self._in_memory:  # not holding the lock: moving it could lose another program's account
                log.info("damaged demo account %s left as it is: %s", self.path, exc)
            else:
                self._move_aside(str(exc))
        return None

    def _read(self, zone: ZoneInfo, now: datetime) -> saved_state.SavedState | None:
        """The account in the file; None when there is none. Raises ``StateError`` when its content
        cannot be used and ``OSError`` when it cannot be read (which says nothing about the content)."""
        try:
            info = os.stat(self.path)
        except (FileNotFoundError, NotADirectoryError):
            return None
        if not stat.S_ISREG(info.st_mode):
            raise saved_state.StateError("it is not a file")
        try:
            with open(self.path, "rb") as handle:
                data = handle.read(saved_state.MAX_BYTES + 1)
        except FileNotFoundError:
            return None  # removed since the look above
        try:
            loaded = saved_state.load(data, zone)
            loaded.store.balance(now)  # what every request works out: it must work with these values
        except saved_state.StateError:
            raise
        except Exception as exc:  # values the checks let through: never stop the demo over them
            log.info("demo account %s unusable", self.path, exc_info=True)
            raise saved_state.StateError("it holds values that cannot be used") from exc
        self._signature = info.st_mtime_ns, info.st_size, info.st_ino
        return loaded

    def _move_aside(self, reason: str) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.stem}.damaged-{stamp}.json")
        counter = 1
        while os.path.lexists(target):
            counter += 1
            target = self.path.with_name(f"{self.path.stem}.damaged-{stamp}-{counter}.json")
        try:
            os.rename(self.path, target)
        except OSError as exc:
            log.info("damaged demo account %s not moved aside: %s", self.path, exc)
            self._keep_in_memory(
                f"The saved demo account could not be used: {reason}. It could not be moved aside "
                f"({describe_os_error(exc)}), so it was left as it is. {ONLY_THIS_RUN}"
            )
            return
        self._say(
            f"The saved demo account could not be used: {reason}. It was moved to {target}. "
            "The demo account starts afresh: its earlier demo campaigns are gone."
        )

    # Saying what went wrong ------------------------------------------------------------------------

    def _cannot_read(self, exc: OSError) -> None:
        log.info("demo account %s not read: %s", self.path, exc)
        self._keep_in_memory(
            f"The saved demo account {self.path} could not be read ({describe_os_error(exc)}), so it was "
            f"left as it is. {ONLY_THIS_RUN}"
        )

    def _cannot_write_text(self, exc: OSError) -> str:
        return (
            f"Demo campaigns cannot be kept for later: {self.path.parent} cannot be written to "
            f"({describe_os_error(exc)}). {ONLY_THIS_RUN}"
        )

    def _keep_in_memory(self, text: str) -> None:
        """From now on the file is neither read nor written in this run."""
        self._in_memory = True
        self._say_cannot_keep(text)

    def _say_cannot_keep(self, text: str) -> None:
        if not self._cannot_keep_said:  # one reason is enough: the outcome is the same
            self._cannot_keep_said = True
            self._say(text)

    def _say(self, text: str) -> None:
        with self._problems_lock:
            self._problems.append(text)
        listener = self._listener
        if listener is not None:
            listener()


def _check_can_open(path: Path) -> None:
    """Raises ``OSError`` when ``path`` cannot be opened for writing (locking it is then impossible)."""
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))


def first_id_of_a_new_account(now: datetime) -> int:
    """Where the IDs of a new account (first start, or after a damaged file) begin: taken from the clock
    to the millisecond, so that it does not repeat the IDs of an earlier account (the history keeps them)."""
    milliseconds = int(now.timestamp() * 1000)
    return FIRST_CAMPAIGN_ID + len(SEED_CAMPAIGNS) + milliseconds % ID_SPREAD


def demo_account_path(data_dir: str | os.PathLike[str]) -> Path:
    """Where the demo account of this data folder is kept."""
    return Path(data_dir) / FILE_NAME
