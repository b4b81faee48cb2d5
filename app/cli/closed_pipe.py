"""A reader that closes standard output early (``rcs-desk lists --json | head -c 10``).

The one place for it: ``app.cli.main`` ends any command quietly with exit code 1 (Python's advice in
the "Note on SIGPIPE" of its ``signal`` documentation); a command that has sent something prints
within ``after_the_send``, so its exit code still says what happened to the send.
Nothing here imports more than the standard library: ``main`` imports it for every command.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

WINDOWS = sys.platform == "win32"


def is_reader_gone(exc: BaseException) -> bool:
    """Whether a write to standard output failed because its reader left: ``BrokenPipeError``, or on
    Windows an ``OSError`` EINVAL, which is what writing to a pipe whose reader closed raises there."""
    if isinstance(exc, BrokenPipeError):
        return True
    return WINDOWS and isinstance(exc, OSError) and exc.errno == errno.EINVAL


def flush_stdout() -> None:
    """Write out what is still buffered for standard output (there is none in a windowed program)."""
    if sys.stdout is not None:
        sys.stdout.flush()


def reader_gone() -> None:
    """Send what is still printed, and Python's last flush at exit, to the null device: else each
    fails again with a broken pipe (a traceback, or "Exception ignored" and exit code 120)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, sys.stdout.fileno())
        finally:
            os.close(devnull)
    except (AttributeError, OSError, ValueError):  # no stdout, or one that is not a file (a test's capture)
        pass


@contextmanager
def after_the_send() -> Iterator[None]:
    """Around what a command prints once its paid work is done and recorded in the history.

    A reader that closed standard output early ends the printing quietly, not the command: its exit
    code still says what happened to the send, not 1 ("nothing was sent") as for the other commands.
    """
    try:
        yield
        flush_stdout()
    except OSError as exc:
        if not is_reader_gone(exc):
            raise
        reader_gone()
