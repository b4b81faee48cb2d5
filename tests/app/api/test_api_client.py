"""Contract tests of WwtClient against a scripted server (httpx.MockTransport: no sockets)."""

from __future__ import annotations

import json
import logging
import re
import threading
from collections import defaultdict
from collections.abc import Callable

import httpx
import pytest

import app
from app.api import (
    KEY_REFUSED_MESSAGE,
    ApiError,
    Cancelled,
    CannotReachServer,
    ContactList,
    DuplicateRequest,
    InvalidCampaignStatus,
    KeyRefused,
    MissingKey,
    OutcomeUnknown,
    Rejected,
    RequestTimedOut,
    ServerError,
    UnexpectedResponse,
    WwtClient,
)
from app.campaign import limits

BASE_URL = "https://one-api.example.test"
API_KEY = "live_Zq8sK2mVx7LpR4tN9wYb"
JWT_PREFIX = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJpZCI6MjA4LCJuIjo"
LOGIN = "/api/auth/login"
SEND = "/api/campaigns/rcs/send-groups"
GROUPS = "/api/groups"
BALANCE = "/api/accounts/balance"


def jwt(n: int) -> str:
    return f"{JWT_PREFIX}{n}fQ.c2lnbmF0dXJl{n}"


Outcome = Callable[[httpx.Request], httpx.Response]


class FakeWwt:
    """Answers from per-endpoint scripts (used once each, in order), then defaults; records requests.

    Logins succeed by default with tokens jwt(1), jwt(2), ...
    """

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self.logins = 0
        self.scripts: dict[tuple[str, str], list[Outcome]] = defaultdict(list)
        self.defaults: dict[tuple[str, str], Outcome] = {}

    def then(self, method: str, path: str, *outcomes: Outcome) -> None:
        self.scripts[(method, path)].extend(outcomes)

    def always(self, method: str, path: str, outcome: Outcome) -> None:
        self.defaults[(method, path)] = outcome

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        key = (request.method, request.url.path)
        if self.scripts[key]:
            return self.scripts[key].pop(0)(request)
        if key in self.defaults:
            return self.defaults[key](request)
        if key == ("POST", LOGIN):
            self.logins += 1
            return httpx.Response(200, json={"bearer": jwt(self.logins)})
        return httpx.Response(404, json={"message": "Not Found"})

    def to(self, method: str, path: str) -> list[httpx.Request]:
        return [r for r in self.requests if r.method == method and r.url.path == path]


def reply(status: int = 200, **kwargs) -> Outcome:
    return lambda request: httpx.Response(status, **kwargs)


def fail(exc_type: type[Exception], message: str = "boom") -> Outcome:
    def outcome(request: httpx.Request) -> httpx.Response:
        raise exc_type(message, request=request)

    return outcome


@pytest.fixture
def fake() -> FakeWwt:
    return FakeWwt()


@pytest.fixture
def client(fake):
    with WwtClient(BASE_URL, API_KEY, transport=httpx.MockTransport(fake)) as wwt:
        yield wwt


