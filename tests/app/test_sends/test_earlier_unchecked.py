"""Earlier tests whose answer never came, looked up before the next test: a phone whose same earlier test
could not be looked up (a server error) is not sent it again; one the server does not have is. The
"not on the server" mark is stored the same in every language."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.api import WwtClient
from app.campaign.file import load_campaign_file
from app.history import open_history
from app.history.sent_tests import load_test_messages, record_test_intent, set_test_refresh_problem
from app.language import tr, use_language
from app.sandbox import DEMO_API_KEY, SandboxServer, SandboxTransport
from app.test_sends.earlier import NOT_LISTED_GRACE, EarlierTests, check_earlier_tests, not_checked_words
from app.test_sends.send import PreparedTest, message_body, prepare_test_send
from app.test_sends.status import NOT_FOUND, look_up_failed, not_on_server, refresh_problem_words
from helpers.messages import looked_up_references

SPRING = Path(__file__).resolve().parents[3] / "examples" / "spring-sale.rcs.json"
SERVER = "demo"
FIRST, SECOND = "380991234567", "380671112233"
FAILING = "/api/messages"  # the look-ups only: a test is sent to /api/messages/rcs/send


@pytest.fixture
def server() -> SandboxServer:
    return SandboxServer()


@pytest.fixture
def client(server):
    client = WwtClient("https://demo.test", DEMO_API_KEY, transport=SandboxTransport(server))
    yield client
    client.close()


def earlier_test(phone: str, reference: str, *, batch: str = "earlier", text: str | None = None) -> dict:
    """A test of the example campaign to ``phone`` left "not confirmed" in the history; its body."""
    document = load_campaign_file(SPRING)
    body = message_body(document, phone, reference)
    if text is not None:
        body["options"]["text"] = text
    with open_history() as history:
        record_test_intent(
            history,
            server=SERVER,
            batch=batch,
            reference_id=reference,
            phone=phone,
            request=body,
            sent_at=datetime(2025, 4, 14, 10, 0, tzinfo=UTC),
        )
    return body


def this_test(*phones: str) -> PreparedTest:
    return prepare_test_send(load_campaign_file(SPRING), [f"+{phone}" for phone in phones])


def check(client: WwtClient, prepared: PreparedTest) -> EarlierTests:
    return check_earlier_tests(prepared, client, open_history, server=SERVER)


def failing_look_ups(server: SandboxServer) -> None:
    server.faults.fail_status = 500
    server.faults.only_path = FAILING


def kept_phones(earlier: EarlierTests) -> list[str]:
    return [number for number, _ in earlier.prepared.messages]


def stored_problems() -> dict[str, str | None]:
    with open_history() as history:
        return {record.reference_id: record.refresh_problem for record in load_test_messages(history)}


def test_a_phone_whose_earlier_test_could_not_be_looked_up_is_not_sent_it_again(server, client):
    earlier_test(FIRST, "a" * 32)
    failing_look_ups(server)
    earlier = check(client, this_test(FIRST, SECOND))
    assert looked_up_references(server) == ["a" * 32]
    assert kept_phones(earlier) == [SECOND]
    assert list(earlier.unchecked) == [FIRST] and earlier.found == {}
    [record] = earlier.unchecked.values()
    assert look_up_failed(record) and not not_on_server(record)
    assert not_checked_words(record) == (
        "+380991234567: not sent again: an earlier copy of this test could not be checked on the server, and it "
        "may have arrived. Try again in a moment."
    )


def test_an_earlier_test_not_listed_yet_keeps_its_phone_out_until_it_is_old_enough(server, client, monkeypatch):
    """How soon the server lists a message is not documented: a copy sent minutes ago that is not listed
    may still arrive, and the new test's new reference would not be refused as a repeat."""
    monkeypatch.setattr("app.test_sends.earlier.local_time_zone_name", lambda: "UTC")
    earlier_test(FIRST, "a" * 32)
    sent = datetime(2025, 4, 14, 10, 0, tzinfo=UTC)
    soon = check_earlier_tests(this_test(FIRST), client, open_history, server=SERVER, at=sent + timedelta(minutes=3))
    assert kept_phones(soon) == [] and list(soon.unchecked) == [FIRST]
    assert not_checked_words(soon.unchecked[FIRST]) == (
        "+380991234567: not sent again: an earlier copy of this test, sent Mon 14 Apr 2025, 10:00, is not on the "
        "server yet and may still arrive. Try again in a few minutes."
    )
    later = check_earlier_tests(this_test(FIRST), client, open_history, server=SERVER, at=sent + NOT_LISTED_GRACE)
    assert kept_phones(later) == [FIRST] and later.unchecked == {}


