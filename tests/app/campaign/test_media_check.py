"""Media URL checks against a loopback server: type, size, redirects, errors, timeouts."""

from __future__ import annotations

import threading

import httpx
import pytest

from app.campaign import limits
from app.campaign.media_check import check_media
from helpers.media_server import MediaServer, Route, tiny_png


@pytest.fixture
def media():
    server = MediaServer().start()
    yield server
    server.stop()


def test_image_is_downloaded_for_the_preview(media):
    png = tiny_png()
    media.routes["/a.png"] = Route(body=png, headers={"Content-Type": "image/png"})
    result = check_media(media.url("/a.png"))
    assert result.state == "image" and result.usable
    assert result.data == png
    assert result.message.startswith("PNG image")


def test_not_found(media):
    result = check_media(media.url("/missing.png"))
    assert (result.state, result.message) == (
        "not_found",
        "Not found: there is no file at this address. Check it.",
    )


def test_html_page_is_not_an_image(media):
    media.routes["/p"] = Route(body=b"<html></html>", headers={"Content-Type": "text/html; charset=utf-8"})
    result = check_media(media.url("/p"))
    assert result.state == "wrong_type"
    assert result.message == "Not an image: this address opens a web page. Copy the address of the picture itself."
    assert not result.usable


def test_too_large_image_is_refused_from_its_declared_size_without_downloading(media):
    size = int(4.7 * 1024 * 1024)
    media.routes["/big.jpg"] = Route(headers={"Content-Type": "image/jpeg"}, declared_length=size)
    result = check_media(media.url("/big.jpg"))
    assert result.state == "too_large"
    assert result.message == "4.7 MB: images may be at most 2.0 MB."


def test_image_without_length_is_cut_off_at_the_cap():
    body = b"x" * (limits.IMAGE_MAX_BYTES + 10)

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Type": "image/png"}, stream=httpx.ByteStream(body))

    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        result = check_media("https://img.example.com/a.png", client=client)
    assert result.state == "too_large"


def test_redirect_is_reported_not_followed(media):
    media.routes["/r.png"] = Route(status=301, headers={"Location": "https://cdn.example.com/x.png"})
    result = check_media(media.url("/r.png"))
    assert result.state == "redirect"
    assert "cdn.example.com" in result.message and "RCS rejects redirects" in result.message


def test_video_is_not_downloaded_and_shows_type_and_size(media):
    media.routes["/v.mp4"] = Route(headers={"Content-Type": "video/mp4"}, declared_length=3 * 1024 * 1024)
    result = check_media(media.url("/v.mp4"))
    assert result.state == "video" and result.usable
    assert result.message == "MP4 video, 3.0 MB"
    assert result.data is None


def test_too_large_video(media):
    media.routes["/v.webm"] = Route(headers={"Content-Type": "video/webm"}, declared_length=11 * 1024 * 1024)
    assert check_media(media.url("/v.webm")).state == "too_large"


def test_private_file(media):
    media.routes["/p.png"] = Route(status=403)
    assert check_media(media.url("/p.png")).state == "refused"


@pytest.mark.parametrize("status", [429, 500, 502, 503])
def test_a_failing_image_server_is_not_taken_for_a_missing_file(media, status):
    media.routes["/busy.png"] = Route(status=status, body=b"busy", headers={"Content-Type": "text/plain"})
    result = check_media(media.url("/busy.png"))
    assert result.state == "server_error"
    assert not result.usable
    assert str(status) not in result.message


@pytest.mark.parametrize("status", [400, 403, 404, 405, 410, 451])
def test_no_answer_shows_a_number_to_the_user(media, status):
    media.routes["/x.png"] = Route(status=status, body=b"no", headers={"Content-Type": "text/plain"})
    result = check_media(media.url("/x.png"))
    assert result.state in ("not_found", "refused")
    assert str(status) not in result.message


def test_a_pdf_is_named_in_words(media):
    media.routes["/a.pdf"] = Route(body=b"%PDF", headers={"Content-Type": "application/pdf"})
    assert check_media(media.url("/a.pdf")).message.endswith("(this is a PDF document).")


def test_timeout_is_reported(media):
    release = threading.Event()
    media.routes["/slow.png"] = Route(body=tiny_png(), headers={"Content-Type": "image/png"}, wait=release)
    try:
        result = check_media(media.url("/slow.png"), timeout=httpx.Timeout(0.3))
    finally:
        release.set()
    assert result.state == "timeout"
    assert "did not answer in time" in result.message


@pytest.mark.parametrize("url", ["ftp://example.com/a.png", "example.com/a.png", ""])
def test_not_a_web_address(url):
    assert check_media(url).state == "invalid_url"


def test_unreachable_host():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert check_media(f"http://127.0.0.1:{port}/a.png").state == "unreachable"


def test_a_picture_type_rcs_cannot_show_names_the_ones_it_can(media):
    media.routes["/a.bmp"] = Route(body=b"BM", headers={"Content-Type": "image/bmp"})
    result = check_media(media.url("/a.bmp"))
    assert result.state == "wrong_type"
    assert result.message == "Not an image RCS can show: pictures must be JPEG, PNG or GIF (this is a BMP picture)."
