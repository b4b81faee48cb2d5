"""``rcs-desk test FILE --to NUMBER``: the exact bodies, a lost answer looked up not resent, --json, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.campaign.file import load_campaign_file
from app.cli import main, test_command
from app.test_sends.send import prepare_test_send

SPRING = Path(__file__).resolve().parents[3] / "examples" / "spring-sale.rcs.json"
MESSAGE_SEND_PATH = "/api/messages/rcs/send"
PHONES = ["+380 99 123 45 67", "380671234567"]


@pytest.fixture(autouse=True)
def short_following(monkeypatch):
    """Follow the statuses with one look only: the tests do not wait a minute."""
    monkeypatch.setattr(test_command, "FOLLOW_SECONDS", 0.0)


def sent_bytes(server) -> list[bytes]:
    """Each test message's body exactly as the loopback server read it off the socket."""
    return [r.body for r in server.requests if r.method == "POST" and r.target == MESSAGE_SEND_PATH]


def sent_bodies(server) -> list[dict]:
    return [json.loads(body) for body in sent_bytes(server)]


def on_the_wire(body: dict) -> bytes:
    """How the client writes a body (``app.api.responses.dumps``, spelled out here): UTF-8 with the
    text as typed (the € stays one character), no spaces, the keys in the order they were built."""
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def run_test(*extra: str) -> int:
    return main(["test", str(SPRING), *[arg for phone in PHONES for arg in ("--to", phone)], "--yes", *extra])


def test_each_phone_gets_the_bytes_of_the_body_prepare_test_send_builds(sandbox, capsys):
    assert run_test() == 0
    received = sent_bytes(sandbox)
    assert len(received) == 2
    bodies = [json.loads(body) for body in received]
    references = iter(body["phone"]["reference_id"] for body in bodies)
    expected = prepare_test_send(load_campaign_file(SPRING), PHONES, new_reference=lambda: next(references))
    assert received == [on_the_wire(body) for _, body in expected.messages]
    assert "50 €".encode() in received[0]
    for body in bodies:
        assert "groups" not in body and "start_at" not in body
        assert body["add_to_contact_book"] is False
    assert [body["phone"]["number"] for body in bodies] == ["380991234567", "380671234567"]
    out = capsys.readouterr().out
    assert "The test was sent to +380991234567, +380671234567" in out
    assert "+380991234567: " in out.split("\n", 1)[1]  # the statuses, in words, after the send


def test_json_prints_the_servers_message_of_each_phone(sandbox, capsys):
    capsys.readouterr()
    assert run_test("--json") == 0
    messages = json.loads(capsys.readouterr().out)
    assert isinstance(messages, list) and len(messages) == 2
    assert [str(message["phone"]) for message in messages] == ["380991234567", "380671234567"]
    assert [m["reference_id"] for m in messages] == [b["phone"]["reference_id"] for b in sent_bodies(sandbox)]


def test_a_lost_answer_is_looked_up_not_sent_again(sandbox, capsys):
    sandbox.faults.drop_connection = True
    sandbox.faults.only_path = MESSAGE_SEND_PATH
    sandbox.faults.times = 1
    capsys.readouterr()
    assert main(["test", str(SPRING), "--to", PHONES[0], "--yes", "--json"]) == 0
    assert len(sent_bodies(sandbox)) == 1
    lookups = [r for r in sandbox.requests if r.method == "GET" and r.target.startswith("/api/messages")]
    assert lookups
    assert len(json.loads(capsys.readouterr().out)) == 1


def test_a_server_that_refuses_the_test_exits_2_in_words(sandbox, capsys):
    sandbox.faults.fail_status = 422
    sandbox.faults.only_path = MESSAGE_SEND_PATH
    code = run_test()
    err = capsys.readouterr()
    assert code == 2
    assert "Traceback" not in err.err + err.out and "{" not in err.out


@pytest.mark.parametrize(
    "phones",
    [["12"], ["not a phone"], [f"38099123456{i}" for i in range(6)]],
    ids=["too-short", "words", "six-phones"],
)
def test_odd_phones_send_nothing_and_say_why(phones, sandbox, capsys):
    argv = ["test", str(SPRING), *[arg for phone in phones for arg in ("--to", phone)], "--yes"]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "Nothing was sent" in err and "Traceback" not in err
    assert sent_bodies(sandbox) == []


def test_without_a_phone_it_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["test", str(SPRING), "--yes"])
    assert stopped.value.code == 1
    assert "--to" in capsys.readouterr().err


def test_without_a_terminal_and_without_yes_nothing_is_sent(sandbox, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", None)
    assert main(["test", str(SPRING), "--to", PHONES[0]]) == 1
    assert sent_bodies(sandbox) == []
    assert "--yes" in capsys.readouterr().err


def test_ctrl_c_while_following_stops_the_following_not_the_test(sandbox, capsys, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(test_command, "refresh_test_statuses", interrupted)
    assert run_test() == 0
    said = capsys.readouterr()
    assert "The test was sent" in said.out
    assert "Stopped following the statuses" in said.err
    assert len(sent_bodies(sandbox)) == 2
