"""Atomic file writes, and folders and files private to the user.

``write_atomic``: a reader sees the old file or the new one, never half of either; the new file is
readable by its owner only (``mkstemp`` creates it 0600). ``make_private_dir`` and
``make_private_file`` create the program's own folders (0700) and files (0600) whatever the umask,
and narrow ones an older version left readable by others (macOS and Linux; Windows keeps a user's
profile private by its own permissions). ``folder_problem`` says in plain words why a folder cannot
be written to.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from app.language import tr

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, flush it to disk, then rename it over ``path``."""
    with atomic_writer(path) as handle:
        handle.write(data)


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """A file to write ``path``'s new content into piece by piece (a long export need not be held in
    memory). When the block ends normally it is flushed to disk and renamed over ``path``; when it raises
    (a cancel, a full disk), the partial file is removed and ``path`` is left as it was."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    _fsync_directory(target.parent)


def make_private_dir(path: str | os.PathLike[str]) -> Path:
    """Create the folder ``path`` and its missing parents, readable by this user only; the path.

    An existing folder owned by this user loses its group and other permissions. Raises
    ``OSError`` (``NotADirectoryError`` when a file is in the way).
    """
    target = Path(path)
    missing: list[Path] = []
    probe = target
    while True:
        try:
            os.stat(probe)
            break
        except FileNotFoundError:
            missing.append(probe)
            if probe.parent == probe:
                break
            probe = probe.parent
    for folder in reversed(missing):
        try:
            os.mkdir(folder, PRIVATE_DIR_MODE)
        except FileExistsError:
            pass
        else:
            _chmod(folder, PRIVATE_DIR_MODE)  # the umask may have taken bits the owner needs
    if not target.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "a file is in the way of the folder", str(target))
    _narrow(target)
    return target


def make_private_file(path: str | os.PathLike[str]) -> None:
    """Create ``path`` empty if missing; either way readable by this user only. Raises ``OSError``."""
    target = Path(path)
    fd = os.open(target, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), PRIVATE_FILE_MODE)
    os.close(fd)
    _narrow(target)


def narrow_if_present(path: str | os.PathLike[str]) -> None:
    """Take group and other permissions from an existing file of this user (nothing if it is absent)."""
    with contextlib.suppress(OSError):
        _narrow(Path(path))


def folder_problem(path: str | os.PathLike[str]) -> str | None:
    """None when files can be created in the folder ``path`` (created, private, if missing), else why not."""
    try:
        folder = make_private_dir(path)
        fd, name = tempfile.mkstemp(prefix=".write-check-", suffix=".tmp", dir=folder)
        os.close(fd)
        os.unlink(name)
    except OSError as exc:
        return describe_os_error(exc)
    return None


def describe_os_error(exc: OSError) -> str:
    """Why a file operation failed, in plain words (for messages; the technical text goes to details).

    A clause in lower case that follows a colon or stands in brackets: "… could not be saved: the disk is full."
    """
    code = exc.errno
    if code in (errno.EACCES, errno.EPERM):
        # Translators: this and the reasons below follow a colon or stand in brackets: "…: the disk is full."
        return tr("permission denied")
    if code == errno.EROFS:
        return tr("the disk is read-only")
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return tr("the disk is full")
    if code in (errno.ENOTDIR, errno.EEXIST):
        return tr("a file is in the way of a folder")
    if code == errno.EISDIR:
        return tr("a folder is in the way of the file")
    if code == errno.ENAMETOOLONG:
        return tr("the name is too long")
    return exc.strerror or type(exc).__name__  # the system's own words (in the system's language)


def _narrow(path: Path) -> None:
    if sys.platform == "win32":  # os.name != "posix", in the form type checkers understand (no geteuid)
        return
    info = os.stat(path)
    if info.st_uid != os.geteuid():
        return  # not ours (a shared folder named by RCS_DESK_HOME): leave it as its owner set it
    mode = stat.S_IMODE(info.st_mode)
    if mode & 0o077:
        _chmod(path, mode & ~0o077)


def _chmod(path: Path, mode: int) -> None:
    if os.name == "posix":
        os.chmod(path, mode)


def _fsync_directory(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
