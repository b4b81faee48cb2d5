"""One HTTP exchange within bounds: an overall deadline and a cap on the answer's size.

httpx's timeouts apply to each network operation, so a server that trickles a byte every few
seconds is never timed out, and it reads whatever size it is sent. Here the whole exchange
(connecting, sending, reading every byte) runs on a helper thread that the caller waits for
until the deadline: the caller is answered on time even while the helper is blocked in a
socket call (the helper checks the deadline between chunks, and its own per-operation timeouts
end it soon after). The answer is read raw and decompressed here with a bound, so that a
small compressed answer cannot expand without limit either.
"""

from __future__ import annotations

import threading
import time
import zlib

import httpx

# Encodings this program asks for and decodes itself (see ``_decode``).
ACCEPT_ENCODING = "gzip, deflate"
_DROPPED_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding"})


class DeadlinePassed(httpx.TimeoutException):
    """The whole exchange took longer than its deadline."""


class AnswerTooLarge(httpx.DecodingError):
    """The answer (as sent, or once decompressed) is larger than allowed."""


def _decompress(data: bytes, wbits: int, limit: int, request: httpx.Request) -> bytes:
    decoder = zlib.decompressobj(wbits)
    out = decoder.decompress(data, limit + 1)
    if len(out) > limit or decoder.unconsumed_tail:
        raise AnswerTooLarge(f"the decompressed answer is over {limit:,} bytes", request=request)
    return out + decoder.flush()


def _decode(data: bytes, encoding: str, limit: int, request: httpx.Request) -> bytes:
    """``data`` with each content coding undone (last applied first), never over ``limit`` bytes."""
    codings = [c.strip().lower() for c in encoding.split(",")]
    for coding in reversed([c for c in codings if c and c != "identity"]):
        try:
            if coding in ("gzip", "x-gzip"):
                data = _decompress(data, 16 + zlib.MAX_WBITS, limit, request)
            elif coding == "deflate":  # servers send zlib-wrapped or raw deflate under this name
                try:
                    data = _decompress(data, zlib.MAX_WBITS, limit, request)
                except zlib.error:
                    data = _decompress(data, -zlib.MAX_WBITS, limit, request)
            else:
                raise httpx.DecodingError(f"the answer uses an unknown encoding: {coding[:40]!r}", request=request)
        except zlib.error as exc:
            raise httpx.DecodingError(f"the compressed answer is damaged: {exc}", request=request) from None
    return data


def _read(
    http: httpx.Client, request: httpx.Request, *, deadline: float, max_bytes: int, cancelled: threading.Event
) -> httpx.Response:
    response = http.send(request, stream=True)
    if response.is_stream_consumed:  # built in memory (the demo server, a test double): read and decoded already
        if len(response.content) > max_bytes:
            raise AnswerTooLarge(f"the answer is over {max_bytes:,} bytes", request=request)
        return response
    try:
        raw = bytearray()
        for chunk in response.iter_raw():
            raw += chunk
            if len(raw) > max_bytes:
                raise AnswerTooLarge(f"the answer is over {max_bytes:,} bytes", request=request)
            if cancelled.is_set() or time.monotonic() > deadline:
                raise DeadlinePassed("the answer was still arriving at the deadline", request=request)
    finally:
        response.close()
    content = _decode(bytes(raw), response.headers.get("content-encoding", ""), max_bytes, request)
    headers = [(k, v) for k, v in response.headers.multi_items() if k.lower() not in _DROPPED_HEADERS]
    extensions = {k: v for k, v in response.extensions.items() if k in ("http_version", "reason_phrase")}
    return httpx.Response(
        response.status_code, headers=headers, content=content, request=request, extensions=extensions
    )


def exchange(http: httpx.Client, request: httpx.Request, *, seconds: float, max_bytes: int) -> httpx.Response:
    """Send ``request`` and read its whole answer within ``seconds`` and ``max_bytes``.

    Raises ``DeadlinePassed``, ``AnswerTooLarge``, or what ``httpx`` raises for the exchange.
    The answer returned is complete and already decoded (no ``Content-Encoding`` left).
    """
    deadline = time.monotonic() + seconds
    cancelled = threading.Event()
    finished = threading.Event()
    result: list[httpx.Response] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            result.append(_read(http, request, deadline=deadline, max_bytes=max_bytes, cancelled=cancelled))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller, who decides what it means
            failure.append(exc)
        finally:
            finished.set()

    helper = threading.Thread(target=run, name="rcs-desk-http", daemon=True)
    helper.start()
    try:
        on_time = finished.wait(max(seconds, 0.0))
    finally:
        cancelled.set()  # a caller interrupted (Ctrl+C) or out of time: the helper stops at its next chunk
    if not on_time:
        raise DeadlinePassed(f"no complete answer within {seconds:g} seconds", request=request)
    if failure:
        raise failure[0]
    return result[0]
