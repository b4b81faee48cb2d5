"""Checking a card's media URL the way the RCS platform will fetch it.

``check_media`` asks the server for the file without following redirects (Google's RCS
platform rejects redirecting and shortened URLs), reads the type and size, and downloads
an image (never more than the size cap) so the composer can preview it. Videos are not
downloaded: their type and size are enough for a placeholder.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlsplit

from app.campaign import limits

if TYPE_CHECKING:  # httpx is imported when a check runs (on a worker thread), not at start-up
    import httpx

MediaState = Literal[
    "image",
    "video",
    "not_found",
    "refused",
    "server_error",
    "redirect",
    "wrong_type",
    "too_large",
    "timeout",
    "unreachable",
    "invalid_url",
    "cancelled",
]

IMAGE_TYPES = {"image/jpeg": "JPEG", "image/jpg": "JPEG", "image/png": "PNG", "image/gif": "GIF"}
VIDEO_TYPES = {
    "video/mp4": "MP4",
    "video/webm": "WebM",
    "video/mpeg": "MPEG",
    "video/x-m4v": "M4V",
    "video/h263": "H.263",
    "video/3gpp": "H.263",
    "video/mp4v-es": "MPEG-4",
}
CHUNK = 64 * 1024
TIMEOUT_SECONDS = 10.0
CONNECT_TIMEOUT_SECONDS = 5.0


@dataclass(frozen=True)
class MediaCheck:
    """What a media URL gives. ``message`` is for the user; ``usable`` tells whether RCS can send it."""

    url: str
    state: MediaState
    message: str
    content_type: str | None = None
    size: int | None = None
    data: bytes | None = None  # the image, for the preview

    @property
    def usable(self) -> bool:
        return self.state in ("image", "video")

    @property
    def format_name(self) -> str | None:
        if self.content_type is None:
            return None
        return IMAGE_TYPES.get(self.content_type) or VIDEO_TYPES.get(self.content_type)


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} bytes"


def _content_type(response: httpx.Response) -> str | None:
    value = response.headers.get("content-type")
    return value.split(";", 1)[0].strip().lower() if value else None


def _declared_size(response: httpx.Response) -> int | None:
    value = response.headers.get("content-length", "")
    return int(value) if value.isdigit() else None


# Kinds of file people link to by mistake, in words (the rest are "a file of another kind").
_FILE_KINDS = {
    "application/pdf": "a PDF document",
    "image/webp": "a WebP picture",
    "image/bmp": "a BMP picture",
    "image/svg+xml": "an SVG drawing",
    "image/heic": "a HEIC photo",
    "image/heif": "a HEIF photo",
    "image/tiff": "a TIFF picture",
    "text/plain": "a text file",
    "application/json": "a data file",
    "application/zip": "a zip archive",
}


def _wrong_type_message(content_type: str | None) -> str:
    if content_type in ("text/html", "application/xhtml+xml"):
        return "Not an image: this address opens a web page. Copy the address of the picture itself."
    kind = _FILE_KINDS.get(content_type or "", "a file of another kind")
    return f"Not an image RCS can show: pictures must be JPEG, PNG or GIF (this is {kind})."


def check_media(
    url: str,
    *,
    client: httpx.Client | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    timeout: httpx.Timeout | float | None = None,
) -> MediaCheck:
    """Fetch ``url`` as the RCS platform would; never raises for network trouble."""
    import httpx

    if timeout is None:
        timeout = httpx.Timeout(TIMEOUT_SECONDS, connect=CONNECT_TIMEOUT_SECONDS)
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in limits.URL_SCHEMES or not parts.netloc:
        return MediaCheck(url, "invalid_url", "Not a web address: it must start with https://")
    own_client = client is None
    client = client or httpx.Client(timeout=timeout)
    try:
        with client.stream("GET", url, follow_redirects=False, timeout=timeout) as response:
            return _classify(url, response, cancelled)
    except httpx.TimeoutException:
        return MediaCheck(url, "timeout", "The image server did not answer in time.")
    except (httpx.ConnectError, httpx.UnsupportedProtocol):
        return MediaCheck(url, "unreachable", "The image server could not be reached. Check the address.")
    except httpx.HTTPError:
        return MediaCheck(url, "unreachable", "The connection to the image server broke off.")
    finally:
        if own_client:
            client.close()


def _classify(url: str, response: httpx.Response, cancelled: Callable[[], bool]) -> MediaCheck:
    status = response.status_code
    if 300 <= status < 400:
        target = urlsplit(response.headers.get("location", "")).netloc
        where = f" ({target})" if target else ""
        return MediaCheck(url, "redirect", f"Redirects to another address{where}: RCS rejects redirects.")
    if status == 404 or status == 410:
        return MediaCheck(url, "not_found", "Not found: there is no file at this address. Check it.")
    if status in (401, 403):
        return MediaCheck(url, "refused", "The server refuses to share this file: it must be public.")
    if status == 429 or status >= 500:  # busy or broken for now: says nothing about the file itself
        return MediaCheck(url, "server_error", "The image server has a problem right now. Try again later.")
    if status >= 400:
        return MediaCheck(url, "refused", "The image server refuses to give this file. Check the address.")
    content_type = _content_type(response)
    size = _declared_size(response)
    if content_type in VIDEO_TYPES:
        if size is not None and size > limits.VIDEO_MAX_BYTES:
            return MediaCheck(
                url,
                "too_large",
                f"{human_size(size)}: videos may be at most {human_size(limits.VIDEO_MAX_BYTES)}.",
                content_type,
                size,
            )
        label = VIDEO_TYPES[content_type]
        size_text = f", {human_size(size)}" if size is not None else ""
        return MediaCheck(url, "video", f"{label} video{size_text}", content_type, size)
    if content_type not in IMAGE_TYPES:
        return MediaCheck(url, "wrong_type", _wrong_type_message(content_type), content_type, size)
    limit = limits.IMAGE_MAX_BYTES
    if size is not None and size > limit:
        return MediaCheck(
            url, "too_large", f"{human_size(size)}: images may be at most {human_size(limit)}.", content_type, size
        )
    body = bytearray()
    for chunk in response.iter_bytes(CHUNK):
        if cancelled():
            return MediaCheck(url, "cancelled", "", content_type, size)
        body.extend(chunk)
        if len(body) > limit:
            return MediaCheck(
                url,
                "too_large",
                f"More than {human_size(limit)}: images may be at most {human_size(limit)}.",
                content_type,
                None,
            )
    label = IMAGE_TYPES[content_type]
    return MediaCheck(url, "image", f"{label} image, {human_size(len(body))}", content_type, len(body), bytes(body))