# The documentation's example request (wwt-api.md section 3) with its "string" placeholders filled in, and each
# button's type, which the app always sends (app/api/schemas/send_groups.schema.json requires it).
EXAMPLE_SEND_BODY = {
    "groups": [1864619],
    "sender": "Agent Name",
    "options": {
        "cards": [
            {
                "text": "Go to site",
                "media": {"url": "https://domain.com/"},
                "suggestions": [{"type": "link", "text": "Go to site", "url": "https://domain.com/"}],
            },
            {
                "text": "Spring sale — 20% off ☀",
                "media": {"url": "https://domain.com/sale.png"},
                "suggestions": [{"type": "link", "text": "Shop now", "url": "https://domain.com/sale"}],
            },
            {
                "text": "Questions? Call us",
                "media": {"url": "https://domain.com/call.jpg"},
                "suggestions": [{"type": "call", "text": "Call us", "phone": "380991112233"}],
            },
            {
                "title": "Café Lumière",
                "text": "Новинки сезону 🎉",
                "media": {"url": "https://domain.com/new.mp4"},
                "suggestions": [{"type": "link", "text": "See more", "url": "https://domain.com/new"}],
            },
        ]
    },
    "alternative_channel": {
        "sms": {"text": "Hello, world!", "sender": "WWTshop", "validity": 72, "check_stop_list": True}
    },
    "start_at": "2025-01-25 09:00:00",
    "tariff_code": 0,
    "validity": 72,
    "add_to_contact_book": True,
    "check_stop_list": True,
}
EXPECTED_SEND_BYTES = (
    '{"groups":[1864619],"sender":"Agent Name","options":{"cards":['
    '{"text":"Go to site","media":{"url":"https://domain.com/"},'
    '"suggestions":[{"type":"link","text":"Go to site","url":"https://domain.com/"}]},'
    '{"text":"Spring sale — 20% off ☀","media":{"url":"https://domain.com/sale.png"},'
    '"suggestions":[{"type":"link","text":"Shop now","url":"https://domain.com/sale"}]},'
    '{"text":"Questions? Call us","media":{"url":"https://domain.com/call.jpg"},'
    '"suggestions":[{"type":"call","text":"Call us","phone":"380991112233"}]},'
    '{"title":"Café Lumière","text":"Новинки сезону 🎉","media":{"url":"https://domain.com/new.mp4"},'
    '"suggestions":[{"type":"link","text":"See more","url":"https://domain.com/new"}]}]},'
    '"alternative_channel":{"sms":{"text":"Hello, world!","sender":"WWTshop","validity":72,"check_stop_list":true}},'
    '"start_at":"2025-01-25 09:00:00","tariff_code":0,"validity":72,'
    '"add_to_contact_book":true,"check_stop_list":true}'
).encode()
SEND_RESPONSE = {
    "data": {
        "id": 53708808,
        "name": "RCS api campaign / 2025-04-14 13:43:13",
        "sender": "rcs_sender",
        "status": "creation",
        "message_type": "rcs",
        "start_at": "2025-04-14 10:43:13",
        "real_start_at": None,
        "finished_at": None,
        "created_at": "2025-04-14 13:43:13",
        "statistics": {"delivered": 0, "sent": 0},
        "calculated_price": 0.0175696,
        "currency": "USD",
        "alternative_channels": {"sms": {"statistic": {"delivered": 0, "sent": 0}}},
    }
}
USER_AGENT = re.compile(r"^RCS-Campaign-Desk/(?P<app>[^ ]+) \(python-httpx/(?P<httpx>[^;]+); (?P<platform>[^)]+)\)$")


def assert_common_headers(request: httpx.Request) -> None:
    assert request.headers["Accept"] == "application/json"
    match = USER_AGENT.match(request.headers["User-Agent"])
    assert match, request.headers["User-Agent"]
    assert match["app"] == app.__version__
    assert match["httpx"] == httpx.__version__


# --- login and headers -------------------------------------------------------------------


def test_login_sends_the_key_as_exact_json_without_authorization(client, fake):
    client.login()
    [login] = fake.requests
    assert (login.method, login.url.path) == ("POST", LOGIN)
    assert login.content == b'{"api_key":"live_Zq8sK2mVx7LpR4tN9wYb"}'
    assert login.headers["Content-Type"] == "application/json"
    assert "Authorization" not in login.headers
    assert_common_headers(login)


def test_send_contract_exact_bytes_and_headers(client, fake):
    fake.then("POST", SEND, reply(200, json=SEND_RESPONSE))
    info = client.send_campaign(EXAMPLE_SEND_BODY)
    [send] = fake.to("POST", SEND)
    assert send.content == EXPECTED_SEND_BYTES
    assert json.loads(send.content.decode("utf-8")) == EXAMPLE_SEND_BODY
    assert send.headers["Content-Type"] == "application/json"
    assert send.headers["Authorization"] == f"Bearer {jwt(1)}"
    assert send.headers["Content-Length"] == str(len(EXPECTED_SEND_BYTES))
    assert_common_headers(send)
    assert (info.id, info.status, info.price, info.currency, info.sms_sent) == (
        53708808,
        "creation",
        0.0175696,
        "USD",
        0,
    )


