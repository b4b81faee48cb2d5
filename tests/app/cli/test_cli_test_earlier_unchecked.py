"""``rcs-desk test`` after an earlier test whose answer never came, when that test cannot be looked up (a
server error): the phone is not sent the test again, the user is told why, and the exit code is 3 (the
outcome is not known). An earlier test the server does not have is said once, in Ukrainian too."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.campaign.file import load_campaign_file
from app.cli import main, test_command
from app.history import open_history
from app.history.sent_tests import record_test_intent
from app.language import tr, use_language
from app.platform.config import load_settings
from app.sandbox import SandboxServer
from app.tasks.connection import open_connection
from app.test_sends.send import message_body
from helpers.messages import looked_up_references, posts

ROOT = Path(__file__).resolve().parents[3]
SPRING = ROOT / "examples" / "spring-sale.rcs.json"
PHONE, OTHER = "380991234567", "380671112233"
EARLIER = "f" * 32
NOT_ON_SERVER = (
    "The test to {phone} of {when}, whose answer never came, is not on the server: it was most likely not sent."
)


def not_checked_words(phone: str) -> str:
    """What is said for ``phone`` when its earlier copy could not be looked up."""
    return (
        f"+{phone}: not sent again: an earlier copy of this test could not be checked on the server, and it may "
        "have arrived. Try again in a moment."
    )


@pytest.fixture(autouse=True)
def short_following(monkeypatch):
    monkeypatch.setattr(test_command, "FOLLOW_SECONDS", 0.0)


def earlier_test_in_the_history() -> None:
    """A test of the example campaign to ``PHONE`` left "not confirmed" (its answer never came)."""
    connection = open_connection(load_settings(), demo=False, api_url=os.environ["RCS_DESK_API_URL"])
    with connection.client:
        label = connection.server_label
    with open_history() as history:
        record_test_intent(
            history,
            server=label,
            batch="earlier",
            reference_id=EARLIER,
            phone=PHONE,
            request=message_body(load_campaign_file(SPRING), PHONE, EARLIER),
            sent_at=datetime(2025, 4, 14, 10, 0, tzinfo=UTC),
        )


def failing_look_ups(server: SandboxServer) -> None:
    server.faults.fail_status = 500
    server.faults.only_path = "/api/messages"  # not /api/messages/rcs/send: a test could still go


def test_a_phone_whose_earlier_test_could_not_be_looked_up_is_not_sent_it_again(sandbox, capsys):
    earlier_test_in_the_history()
    failing_look_ups(sandbox)
    assert main(["test", str(SPRING), "--to", PHONE, "--yes"]) == 3
    said = capsys.readouterr()
    assert posts(sandbox) == [], "sent again although the earlier test may have arrived"
    assert looked_up_references(sandbox) == [EARLIER]
    assert not_checked_words(PHONE) in said.err.splitlines()
    assert "+380991234567 of " in said.err and "could not be looked up: " in said.err  # what failed
    assert "Traceback" not in said.out + said.err


def test_the_other_phones_are_sent_the_test_and_the_exit_code_still_says_3(sandbox, capsys):
    earlier_test_in_the_history()
    failing_look_ups(sandbox)
    assert main(["test", str(SPRING), "--to", PHONE, "--to", OTHER, "--yes"]) == 3
    said = capsys.readouterr()
    [sent] = posts(sandbox)
    assert json.loads(sent.body)["phone"]["number"] == OTHER
    assert "The test was sent to +380671112233." in said.out
    assert not_checked_words(PHONE) in said.err.splitlines()


def test_json_lists_nothing_for_a_phone_not_sent_to(sandbox, capsys):
    earlier_test_in_the_history()
    failing_look_ups(sandbox)
    assert main(["test", str(SPRING), "--to", PHONE, "--yes", "--json"]) == 3
    said = capsys.readouterr()
    assert json.loads(said.out) == [] and posts(sandbox) == []
    assert not_checked_words(PHONE) in said.err.splitlines()


def test_once_the_server_answers_and_has_no_such_test_it_is_sent(sandbox, capsys):
    earlier_test_in_the_history()
    failing_look_ups(sandbox)
    assert main(["test", str(SPRING), "--to", PHONE, "--yes"]) == 3
    sandbox.faults.clear()
    capsys.readouterr()
    assert main(["test", str(SPRING), "--to", PHONE, "--yes"]) == 0
    assert len(posts(sandbox)) == 1
    assert "is not on the server: it was most likely not sent." in capsys.readouterr().err


def test_in_ukrainian_an_earlier_test_not_on_the_server_is_said_once(sandbox, capsys, monkeypatch):
    monkeypatch.setenv("LANG", "uk_UA.UTF-8")
    earlier_test_in_the_history()
    use_language("uk")
    sentence_start = tr(NOT_ON_SERVER).split("{phone}")[0]
    assert sentence_start and sentence_start not in NOT_ON_SERVER  # translated: the test means something
    assert main(["test", str(SPRING), "--to", PHONE, "--yes"]) == 0
    assert sentence_start in capsys.readouterr().err
    assert main(["test", str(SPRING), "--to", PHONE, "--yes"]) == 0
    assert sentence_start not in capsys.readouterr().err
    assert len(posts(sandbox)) == 2
    assert looked_up_references(sandbox).count(EARLIER) == 2  # looked for at each test, said once
