"""WwtClient's single messages and message lists against scripted answers (httpx.MockTransport)."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.api import (
    Cancelled,
    CannotReachServer,
    DuplicateRequest,
    MessageInfo,
    OutcomeUnknown,
    Rejected,
    ServerError,
    TooManyMessages,
    UnexpectedResponse,
    WwtClient,
)
from app.api.responses import dumps

BASE_URL = "https://one-api.example.test"
LOGIN = "/api/auth/login"
SEND = "/api/messages/rcs/send"
LIST = "/api/messages"
BODY = {"phone": {"number": "380991234567", "reference_id": "f2d37bf77f6242daa83f23b0cc84b627"}, "sender": "Shop"}
ANSWER = {
    "data": {
        "id": 3272625619,
        "reference_id": None,
        "source": "rest",
        "type": "rcs",
        "phone": 380661231231,
        "status": "accepted",
        "validity": 72,
        "amount": {"value": "1.2079098", "currency": "USD"},
        "sender": "rcs_sender",
        "created_at": "2025-04-14 13:41:24",
        "sent_at": None,
        "delivered_at": None,
    }
}

Handler = Callable[[httpx.Request], httpx.Response]


class Server:
    """Logins succeed; other requests go to ``route``; every request is kept."""

    def __init__(self, route: Handler) -> None:
        self.route = route
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == LOGIN:
            return httpx.Response(200, json={"bearer": "token-1"})
        self.requests.append(request)
        return self.route(request)

    def client(self, **kwargs) -> WwtClient:
        return WwtClient(BASE_URL, "live_key", transport=httpx.MockTransport(self), **kwargs)

    def posts(self) -> list[httpx.Request]:
        return [r for r in self.requests if r.method == "POST"]


# --- sending one message ---------------------------------------------------------------------------


def test_the_body_is_sent_exactly_and_the_answer_is_read():
    server = Server(lambda request: httpx.Response(200, json=ANSWER))
    with server.client() as client:
        info = client.send_message(BODY)
    [sent] = server.posts()
    assert sent.url.path == SEND and sent.content == dumps(BODY)
    assert (info.id, info.phone, info.status, info.price, info.currency) == (
        3272625619,
        "380661231231",
        "accepted",
        "1.2079098",
        "USD",
    )


def drop(request: httpx.Request) -> httpx.Response:
    raise httpx.RemoteProtocolError("Server disconnected without sending a response.", request=request)


def timeout(request: httpx.Request) -> httpx.Response:
    raise httpx.ReadTimeout("timed out", request=request)


@pytest.mark.parametrize(
    ("route", "kind"),
    [
        (drop, OutcomeUnknown),
        (timeout, OutcomeUnknown),
        (lambda r: httpx.Response(500, json={"message": "Server Error"}), ServerError),
        (lambda r: httpx.Response(200, text="<html>"), UnexpectedResponse),
    ],
    ids=["dropped", "timeout", "500", "unreadable"],
)
def test_a_message_whose_answer_is_lost_is_never_sent_again_and_its_outcome_is_unknown(route, kind):
    server = Server(route)
    with server.client() as client, pytest.raises(kind) as caught:
        client.send_message(BODY)
    assert len(server.posts()) == 1
    assert caught.value.outcome_unknown
    assert "test message" in str(caught.value) and "campaign" not in str(caught.value)


@pytest.mark.parametrize(
    ("send", "body"),
    [("send_message", BODY), ("send_campaign", {"groups": [1], "sender": "Shop", "options": {"text": "Hi"}})],
)
def test_a_read_timeout_of_a_paid_request_says_no_answer_came_in_time_as_its_deadline_does(send, body):
    """The read timeout of a send is as long as its deadline: whichever ends the wait, the words are the same
    ("did not confirm ... within N seconds"), not those of a dropped connection."""
    server = Server(timeout)
    with server.client(send_deadline=7) as client, pytest.raises(OutcomeUnknown) as caught:
        getattr(client, send)(body)
    assert "did not confirm" in str(caught.value) and "within 7 seconds" in str(caught.value)
    assert len(server.posts()) == 1


def test_a_message_that_could_not_leave_is_said_so():
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    server = Server(refuse)
    with server.client() as client, pytest.raises(CannotReachServer) as caught:
        client.send_message(BODY)
    assert not caught.value.outcome_unknown
    assert len(server.posts()) == 1  # a paid request is not tried again even when the connection failed


def test_a_refusal_names_the_test_message_and_the_reference():
    refusal = {"message": "The given data was invalid.", "errors": {"phone.reference_id": ["taken"]}}
    server = Server(lambda r: httpx.Response(422, json=refusal))
    with server.client() as client, pytest.raises(Rejected) as caught:
        client.send_message(BODY)
    assert str(caught.value).startswith("The server did not accept the test message")
    assert caught.value.field_errors == {"phone.reference_id": ["taken"]}
    assert not caught.value.outcome_unknown


def test_a_duplicate_is_not_sent_again():
    server = Server(lambda r: httpx.Response(429, json={"message": "Too many duplicate request detected"}))
    with server.client() as client, pytest.raises(DuplicateRequest) as caught:
        client.send_message(BODY)
    assert len(server.posts()) == 1 and "test message" in str(caught.value)


def test_a_refused_token_logs_in_again_and_sends_once_more_because_nothing_was_processed():
    answers = iter([httpx.Response(401, json={"message": "Unauthenticated."}), httpx.Response(200, json=ANSWER)])
    server = Server(lambda r: next(answers))
    with server.client() as client:
        assert client.send_message(BODY).id == 3272625619
    assert len(server.posts()) == 2


# --- finding one message -----------------------------------------------------------------------------


def test_find_message_asks_by_reference_and_takes_only_the_message_with_it():
    others = [{"id": 1, "reference_id": "other"}, {"id": 2, "reference_id": None}]
    server = Server(lambda r: httpx.Response(200, json={"data": others, "total": 2}))
    with server.client() as client:
        assert client.find_message(reference_id="mine") is None  # a server ignoring the filter finds nothing
    [asked] = server.requests
    assert asked.url.params["filter[reference_id]"] == "mine"


def test_find_message_by_id():
    server = Server(lambda r: httpx.Response(200, json={"data": [{"id": 7, "status": "read"}]}))
    with server.client() as client:
        found = client.find_message(message_id=7)
    assert found is not None and found.status == "read"
    assert server.requests[0].url.params["filter[id]"] == "7"


# --- listing every message ---------------------------------------------------------------------------


def pages_of(count: int, *, total_key: str | None = "meta", clamp: int | None = None, grow: int = 0) -> Handler:
    """A server with ``count`` messages (``grow`` more appear after each page), its total in ``total`` or
    ``meta.page`` or nowhere, giving at most ``clamp`` a page."""
    state = {"count": count}

    def route(request: httpx.Request) -> httpx.Response:
        offset, limit = int(request.url.params["page[offset]"]), int(request.url.params["page[limit]"])
        limit = min(limit, clamp or limit)
        data = [{"id": 1000 + i, "status": "delivered"} for i in range(offset, min(offset + limit, state["count"]))]
        body: dict = {"data": data}
        if total_key == "meta":
            body["meta"] = {"page": {"total": state["count"], "offset": offset, "limit": limit}}
        elif total_key == "total":
            body["total"] = state["count"]
        state["count"] += grow
        return httpx.Response(200, json=body)

    return route


# Without a total and with pages shorter than asked, a client cannot tell the end: not a case here.
@pytest.mark.parametrize(
    ("total_key", "clamp"), [("meta", None), ("meta", 15), ("total", None), ("total", 15), (None, None)]
)
def test_every_page_is_read_whatever_the_total_and_the_page_size(total_key, clamp):
    server = Server(pages_of(1234, total_key=total_key, clamp=clamp))
    with server.client() as client:
        ids = [m.id for m in client.list_messages({"campaign_id": 5})]
    assert ids == list(range(1000, 2234))
    first = server.requests[0].url.params
    assert (first["filter[campaign_id]"], first["sort"], first["way"], first["page[limit]"]) == (
        "5",
        "id",
        "asc",
        "500",
    )


def test_messages_added_while_reading_are_read_too_and_none_twice():
    server = Server(pages_of(1000, grow=7))
    with server.client() as client:
        ids = [m.id for m in client.list_messages({"campaign_id": 5})]
    assert len(ids) == len(set(ids)) and ids == sorted(ids) and len(ids) >= 1000


def test_a_server_repeating_its_page_ends_the_listing():
    server = Server(lambda r: httpx.Response(200, json={"data": [{"id": 1}, {"id": 2}], "total": 99}))
    with server.client() as client:
        assert [m.id for m in client.list_messages({"campaign_id": 5}, page_limit=15)] == [1, 2]
    assert len(server.requests) == 2


def test_progress_follows_each_page_and_a_cancel_stops_before_the_next():
    server = Server(pages_of(1200))
    progress: list[tuple[int, int]] = []
    with server.client() as client:
        listing = client.list_messages(
            {"campaign_id": 5}, on_progress=lambda *p: progress.append(p), should_cancel=lambda: len(progress) >= 2
        )
        with pytest.raises(Cancelled):
            for _ in listing:
                pass
    assert progress == [(500, 1200), (1000, 1200)]
    assert len(server.requests) == 2


def test_the_bounds_stop_an_endless_listing():
    server = Server(pages_of(10**6))
    with server.client() as client, pytest.raises(TooManyMessages) as caught:
        for _ in client.list_messages({"campaign_id": 5}, max_messages=1200):
            pass
    assert len(server.requests) == 3 and "far more messages" in str(caught.value)
    server = Server(pages_of(10**6))
    with server.client() as client, pytest.raises(TooManyMessages):
        for _ in client.list_messages({"campaign_id": 5}, max_pages=2):
            pass


def test_an_unknown_filter_or_sort_is_a_programming_error():
    with Server(pages_of(1)).client() as client:
        with pytest.raises(ValueError, match="filter"):
            next(client.list_messages({"campaign": 5}))
        with pytest.raises(ValueError, match="sort"):
            next(client.list_messages({"campaign_id": 5}, sort="date"))


# --- reading what the server says ----------------------------------------------------------------------


def test_a_listed_message_with_its_sms_fallback():
    item = {
        "id": 26130,
        "campaign_id": 53651994,
        "reference_id": "f2d37bf77f6242daa83f23b0cc84b627",
        "type": "rcs",
        "phone": "+380661231231",
        "status": "undelivered",
        "amount": {"currency": "USD", "value": 0.1},
        "alternative_channels": {"sms": {"parts": 2, "id": [12345]}},
    }
    info = MessageInfo.from_raw(item)
    assert (info.phone, info.price, info.sms_parts, info.sms_ids, info.sms_status) == (
        "380661231231",
        "0.1",
        2,
        (12345,),
        None,
    )
    assert info.sms_sent_instead


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=20), inner, max_size=5),
    max_leaves=20,
)
KEYS = st.sampled_from(["id", "phone", "amount", "alternative_channels", "status", "reference_id", "parts"])


@given(st.one_of(JSON, st.dictionaries(KEYS, JSON, max_size=7)))
def test_any_answer_reads_as_a_message_without_failing(value):
    info = MessageInfo.from_raw(value)
    assert info.price is None or float(info.price) == float(info.price)
    json.dumps(info.raw, default=str)