def test_send_bytes_are_deterministic_and_keep_the_given_key_order(client, fake):
    fake.always("POST", SEND, reply(200, json=SEND_RESPONSE))
    body = {"sender": "Zed", "groups": [2, 1], "options": {"text": "Ünïcode ✓"}}
    client.send_campaign(body)
    client.send_campaign(json.loads(json.dumps(body)))
    first, second = fake.to("POST", SEND)
    assert first.content == second.content == '{"sender":"Zed","groups":[2,1],"options":{"text":"Ünïcode ✓"}}'.encode()


def test_send_refuses_values_that_are_not_json_before_sending(client, fake):
    with pytest.raises(ValueError, match="not JSON compliant"):
        client.send_campaign({"groups": [1], "validity": float("nan")})
    assert fake.to("POST", SEND) == []


def test_get_calls_carry_bearer_and_no_content_type(client, fake):
    fake.always("GET", BALANCE, reply(200, json={"data": {"balance": 12.5, "currency": "USD", "credit": 0}}))
    assert client.get_balance().balance == 12.5
    request = fake.to("GET", BALANCE)[0]
    assert request.headers["Authorization"] == f"Bearer {jwt(1)}"
    assert "Content-Type" not in request.headers
    assert_common_headers(request)


def test_custom_user_agent(fake):
    with WwtClient(BASE_URL, API_KEY, transport=httpx.MockTransport(fake), user_agent="Tester/1") as wwt:
        wwt.login()
    assert fake.requests[0].headers["User-Agent"] == "Tester/1"


def test_token_is_reused_and_key_read_lazily_at_each_login(fake):
    keys = iter(["live_first_key_0001", "live_second_key_0002"])
    asked: list[str] = []

    def key_source() -> str:
        asked.append(key := next(keys))
        return key

    fake.always("GET", BALANCE, reply(200, json={"data": {}}))
    with WwtClient(BASE_URL, key_source, transport=httpx.MockTransport(fake)) as wwt:
        assert asked == []
        wwt.get_balance()
        wwt.get_balance()
        assert fake.logins == 1 and asked == ["live_first_key_0001"]
        fake.then("GET", BALANCE, reply(401, json={"message": "Unauthenticated."}))
        wwt.get_balance()
    assert asked == ["live_first_key_0001", "live_second_key_0002"]
    assert json.loads(fake.to("POST", LOGIN)[1].content) == {"api_key": "live_second_key_0002"}


def test_timeouts_are_explicit_and_the_send_waits_longer(fake):
    fake.always("POST", SEND, reply(200, json=SEND_RESPONSE))
    fake.always("GET", BALANCE, reply(200, json={"data": {}}))
    with WwtClient(BASE_URL, API_KEY, transport=httpx.MockTransport(fake), timeout=7, send_timeout=90) as wwt:
        wwt.get_balance()
        wwt.send_campaign({"groups": [1], "sender": "Agent", "options": {"text": "Hi"}})
    assert fake.to("GET", BALANCE)[0].extensions["timeout"] == {"connect": 7, "read": 7, "write": 7, "pool": 7}
    assert fake.to("POST", SEND)[0].extensions["timeout"] == {"connect": 7, "read": 90, "write": 7, "pool": 7}


# --- 401 handling ------------------------------------------------------------------------


def test_send_401_logs_in_again_once_and_repeats_once_with_the_same_bytes(client, fake):
    fake.then("POST", SEND, reply(401, json={"message": "Unauthenticated."}), reply(200, json=SEND_RESPONSE))
    assert client.send_campaign(EXAMPLE_SEND_BODY).id == 53708808
    first, second = fake.to("POST", SEND)
    assert first.headers["Authorization"] == f"Bearer {jwt(1)}"
    assert second.headers["Authorization"] == f"Bearer {jwt(2)}"
    assert first.content == second.content == EXPECTED_SEND_BYTES
    assert fake.logins == 2


