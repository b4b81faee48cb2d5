"""Another process holding a lock file, as a program stopped with Ctrl+Z while holding it would."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from helpers.child_output import read_lines_until

ROOT = Path(__file__).resolve().parents[2]
HOLD = """
import sys
from app.platform.process_lock import FileLock
lock = FileLock.acquire(sys.argv[1])
print("held" if lock is not None else "not held", flush=True)
sys.stdin.read()  # until the test closes stdin or kills this process
"""


@contextlib.contextmanager
def lock_held_elsewhere(path: Path) -> Iterator[subprocess.Popen[bytes]]:
    """A child process holds the lock on ``path`` until the block ends (it is then killed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    try:
        assert read_lines_until(child, 1, timeout=30)[0] == "held"
        yield child
    finally:
        child.kill()
        child.wait(timeout=30)
        for stream in (child.stdin, child.stdout):
            if stream is not None:
                stream.close()
