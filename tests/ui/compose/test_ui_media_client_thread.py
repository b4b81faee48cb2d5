"""The picture checks' HTTP client (and its SSL context, 30-100 ms to build): made on a worker, once a connection."""

from __future__ import annotations

import threading

import pytest

from helpers.media_server import MediaServer, Route, tiny_png
from ui.common import workers
from ui.compose.media_preview import MediaPreviewService

WAIT_MS = 5000


@pytest.fixture
def server():
    media = MediaServer().start()
    media.routes["/a.png"] = Route(body=tiny_png(), headers={"Content-Type": "image/png"})
    media.routes["/b.png"] = Route(body=tiny_png(), headers={"Content-Type": "image/png"})
    yield media
    media.stop()


def check(qtbot, service: MediaPreviewService, url: str) -> None:
    with qtbot.waitSignal(service.checked, timeout=WAIT_MS):
        assert service.request(url) is None


def test_the_client_is_made_on_a_worker_not_on_the_gui_thread(qtbot, server, client_threads):
    service = MediaPreviewService()
    try:
        check(qtbot, service, server.url("/a.png"))
        check(qtbot, service, server.url("/b.png"))
        assert len(client_threads) == 1  # shared by the checks
        assert client_threads[0] != threading.main_thread().name
    finally:
        assert service.shutdown()
        assert workers.wait_for_all(WAIT_MS)


def test_a_new_connection_makes_no_client_until_a_check_needs_one(qtbot, server, client_threads):
    service = MediaPreviewService()
    try:
        check(qtbot, service, server.url("/a.png"))
        service.set_mounts({})  # as each connection does
        service.set_mounts({})
        assert len(client_threads) == 1
        check(qtbot, service, server.url("/a.png"))  # the cache was dropped: asked again, through a new client
        assert len(client_threads) == 2 and threading.main_thread().name not in client_threads
    finally:
        assert service.shutdown()
        assert workers.wait_for_all(WAIT_MS)
