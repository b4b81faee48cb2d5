"""What goes in and out of the simulated server: responses, recorded requests, fault switches."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from typing import Any

JSON_TYPE = "application/json"
HTML_TYPE = "text/html; charset=UTF-8"

# Laravel's standard messages for the status codes the sandbox answers with.
STATUS_MESSAGES = {
    400: "Bad Request",
    401: "Unauthenticated.",
    403: "This action is unauthorized.",
    404: "Not Found",
    429: "Too Many Requests",
    500: "Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}

_HTML_PAGE = (
    "<html>\r\n<head><title>{code} {reason}</title></head>\r\n<body>\r\n"
    "<center><h1>{code} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
)

# A body that starts like a real answer and stops in the middle of a string.
MALFORMED_JSON_BODY = b'{"data": [{"id": 1864619, "name": "Import XL'


@dataclass
class SandboxResponse:
    """One answer. ``delay_s`` and ``drop_connection`` are for the transport to honour."""

    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": JSON_TYPE})
    delay_s: float = 0.0
    drop_connection: bool = False

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


@dataclass(frozen=True)
class RecordedRequest:
    """A request as the server saw it (for contract tests); header names are lower-case.

    Its repr hides the Authorization header and the body (a login body holds the API key).
    """

    method: str
    target: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None

    def __repr__(self) -> str:
        shown = {k: ("<hidden>" if k.lower() == "authorization" else v) for k, v in self.headers.items()}
        return (
            f"RecordedRequest(method={self.method!r}, target={self.target!r}, headers={shown!r}, "
            f"body=<{len(self.body)} bytes>)"
        )


@dataclass
class Faults:
    """Switches that make the server misbehave, for tests and demos.

    ``delay_s``: wait this long before answering (the request is processed first, as a slow real
    server would). ``drop_connection``: process the request, then close the connection without an
    answer. ``html_error_status``: answer with an HTML error page (like a proxy in front of the
    server; the request is not processed). ``malformed_json``: answer 200 with broken JSON (not
    processed). ``fail_status``: answer with a JSON error such as 500 (not processed).
    ``only_path``: a path or shell-style pattern (``/api/campaigns/*``) the faults are limited to.
    ``times``: how many more requests get the faults (None = every request).
    """

    delay_s: float = 0.0
    drop_connection: bool = False
    html_error_status: int | None = None
    malformed_json: bool = False
    fail_status: int | None = None
    only_path: str | None = None
    times: int | None = None

    @property
    def active(self) -> bool:
        return bool(
            self.delay_s > 0
            or self.drop_connection
            or self.html_error_status is not None
            or self.malformed_json
            or self.fail_status is not None
        ) and (self.times is None or self.times > 0)

    def applies_to(self, path: str) -> bool:
        return self.active and (self.only_path is None or fnmatchcase(path, self.only_path))

    def clear(self) -> None:
        """Switch every fault off."""
        self.delay_s = 0.0
        self.drop_connection = False
        self.html_error_status = None
        self.malformed_json = False
        self.fail_status = None
        self.only_path = None
        self.times = None


def encode(data: Any) -> bytes:
    """JSON as Laravel writes it (ASCII-escaped, compact)."""
    return json.dumps(data, separators=(",", ":")).encode("ascii")


def json_response(status: int, data: Any) -> SandboxResponse:
    return SandboxResponse(status, encode(data))


def raw_json_response(status: int, body: bytes) -> SandboxResponse:
    return SandboxResponse(status, body)


def message(status: int, text: str | None = None) -> SandboxResponse:
    """``{"message": ...}`` with the status's usual message when ``text`` is None."""
    return json_response(status, {"message": text if text is not None else STATUS_MESSAGES.get(status, "Error")})


def invalid(errors: dict[str, list[str]] | list[Any], text: str = "The given data was invalid.") -> SandboxResponse:
    """Laravel's 422 validation answer."""
    return json_response(422, {"message": text, "errors": errors})


def html_error(status: int) -> SandboxResponse:
    reason = STATUS_MESSAGES.get(status, "Error")
    body = _HTML_PAGE.format(code=status, reason=reason).encode("ascii")
    return SandboxResponse(status, body, {"Content-Type": HTML_TYPE})


def malformed_json() -> SandboxResponse:
    return SandboxResponse(200, MALFORMED_JSON_BODY)