def test_second_401_gives_key_refused(client, fake):
    fake.always("POST", SEND, reply(401, json={"message": "Unauthenticated."}))
    with pytest.raises(KeyRefused) as caught:
        client.send_campaign(EXAMPLE_SEND_BODY)
    assert str(caught.value) == KEY_REFUSED_MESSAGE
    assert len(fake.to("POST", SEND)) == 2 and fake.logins == 2
    assert "Refused again after logging in once more." in caught.value.details


@pytest.mark.parametrize("status", [401, 403, 422])
def test_refused_login_is_key_refused_and_not_retried(fake, status):
    fake.always("POST", LOGIN, reply(status, json={"message": "Invalid api key", "errors": []}))
    with WwtClient(BASE_URL, API_KEY, transport=httpx.MockTransport(fake)) as wwt, pytest.raises(KeyRefused) as caught:
        wwt.get_balance()
    assert str(caught.value) == KEY_REFUSED_MESSAGE
    assert "Integrations & API → SMPP/API Password" in caught.value.user_message
    assert len(fake.requests) == 1
    assert f"Status: {status}" in caught.value.details


def test_refused_relogin_after_401_is_key_refused(client, fake):
    fake.then("POST", LOGIN, reply(200, json={"bearer": jwt(7)}), reply(401, json={"message": "bad key"}))
    fake.then("GET", BALANCE, reply(401))
    with pytest.raises(KeyRefused):
        client.get_balance()
    assert len(fake.to("GET", BALANCE)) == 1


@pytest.mark.parametrize("key", [None, "", "   "])
def test_missing_key_sends_nothing(fake, key):
    with (
        WwtClient(BASE_URL, lambda: key, transport=httpx.MockTransport(fake)) as wwt,
        pytest.raises(MissingKey) as caught,
    ):
        wwt.get_balance()
    assert isinstance(caught.value, KeyRefused)
    assert fake.requests == []


def test_broken_key_store_is_a_plain_missing_key(fake):
    def broken() -> str:
        raise RuntimeError("backend exploded with live_should_not_leak_123")

    with WwtClient(BASE_URL, broken, transport=httpx.MockTransport(fake)) as wwt, pytest.raises(MissingKey) as caught:
        wwt.login()
    assert "password store" in str(caught.value)
    assert "live_should_not_leak_123" not in caught.value.details
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_login_answer_without_bearer_is_unexpected(fake):
    fake.always("POST", LOGIN, reply(200, json={"token": None}))
    with WwtClient(BASE_URL, API_KEY, transport=httpx.MockTransport(fake)) as wwt, pytest.raises(UnexpectedResponse):
        wwt.login()


def test_concurrent_401s_log_in_again_only_once(client, fake):
    client.login()
    barrier = threading.Barrier(2, timeout=5)

    def balance(request: httpx.Request) -> httpx.Response:
        if request.headers["Authorization"] == f"Bearer {jwt(1)}":
            barrier.wait()  # both threads hold the old token before either sees its 401
            return httpx.Response(401)
        return httpx.Response(200, json={"data": {"balance": 3}})

    fake.always("GET", BALANCE, balance)
    results: list[object] = []

    def worker() -> None:
        try:
            results.append(client.get_balance().balance)
        except Exception as exc:  # noqa: BLE001 - reported through results
            results.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert results == [3.0, 3.0]
    assert fake.logins == 2


# --- the send is never repeated ----------------------------------------------------------


@pytest.mark.parametrize(
    "exc_type", [httpx.ReadTimeout, httpx.WriteTimeout, httpx.WriteError, httpx.ReadError, httpx.RemoteProtocolError]
)
def test_send_failure_after_sending_is_outcome_unknown_with_one_request(client, fake, exc_type):
    fake.always("POST", SEND, fail(exc_type))
    with pytest.raises(OutcomeUnknown) as caught:
        client.send_campaign(EXAMPLE_SEND_BODY)
    assert len(fake.to("POST", SEND)) == 1
    assert caught.value.outcome_unknown
    assert "may have been created" in str(caught.value)
    assert "check the campaign list before sending again" in str(caught.value)


