"""Telling whether another instance of the program is still running: lock files and process ids.

``FileLock`` holds an exclusive lock on a small file (``flock`` on macOS and Linux, ``msvcrt.locking``
on Windows). The operating system releases it when the process ends, however it ends, so "can I take
the lock?" answers "is its owner gone?" without trusting process ids, which the system reuses.
``pid_alive`` is the fallback where no lock file exists.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from pathlib import Path

log = logging.getLogger(__name__)


class FileLock:
    """An exclusive lock on ``path``, held until ``release`` (or the end of the process)."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    def __repr__(self) -> str:
        return f"FileLock({str(self.path)!r}, held={self._fd is not None})"

    @classmethod
    def acquire(cls, path: str | Path, *, blocking: bool = False, create: bool = True) -> FileLock | None:
        """The lock, or None when another process (or another lock in this one) holds it, or the file
        is missing and ``create`` is False, or locking is not possible here."""
        path = Path(path)
        for _ in range(5):
            try:
                fd = os.open(path, os.O_RDWR | (os.O_CREAT if create else 0), 0o600)
            except OSError:
                return None
            if not _lock(fd, blocking):
                os.close(fd)
                return None
            if _same_file(fd, path):
                return cls(path, fd)
            # Someone removed the file between our open and our lock: lock the new one instead.
            _unlock(fd)
            os.close(fd)
            if not create:
                return None
        return None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self, *, delete: bool = False) -> None:
        """Unlock (and remove the file when ``delete``). Safe to call twice."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if delete and os.name != "nt":
            self.path.unlink(missing_ok=True)  # while still locked: nobody can take a lock on a dying file
        _unlock(fd)
        os.close(fd)
        if delete and os.name == "nt":
            # OSError: another process opened it meanwhile; it will be cleaned up later
            with contextlib.suppress(OSError):
                self.path.unlink(missing_ok=True)


def _lock(fd: int, blocking: bool) -> bool:
    try:
        if sys.platform == "win32":  # os.name == "nt", in the form type checkers understand
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_LOCK if blocking else msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
    except OSError:
        return False
    return True


def _unlock(fd: int) -> None:
    try:
        if sys.platform == "win32":
            import msvcrt

            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_UN)
    except OSError:
        log.debug("unlock failed", exc_info=True)


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except OSError:
        return False


def pid_alive(pid: int) -> bool:
    """Whether a process with this id exists (a reused id looks alive: prefer ``FileLock``)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if os.name == "nt":
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)  # signal 0: only checks (never use this on Windows: it would end the process)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: it exists but belongs to someone else
        return True
    return True


def _windows_pid_alive(pid: int) -> bool:
    if sys.platform != "win32":  # never called elsewhere; tells type checkers this is Windows' ctypes
        raise OSError("only on Windows")
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
    kernel32.OpenProcess.restype = wintypes.HANDLE
    kernel32.GetExitCodeProcess.argtypes = (wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD))
    kernel32.GetExitCodeProcess.restype = wintypes.BOOL
    kernel32.CloseHandle.argtypes = (wintypes.HANDLE,)
    process_query_limited_information, still_active, error_access_denied = 0x1000, 259, 5
    handle = kernel32.OpenProcess(process_query_limited_information, False, pid)
    if not handle:
        return ctypes.get_last_error() == error_access_denied  # exists, but not ours to look at
    try:
        code = wintypes.DWORD()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == still_active
    finally:
        kernel32.CloseHandle(handle)
