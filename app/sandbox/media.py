"""Sample pictures the demo server serves under ``/media/``, so demo campaigns show real previews.

Drawn by ``tools/make_demo_media.py``; URLs look like ``https://demo.rcs-desk.invalid/media/spring-sale.jpg``.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from app.sandbox.wire import SandboxResponse, message

MEDIA_PREFIX = "/media/"
TYPES = {".jpg": "image/jpeg", ".png": "image/png", ".gif": "image/gif"}


@cache
def _read(name: str) -> bytes | None:
    file = resources.files("app.sandbox").joinpath("media", name)
    return file.read_bytes() if file.is_file() else None


def media_names() -> list[str]:
    folder = resources.files("app.sandbox").joinpath("media")
    return sorted(entry.name for entry in folder.iterdir() if entry.name[-4:] in TYPES)


def media_response(path: str) -> SandboxResponse:
    """The picture at ``/media/<name>``, or 404."""
    name = path[len(MEDIA_PREFIX) :]
    suffix = name[-4:].lower()
    data = _read(name) if "/" not in name and suffix in TYPES else None
    if data is None:
        return message(404)
    return SandboxResponse(200, data, {"Content-Type": TYPES[suffix], "Cache-Control": "max-age=3600"})
