"""A loopback HTTP server that serves test media: images, HTML, errors, redirects, slow answers."""

from __future__ import annotations

import contextlib
import struct
import sys
import threading
import zlib
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def tiny_png(width: int = 4, height: int = 3, rgb: tuple[int, int, int] = (200, 30, 60)) -> bytes:
    """A valid PNG of one colour, built without any image library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def animated_gif(frames: int = 2) -> bytes:
    """A 1x1 GIF with ``frames`` frames that loops forever (built by hand: no image library)."""
    header = b"GIF89a" + struct.pack("<HH", 1, 1) + bytes([0x80, 0, 0]) + b"\xff\x00\x00" + b"\x00\x00\xff"
    loop = b"!\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00"
    body = b""
    for frame in range(frames):
        control = b"!\xf9\x04\x00" + struct.pack("<H", 10) + b"\x00\x00"
        descriptor = b"," + struct.pack("<HHHH", 0, 0, 1, 1) + b"\x00"
        pixel = b"\x02\x02\x44\x01\x00" if frame % 2 == 0 else b"\x02\x02\x4c\x01\x00"
        body += control + descriptor + pixel
    return header + loop + body + b";"


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    wait: threading.Event | None = None  # the answer waits until this is set (or the server stops)
    declared_length: int | None = None  # a Content-Length that differs from the body
    delay_s: float = 0.0  # answer this much later (a slow picture host)


class MediaServer:
    """``server.routes["/a.png"] = Route(...)``; ``server.url("/a.png")``; ``server.hits`` counts requests."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: dict[str, int] = {}
        self._stopping = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                outer.hits[self.path] = outer.hits.get(self.path, 0) + 1
                route = outer.routes.get(
                    self.path, Route(status=404, body=b"<html>missing</html>", headers={"Content-Type": "text/html"})
                )
                if route.delay_s:
                    outer._stopping.wait(route.delay_s)
                if route.wait is not None:
                    while not route.wait.wait(0.05) and not outer._stopping.is_set():
                        pass
                self.send_response(route.status)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                length = route.declared_length if route.declared_length is not None else len(route.body)
                self.send_header("Content-Length", str(length))
                self.end_headers()
                with contextlib.suppress(OSError):
                    self.wfile.write(route.body)

            def log_message(self, *args) -> None:
                pass

        self._server = _QuietServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    def start(self) -> MediaServer:
        self._thread.start()
        return self

    def url(self, path: str) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}{path}"

    def stop(self) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)


def standard_routes(server: MediaServer) -> None:
    """The cases every preview test needs."""
    png = tiny_png()
    server.routes.update(
        {
            "/ok.png": Route(body=png, headers={"Content-Type": "image/png"}),
            "/page.html": Route(body=b"<html>hello</html>", headers={"Content-Type": "text/html; charset=utf-8"}),
            "/big.jpg": Route(body=b"", headers={"Content-Type": "image/jpeg"}, declared_length=0),
            "/moved.png": Route(status=302, headers={"Location": "https://cdn.example.com/real.png"}),
            "/clip.mp4": Route(body=b"", headers={"Content-Type": "video/mp4"}, declared_length=0),
            "/private.png": Route(status=403, body=b"no", headers={"Content-Type": "text/plain"}),
        }
    )


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        if isinstance(sys.exc_info()[1], OSError):
            return  # the program under test closed its connection (its preview was cancelled): normal
        super().handle_error(request, client_address)
