"""The simulated server on a real socket: for tests over the network stack and ``rcs-desk sandbox``.

HTTP/1.1 with keep-alive and Content-Length; one daemon thread per connection. ``stop()`` ends
every wait (delay fault), closes every open connection and joins the threads, so nothing leaks.
"""

from __future__ import annotations

import contextlib
import errno
import socket
import sys
import threading
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from app.sandbox.server import SandboxServer
from app.sandbox.wire import message

JOIN_TIMEOUT_S = 5.0
POLL_INTERVAL_S = 0.05


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _HttpServer

    def do_GET(self) -> None:
        self._serve()

    do_POST = do_PATCH = do_PUT = do_DELETE = do_GET  # noqa: N815 - http.server's handler names

    def _serve(self) -> None:
        body = self._read_body()
        try:
            answer = self.server.sandbox.handle(self.command, self.path, dict(self.headers.items()), body)
        except Exception as exc:  # noqa: BLE001 - a bug in the sandbox: answer like Laravel would, keep it for the tests
            self.server.errors.append(exc)
            traceback.print_exc(file=sys.stderr)
            answer = message(500)
        if answer.delay_s > 0 and self.server.stopping.wait(answer.delay_s):
            self.close_connection = True  # stopping: leave without an answer
            return
        if answer.drop_connection:
            self.close_connection = True
            return
        self.send_response(answer.status)
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        self.wfile.write(answer.body)

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks: list[bytes] = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Quiet: the sandbox keeps no access log."""


class _HttpServer(ThreadingHTTPServer):
    daemon_threads = True
    # On Windows SO_REUSEADDR lets a second server bind a port already listened on: a busy port must fail.
    allow_reuse_address = sys.platform != "win32"
    block_on_close = False

    def __init__(self, address: tuple[str, int], sandbox: SandboxServer, stopping: threading.Event) -> None:
        self.sandbox = sandbox
        self.stopping = stopping
        self.errors: list[BaseException] = []
        self._live: dict[threading.Thread, socket.socket] = {}
        self._live_lock = threading.Lock()
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        thread = threading.Thread(
            target=self._run, args=(request, client_address), daemon=True, name="sandbox-connection"
        )
        with self._live_lock:
            self._live[thread] = request
        thread.start()

    def _run(self, request: Any, client_address: Any) -> None:
        try:
            self.process_request_thread(request, client_address)
        finally:
            with self._live_lock:
                self._live.pop(threading.current_thread(), None)

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], OSError):
            return  # the client went away (timed out, closed its pool): normal for this server
        super().handle_error(request, client_address)

    def close_connections(self) -> list[threading.Thread]:
        """Cut every open connection (idle keep-alive ones block in a read) and return their threads."""
        with self._live_lock:
            live = list(self._live.items())
        for _, sock in live:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        return [thread for thread, _ in live]


class LoopbackServer:
    """Serves ``server`` on ``host:port`` (0 = a free port). Use as a context manager in tests."""

    def __init__(self, server: SandboxServer, host: str = "127.0.0.1", port: int = 0) -> None:
        self.server = server
        self.host = host
        self.port = port
        self._stopping = threading.Event()
        self._httpd: _HttpServer | None = None
        self._thread: threading.Thread | None = None
        self._serving = False  # serve_forever() runs on some thread
        self._close_lock = threading.Lock()

    @property
    def base_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def errors(self) -> list[BaseException]:
        """Exceptions the sandbox raised while serving (each was answered with a 500)."""
        return self._httpd.errors if self._httpd is not None else []

    def bind(self) -> str:
        """Open the listening socket (if not yet open) and return the base URL."""
        if self._httpd is None:
            self._stopping.clear()
            self._httpd = _HttpServer((self.host, self.port), self.server, self._stopping)
            self.port = self._httpd.server_address[1]
        return self.base_url

    def start(self) -> str:
        """Serve on a background thread; returns the base URL, e.g. ``http://127.0.0.1:50123``."""
        url = self.bind()
        if self._thread is None:
            assert self._httpd is not None
            self._thread = threading.Thread(
                target=self._httpd.serve_forever,
                kwargs={"poll_interval": POLL_INTERVAL_S},
                daemon=True,
                name="sandbox-loopback",
            )
            self._thread.start()
        return url

    def serve_forever(self) -> None:
        """Serve on this thread until interrupted (Ctrl+C raises KeyboardInterrupt here)."""
        self.bind()
        assert self._httpd is not None
        self._serving = True
        try:
            self._httpd.serve_forever(poll_interval=POLL_INTERVAL_S)
        finally:
            self._serving = False
            self._close()

    def stop(self) -> None:
        """Stop serving (from any other thread), end waits and connections, release the socket.

        Safe to call twice, and also ends a ``serve_forever()`` running on another thread.
        """
        httpd = self._httpd
        if httpd is None:
            return
        self._stopping.set()
        if self._thread is not None or self._serving:
            httpd.shutdown()
        if self._thread is not None:
            self._thread.join(JOIN_TIMEOUT_S)
            self._thread = None
        self._close()

    def _close(self) -> None:
        with self._close_lock:
            httpd, self._httpd = self._httpd, None
            if httpd is None:
                return
            self._stopping.set()
            for thread in httpd.close_connections():
                thread.join(JOIN_TIMEOUT_S)
            httpd.server_close()

    def __enter__(self) -> LoopbackServer:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


class CannotListen(Exception):
    """``rcs-desk sandbox`` could not open its port; ``str()`` says why in a sentence naming it."""


MAX_PORT = 65535


def _listen_problem(host: str, port: int, exc: BaseException) -> str:
    code = getattr(exc, "errno", None)
    if code == errno.EADDRINUSE:
        return f"Port {port} on {host} is already in use: stop what uses it, or choose another port with --port."
    if code == errno.EACCES:
        return f"Port {port} on {host} is not open to this user: choose one above 1023 with --port."
    if isinstance(exc, socket.gaierror) or code == errno.EADDRNOTAVAIL:
        return f"The demo server cannot listen on {host} (port {port}): it is not an address of this computer."
    reason = getattr(exc, "strerror", None) or str(exc)
    return f"The demo server cannot listen on {host}, port {port}: {reason}."


def run_sandbox(port: int, host: str = "127.0.0.1", time_zone: str = "UTC", list_count: int | None = None) -> None:
    """``rcs-desk sandbox``: print the base URL and the demo key, then serve until Ctrl+C."""
    from app.sandbox.tokens import DEMO_API_KEY

    if not 0 <= port <= MAX_PORT:
        raise CannotListen(f"Port {port} is not a port number: choose one from 0 to {MAX_PORT} (0: any free port).")
    loopback = LoopbackServer(SandboxServer(time_zone=time_zone, list_count=list_count), host, port)
    try:
        url = loopback.bind()
    except (OSError, OverflowError) as exc:
        raise CannotListen(_listen_problem(host, port, exc)) from exc
    print(f"Demo server: {url}", flush=True)
    print(f"Demo API key: {DEMO_API_KEY}", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        loopback.serve_forever()
