"""A reader that closes standard output early (``rcs-desk ... --json | head -c 10``): every command ends
quietly, with exit code 1, except a ``send`` or ``test`` that has sent: it keeps its own code, and its
outcome is in the history first.

Each command runs in a child process whose standard output is a pipe whose read end was closed before
the child started, so its first write fails, as it would after ``head`` had read enough. Both ways
Python may write standard output are tried: buffered (the failure comes at the last flush) and
unbuffered (it comes at the first ``print``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.history import open_history
from app.history.sent_tests import load_test_messages

ROOT = Path(__file__).resolve().parents[3]
SPRING = ROOT / "examples" / "spring-sale.rcs.json"
PHONE = "380991234567"

pytestmark = [pytest.mark.skipif(os.name != "posix", reason="POSIX pipes"), pytest.mark.slow]  # child processes


@pytest.fixture(params=["buffered", "unbuffered"])
def buffering(request, monkeypatch) -> str:
    if request.param == "unbuffered":
        monkeypatch.setenv("PYTHONUNBUFFERED", "1")
    else:
        monkeypatch.delenv("PYTHONUNBUFFERED", raising=False)
    return request.param


def run_with_stdout_closed(*argv: str) -> subprocess.CompletedProcess:
    """``rcs-desk ARGV`` writing to a pipe nobody reads any more; its stderr as text."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "rcs_desk", *argv],
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        os.close(write_end)


def assert_quiet(done: subprocess.CompletedProcess) -> None:
    for word in ("Traceback", "Exception ignored", "BrokenPipeError", "Broken pipe"):
        assert word not in done.stderr, done.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", str(SPRING)],
        ["--demo", "lists", "--json"],
        ["--demo", "lists"],
        ["campaigns", "--offline", "--json"],
        ["--help"],
        ["--version"],
    ],
    ids=["validate", "lists-json", "lists", "campaigns", "help", "version"],
)
def test_a_command_whose_reader_left_ends_quietly_with_1(argv, buffering):
    done = run_with_stdout_closed(*argv)
    assert_quiet(done)
    assert done.returncode == 1


def test_a_send_whose_reader_left_is_recorded_and_exits_0(sandbox, buffering):
    done = run_with_stdout_closed("send", str(SPRING), "--yes", "--json")
    assert_quiet(done)
    assert done.returncode == 0, done.stderr
    assert "The campaign was created (ID " in done.stderr
    with open_history() as history:
        [record] = history.records()
    assert not record.outcome_unknown and record.campaign_id is not None


@pytest.mark.parametrize("json_output", [True, False], ids=["json", "words"])
def test_a_test_whose_reader_left_is_recorded_and_exits_0(json_output, sandbox, buffering):
    done = run_with_stdout_closed("test", str(SPRING), "--to", PHONE, "--yes", *(["--json"] if json_output else []))
    assert_quiet(done)
    assert done.returncode == 0, done.stderr
    with open_history() as history:
        [record] = load_test_messages(history)
    assert not record.outcome_unknown and record.message_id is not None
    sent = [r for r in sandbox.requests if r.method == "POST" and r.target == "/api/messages/rcs/send"]
    assert [json.loads(r.body)["phone"]["reference_id"] for r in sent] == [record.reference_id]
