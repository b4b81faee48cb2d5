"""``rcs-desk send`` and ``rcs-desk test`` say what goes to whom and what is known of the price (and the
balance) BEFORE they ask, in the window's words; with ``--yes`` they say the same and send, once."""

from __future__ import annotations

import io
import json
import re
import sys
import time
from pathlib import Path

import pytest

from app.cli import before_sending, main, test_command
from app.sandbox import DEMO_API_KEY, LoopbackServer, SandboxServer

SPRING = Path(__file__).resolve().parents[3] / "examples" / "spring-sale.rcs.json"
SEND_PATH = "/api/campaigns/rcs/send-groups"
MESSAGE_SEND_PATH = "/api/messages/rcs/send"
PRICE_NOT_KNOWN = "Not known before sending: WWT.world estimates it when it creates the campaign"
TEST_PRICE = "Each phone gets one message, charged like any other; the price is shown once the server answers."


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def short_following(monkeypatch):
    """After a test send, one look at the statuses only."""
    monkeypatch.setattr(test_command, "FOLLOW_SECONDS", 0.0)


@pytest.fixture
def asked(monkeypatch, capsys):
    """Each question asked on a terminal, with what had been said on stderr before it; answered "n"."""
    questions: list[tuple[str, str]] = []

    def answer(question: str) -> str:
        questions.append((question, capsys.readouterr().err))
        return "n"

    monkeypatch.setattr(sys, "stdin", _Terminal())
    monkeypatch.setattr("builtins.input", answer)
    return questions


def posts(server: SandboxServer, path: str) -> list:
    return [r for r in server.requests if r.method == "POST" and r.target.startswith(path)]


def test_send_says_what_to_whom_the_price_and_the_balance_before_asking(sandbox, asked, capsys):
    capsys.readouterr()
    assert main(["send", str(SPRING)]) == 1
    [(question, said)] = asked
    assert question.startswith("Send the campaign from WWT Shop to 2 lists (1,590 contacts) now?")
    assert "  RCS agent:" in said and "WWT Shop" in said
    assert "2 lists, 1,590 contacts: VIP customers, Kyiv store visitors" in said
    assert "Carousel of 2 cards, 3 buttons" in said
    assert "Now, as soon as you confirm" in said
    assert PRICE_NOT_KNOWN in said
    assert re.search(r"^  Balance: +250\.00 USD$", said, re.MULTILINE)  # a row of the summary, as in the window
    assert posts(sandbox, SEND_PATH) == []
    assert "Nothing was sent." in capsys.readouterr().err


def test_send_with_yes_says_the_same_then_sends_once_and_json_keeps_its_shape(sandbox, capsys):
    capsys.readouterr()
    assert main(["send", str(SPRING), "--yes", "--json"]) == 0
    captured = capsys.readouterr()
    created = json.loads(captured.out)  # standard output is the JSON alone, as before
    assert isinstance(created, dict) and created["id"] and "calculated_price" in created
    assert "2 lists, 1,590 contacts" in captured.err and PRICE_NOT_KNOWN in captured.err
    assert "Now (confirmed with --yes)" in captured.err and "as soon as you confirm" not in captured.err
    assert "Balance: " in captured.err
    assert len(posts(sandbox, SEND_PATH)) == 1


def test_a_balance_too_low_for_the_contacts_is_said_before_asking(monkeypatch, asked, capsys):
    server = SandboxServer(balance=1.0)
    with LoopbackServer(server) as loopback:
        monkeypatch.setenv("RCS_DESK_API_URL", loopback.base_url)
        monkeypatch.setenv("RCS_DESK_API_KEY", DEMO_API_KEY)
        assert main(["send", str(SPRING)]) == 1
    [(_, said)] = asked
    assert "Your balance (1.00 USD) may not cover 1,590 messages: the campaign pauses when the money runs out." in said
    assert posts(server, SEND_PATH) == []


def test_without_a_balance_from_the_server_the_price_is_still_said_and_the_send_goes_on(sandbox, capsys):
    sandbox.faults.fail_status = 500
    sandbox.faults.only_path = "/api/accounts/balance"
    capsys.readouterr()
    assert main(["send", str(SPRING), "--yes", "--json"]) == 0
    err = capsys.readouterr().err
    assert PRICE_NOT_KNOWN in err and "Balance" not in err
    assert len(posts(sandbox, SEND_PATH)) == 1


def test_a_slow_balance_does_not_hold_up_the_send(sandbox, monkeypatch, capsys):
    monkeypatch.setattr(before_sending, "BALANCE_WAIT_SECONDS", 0.2)
    sandbox.faults.delay_s = 60.0  # ends when the server stops, after the test
    sandbox.faults.only_path = "/api/accounts/balance"
    capsys.readouterr()
    started = time.monotonic()
    assert main(["send", str(SPRING), "--yes", "--json"]) == 0
    assert time.monotonic() - started < 10, "not the client's 15 s wait for an answer"
    err = capsys.readouterr().err
    assert PRICE_NOT_KNOWN in err and "Balance" not in err
    assert len(posts(sandbox, SEND_PATH)) == 1


def test_a_test_says_its_phones_and_that_the_price_comes_with_the_answer_before_asking(sandbox, asked, capsys):
    capsys.readouterr()
    assert main(["test", str(SPRING), "--to", "+380 99 123 45 67", "--to", "380671234567"]) == 1
    [(question, said)] = asked
    assert question.startswith("Send a test from WWT Shop to +380991234567, +380671234567 (2 phones)?")
    assert "The current message goes to your 2 test phones: +380991234567, +380671234567." in said
    assert "It is sent from WWT Shop, like the campaign, without its contact lists or schedule." in said
    assert TEST_PRICE in said
    assert "Balance: 250.00 USD" in said
    assert posts(sandbox, MESSAGE_SEND_PATH) == []


def test_a_test_with_yes_says_the_same_and_sends_one_message_per_phone(sandbox, capsys):
    capsys.readouterr()
    assert main(["test", str(SPRING), "--to", "+380 99 123 45 67", "--yes", "--json"]) == 0
    captured = capsys.readouterr()
    assert [str(message["phone"]) for message in json.loads(captured.out)] == ["380991234567"]
    assert "The current message goes to your test phone +380991234567." in captured.err
    assert TEST_PRICE in captured.err
    assert len(posts(sandbox, MESSAGE_SEND_PATH)) == 1
