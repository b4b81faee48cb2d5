"""A test send: the exact bodies, the intent recorded first, one request per phone, and a message whose
answer was lost (or refused as a repeat) looked up by its reference instead of being sent again."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from app import api
from app.api import WwtClient
from app.campaign.file import CampaignDocument, load_campaign_file
from app.campaign.message_statuses import GOT_SMS
from app.history import HistoryError, open_history
from app.history.records import STATUS_UNKNOWN_OUTCOME
from app.history.sent_tests import load_test_messages
from app.sandbox import DEMO_API_KEY, SandboxServer, SandboxTransport
from app.sending.pipeline import NotSendable
from app.tasks.connection import Connection
from app.test_sends.phones import read_test_phones
from app.test_sends.send import MessageOutcome, check_test_send, message_body, prepare_test_send, send_test
from app.test_sends.status import NOT_FOUND, record_look, refresh_test_statuses, sent_test_words
from helpers.messages import (
    AFTER_EVERYTHING_S,
    SEND_MESSAGE,
    Caller,
    FakeClock,
    loopback_connection,
    phone_with,
    posts,
)

SPRING = Path(__file__).resolve().parents[3] / "examples" / "spring-sale.rcs.json"
REFS = [f"{n:032x}" for n in range(1, 10)]


def spring(**changes) -> CampaignDocument:
    document = load_campaign_file(SPRING)
    document.campaign = replace(document.campaign, **changes)
    return document


def references():
    return iter(REFS).__next__


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def server(clock) -> SandboxServer:
    return SandboxServer(clock=clock, time_zone="Europe/Kyiv")


def in_process(server: SandboxServer, transport: httpx.BaseTransport | None = None) -> Connection:
    client = WwtClient("https://demo.test", DEMO_API_KEY, transport=transport or SandboxTransport(server))
    return Connection(client=client, demo=True, base_url="https://demo.test", account_time_zone="Europe/Kyiv")


def rows(batch: str | None = None):
    with open_history() as history:
        return load_test_messages(history, batch=batch)


# --- what is sent ------------------------------------------------------------------------------------


def test_the_bytes_sent_are_one_body_per_phone_without_lists_or_schedule(server):
    document = spring(start_at=datetime(2030, 1, 1, 9, 0), tariff_code=9)
    prepared = prepare_test_send(document, ["+380 99 123 45 67", "380-67-111-22-33"], new_reference=references())
    with loopback_connection(server) as connection:
        result = send_test(prepared, connection, open_history)
    assert [p.outcome for p in result.phones] == [MessageOutcome.SENT, MessageOutcome.SENT]
    file = json.loads(SPRING.read_text(encoding="utf-8"))["request"]
    options = file["options"]
    for card in options["cards"]:
        card["suggestions"] = [{"type": "call" if "phone" in b else "link", **b} for b in card["suggestions"]]
    sent = posts(server)
    for request, number, reference in zip(sent, ["380991234567", "380671112233"], REFS[:2], strict=True):
        expected = {
            "phone": {"number": number, "reference_id": reference},
            "sender": "WWT Shop",
            "options": options,
            "alternative_channel": file["alternative_channel"],
            "tariff_code": 9,
            "validity": 48,
            "check_stop_list": True,
            "add_to_contact_book": False,
        }
        assert request.body == json.dumps(expected, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        assert request.headers["content-type"] == "application/json"


def test_a_reference_is_32_letters_and_digits_and_never_repeats(server):
    prepared = prepare_test_send(spring(), ["+380991234567", "+380671112233"])
    references = [body["phone"]["reference_id"] for _, body in prepared.messages]
    assert all(len(r) == 32 and r.isalnum() and r.isascii() for r in references)
    again = prepare_test_send(spring(), ["+380991234567"]).messages[0][1]["phone"]["reference_id"]
    assert len({*references, again}) == 3


def test_a_campaign_without_lists_and_with_a_past_schedule_can_be_tested():
    document = spring(groups=[], start_at=datetime(2020, 1, 1, 9, 0))
    assert [p for p in check_test_send(document, ["+380991234567"]) if p.is_error] == []
    prepare_test_send(document, ["+380991234567"])


def test_a_campaign_problem_blocks_the_test_and_says_where(server):
    with pytest.raises(NotSendable) as caught:
        prepare_test_send(spring(sender=""), ["+380991234567", "0991234567"])
    text = str(caught.value)
    assert "RCS agent" in text and "country code" in text and "{" not in text


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (["+380 99 123 45 67"], ["380991234567"]),
        (["(+380) 99-123-45-67", " ", "+380 99 123 45 67"], ["380991234567"]),
        (["+1 (212) 555-0100", "+44 20 7946 0958"], ["12125550100", "442079460958"]),
    ],
)
def test_test_phones_are_typed_as_people_write_them_and_sent_as_digits(typed, expected):
    numbers, problems = read_test_phones(typed)
    assert numbers == expected
    assert all(not p.is_error for p in problems)


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ([], "Add a test phone"),
        (["+380 99 123"], "has 8 digits"),
        (["call me"], "is not a phone number"),
        (["099 123 45 67"], "country code"),
        ([f"+38099123456{n}" for n in range(6)], "at most 5 phones"),
    ],
)
def test_wrong_test_phones_are_said_in_plain_words(typed, words):
    _, problems = read_test_phones(typed)
    assert any(p.is_error and words in p.message for p in problems), problems


@given(st.lists(st.text(max_size=25), max_size=7))
def test_any_typed_phones_give_numbers_the_server_takes_or_a_problem(typed):
    numbers, problems = read_test_phones(typed)
    assert len(numbers) == len(set(numbers)) <= 7
    assert all(n.isascii() and n.isdigit() and 9 <= len(n) <= 15 and not n.startswith("0") for n in numbers)
    entries = [t for t in typed if t.strip()]
    assert len(numbers) == len(entries) or problems


@given(st.sampled_from(["+380 99 123 45 67", "380991234567", "+380-99-123-45-67", "(380) 99 123 4567"]))
def test_one_number_written_any_way_is_one_test_phone(typed):
    assert read_test_phones([typed, "+380991234567"])[0] == ["380991234567"]


def test_message_body_never_has_lists_or_schedule_and_keeps_no_contact():
    body = message_body(spring(start_at=datetime(2030, 1, 1)), "380991234567", "r1")
    assert "groups" not in body and "start_at" not in body and body["add_to_contact_book"] is False
    assert next(iter(body)) == "phone"


# --- recorded first, sent once ---------------------------------------------------------------------------


class Watching(httpx.BaseTransport):
    """The sandbox, noting what the history holds at the moment each message request arrives."""

    def __init__(self, server: SandboxServer) -> None:
        self.inner = SandboxTransport(server)
        self.seen: list[list[tuple[str, str]]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == SEND_MESSAGE:
            self.seen.append([(r.reference_id, r.status) for r in rows()])
        return self.inner.handle_request(request)


def test_each_message_is_recorded_before_its_request_leaves(server):
    transport = Watching(server)
    prepared = prepare_test_send(spring(), ["+380991234567", "+380671112233"], new_reference=references())
    send_test(prepared, in_process(server, transport), open_history)
    assert transport.seen[0] == [(REFS[0], STATUS_UNKNOWN_OUTCOME)]
    assert transport.seen[1] == [(REFS[1], STATUS_UNKNOWN_OUTCOME), (REFS[0], "accepted")]


def test_without_a_history_nothing_is_sent(server):
    def broken():
        raise HistoryError("The disk is full: the campaign history could not be saved.")

    prepared = prepare_test_send(spring(), ["+380991234567", "+380671112233"])
    result = send_test(prepared, in_process(server), broken)
    assert posts(server) == []
    assert [p.outcome for p in result.phones] == [MessageOutcome.NOT_SENT] * 2
    assert "disk is full" in str(result.phones[0].error)


def test_a_repeated_reference_is_refused_and_looked_up_instead_of_sent_again(server):
    Caller(server).send(message_body(spring(), "380991234567", REFS[0]))  # the same reference reached the server
    prepared = prepare_test_send(spring(), ["+380991234567"], new_reference=references())
    result = send_test(prepared, in_process(server), open_history)
    [phone] = result.phones
    assert (phone.outcome, phone.looked_up) == (MessageOutcome.SENT, True)
    assert len(posts(server)) == 2  # the earlier one, and this one that was refused: never a third
    assert [r.status for r in rows()] == ["accepted"]
    assert len(server.store.singles()) == 1


def test_an_answer_lost_after_the_request_left_is_found_and_recorded_as_sent(server):
    server.faults.drop_connection = True  # the server sends the message, then the connection drops
    server.faults.only_path = SEND_MESSAGE
    prepared = prepare_test_send(spring(), ["+380991234567"], new_reference=references())
    with loopback_connection(server) as connection:
        result = send_test(prepared, connection, open_history)
    [phone] = result.phones
    assert (phone.outcome, phone.looked_up) == (MessageOutcome.SENT, True)
    assert "found on the server" in phone.notes[0]
    assert len(posts(server)) == 1 and len(server.store.singles()) == 1
    [row] = rows()
    assert (row.status, row.message_id) == ("accepted", server.store.singles()[0].id)


def test_an_answer_lost_and_a_message_not_found_stays_unknown_and_is_never_sent_again(server, clock):
    server.faults.fail_status = 502  # a proxy's error: nothing says whether the message went out
    server.faults.only_path = SEND_MESSAGE
    prepared = prepare_test_send(spring(), ["+380991234567", "+380671112233"], new_reference=references())
    connection = in_process(server)
    result = send_test(prepared, connection, open_history)
    assert [p.outcome for p in result.phones] == [MessageOutcome.UNKNOWN] * 2
    assert result.phones[0].error is not None and result.phones[0].error.outcome_unknown
    assert len(posts(server)) == 2
    assert [r.status for r in rows()] == [STATUS_UNKNOWN_OUTCOME] * 2
    server.faults.clear()
    records = refresh_test_statuses(connection.client, open_history, batch=result.batch)
    assert len(posts(server)) == 2  # looking again asks; it never sends
    assert [(r.status, r.refresh_problem) for r in records] == [(STATUS_UNKNOWN_OUTCOME, NOT_FOUND)] * 2
    assert record_look(records[0]).words.startswith("Not confirmed")


def test_a_refusal_sends_nothing_and_leaves_no_row(server):
    document = spring()
    assert document.campaign.sms is not None
    document.campaign.sms.sender = "NotOurs"  # not registered in the account: the server refuses it
    prepared = prepare_test_send(document, ["+380991234567"])
    result = send_test(prepared, in_process(server), open_history)
    [phone] = result.phones
    assert phone.outcome is MessageOutcome.NOT_SENT and isinstance(phone.error, api.Rejected)
    assert rows() == [] and server.store.singles() == []


class Cancelling:
    def __init__(self, server: SandboxServer) -> None:
        self.server = server

    @property
    def cancelled(self) -> bool:
        return len(posts(self.server)) >= 1


def test_a_cancel_stops_before_the_next_phone(server):
    prepared = prepare_test_send(spring(), ["+380991234567", "+380671112233"])
    result = send_test(prepared, in_process(server), open_history, context=Cancelling(server))
    assert [p.outcome for p in result.phones] == [MessageOutcome.SENT, MessageOutcome.NOT_SENT]
    assert len(posts(server)) == 1 and len(rows()) == 1


def test_a_server_that_cannot_be_reached_stops_the_test_at_the_first_phone():
    attempts = []

    def refuse(request: httpx.Request) -> httpx.Response:
        attempts.append(request.url.path)
        raise httpx.ConnectError("refused", request=request)

    client = WwtClient("https://demo.test", DEMO_API_KEY, transport=httpx.MockTransport(refuse))
    connection = Connection(client=client, demo=False, base_url="https://demo.test", account_time_zone="UTC")
    result = send_test(prepare_test_send(spring(), ["+380991234567", "+380671112233"]), connection, open_history)
    assert [p.outcome for p in result.phones] == [MessageOutcome.NOT_SENT] * 2
    assert isinstance(result.phones[0].error, api.CannotReachServer)
    assert "earlier phone" in str(result.phones[1].error)
    assert rows() == []


# --- afterwards ---------------------------------------------------------------------------------------


def test_statuses_are_refreshed_until_final_in_plain_words(server, clock):
    read, no_rcs = phone_with("delivered", read=True), phone_with("undelivered", sms=True)
    prepared = prepare_test_send(spring(), [f"+{read}", f"+{no_rcs}"])
    connection = in_process(server)
    result = send_test(prepared, connection, open_history)
    words = sent_test_words(result)
    assert f"+{read}" in words and "Price: 0.0351 USD" in words
    first = refresh_test_statuses(connection.client, open_history, batch=result.batch)
    assert [record_look(r).words for r in first] == ["Accepted: about to be sent"] * 2
    clock.advance(AFTER_EVERYTHING_S)
    final = refresh_test_statuses(connection.client, open_history, batch=result.batch)
    assert [record_look(r).words for r in final] == ["Read", GOT_SMS]
    assert all(record_look(r).final for r in final)
    asked = len(server.requests)
    refresh_test_statuses(connection.client, open_history, batch=result.batch)
    assert len(server.requests) == asked  # final: nothing more is asked


def test_a_message_whose_validity_ended_is_said_to_have_expired(server, clock):
    document = spring(alternative_channel=None, validity=1)
    prepared = prepare_test_send(document, [f"+{phone_with('undelivered')}"])
    connection = in_process(server)
    result = send_test(prepared, connection, open_history)
    clock.advance(timedelta(hours=1).total_seconds())
    [record] = refresh_test_statuses(connection.client, open_history, batch=result.batch)
    assert record_look(record).words.startswith("Expired")
