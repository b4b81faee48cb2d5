"""Turning HTTP answers and network failures into data or into typed ``ApiError``s.

One table of rules, kept apart from the client so that it is easy to read and to change when
the server's undocumented behaviour becomes known (see ``shared/wwt-api.md`` section 7).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

import httpx

from app.api import errors
from app.api.bounded import AnswerTooLarge, DeadlinePassed
from app.api.redact import body_excerpt, redact, shorten
from app.language import tr, tr_mark, tr_n
from app.language.formats import format_count, number_style
from app.platform import safe_json

# "send" creates a campaign, "message" sends one message (a test): both are paid, and never repeated.
Action = Literal["login", "read", "send", "message", "stop"]
SERVER_MESSAGE_MAX = 300
LISTED_ERRORS_MAX = 5

_NO_JSON = object()


@dataclass(frozen=True)
class Call:
    """One API call: what to send and how failures are to be explained."""

    method: str
    path: str
    action: Action
    timeout: httpx.Timeout
    deadline: float  # seconds for the whole exchange (see ``app.api.bounded``)
    params: tuple[tuple[str, str], ...] = ()
    content: bytes | None = None
    item: str | None = None  # "campaign", "contact list": an id in the path names one

    @property
    def authorized(self) -> bool:
        return self.action != "login"

    @property
    def paid(self) -> bool:
        """A request that costs money: never repeated, and after it may have left, its outcome is unknown."""
        return self.action in ("send", "message")

    @property
    def may_retry_connect(self) -> bool:
        """A failed connection sent nothing; only side-effect-free calls are tried again."""
        return self.action in ("read", "login")

    @property
    def target(self) -> str:
        if not self.params:
            return self.path
        return f"{self.path}?" + "&".join(f"{name}={value}" for name, value in self.params)


# --- JSON --------------------------------------------------------------------------------


def dumps(value: Any) -> bytes:
    """The exact bytes sent: UTF-8, non-ASCII kept as is, compact separators, key order as given.

    The same value always gives the same bytes. NaN/Infinity raise ``ValueError`` (not JSON).
    """
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def json_or_none(response: httpx.Response) -> Any:
    """The decoded JSON body, or ``_NO_JSON`` (also for JSON nested too deep or with unusable numbers).

    Lone surrogates are replaced: the rest of a server's answer is still worth reading.
    """
    if not response.content:
        return _NO_JSON
    try:
        return safe_json.loads(response.content, surrogates="replace")
    except ValueError:
        return _NO_JSON


def has_json(value: Any) -> bool:
    return value is not _NO_JSON


# --- details -----------------------------------------------------------------------------


def describe(
    call: Call,
    *,
    secrets: Iterable[str | None],
    response: httpx.Response | None = None,
    exc: BaseException | None = None,
    note: str = "",
) -> str:
    """The support text: request line, status, server message, shortened body; secrets masked."""
    secrets = tuple(secrets)
    lines = [f"Request: {call.method} {call.target}"]
    if response is not None:
        lines.append(f"Status: {response.status_code} {response.reason_phrase}".rstrip())
        for header in ("content-type", "retry-after", "x-request-id"):
            if header in response.headers:
                lines.append(f"{header.title()}: {response.headers[header]}")
    if exc is not None:
        lines.append(f"Error: {type(exc).__name__}: {exc}".rstrip(": "))
    if note:
        lines.append(note)
    if response is not None:
        lines.append("Response: " + (body_excerpt(response.content, secrets) if response.content else "(empty)"))
    return redact("\n".join(lines), secrets)


# --- 422 and friends ---------------------------------------------------------------------

_INDEX = re.compile(r"^\d+$")


def request_path(server_key: str) -> str:
    """A Laravel dot key as a validator path: ``options.cards.1.text`` -> ``options.cards[1].text``."""
    out = ""
    for part in str(server_key).split("."):
        if _INDEX.match(part):
            out += f"[{part}]"
        elif part:
            out += f".{part}" if out else part
    return out


def plain_message(value: Any, secrets: Iterable[str | None] = ()) -> str:
    """Human text from the server, or "" when it is missing or looks like JSON/HTML."""
    if not isinstance(value, str):
        return ""
    text = " ".join(value.split())
    if not text or text[0] in "{[<":
        return ""
    return shorten(redact(text, secrets), SERVER_MESSAGE_MAX)


def _messages(value: Any, secrets: Iterable[str | None]) -> list[str]:
    if isinstance(value, list):
        found: list[str] = []
        for item in value:
            found.extend(_messages(item, secrets))
        return found
    text = plain_message(value, secrets)
    return [text] if text else []


def field_errors(value: Any, secrets: Iterable[str | None] = ()) -> tuple[dict[str, list[str]], list[str]]:
    """``errors`` of a refusal -> (messages by request path, messages naming no field).

    ``errors`` may be ``[]``, a list of strings, or a map from field to a message or messages.
    """
    secrets = tuple(secrets)
    if isinstance(value, dict):
        by_path: dict[str, list[str]] = {}
        general: list[str] = []
        for key, messages in value.items():
            texts = _messages(messages, secrets)
            path = request_path(redact(str(key), secrets))
            if not texts:
                continue
            if path:
                by_path.setdefault(path, []).extend(texts)
            else:
                general.extend(texts)
        return by_path, general
    return {}, _messages(value, secrets)


# Laravel's sentence for any validation failure: it says nothing the listed reasons do not.
GENERIC_SERVER_MESSAGES = frozenset({"The given data was invalid."})


def _summarises(server_message: str, listed: list[str]) -> bool:
    """Whether ``server_message`` only repeats the first listed reason, as Laravel's does:
    ``The text is required. (and 2 more errors)``."""
    return any(
        server_message == text or re.fullmatch(re.escape(text) + r" \(and \d+ more errors?\)", server_message)
        for text in listed
    )


def _rejected_message(call: Call, server_message: str, by_path: dict[str, list[str]], general: list[str]) -> str:
    prefix = tr(PAID_WORDS[call.action].refused) if call.paid else tr("The server did not accept this request")
    listed: list[str] = []
    for text in [*general, *(t for texts in by_path.values() for t in texts)]:
        if text not in listed:
            listed.append(text)
    if listed and (server_message in GENERIC_SERVER_MESSAGES or _summarises(server_message, listed)):
        server_message = ""  # each reason is listed once, below the heading
    listed = [text for text in listed if text != server_message]
    # The heading is a whole clause: the server's reason (or the list below) follows its colon in every language.
    if server_message:
        head = f"{prefix}: {server_message}"
    elif listed:
        head = f"{prefix}:"
    else:
        head = f"{prefix}."
    lines = [head]
    lines.extend(f"• {text}" for text in listed[:LISTED_ERRORS_MAX])
    if len(listed) > LISTED_ERRORS_MAX:
        more = len(listed) - LISTED_ERRORS_MAX
        lines.append(tr_n("• …and {count} more", "• …and {count} more", more).format(count=format_count(more)))
    return "\n".join(lines)


# --- status codes ------------------------------------------------------------------------

# Marked here, translated where an error is made (``tr``): the language is chosen after import.
SEND_DUPLICATE = tr_mark(
    "The same campaign was just sent a moment ago, so the server ignored this copy. "
    "Check the campaign list before sending again."
)
SEND_SERVER_ERROR = tr_mark(
    "The WWT.world server had a problem while receiving the campaign. "
    "The campaign may have been created: check the campaign list before sending again."
)
SEND_UNREADABLE = tr_mark(
    "The server's answer to the campaign could not be read. "
    "The campaign may have been created: check the campaign list before sending again."
)
SEND_NO_ANSWER = tr_mark(
    "The server did not confirm the campaign within {seconds} seconds. "
    "The campaign may have been created: check the campaign list before sending again."
)
SEND_REFUSED_NO_REASON = tr_mark(
    "The server did not accept the campaign and gave no reason, so it was not created. "
    "Check the campaign, then try again; if it keeps happening, send the details to support."
)
MESSAGE_NO_ANSWER = tr_mark(
    "The server did not confirm the test message within {seconds} seconds. It may have been sent: "
    "its status shows whether it arrived; do not send another test before it is known."
)


@dataclass(frozen=True)
class PaidWords:
    """What is said about a paid request's failures, for a campaign or for a test message (marked English:
    ``tr`` each where it is used)."""

    refused: str  # followed by the server's reasons
    duplicate: str
    server_error: str
    unreadable: str
    no_answer: str  # with {seconds}
    refused_no_reason: str
    lost: str | None  # the connection broke after the request left (None: ``OutcomeUnknown``'s own words)


PAID_WORDS: dict[str, PaidWords] = {
    "send": PaidWords(
        tr_mark("The server did not accept the campaign"),
        SEND_DUPLICATE,
        SEND_SERVER_ERROR,
        SEND_UNREADABLE,
        SEND_NO_ANSWER,
        SEND_REFUSED_NO_REASON,
        None,
    ),
    "message": PaidWords(
        tr_mark("The server did not accept the test message"),
        tr_mark("The same test message was just sent a moment ago, so the server ignored this copy."),
        tr_mark(
            "The WWT.world server had a problem while receiving the test message. It may have been sent: "
            "its status shows whether it arrived; do not send another test before it is known."
        ),
        tr_mark(
            "The server's answer to the test message could not be read. It may have been sent: "
            "its status shows whether it arrived; do not send another test before it is known."
        ),
        MESSAGE_NO_ANSWER,
        tr_mark(
            "The server did not accept the test message and gave no reason, so it was not sent. If it keeps "
            "happening, send the details to support."
        ),
        tr_mark(
            "The connection was lost before the server confirmed the test message. It may have been sent: "
            "its status shows whether it arrived; do not send another test before it is known."
        ),
    ),
}
NOT_A_WWT_SERVER = tr_mark(
    "The server address in Settings does not lead to the WWT.world service: check it. Nothing was done."
)
# An item named by an id in the path that the server does not have (``Call.item``).
ITEM_NOT_FOUND = {
    "campaign": tr_mark(
        "This campaign was not found on the server. It may have been deleted, or it belongs to another account."
    ),
    "contact list": tr_mark(
        "This contact list was not found on the server. It may have been deleted, or it belongs to another account."
    ),
}
# Statuses an ordinary web site gives to the API's requests (no such method here): not WWT.world's server.
NOT_AN_API = frozenset({405, 501})
# A stop whose answer did not come: the words of ``RequestTimedOut`` and ``ConnectionLost``, then what it means.
STOP_TIMED_OUT = tr_mark(
    "The server took too long to answer. Try again in a moment. "
    "The campaign may or may not have been stopped: refresh its status before trying again."
)
STOP_CONNECTION_LOST = tr_mark(
    "The connection to the server was lost before its answer arrived. Try again in a moment. "
    "The campaign may or may not have been stopped: refresh its status before trying again."
)


def error_from_response(
    response: httpx.Response, call: Call, secrets: Iterable[str | None], *, note: str = ""
) -> errors.ApiError:
    """The error for a non-success answer. A 401 reaching here means: give up (key refused)."""
    secrets = tuple(secrets)
    status = response.status_code
    details = describe(call, secrets=secrets, response=response, note=note)
    payload = json_or_none(response)
    body = payload if isinstance(payload, dict) else {}
    server_message = plain_message(body.get("message"), secrets)
    kw: dict[str, Any] = {"status": status}

    if status in (401, 403, 422) and call.action == "login":
        return errors.KeyRefused(None, details, **kw)
    if status == 401:
        return errors.KeyRefused(None, details, **kw)
    if status == 403:
        return errors.AccessDenied(None, details, **kw)
    if status == 404:
        # With an id in the path the item is gone; without one the address is not WWT's service.
        message = tr(NOT_A_WWT_SERVER)
        if call.item:
            message = tr(ITEM_NOT_FOUND[call.item]) if call.item in ITEM_NOT_FOUND else ""
        return errors.NotFound(message or None, details, **kw)
    if status in NOT_AN_API and not call.paid and not server_message:
        return errors.UnexpectedResponse(tr(errors.NOT_WWT_SERVER), details, **kw)
    if status == 429:
        return errors.DuplicateRequest(tr(PAID_WORDS[call.action].duplicate) if call.paid else None, details, **kw)
    if 500 <= status < 600:
        if call.paid:
            return errors.ServerError(tr(PAID_WORDS[call.action].server_error), details, outcome_unknown=True, **kw)
        return errors.ServerError(None, details, **kw)
    if 400 <= status < 500 and (status == 422 or server_message):
        by_path, general = field_errors(body.get("errors"), secrets)
        if call.action == "stop" and status == 422 and (not server_message or "status" in server_message.lower()):
            return errors.InvalidCampaignStatus(
                None, details, server_message=server_message, field_errors=by_path, general_errors=general, **kw
            )
        return errors.Rejected(
            _rejected_message(call, server_message, by_path, general),
            details,
            server_message=server_message,
            field_errors=by_path,
            general_errors=general,
            **kw,
        )
    if call.paid and not 400 <= status < 500:
        # A redirect or an odd status after a POST (a 303 "see other" says it was processed): the
        # campaign (or message) may exist.
        return errors.UnexpectedResponse(tr(PAID_WORDS[call.action].unreadable), details, outcome_unknown=True, **kw)
    if call.paid:
        return errors.Rejected(tr(PAID_WORDS[call.action].refused_no_reason), details, **kw)
    # 1xx/3xx, or a 4xx without any message: nothing says the request was processed.
    return errors.UnexpectedResponse(None, details, **kw)


def unreadable(response: httpx.Response, call: Call, secrets: Iterable[str | None], why: str) -> errors.ApiError:
    """A success status whose body cannot be used. For a paid request, the campaign (or message) probably exists."""
    details = describe(call, secrets=secrets, response=response, note=f"Problem: {why}")
    if call.paid:
        words = tr(PAID_WORDS[call.action].unreadable)
        return errors.UnexpectedResponse(words, details, status=response.status_code, outcome_unknown=True)
    if not has_json(json_or_none(response)):  # a web page, a file: not an answer of WWT.world's API
        return errors.UnexpectedResponse(tr(errors.NOT_WWT_SERVER), details, status=response.status_code)
    return errors.UnexpectedResponse(None, details, status=response.status_code)


def read_data(
    response: httpx.Response, call: Call, secrets: Iterable[str | None], kind: type
) -> tuple[Any, dict[str, Any]]:
    """``(body["data"], body)`` of a success answer; ``data`` must be a ``kind`` (dict or list)."""
    payload = json_or_none(response)
    if not has_json(payload):
        raise unreadable(response, call, secrets, "the answer is not JSON")
    if not isinstance(payload, dict) or "data" not in payload:
        raise unreadable(response, call, secrets, 'the answer has no "data"')
    data = payload["data"]
    if not isinstance(data, kind):
        raise unreadable(response, call, secrets, f'"data" is not a {"list" if kind is list else "object"}')
    return data, payload


def _seconds(value: float) -> str:
    """A deadline's seconds as people write them: ``90``, ``0.5`` (Ukrainian ``0,5``)."""
    return f"{value:g}".replace(".", number_style().decimal)


