"""The simulated server over real sockets: HTTP/1.1, faults, clean shutdown, speed, the CLI entry."""

from __future__ import annotations

import json
import threading
import time

import httpx
import pytest

from app.sandbox import DEMO_API_KEY, LoopbackServer, SandboxServer
from app.sandbox import loopback as loopback_module

SEND = "/api/campaigns/rcs/send-groups"
BODY = {"groups": [1864603], "sender": "WWTshop_RCS", "options": {"text": "Hello from the sandbox"}}


@pytest.fixture
def sandbox() -> SandboxServer:
    return SandboxServer()


@pytest.fixture
def loop(sandbox):
    with LoopbackServer(sandbox) as server:
        yield server
        assert server.errors == []


@pytest.fixture
def client(loop):
    with httpx.Client(base_url=loop.base_url, timeout=5.0) as http:
        token = http.post("/api/auth/login", json={"api_key": DEMO_API_KEY}).json()["bearer"]
        http.headers["Authorization"] = f"Bearer {token}"
        yield http


def test_start_gives_a_local_url_on_a_free_port(loop):
    assert loop.base_url.startswith("http://127.0.0.1:")
    assert loop.port > 0


def test_http_1_1_with_content_length_and_keep_alive(client):
    first = client.get("/api/groups")
    second = client.get("/api/accounts/balance")
    assert first.status_code == 200 and first.json()["total"] == 12
    assert first.http_version == "HTTP/1.1"
    assert first.headers["content-length"] == str(len(first.content))
    assert first.headers["content-type"] == "application/json"
    assert second.json()["data"]["currency"] == "USD"


def test_send_and_follow_up_over_the_socket(client):
    created = client.post(SEND, json=BODY)
    assert created.status_code == 200
    campaign_id = created.json()["data"]["id"]
    assert client.get(f"/api/campaigns/{campaign_id}").json()["data"]["id"] == campaign_id
    assert client.post(SEND, json=BODY).status_code == 429
    errors = client.post(SEND, json={**BODY, "groups": [1]}).json()["errors"]
    assert errors == {"groups.0": ["The selected groups.0 is invalid."]}


def test_error_shapes_over_the_socket(client, loop):
    assert client.get("/api/nothing").json() == {"message": "Not Found"}
    bad = client.post(SEND, content=b'{"groups": [', headers={"Content-Type": "application/json"})
    assert bad.status_code == 400 and "message" in bad.json()
    anonymous = httpx.get(f"{loop.base_url}/api/groups", headers={"Authorization": "Bearer expired"})
    assert anonymous.status_code == 401 and anonymous.json() == {"message": "Unauthenticated."}


def test_chunked_request_body_is_read(loop):
    parts = iter([b'{"api_key": ', b'"test_demo"}'])
    with httpx.Client(base_url=loop.base_url) as http:
        answer = http.post("/api/auth/login", content=parts, headers={"Content-Type": "application/json"})
    assert answer.status_code == 200 and "bearer" in answer.json()


def test_delay_only_on_the_send_times_out_and_the_campaign_still_exists(client, sandbox):
    sandbox.faults.delay_s = 30.0
    sandbox.faults.only_path = SEND
    assert client.get("/api/groups").status_code == 200  # not slowed
    with pytest.raises(httpx.ReadTimeout):
        client.post(SEND, json=BODY, timeout=0.2)
    sandbox.faults.clear()
    newest = client.get("/api/campaigns?sort=id&way=desc").json()["data"][0]
    assert newest["name"].startswith("RCS api campaign")  # the slow server did create it


def test_dropped_connection(client, sandbox):
    sandbox.faults.drop_connection = True
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        client.get("/api/accounts/balance")
    sandbox.faults.clear()
    assert client.get("/api/accounts/balance").status_code == 200


def test_html_error_page(client, sandbox):
    sandbox.faults.html_error_status = 502
    answer = client.get("/api/groups")
    assert answer.status_code == 502
    assert answer.headers["content-type"].startswith("text/html")
    assert "<h1>502 Bad Gateway</h1>" in answer.text


def test_malformed_json(client, sandbox):
    sandbox.faults.malformed_json = True
    answer = client.get("/api/groups")
    assert answer.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        answer.json()


