"""A loopback WWT.world stand-in that misbehaves on the campaign send, the way real networks do.

    with HostileServer("trickle") as server:
        ...  # RCS_DESK_API_URL=server.base_url; server.sends counts the send requests received

Login always works, and so does reading a contact list (``GET /api/groups/ID``: every list exists). The
send answers according to ``mode``:

``ok`` a normal answer; ``refuse`` a 422; ``hang`` never answers (reads neither); ``trickle`` one byte every
``interval`` seconds; ``endless`` an answer that never ends; ``gzip_bomb`` 256 MiB of zeros in a
small gzip body; ``nested`` valid JSON nested 200 deep; ``garbage`` a 200 that is not JSON;
``see_other`` a 303; ``bare_400`` a 400 without a message; ``negative_id`` and ``long_name`` a
created campaign with an id of -5 or a 140,000-character name.
Every wait ends when the server is closed, so no handler thread outlives a test.
"""

from __future__ import annotations

import gzip
import io
import json
import threading
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SEND_PATH = "/api/campaigns/rcs/send-groups"
GROUPS_PATH = "/api/groups/"
CREATED = {"id": 4242, "status": "scheduled", "sender": "Agent", "calculated_price": 1.5, "currency": "UAH"}


def contact_list(list_id: int) -> dict[str, object]:
    """Any contact list the send asks about: the account has it, with a few hundred contacts."""
    return {"id": list_id, "name": f"List {list_id}", "items": 300, "stop_list_count": 0, "default": False}


@cache
def gzip_bomb() -> bytes:
    """256 MiB of zeros, gzip-compressed (about 250 kB), made once per test run."""
    out = io.BytesIO()
    zeros = bytes(1024 * 1024)
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as packer:
        for _ in range(256):
            packer.write(zeros)
    return out.getvalue()


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's signature; quiet
        pass

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _answer(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        body = self._body()
        if self.path == "/api/auth/login":
            self._answer(200, json.dumps({"bearer": "test-jwt-token"}).encode())
            return
        if self.path != SEND_PATH:
            self._answer(404, b'{"message": "Not Found"}')
            return
        with self.server.lock:
            self.server.sends.append(body)
        self.server.send_received.set()
        getattr(self, f"_send_{self.server.mode}")()

    def do_GET(self) -> None:
        list_id = self.path.removeprefix(GROUPS_PATH)
        if list_id.isdigit():  # the campaign's lists, read before a send: the misbehaviour is the send's
            self._answer(200, json.dumps({"data": contact_list(int(list_id))}).encode())
            return
        if self.server.mode == "hang":
            self.server.closing.wait(60)
            return
        self._answer(200, json.dumps({"data": CREATED}).encode())

    def _send_ok(self) -> None:
        self._answer(200, json.dumps({"data": CREATED}).encode())

    def _send_refuse(self) -> None:
        refusal = {"message": "The given data was invalid.", "errors": {"sender": ["Unknown sender."]}}
        self._answer(422, json.dumps(refusal).encode())

    def _send_hang(self) -> None:
        self.server.closing.wait(60)

    def _send_trickle(self) -> None:
        payload = json.dumps({"data": CREATED}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.flush()
        for byte in payload:
            if self.server.closing.wait(self.server.interval):
                return
            self.wfile.write(bytes([byte]))
            self.wfile.flush()

    def _send_endless(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = b" " * 65536
        while not self.server.closing.is_set():
            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))

    def _send_gzip_bomb(self) -> None:
        self._answer(200, gzip_bomb(), {"Content-Encoding": "gzip"})

    def _send_nested(self) -> None:
        self._answer(200, ('{"data":' + "[" * 200 + "]" * 200 + "}").encode())

    def _send_see_other(self) -> None:
        self._answer(303, b"", {"Location": "/api/campaigns/4242"})

    def _send_bare_400(self) -> None:
        self._answer(400, b'{"error": {"code": 17}}')

    def _send_negative_id(self) -> None:
        self._answer(200, json.dumps({"data": {**CREATED, "id": -5}}).encode())

    def _send_long_name(self) -> None:
        self._answer(200, json.dumps({"data": {**CREATED, "name": "Spring " * 20_000}}).encode())

    def _send_garbage(self) -> None:
        self._answer(200, b"<html>Service temporarily unavailable</html>")


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, mode: str, interval: float) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.mode = mode
        self.interval = interval
        self.lock = threading.Lock()
        self.sends: list[bytes] = []
        self.send_received = threading.Event()
        self.closing = threading.Event()

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up (the point of most modes) is not an error here


class HostileServer:
    def __init__(self, mode: str, *, interval: float = 0.2) -> None:
        self._server = _Server(mode, interval)
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), name="hostile-server", daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def sends(self) -> list[bytes]:
        with self._server.lock:
            return list(self._server.sends)

    @property
    def send_received(self) -> threading.Event:
        return self._server.send_received

    def __enter__(self) -> HostileServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.closing.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(10)
