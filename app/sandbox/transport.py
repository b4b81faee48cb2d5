"""An httpx transport that answers from a ``SandboxServer`` in the same process (demo mode, tests)."""

from __future__ import annotations

import threading

import httpx

from app.sandbox.server import SandboxServer


class SandboxTransport(httpx.BaseTransport):
    """Hands each request to ``server.handle``; honours the delay and drop faults like a network would.

    A delay longer than the request's read timeout ends in ``httpx.ReadTimeout`` after that timeout.
    ``close()`` (called by ``httpx.Client.close``) cuts any wait short.
    """

    def __init__(self, server: SandboxServer) -> None:
        self.server = server
        self._closed = threading.Event()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        target = request.url.raw_path.decode("ascii")
        answer = self.server.handle(request.method, target, dict(request.headers.items()), body)
        if answer.delay_s > 0:
            read_timeout = (request.extensions.get("timeout") or {}).get("read")
            if read_timeout is not None and answer.delay_s > read_timeout:
                self._closed.wait(read_timeout)
                raise httpx.ReadTimeout("The read operation timed out", request=request)
            if self._closed.wait(answer.delay_s):
                raise httpx.ReadError("The connection was closed while waiting for the answer", request=request)
        if answer.drop_connection:
            raise httpx.RemoteProtocolError("Server disconnected without sending a response.", request=request)
        return httpx.Response(answer.status, headers=answer.headers, content=answer.body, request=request)

    def close(self) -> None:
        self._closed.set()
