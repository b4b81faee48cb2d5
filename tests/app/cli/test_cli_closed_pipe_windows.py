"""On Windows a write to a pipe whose reader closed raises ``OSError`` EINVAL, not ``BrokenPipeError``: the
commands end as quietly as on POSIX (exit 1, no traceback), and a send keeps its outcome and code. Run in
this process on any system, with ``closed_pipe.WINDOWS`` set and a standard output that fails so."""

from __future__ import annotations

import errno
import io
import sys
from pathlib import Path

import pytest

from app.cli import closed_pipe, main
from app.cli.closed_pipe import is_reader_gone
from app.history import open_history

SPRING = Path(__file__).resolve().parents[3] / "examples" / "spring-sale.rcs.json"


class ReaderGone(io.StringIO):
    """Standard output whose reader closed, as Windows says it."""

    def write(self, text: str) -> int:
        raise OSError(errno.EINVAL, "Invalid argument")


def close_the_pipe_as_windows_does(monkeypatch: pytest.MonkeyPatch) -> None:
    """Called in the test itself: pytest puts its own standard output back between a fixture and the test."""
    monkeypatch.setattr(closed_pipe, "WINDOWS", True)
    monkeypatch.setattr(sys, "stdout", ReaderGone())


def test_only_einval_on_windows_and_a_broken_pipe_mean_the_reader_left(monkeypatch):
    einval = OSError(errno.EINVAL, "Invalid argument")
    assert is_reader_gone(BrokenPipeError())
    monkeypatch.setattr(closed_pipe, "WINDOWS", False)
    assert not is_reader_gone(einval), "on POSIX EINVAL is some other failure: not hidden"
    monkeypatch.setattr(closed_pipe, "WINDOWS", True)
    assert is_reader_gone(einval)
    assert not is_reader_gone(OSError(errno.ENOENT, "No such file"))


def test_a_command_whose_reader_left_ends_quietly_with_1(monkeypatch, capsys):
    close_the_pipe_as_windows_does(monkeypatch)
    assert main(["--demo", "lists"]) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_a_send_whose_reader_left_keeps_its_code_and_its_record(monkeypatch, capsys):
    close_the_pipe_as_windows_does(monkeypatch)
    assert main(["--demo", "send", str(SPRING), "--yes"]) == 0
    err = capsys.readouterr().err
    assert "The campaign was created (ID " in err and "Traceback" not in err
    with open_history(demo=True) as history:
        [record] = history.records()
    assert record.campaign_id is not None and not record.outcome_unknown
