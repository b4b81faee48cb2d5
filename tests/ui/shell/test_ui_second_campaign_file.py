"""A second campaign file opened while the program runs (a double-click in Explorer) starts a second
program, as Explorer does, with its own window; the first keeps its window and its unsaved work."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from app.platform.config import app_paths
from helpers.window import EXAMPLES

CHILD = Path(__file__).resolve().parents[2] / "helpers" / "autosave_child.py"


@pytest.mark.slow
def test_a_second_file_opens_in_its_own_program_and_the_first_keeps_its_unsaved_work():
    typed = "Unsaved Agent 7"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")  # both share RCS_DESK_HOME: one data folder
    first = subprocess.Popen(
        [sys.executable, str(CHILD), typed],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    watchdog = threading.Timer(120, first.kill)  # a hung window fails the test instead of hanging it
    watchdog.start()
    try:
        line = first.stdout.readline()  # after the first autosave of the typed, unsaved text
        assert line.strip() == "saved", line or first.stderr.read()
        [draft] = app_paths().recovery_dir.glob("session-*.json")
        before = draft.read_bytes()
        assert typed in before.decode("utf-8")

        # What Explorer runs for a double-click: the program with the file (the window closes itself
        # once painted, as a person would close it)
        other = EXAMPLES / "spring-sale.rcs.json"
        second = subprocess.run(
            [sys.executable, "-m", "rcs_desk", "--demo", str(other)],
            capture_output=True,
            stdin=subprocess.DEVNULL,
            text=True,
            timeout=120,
            env={**env, "RCS_DESK_REPORT_FIRST_PAINT": "quit"},
            check=False,
        )
        assert second.returncode == 0, second.stderr
        assert other.name in second.stdout  # its own window, with the other file

        assert first.poll() is None  # the first program still runs,
        assert draft.read_bytes() == before  # its unsaved work untouched: not offered, taken or removed
        assert list(app_paths().recovery_dir.glob("session-*.json")) == [draft]
    finally:
        watchdog.cancel()
        first.kill()
        first.wait(30)
        first.stdout.close()
        first.stderr.close()