@pytest.mark.parametrize("exc_type", [httpx.ConnectError, httpx.ConnectTimeout])
def test_send_connect_failure_is_cannot_reach_with_a_single_attempt(client, fake, exc_type):
    fake.always("POST", SEND, fail(exc_type))
    with pytest.raises(CannotReachServer) as caught:
        client.send_campaign(EXAMPLE_SEND_BODY)
    assert len(fake.to("POST", SEND)) == 1
    assert not caught.value.outcome_unknown
    assert "Nothing was sent" in str(caught.value)


def test_send_429_is_duplicate_and_not_retried(client, fake):
    fake.always("POST", SEND, reply(429, json={"message": "Too many duplicate request detected"}))
    with pytest.raises(DuplicateRequest) as caught:
        client.send_campaign(EXAMPLE_SEND_BODY)
    assert len(fake.to("POST", SEND)) == 1
    assert str(caught.value) == (
        "The same campaign was just sent a moment ago, so the server ignored this copy. "
        "Check the campaign list before sending again."
    )


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_send_5xx_is_server_error_with_unknown_outcome_and_not_retried(client, fake, status):
    fake.always("POST", SEND, reply(status, html="<html><body>Bad Gateway</body></html>"))
    with pytest.raises(ServerError) as caught:
        client.send_campaign(EXAMPLE_SEND_BODY)
    assert len(fake.to("POST", SEND)) == 1
    assert caught.value.outcome_unknown and "check the campaign list" in str(caught.value)
    assert "<html>" not in str(caught.value)


@pytest.mark.parametrize("answer", [reply(200, text="OK"), reply(200, json={"id": 5}), reply(200, json={"data": []})])
def test_send_unreadable_success_means_the_campaign_may_exist(client, fake, answer):
    fake.always("POST", SEND, answer)
    with pytest.raises(UnexpectedResponse) as caught:
        client.send_campaign(EXAMPLE_SEND_BODY)
    assert caught.value.outcome_unknown
    assert len(fake.to("POST", SEND)) == 1


def test_send_422_is_rejected_once(client, fake):
    fake.always("POST", SEND, reply(422, json={"message": "Insufficient funds", "errors": []}))
    with pytest.raises(Rejected) as caught:
        client.send_campaign(EXAMPLE_SEND_BODY)
    assert str(caught.value) == "The server did not accept the campaign: Insufficient funds"
    assert not caught.value.outcome_unknown
    assert len(fake.to("POST", SEND)) == 1


# --- idempotent calls --------------------------------------------------------------------


def test_get_connect_failure_is_tried_once_more(client, fake):
    fake.then("GET", BALANCE, fail(httpx.ConnectError), reply(200, json={"data": {"balance": 1}}))
    assert client.get_balance().balance == 1.0
    assert len(fake.to("GET", BALANCE)) == 2


def test_get_connect_failure_twice_is_cannot_reach(client, fake):
    fake.always("GET", BALANCE, fail(httpx.ConnectTimeout))
    with pytest.raises(CannotReachServer):
        client.get_balance()
    assert len(fake.to("GET", BALANCE)) == 2


def test_get_read_timeout_is_not_retried(client, fake):
    fake.always("GET", BALANCE, fail(httpx.ReadTimeout))
    with pytest.raises(RequestTimedOut):
        client.get_balance()
    assert len(fake.to("GET", BALANCE)) == 1


def test_login_connect_failure_is_tried_once_more(client, fake):
    fake.then("POST", LOGIN, fail(httpx.ConnectError))
    client.login()
    assert len(fake.to("POST", LOGIN)) == 2


# --- contact lists -----------------------------------------------------------------------


