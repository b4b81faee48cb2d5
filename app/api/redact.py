"""Removing secrets from text meant for support, and shortening it."""

from __future__ import annotations

import re
from collections.abc import Iterable

REDACTED = "[redacted]"
BODY_SCAN_CHARS = 64 * 1024  # how much of a response body is looked at before shortening
BODY_SHOWN_CHARS = 1500  # how much of it ends up in ``details``

_SECRET_MEMBER = re.compile(
    r"""(["']?(?:bearer|api[_-]?key|apikey|token|access[_-]?token|refresh[_-]?token|jwt|authorization|password)
        ["']?\s*[:=]\s*)("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s,;}&]+)""",
    re.IGNORECASE | re.VERBOSE,
)
_BEARER = re.compile(r"(\bBearer\s*:?\s+)[A-Za-z0-9._~+/=-]+", re.IGNORECASE)
_JWT = re.compile(r"\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.?[A-Za-z0-9_-]*")
_API_KEY = re.compile(r"\b(live|test)_[A-Za-z0-9_-]{6,}")


def _quoted_redaction(match: re.Match[str]) -> str:
    value = match.group(2)
    if value[:1] in "\"'":
        return f"{match.group(1)}{value[0]}{REDACTED}{value[0]}"
    return f"{match.group(1)}{REDACTED}"


def redact(text: str, secrets: Iterable[str | None] = ()) -> str:
    """``text`` with the given secret values, JWTs, API keys and bearer/api_key members masked."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, REDACTED)
    text = _BEARER.sub(lambda m: m.group(1) + REDACTED, text)
    text = _SECRET_MEMBER.sub(_quoted_redaction, text)
    text = _JWT.sub(REDACTED, text)
    return _API_KEY.sub(lambda m: f"{m.group(1)}_{REDACTED}", text)


def shorten(text: str, limit: int = BODY_SHOWN_CHARS) -> str:
    """``text`` cut to ``limit`` characters, saying how much was left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… [{len(text) - limit} more characters]"


def body_excerpt(content: bytes, secrets: Iterable[str | None] = ()) -> str:
    """A response body for ``details``: decoded leniently, secrets masked first, then shortened."""
    text = content[: BODY_SCAN_CHARS * 4].decode("utf-8", "replace")[:BODY_SCAN_CHARS]
    return shorten(redact(text, secrets))
