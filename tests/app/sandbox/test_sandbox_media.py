"""The demo server's sample pictures, fetched as the media check fetches them."""

from __future__ import annotations

import httpx

from app.campaign.media_check import check_media
from app.sandbox import SandboxServer, SandboxTransport
from app.sandbox.media import media_names
from app.tasks.connection import DEMO_BASE_URL


def test_every_sample_picture_passes_the_media_check():
    server = SandboxServer()
    with httpx.Client(transport=SandboxTransport(server)) as client:
        names = media_names()
        assert len(names) >= 4
        for name in names:
            result = check_media(f"{DEMO_BASE_URL}/media/{name}", client=client)
            assert result.state == "image", (name, result.message)
            assert result.data and result.data[:3] == b"\xff\xd8\xff"  # JPEG


def test_unknown_or_escaping_names_are_not_found():
    server = SandboxServer()
    for target in ("/media/none.jpg", "/media/../server.py", "/media/a/b.jpg", "/media/demo_data.py"):
        assert server.handle("GET", target, {}).status == 404, target


def test_pictures_need_no_login():
    response = SandboxServer().handle("GET", "/media/spring-sale.jpg", {})
    assert response.status == 200
    assert response.headers["Content-Type"] == "image/jpeg"