def groups_server(fake: FakeWwt, count: int, *, total: int | str | None = "count") -> None:
    lists = [{"id": 1000 + i, "name": f"List {i}", "items": i, "default": i == 0} for i in range(count)]

    def page(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params["page[offset]"])
        limit = int(request.url.params["page[limit]"])
        body: dict[str, object] = {"data": lists[offset : offset + limit]}
        if total is not None:
            body["total"] = count if total == "count" else total
        return httpx.Response(200, json=body)

    fake.always("GET", GROUPS, page)


def group_params(fake: FakeWwt) -> list[list[tuple[str, str]]]:
    return [r.url.params.multi_items() for r in fake.to("GET", GROUPS)]


def test_list_groups_pages_with_exact_params_and_reports_progress(client, fake):
    groups_server(fake, 1234)
    progress: list[tuple[int, int]] = []
    lists = client.list_groups(on_progress=lambda loaded, total: progress.append((loaded, total)))
    assert [g.id for g in lists] == [1000 + i for i in range(1234)]
    assert isinstance(lists[0], ContactList) and lists[5].contacts == 5 and lists[0].is_default is True
    assert group_params(fake) == [
        [("page[offset]", str(offset)), ("page[limit]", str(limits.GROUPS_PAGE_LIMIT))] for offset in (0, 500, 1000)
    ]
    assert "page%5Boffset%5D=0&page%5Blimit%5D=500" in str(fake.to("GET", GROUPS)[0].url)
    assert progress == [(500, 1234), (1000, 1234), (1234, 1234)]


def test_list_groups_exact_multiple_of_page_stops_at_total(client, fake):
    groups_server(fake, 1000)
    assert len(client.list_groups()) == 1000
    assert len(fake.to("GET", GROUPS)) == 2


def test_list_groups_stops_on_short_page_when_total_lies_high(client, fake):
    groups_server(fake, 600, total=99999)
    assert len(client.list_groups()) == 600
    assert len(fake.to("GET", GROUPS)) == 2


def test_list_groups_stops_on_empty_page(client, fake):
    groups_server(fake, 500, total=2000)
    assert len(client.list_groups()) == 500
    assert len(fake.to("GET", GROUPS)) == 2


def test_list_groups_without_total_reads_until_a_short_page(client, fake):
    groups_server(fake, 700, total=None)
    progress: list[tuple[int, int]] = []
    assert len(client.list_groups(on_progress=lambda *p: progress.append(p))) == 700
    assert progress == [(500, 500), (700, 700)]


def test_list_groups_guards_against_a_repeating_server(client, fake):
    same = [{"id": i, "name": f"L{i}"} for i in range(limits.GROUPS_PAGE_LIMIT)]
    fake.always("GET", GROUPS, reply(200, json={"data": same, "total": 5000}))
    assert len(client.list_groups()) == limits.GROUPS_PAGE_LIMIT
    assert len(fake.to("GET", GROUPS)) == 2


def test_list_groups_cancel_between_pages(client, fake):
    groups_server(fake, 1500)
    answers = iter([False, True])
    with pytest.raises(Cancelled) as caught:
        client.list_groups(should_cancel=lambda: next(answers))
    assert not isinstance(caught.value, ApiError)
    assert len(fake.to("GET", GROUPS)) == 1


def test_list_groups_cancel_before_anything_sends_nothing(client, fake):
    with pytest.raises(Cancelled):
        client.list_groups(should_cancel=lambda: True)
    assert fake.requests == []


def test_list_groups_data_not_a_list_is_unexpected(client, fake):
    fake.always("GET", GROUPS, reply(200, json={"data": {"id": 1}}))
    with pytest.raises(UnexpectedResponse):
        client.list_groups()


def test_get_group(client, fake):
    fake.always(
        "GET", f"{GROUPS}/1864619", reply(200, json={"data": {"id": 1864619, "name": "Import XLS", "items": 10000}})
    )
    group = client.get_group(1864619)
    assert (group.id, group.name, group.contacts) == (1864619, "Import XLS", 10000)


# --- campaigns and account ---------------------------------------------------------------


