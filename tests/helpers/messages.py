"""Single messages and message lists against the simulated server: a fake clock, a logged-in caller,
phones whose fate is known, and a client on a loopback server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

from app.api import WwtClient
from app.sandbox import DEMO_API_KEY, LoopbackServer, SandboxServer, timeline
from app.sandbox.wire import SandboxResponse
from app.tasks.connection import Connection

START = datetime(2025, 4, 14, 10, 0, 0, tzinfo=UTC)  # 13:00 in Kyiv (summer time)
SEND_MESSAGE = "/api/messages/rcs/send"
MESSAGES = "/api/messages"
AFTER_EVERYTHING_S = 60.0  # every report of a single message is in by then


class FakeClock:
    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


class Caller:
    """A logged-in caller of ``server.handle`` (no sockets)."""

    def __init__(self, server: SandboxServer) -> None:
        self.server = server
        answer = server.handle("POST", "/api/auth/login", {}, json.dumps({"api_key": DEMO_API_KEY}).encode())
        assert answer.status == 200
        self.token = answer.json()["bearer"]

    def call(self, method: str, target: str, body: object = None, *, raw: bytes | None = None) -> SandboxResponse:
        """``body`` as JSON, or ``raw`` bytes as they are."""
        headers = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
        payload = raw if raw is not None else (json.dumps(body).encode() if body is not None else b"")
        return self.server.handle(method, target, headers, payload)

    def send(self, body: dict[str, Any]) -> SandboxResponse:
        return self.call("POST", SEND_MESSAGE, body)

    def messages(self, query: str = "") -> dict[str, Any]:
        answer = self.call("GET", f"{MESSAGES}?{query}" if query else MESSAGES)
        assert answer.status == 200, answer.text
        return answer.json()

    def message(self, reference: str) -> dict[str, Any]:
        [found] = self.messages(f"filter[reference_id]={reference}")["data"]
        return found


def phone_with(fate: str, *, read: bool | None = None, sms: bool | None = None, start: int = 0) -> str:
    """A number whose single message has ``fate`` (``delivered``, ``undelivered``, ``failed``), read or
    not, its fallback SMS delivered or not (see ``messages.SimMessage.slot``)."""
    for slot in range(start, timeline.SLOTS):
        if not timeline.has(fate, slot):
            continue
        if read is not None and timeline.has("read", slot) != read:
            continue
        if sms is not None and timeline.has("sms_delivered", slot) != sms:
            continue
        return f"3809912345{slot:02d}"
    raise AssertionError(f"no slot with {fate}, read={read}, sms={sms}")


def message_body(number: str, reference: str | None = None, **more: Any) -> dict[str, Any]:
    phone: dict[str, Any] = {"number": number}
    if reference is not None:
        phone["reference_id"] = reference
    return {"phone": phone, "sender": "WWT Shop", "options": {"text": "Hello from the test"}, **more}


def sms_fallback(text: str = "Hello by SMS") -> dict[str, Any]:
    return {"sms": {"text": text, "sender": "WWTshop"}}


@contextmanager
def loopback_connection(server: SandboxServer, *, time_zone: str = "Europe/Kyiv") -> Iterator[Connection]:
    """A connection to ``server`` over a real local socket (the bytes sent are the server's ``requests``)."""
    with LoopbackServer(server) as loopback:
        client = WwtClient(loopback.base_url, DEMO_API_KEY)
        try:
            yield Connection(client=client, demo=False, base_url=loopback.base_url, account_time_zone=time_zone)
        finally:
            client.close()


def posts(server: SandboxServer, path: str = SEND_MESSAGE) -> list[Any]:
    return [r for r in server.requests if r.method == "POST" and r.target.split("?")[0] == path]


def looked_up_references(server: SandboxServer) -> list[str]:
    """The references the messages were looked up by (``GET /api/messages?filter[reference_id]=...``)."""
    found = []
    for request in server.requests:
        parts = urlsplit(request.target)
        if request.method == "GET" and parts.path == "/api/messages":
            found += parse_qs(parts.query).get("filter[reference_id]", [])
    return found
