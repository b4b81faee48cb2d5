"""Fixes from a review of ``rcs-desk test``: the login happens on the command's own thread before the
balance is asked for on another (whose login held the token lock the paid request needs), and a fault
in the look-up of earlier tests sends nothing and shows no traceback."""

from __future__ import annotations

import threading
from pathlib import Path

from app.api.client import WwtClient
from app.cli import main, test_command
from app.test_sends.earlier import LOOK_UP_FAILED

SPRING = Path(__file__).resolve().parents[3] / "examples" / "spring-sale.rcs.json"
MESSAGE_SEND_PATH = "/api/messages/rcs/send"


def posts(server) -> list:
    return [r for r in server.requests if r.method == "POST" and r.target.startswith(MESSAGE_SEND_PATH)]


def test_the_login_is_not_left_to_the_balances_thread(sandbox, monkeypatch, capsys):
    monkeypatch.setattr(test_command, "FOLLOW_SECONDS", 0.0)
    threads: list[str] = []
    fetch = WwtClient._fetch_token

    def recorded(self: WwtClient) -> str:
        threads.append(threading.current_thread().name)
        return fetch(self)

    monkeypatch.setattr(WwtClient, "_fetch_token", recorded)
    assert main(["test", str(SPRING), "--to", "+380 99 123 45 67", "--yes"]) == 0
    assert threads == ["MainThread"], "one login, on the command's thread"
    assert len(posts(sandbox)) == 1


def test_a_fault_in_the_look_up_of_earlier_tests_sends_nothing(sandbox, monkeypatch, capsys):
    def broken(*_args, **_kwargs):
        raise RuntimeError("a fault of the program")

    monkeypatch.setattr(test_command, "check_earlier_tests", broken)
    assert main(["test", str(SPRING), "--to", "+380 99 123 45 67", "--yes"]) == 3
    err = capsys.readouterr().err
    assert LOOK_UP_FAILED in err and "Traceback" not in err and "RuntimeError" not in err
    assert posts(sandbox) == []
