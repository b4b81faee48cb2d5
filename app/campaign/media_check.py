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
from app.language import tr, tr_mark, tr_n
from app.language.formats import number_style

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
    """``2.5 MB``, ``300 KB``, ``12 bytes`` (Ukrainian ``2,5 МБ``)."""
    if size >= 1024 * 1024:
        megabytes = f"{size / (1024 * 1024):.1f}".replace(".", number_style().decimal)
        # Translators: a file size in megabytes.
        return tr("{size} MB").format(size=megabytes)
    if size >= 1024:
        # Translators: a file size in kilobytes.
        return tr("{size} KB").format(size=f"{size / 1024:.0f}")
    return tr_n("{count} byte", "{count} bytes", size).format(count=size)


def _content_type(response: httpx.Response) -> str | None:
    value = response.headers.get("content-type")
    return value.split(";", 1)[0].strip().lower() if value else None


def _declared_size(response: httpx.Response) -> int | None:
    value = response.headers.get("content-length", "")
    return int(value) if value.isdigit() else None


# Kinds of file people link to by mistake, in words (the rest are "a file of another kind").
# (marked English: said in the current language in the message).
_FILE_KINDS = {
    "application/pdf": tr_mark("a PDF document"),
    "image/webp": tr_mark("a WebP picture"),
    "image/bmp": tr_mark("a BMP picture"),
    "image/svg+xml": tr_mark("an SVG drawing"),
    "image/heic": tr_mark("a HEIC photo"),
    "image/heif": tr_mark("a HEIF photo"),
    "image/tiff": tr_mark("a TIFF picture"),
    "text/plain": tr_mark("a text file"),
    "application/json": tr_mark("a data file"),
    "application/zip": tr_mark("a zip archive"),
}
_OTHER_KIND = tr_mark("a file of another kind")


def _wrong_type_message(content_type: str | None) -> str:
    if content_type in ("text/html", "application/xhtml+xml"):
        return tr("Not an image: this address opens a web page. Copy the address of the picture itself.")
    kind = tr(_FILE_KINDS.get(content_type or "", _OTHER_KIND))
    # Translators: {kind} is what the address gives instead ("a PDF document", "a zip archive").
    return tr("Not an image RCS can show: pictures must be JPEG, PNG or GIF (this is {kind}).").format(kind=kind)


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
        return MediaCheck(url, "invalid_url", tr("Not a web address: it must start with https://"))
    own_client = client is None
    client = client or httpx.Client(timeout=timeout)
    try:
        with client.stream("GET", url, follow_redirects=False, timeout=timeout) as response:
            return _classify(url, response, cancelled)
    except httpx.TimeoutException:
        return MediaCheck(url, "timeout", tr("The image server did not answer in time."))
    except (httpx.ConnectError, httpx.UnsupportedProtocol):
        return MediaCheck(url, "unreachable", tr("The image server could not be reached. Check the address."))
    except httpx.HTTPError:
        return MediaCheck(url, "unreachable", tr("The connection to the image server broke off."))
    finally:
        if own_client:
            client.close()


def _classify(url: str, response: httpx.Response, cancelled: Callable[[], bool]) -> MediaCheck:
    status = response.status_code
    if 300 <= status < 400:
        target = urlsplit(response.headers.get("location", "")).netloc
        if target:
            # Translators: {site} is the web site the address sends the phone on to ("bit.ly").
            said = tr("Redirects to another address ({site}): RCS rejects redirects.").format(site=target)
        else:
            said = tr("Redirects to another address: RCS rejects redirects.")
        return MediaCheck(url, "redirect", said)
    if status == 404 or status == 410:
        return MediaCheck(url, "not_found", tr("Not found: there is no file at this address. Check it."))
    if status in (401, 403):
        return MediaCheck(url, "refused", tr("The server refuses to share this file: it must be public."))
    if status == 429 or status >= 500:  # busy or broken for now: says nothing about the file itself
        return MediaCheck(url, "server_error", tr("The image server has a problem right now. Try again later."))
    if status >= 400:
        return MediaCheck(url, "refused", tr("The image server refuses to give this file. Check the address."))
    content_type = _content_type(response)
    size = _declared_size(response)
    if content_type in VIDEO_TYPES:
        if size is not None and size > limits.VIDEO_MAX_BYTES:
            return MediaCheck(
                url,
                "too_large",
                tr("{size}: videos may be at most {most}.").format(
                    size=human_size(size), most=human_size(limits.VIDEO_MAX_BYTES)
                ),
                content_type,
                size,
            )
        label = VIDEO_TYPES[content_type]
        if size is None:
            # Translators: {format} is the video's format ("MP4").
            said = tr("{format} video").format(format=label)
        else:
            said = tr("{format} video, {size}").format(format=label, size=human_size(size))
        return MediaCheck(url, "video", said, content_type, size)
    if content_type not in IMAGE_TYPES:
        return MediaCheck(url, "wrong_type", _wrong_type_message(content_type), content_type, size)
    limit = limits.IMAGE_MAX_BYTES
    if size is not None and size > limit:
        said = tr("{size}: images may be at most {most}.").format(size=human_size(size), most=human_size(limit))
        return MediaCheck(url, "too_large", said, content_type, size)
    body = bytearray()
    for chunk in response.iter_bytes(CHUNK):
        if cancelled():
            return MediaCheck(url, "cancelled", "", content_type, size)
        body.extend(chunk)
        if len(body) > limit:
            return MediaCheck(
                url,
                "too_large",
                tr("More than {most}: images may be at most {most}.").format(most=human_size(limit)),
                content_type,
                None,
            )
    label = IMAGE_TYPES[content_type]
    # Translators: {format} is the picture's format ("JPEG"), {size} its size ("120 KB").
    said = tr("{format} image, {size}").format(format=label, size=human_size(len(body)))
    return MediaCheck(url, "image", said, content_type, len(body), bytes(body))