def test_a_phone_whose_earlier_test_is_not_on_the_server_is_sent_it_again(server, client):
    earlier_test(FIRST, "a" * 32)
    earlier = check(client, this_test(FIRST))
    assert kept_phones(earlier) == [FIRST] and earlier.unchecked == {}
    assert stored_problems() == {"a" * 32: NOT_FOUND}


def test_only_the_phone_whose_look_up_failed_is_left_out(server, client):
    earlier_test(FIRST, "a" * 32, batch="one")
    earlier_test(SECOND, "b" * 32, batch="two")
    server.faults.fail_status = 500
    server.faults.only_path = FAILING
    server.faults.times = 1  # the newest batch is looked up first: the second phone's
    earlier = check(client, this_test(FIRST, SECOND))
    assert kept_phones(earlier) == [FIRST] and list(earlier.unchecked) == [SECOND]
    assert stored_problems()["a" * 32] == NOT_FOUND


def test_an_earlier_test_found_on_the_server_wins_over_one_that_could_not_be_looked_up(server, client):
    client.send_message(earlier_test(FIRST, "a" * 32, batch="one"))
    earlier_test(FIRST, "b" * 32, batch="two")
    server.faults.fail_status = 500
    server.faults.only_path = FAILING
    server.faults.times = 1  # "two" (the newest) fails, "one" is found
    earlier = check(client, this_test(FIRST))
    assert list(earlier.found) == [FIRST] and earlier.unchecked == {} and kept_phones(earlier) == []


def test_a_different_earlier_test_that_could_not_be_looked_up_does_not_stop_this_one(server, client):
    earlier_test(FIRST, "a" * 32, text="Another message")
    failing_look_ups(server)
    earlier = check(client, this_test(FIRST))
    assert kept_phones(earlier) == [FIRST] and earlier.unchecked == {}
    assert [record.reference_id for record in earlier.news] == ["a" * 32]  # still said


def test_in_ukrainian_not_on_the_server_is_stored_as_a_key_and_said_once(server, client, ukrainian):
    assert tr(NOT_FOUND) != NOT_FOUND  # the catalog has it: the test below means something
    earlier_test(FIRST, "a" * 32)
    first = check(client, this_test(FIRST))
    assert [record.reference_id for record in first.news] == ["a" * 32]
    assert stored_problems() == {"a" * 32: NOT_FOUND}
    second = check(client, this_test(FIRST))
    assert second.news == [] and kept_phones(second) == [FIRST]
    assert looked_up_references(server) == ["a" * 32] * 2
    [record] = first.news
    assert refresh_problem_words(record) == tr(NOT_FOUND)
    use_language("en")  # the same history read in English says it in English
    assert refresh_problem_words(record) == NOT_FOUND


def test_a_history_that_stored_the_ukrainian_words_still_reads_as_not_on_the_server(server, client, ukrainian):
    earlier_test(FIRST, "a" * 32)
    with open_history() as history:
        [record] = load_test_messages(history)
        set_test_refresh_problem(history, record.record_id, tr(NOT_FOUND))  # as the program wrote it before
    earlier = check(client, this_test(FIRST))
    assert earlier.news == []  # said before: not again
    assert kept_phones(earlier) == [FIRST] and stored_problems() == {"a" * 32: NOT_FOUND}