# --- network failures --------------------------------------------------------------------

NOTHING_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol)


def error_from_exception(exc: Exception, call: Call, secrets: Iterable[str | None]) -> errors.ApiError:
    """The error for a failed exchange.

    Only failures that prove nothing left this computer count as "cannot reach". For a paid request
    (a campaign send, a test message) every other failure (write error, dropped connection, timeout
    while waiting, garbled answer) may have created the campaign or sent the message: ``OutcomeUnknown``.
    """
    details = describe(call, secrets=secrets, exc=exc)
    if isinstance(exc, (*NOTHING_SENT, httpx.InvalidURL)):
        return errors.CannotReachServer(None, details)
    if call.paid:
        words = PAID_WORDS[call.action]
        # The read timeout of a paid request is its deadline: which of the two ends the wait first is a race,
        # and both mean the same to the user (no answer in time).
        if isinstance(exc, (DeadlinePassed, httpx.ReadTimeout)):
            return errors.OutcomeUnknown(tr(words.no_answer).format(seconds=_seconds(call.deadline)), details)
        if isinstance(exc, (AnswerTooLarge, httpx.DecodingError)):
            return errors.OutcomeUnknown(tr(words.unreadable), details)
        return errors.OutcomeUnknown(tr(words.lost) if words.lost else None, details)
    if isinstance(exc, httpx.ProxyError):
        return errors.CannotReachServer(None, details)
    stop = call.action == "stop"
    if isinstance(exc, httpx.TimeoutException):
        return errors.RequestTimedOut(tr(STOP_TIMED_OUT) if stop else None, details)
    if isinstance(exc, httpx.DecodingError):
        return errors.UnexpectedResponse(None, details)
    return errors.ConnectionLost(tr(STOP_CONNECTION_LOST) if stop else None, details)