def test_campaign_follow_up_paths(client, fake):
    campaign = SEND_RESPONSE["data"]
    fake.always("GET", "/api/campaigns/53708808", reply(200, json={"data": campaign}))
    fake.always(
        "GET",
        "/api/campaigns/53708808/detail",
        reply(200, json={"data": {**campaign, "total_price": "0.16", "statistics": {"delivered": 7, "read": 2}}}),
    )
    assert client.get_campaign(53708808).status == "creation"
    detail = client.get_campaign_detail(53708808)
    assert detail.statistics == {"delivered": 7, "read": 2} and detail.total_price == "0.16"


def test_stop_campaign_patch_without_body(client, fake):
    fake.always(
        "PATCH", "/api/campaigns/53703420/stop", reply(200, json={"data": {"id": 53703420, "status": "stopped"}})
    )
    info = client.stop_campaign(53703420)
    assert info is not None and info.status == "stopped"
    [request] = fake.to("PATCH", "/api/campaigns/53703420/stop")
    assert request.content == b"" and request.headers["Authorization"] == f"Bearer {jwt(1)}"


def test_stop_campaign_without_data_returns_none(client, fake):
    fake.always("PATCH", "/api/campaigns/5/stop", reply(204))
    assert client.stop_campaign(5) is None


def test_stop_refused_is_invalid_campaign_status(client, fake):
    fake.always("PATCH", "/api/campaigns/5/stop", reply(422, json={"message": "Invalid campaign status", "errors": []}))
    with pytest.raises(InvalidCampaignStatus) as caught:
        client.stop_campaign(5)
    assert isinstance(caught.value, Rejected)
    assert str(caught.value) == "This campaign can no longer be stopped: it has already finished or was stopped."
    assert caught.value.server_message == "Invalid campaign status"
    assert len(fake.to("PATCH", "/api/campaigns/5/stop")) == 1


@pytest.mark.parametrize("bad_id", [True, 1.5, "12a", -3, "../balance"])
def test_ids_are_checked_before_building_a_path(client, fake, bad_id):
    with pytest.raises(ValueError, match="not a valid id"):
        client.get_campaign(bad_id)
    assert fake.requests == []


@pytest.mark.parametrize(("asked", "sent"), [(5, 30), (30, 30), (100, 100), (1000, 500)])
def test_list_campaigns_exact_params(client, fake, asked, sent):
    fake.always("GET", "/api/campaigns", reply(200, json={"data": [SEND_RESPONSE["data"], "junk"], "meta": {}}))
    campaigns = client.list_campaigns(offset=60, limit=asked)
    assert [c.id for c in campaigns] == [53708808]
    assert fake.to("GET", "/api/campaigns")[0].url.params.multi_items() == [
        ("page[offset]", "60"),
        ("page[limit]", str(sent)),
        ("filter[type]", "rcs"),
        ("sort", "date"),
        ("way", "desc"),
    ]


def test_balance_and_sms_senders(client, fake):
    fake.always("GET", BALANCE, reply(200, json={"data": {"balance": 12.5, "currency": "USD", "credit": 0}}))
    fake.always(
        "GET",
        "/api/senders",
        reply(200, json={"data": [{"id": 4, "sender": "WWTshop", "status": "active"}], "total": 1}),
    )
    balance = client.get_balance()
    assert (balance.balance, balance.currency, balance.credit) == (12.5, "USD", 0.0)
    [sender] = client.list_sms_senders()
    assert (sender.id, sender.sender, sender.status) == (4, "WWTshop", "active")
    assert fake.to("GET", "/api/senders")[0].url.params.multi_items() == [("type", "sms")]


# --- logging -----------------------------------------------------------------------------


def test_debug_log_has_method_path_status_and_no_secrets(client, fake, caplog):
    fake.always("GET", BALANCE, reply(200, json={"data": {"balance": 1}}))
    with caplog.at_level(logging.DEBUG):
        client.get_balance()
    messages = [r.getMessage() for r in caplog.records if r.name == "app.api.client"]
    assert any(re.fullmatch(r"GET /api/accounts/balance -> 200 in \d+ ms", m) for m in messages), messages
    everything = caplog.text
    assert API_KEY not in everything and jwt(1) not in everything
