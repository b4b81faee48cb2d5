"""``rcs-desk send`` stopped while the server has the request: Ctrl+C, SIGTERM, kill -9.

Each child process sends to a loopback server that never answers; it is signalled only once the
server holds the request, so the campaign may exist. Afterwards the history must say so.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.history import open_history
from helpers.child_output import signal_when
from helpers.hostile_server import HostileServer

ROOT = Path(__file__).resolve().parents[3]
SPRING = ROOT / "examples" / "spring-sale.rcs.json"

pytestmark = [pytest.mark.skipif(os.name != "posix", reason="POSIX signals"), pytest.mark.slow]  # child processes


# rcs-desk as typed in a terminal. A shell without job control starts background jobs with Ctrl+C
# ignored, and a child inherits that: the child takes Python's usual Ctrl+C handling back first.
AS_IN_A_TERMINAL = (
    "import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "from rcs_desk import main; sys.exit(main(sys.argv[1:]))"
)


def send_and_signal(server: HostileServer, signum: int) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "RCS_DESK_API_URL": server.base_url,
        "RCS_DESK_API_KEY": "test-api-key-0123456789",
        "PYTHONUNBUFFERED": "1",
    }
    child = subprocess.Popen(
        [sys.executable, "-c", AS_IN_A_TERMINAL, "send", str(SPRING), "--yes"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    return signal_when(child, server.send_received, signum, "the send")


def the_one_record():
    with open_history() as history:
        [record] = history.records()
    return record


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 3)])
def test_ctrl_c_or_sigterm_mid_send_says_it_may_exist_and_keeps_the_record(signum, code):
    with HostileServer("hang") as server:
        done = send_and_signal(server, signum)
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr
    assert "may have been created" in done.stderr
    assert "rcs-desk campaigns" in done.stderr
    record = the_one_record()
    assert record.outcome_unknown
    assert len(server.sends) == 1


def test_kill_9_mid_send_leaves_a_record_that_the_next_run_shows(capsys):
    with HostileServer("hang") as server:
        done = send_and_signal(server, signal.SIGKILL)
    assert done.returncode == -signal.SIGKILL
    assert the_one_record().outcome_unknown
    assert main(["campaigns", "--offline"]) == 0
    out = capsys.readouterr().out
    assert "answer never came: check" in out
    assert "may have been created" in out
    assert main(["campaigns", "--offline", "--json"]) == 0
    [shown] = json.loads(capsys.readouterr().out)
    assert shown["status"] == "unknown outcome"
    assert shown["request"]["groups"] == json.loads(SPRING.read_text(encoding="utf-8"))["request"]["groups"]
