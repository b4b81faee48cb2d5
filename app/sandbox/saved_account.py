"""The demo account kept in the data folder, so that demo campaigns outlive one command.

``rcs-desk --demo send`` then ``rcs-desk --demo campaign ID`` or ``stop ID`` find the campaign, and
campaign IDs go on from one command (or window) to the next. ``SandboxServer(saved=SavedAccount(...))``
reads the file when it starts, reads it again before a request when another process changed it,
and writes it after a request that changed the account, under a lock file so that two programs
never lose each other's campaigns.

Nothing here stops a command or the window: a damaged file is moved aside and the account starts
afresh; a folder that cannot be written keeps the account for this run only. Either is said once,
in plain words, by ``take_problems``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from app.platform.atomic import describe_os_error, make_private_dir, write_atomic
from app.platform.process_lock import FileLock
from app.sandbox import saved_state
from app.sandbox.campaigns import CampaignStore
from app.sandbox.demo_data import FIRST_CAMPAIGN_ID, INITIAL_BALANCE, SEED_CAMPAIGNS

log = logging.getLogger(__name__)

FILE_NAME = "demo-account.json"
ID_SPREAD = 10**9  # a new account's IDs start up to this far above the demo's first ID

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
        self._cannot_save_said = False

    def __repr__(self) -> str:
        return f"SavedAccount({str(self.path)!r}, label={self.label!r})"

    def take_problems(self) -> list[str]:
        """What went wrong with the file since the last call, in sentences for the user."""
        problems, self._problems = self._problems, []
        return problems

    # Used by SandboxServer ----------------------------------------------------------------------

    def open(self, zone: ZoneInfo, now: datetime) -> CampaignStore:
        """The saved account, its balance topped up to the demo's; a new one (written at once) when
        there is none or it cannot be used."""
        with self.locked():
            loaded = self._read(zone, now, say_damage=True)
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
        """Hold the lock file (other programs wait); without it when locking is not possible here."""
        lock = None
        with contextlib.suppress(OSError):
            make_private_dir(self.path.parent)
            lock = FileLock.acquire(self.lock_path, blocking=True)
        try:
            yield
        finally:
            if lock is not None:
                lock.release()

    def refreshed(self, store: CampaignStore, zone: ZoneInfo, now: datetime) -> CampaignStore:
        """``store``, or the account as another program saved it since (call while ``locked``)."""
        if self._disk_signature() in (self._signature, None):
            return store
        loaded = self._read(zone, now, say_damage=False)
        if loaded is None or loaded.label != self.label:
            return store  # unreadable or replaced meanwhile: keep this run's account, written on its next change
        return loaded.store

    def save(self, store: CampaignStore, now: datetime) -> None:
        """Write the account (call while ``locked``); a failure is kept for ``take_problems``."""
        store.forget_oldest(saved_state.MAX_CAMPAIGNS, now)
        try:
            make_private_dir(self.path.parent)
            write_atomic(self.path, saved_state.dump(store, self.label))
            self._signature = self._disk_signature()
        except OSError as exc:
            log.info("demo account not saved to %s: %s", self.path, exc)
            if not self._cannot_save_said:
                self._cannot_save_said = True
                self._problems.append(
                    f"Demo campaigns cannot be kept for later: {self.path.parent} cannot be written to "
                    f"({describe_os_error(exc)})."
                )

    # Reading --------------------------------------------------------------------------------------

    def _disk_signature(self) -> Signature | None:
        try:
            info = os.stat(self.path)
        except OSError:
            return None
        return info.st_mtime_ns, info.st_size, info.st_ino

    def _read(self, zone: ZoneInfo, now: datetime, *, say_damage: bool) -> saved_state.SavedState | None:
        signature = self._disk_signature()
        if signature is None:
            return None
        try:
            info = os.stat(self.path)
            if not stat.S_ISREG(info.st_mode):
                raise saved_state.StateError("it is not a file")
            with open(self.path, "rb") as handle:
                data = handle.read(saved_state.MAX_BYTES + 1)
            loaded = saved_state.load(data, zone)
            loaded.store.balance(now)  # what every request works out: it must work with these values
        except OSError as exc:
            reason = f"it could not be read ({describe_os_error(exc)})"
        except saved_state.StateError as exc:
            reason = str(exc)
        except Exception as exc:  # values the checks let through: never stop the demo over them
            log.info("demo account %s unusable", self.path, exc_info=True)
            reason = f"it holds values that cannot be used ({type(exc).__name__})"
        else:
            self._signature = signature
            return loaded
        if say_damage:
            self._problems.append(self._move_aside(reason))
        return None

    def _move_aside(self, reason: str) -> str:
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.stem}.damaged-{stamp}.json")
        counter = 1
        while os.path.lexists(target):
            counter += 1
            target = self.path.with_name(f"{self.path.stem}.damaged-{stamp}-{counter}.json")
        start_afresh = "The demo account starts afresh: its earlier demo campaigns are gone."
        try:
            os.rename(self.path, target)
        except OSError as exc:
            log.info("damaged demo account %s not moved aside: %s", self.path, exc)
            return f"The saved demo account could not be used: {reason}. {start_afresh}"
        return f"The saved demo account could not be used: {reason}. It was moved to {target}. {start_afresh}"


def first_id_of_a_new_account(now: datetime) -> int:
    """Where the IDs of a new account (first start, or after a damaged file) begin: taken from the clock
    to the millisecond, so that it does not repeat the IDs of an earlier account (the history keeps them)."""
    milliseconds = int(now.timestamp() * 1000)
    return FIRST_CAMPAIGN_ID + len(SEED_CAMPAIGNS) + milliseconds % ID_SPREAD


def demo_account_path(data_dir: str | os.PathLike[str]) -> Path:
    """Where the demo account of this data folder is kept."""
    return Path(data_dir) / FILE_NAME
