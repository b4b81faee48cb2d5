"""Reading what a child process prints, with a deadline (for the tests that kill a process)."""

from __future__ import annotations

import os
import selectors
import subprocess
import threading
import time


def read_lines_until(proc: subprocess.Popen, count: int, timeout: float) -> list[str]:
    """Lines the process printed, waiting (with a deadline) until there are ``count``."""
    lines: list[str] = []
    buffer = b""
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        while len(lines) < count:
            left = deadline - time.monotonic()
            if left <= 0 or not selector.select(left):
                raise AssertionError(f"only {len(lines)} lines after {timeout} s")
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                raise AssertionError(f"the process ended early: {proc.wait()}")
            buffer += chunk
            *complete, buffer = buffer.split(b"\n")
            lines.extend(line.decode("utf-8") for line in complete)
    return lines + ([buffer.decode("utf-8")] if buffer else [])


def read_line(proc: subprocess.Popen, timeout: float) -> str:
    """The first line the process prints (stripped), waiting at most ``timeout`` seconds."""
    return read_lines_until(proc, 1, timeout)[0].strip()


def signal_when(child: subprocess.Popen, ready: threading.Event, signum: int, what: str) -> subprocess.CompletedProcess:
    """Send ``signum`` to ``child`` once ``ready`` is set (failing with "``what`` never reached the server"
    after 30 s), and return what it printed and its exit code; a child left running is killed."""
    try:
        assert ready.wait(30), f"{what} never reached the server"
        child.send_signal(signum)
        out, err = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    return subprocess.CompletedProcess(child.args, child.returncode, out, err)