def test_fail_status(client, sandbox):
    sandbox.faults.fail_status = 500
    answer = client.get("/api/accounts/balance")
    assert answer.status_code == 500 and answer.json() == {"message": "Server Error"}


def test_ten_thousand_lists_in_twenty_pages():
    with LoopbackServer(SandboxServer(list_count=10_000)) as loop, httpx.Client(base_url=loop.base_url) as http:
        token = http.post("/api/auth/login", json={"api_key": DEMO_API_KEY}).json()["bearer"]
        headers = {"Authorization": f"Bearer {token}"}
        ids: set[int] = set()
        for page in range(20):
            data = http.get("/api/groups", params={"page[offset]": page * 500, "page[limit]": 500}, headers=headers)
            body = data.json()
            assert body["total"] == 10_000
            ids.update(row["id"] for row in body["data"])
    assert len(ids) == 10_000  # how fast: benchmarks/bench_core.py (timed tests are not kept here)


def test_stop_is_quick_with_an_idle_connection_and_a_pending_delay(sandbox, monkeypatch):
    reached = threading.Event()
    handle = sandbox.handle

    def noting_handle(*args, **kwargs):
        answer = handle(*args, **kwargs)
        if answer.delay_s:
            reached.set()
        return answer

    monkeypatch.setattr(sandbox, "handle", noting_handle)
    loop = LoopbackServer(sandbox)
    url = loop.start()
    with httpx.Client(base_url=url) as idle, httpx.Client(base_url=url) as waiting:
        assert idle.post("/api/auth/login", json={"api_key": DEMO_API_KEY}).status_code == 200
        sandbox.faults.delay_s = 30.0
        outcome: list[BaseException] = []
        arrived = threading.Event()

        def slow_call() -> None:
            try:
                waiting.post("/api/auth/login", json={"api_key": DEMO_API_KEY}, timeout=20)
            except httpx.HTTPError as exc:
                outcome.append(exc)
            finally:
                arrived.set()

        caller = threading.Thread(target=slow_call)
        caller.start()
        assert reached.wait(5)  # the slow request is being held by the server
        started = time.perf_counter()
        loop.stop()
        stopped_in = time.perf_counter() - started
        assert arrived.wait(5)
        caller.join(5)
    assert stopped_in < 2.0
    assert outcome and isinstance(outcome[0], (httpx.RemoteProtocolError, httpx.ReadError))
    loop.stop()  # twice is fine
    with pytest.raises(httpx.ConnectError), httpx.Client() as later:
        later.get(f"{url}/api/groups")


def test_run_sandbox_prints_the_url_and_the_demo_key_and_serves(monkeypatch, capsys):
    started: list[LoopbackServer] = []
    ready = threading.Event()
    original = LoopbackServer.serve_forever

    def recording_serve_forever(self: LoopbackServer) -> None:
        started.append(self)
        ready.set()
        original(self)

    monkeypatch.setattr(LoopbackServer, "serve_forever", recording_serve_forever)
    runner = threading.Thread(target=loopback_module.run_sandbox, args=(0,), kwargs={"time_zone": "Europe/Kyiv"})
    runner.start()
    try:
        assert ready.wait(5)
        server = started[0]
        answer = httpx.post(f"{server.base_url}/api/auth/login", json={"api_key": DEMO_API_KEY})
        assert answer.status_code == 200
    finally:
        if started:
            started[0].stop()
        runner.join(5)
    assert not runner.is_alive()
    lines = capsys.readouterr().out.splitlines()
    assert lines == [f"Demo server: {server.base_url}", f"Demo API key: {DEMO_API_KEY}"]


def test_concurrent_sends_each_get_their_own_campaign(client):
    results: list[int] = []
    failures: list[BaseException] = []
    lock = threading.Lock()

    def send(number: int) -> None:
        try:
            answer = client.post(SEND, json={**BODY, "options": {"text": f"Message {number}"}})
            with lock:
                results.append(answer.json()["data"]["id"])
        except Exception as exc:  # noqa: BLE001 (reported below)
            with lock:
                failures.append(exc)

    threads = [threading.Thread(target=send, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert failures == []
    assert len(results) == len(set(results)) == 8
