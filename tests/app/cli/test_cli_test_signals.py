"""``rcs-desk test`` stopped while the server has the request, and the next ``rcs-desk test`` after it.

The child process tests on a phone against the demo server on a local socket, which takes the message
but holds its answer back; the child is signalled only once the server has the message. The history
must then list it as not confirmed, and the next test look it up instead of sending it again.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.campaign.file import load_campaign_file
from app.cli import main, test_command
from app.cli.earlier_tests import HOW_TO_CHECK
from app.history import open_history
from app.history.sent_tests import load_test_messages, record_test_intent
from app.platform.config import load_settings
from app.sandbox import DEMO_API_KEY, LoopbackServer, SandboxServer
from app.sandbox.wire import SandboxResponse
from app.tasks.connection import open_connection
from app.test_sends.send import message_body
from helpers.child_output import signal_when
from helpers.messages import looked_up_references

ROOT = Path(__file__).resolve().parents[3]
SPRING = ROOT / "examples" / "spring-sale.rcs.json"
MESSAGE_SEND_PATH = "/api/messages/rcs/send"
PHONE = "380991234567"


@pytest.fixture(autouse=True)
def short_following(monkeypatch):
    """In this process, follow the statuses with one look only."""
    monkeypatch.setattr(test_command, "FOLLOW_SECONDS", 0.0)


class WatchedServer(SandboxServer):
    """The demo server, telling the test when it has taken a single message."""

    def __init__(self) -> None:
        super().__init__()
        self.message_taken = threading.Event()

    def handle(self, method: str, target: str, headers: Mapping[str, str], body: bytes = b"") -> SandboxResponse:
        answer = super().handle(method, target, headers, body)
        if method.upper() == "POST" and target == MESSAGE_SEND_PATH:
            self.message_taken.set()
        return answer


@pytest.fixture
def server(monkeypatch):
    server = WatchedServer()
    with LoopbackServer(server) as loopback:
        monkeypatch.setenv("RCS_DESK_API_URL", loopback.base_url)
        monkeypatch.setenv("RCS_DESK_API_KEY", DEMO_API_KEY)
        yield server


def sends(server: SandboxServer) -> list[dict]:
    return [json.loads(r.body) for r in server.requests if r.method == "POST" and r.target == MESSAGE_SEND_PATH]


def kept_test_messages():
    with open_history() as history:
        return load_test_messages(history)


def run_test_and_terminate(server: WatchedServer) -> subprocess.CompletedProcess:
    """``rcs-desk test`` in a child process, sent SIGTERM once the server has its message."""
    server.faults.delay_s = 120.0  # the message is taken, its answer held back (until the server stops)
    server.faults.only_path = MESSAGE_SEND_PATH
    server.faults.times = 1
    child = subprocess.Popen(
        [sys.executable, "-m", "rcs_desk", "test", str(SPRING), "--to", "+380 99 123 45 67", "--yes"],
        cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    return signal_when(child, server.message_taken, signal.SIGTERM, "the test message")


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="POSIX signals")
def test_sigterm_mid_test_keeps_it_unconfirmed_and_the_next_test_finds_it_not_resends_it(server, capsys):
    done = run_test_and_terminate(server)
    said = done.stdout + done.stderr
    assert done.returncode == 3, said  # as `rcs-desk send` after SIGTERM: the outcome is unknown
    assert "Traceback" not in said
    assert "+380991234567: not confirmed. Sending was interrupted before the server answered." in done.stdout
    assert "The test message may have been sent" in done.stdout
    assert HOW_TO_CHECK in done.stderr
    [sent] = sends(server)
    [record] = kept_test_messages()
    assert record.outcome_unknown
    assert (record.phone, record.reference_id) == (PHONE, sent["phone"]["reference_id"])
    assert record.request == sent

    capsys.readouterr()
    assert main(["test", str(SPRING), "--to", PHONE, "--yes", "--json"]) == 0
    out, err = capsys.readouterr()
    assert len(sends(server)) == 1, "the same test was sent again"
    assert [message["reference_id"] for message in json.loads(out)] == [record.reference_id]
    assert looked_up_references(server) == [record.reference_id]
    assert "whose answer never came, was found on the server: it was sent (now: " in err
    assert "+380991234567: not sent again: this test reached the server already." in err
    [again] = kept_test_messages()
    assert again.record_id == record.record_id and not again.outcome_unknown


def unconfirmed_test_in_the_history(server: SandboxServer, reference: str = "f" * 32) -> None:
    """A test whose request never reached the server, left "not confirmed" (as after a kill -9)."""
    body = message_body(load_campaign_file(SPRING), PHONE, reference)
    with open_history() as history:
        record_test_intent(
            history,
            server=server_label(),
            batch="earlier",
            reference_id=reference,
            phone=PHONE,
            request=body,
            sent_at=datetime(2025, 4, 14, 10, 0, tzinfo=UTC),
        )


def server_label() -> str:
    connection = open_connection(load_settings(), demo=False, api_url=os.environ["RCS_DESK_API_URL"])
    with connection.client:
        return connection.server_label


def test_an_earlier_test_the_server_does_not_have_is_said_once_and_the_new_one_is_sent(server, capsys):
    unconfirmed_test_in_the_history(server)
    assert main(["test", str(SPRING), "--to", PHONE, "--yes"]) == 0
    err = capsys.readouterr().err
    assert "whose answer never came, is not on the server: it was most likely not sent." in err
    assert len(sends(server)) == 1
    assert main(["test", str(SPRING), "--to", PHONE, "--yes"]) == 0
    assert "is not on the server" not in capsys.readouterr().err
    assert len(sends(server)) == 2
    assert looked_up_references(server).count("f" * 32) == 2  # looked for at each test, said once


def test_json_after_an_interrupted_test_says_on_stderr_that_it_may_have_gone(server, capsys, monkeypatch):
    def interrupted(self, body):
        raise KeyboardInterrupt

    monkeypatch.setattr("app.api.WwtClient.send_message", interrupted)
    capsys.readouterr()
    assert main(["test", str(SPRING), "--to", PHONE, "--yes", "--json"]) == 130
    said = capsys.readouterr()
    assert json.loads(said.out) == []
    assert "+380991234567: not confirmed." in said.err and "may have been sent" in said.err
    assert HOW_TO_CHECK in said.err
