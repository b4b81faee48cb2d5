"""The simulated WWT.world One-API: routing, authentication and the answers of wwt-api.md sections 1-6a.

``SandboxServer.handle`` turns one request into one ``SandboxResponse``; ``transport.py`` plugs it
into httpx in-process and ``loopback.py`` serves it over a real socket.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import threading
from collections.abc import Callable, Container, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

from app.campaign import limits
from app.sandbox import demo_data
from app.sandbox.campaigns import CampaignStore, InvalidStatus
from app.sandbox.media import MEDIA_PREFIX, media_response
from app.sandbox.message_list import page_body
from app.sandbox.message_rules import (
    REFERENCE_TAKEN,
    MessageQuery,
    check_single_message,
    phone_digits,
    query_number,
    read_message_query,
)
from app.sandbox.messages import validity_of
from app.sandbox.request_rules import (
    Errors,
    SendContext,
    as_integer,
    campaign_phones,
    check_send_groups,
    parse_start,
    sms_parts,
)
from app.sandbox.tokens import TOKEN_LIFETIME_S, TokenBook
from app.sandbox.wire import (
    Faults,
    RecordedRequest,
    SandboxResponse,
    encode,
    html_error,
    invalid,
    json_response,
    malformed_json,
    message,
    raw_json_response,
)

if TYPE_CHECKING:
    from app.sandbox.saved_account import SavedAccount

GROUPS_PAGE_MIN = 15
GROUPS_PAGE_DEFAULT = 30
CAMPAIGNS_PAGE_DEFAULT = 50
CAMPAIGN_TYPES = ("sms", "rcs", "whatsapp")
CAMPAIGN_SORTS = ("id", "sender", "type", "date", "status")
KEY_PREFIXES = ("live_", "test_")
MAX_RECORDED = 10_000


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Call:
    """One routed request."""

    path: str
    query: dict[str, str]
    body: Any
    token: str | None
    now: datetime
    ids: tuple[int, ...]


_ROUTES: tuple[tuple[str, re.Pattern[str], str, bool], ...] = tuple(
    (method, re.compile(pattern), handler, auth)
    for method, pattern, handler, auth in (
        ("POST", r"/api/auth/login", "_login", False),
        ("POST", r"/api/auth/refresh", "_refresh", True),
        ("GET", r"/api/groups", "_groups", True),
        ("GET", r"/api/groups/(\d+)", "_group", True),
        ("POST", r"/api/campaigns/rcs/send-groups", "_send_groups", True),
        ("GET", r"/api/campaigns", "_campaigns", True),
        ("GET", r"/api/campaigns/(\d+)", "_campaign", True),
        ("GET", r"/api/campaigns/(\d+)/detail", "_detail", True),
        ("PATCH", r"/api/campaigns/(\d+)/stop", "_stop", True),
        ("POST", r"/api/messages/rcs/send", "_send_message", True),
        ("GET", r"/api/messages", "_messages", True),
        ("GET", r"/api/accounts/balance", "_balance", True),
        ("GET", r"/api/senders", "_senders", True),
    )
)


class SandboxServer:
    """A whole simulated account: lists, campaigns moving with ``clock``, money, tokens, faults.

    Thread-safe: every request is handled under one lock (handlers are cheap). With ``saved`` the
    account (campaigns, their IDs, money) is read from and written to a file, so that it outlives
    the process (``app.sandbox.saved_account``); without it, it lives as long as the server.
    """

    def __init__(
        self,
        *,
        clock: Callable[[], datetime] | None = None,
        time_zone: str = "UTC",
        list_count: int | None = None,
        accepted_keys: Container[str] | None = None,
        faults: Faults | None = None,
        duplicate_window_s: float = 5.0,
        token_lifetime_s: float = TOKEN_LIFETIME_S,
        balance: float = demo_data.INITIAL_BALANCE,
        saved: SavedAccount | None = None,
    ) -> None:
        self._clock = clock or _utc_now
        self.time_zone = time_zone
        self.zone = ZoneInfo(time_zone)
        self.faults = faults if faults is not None else Faults()
        self.duplicate_window_s = duplicate_window_s
        self.requests: list[RecordedRequest] = []
        self._accepted_keys = accepted_keys
        self._lock = threading.RLock()
        self._tokens = TokenBook(demo_data.ACCOUNT_ID, token_lifetime_s)
        self._recent_sends: dict[str, datetime] = {}
        self._sms_senders = demo_data.active_sms_senders()
        self.catalog = demo_data.build_catalog(list_count)
        self.saved = saved
        if saved is not None:
            self.store = saved.open(self.zone, self.now())
        else:
            self.store = CampaignStore(self.zone, self.now(), balance=balance)

    def __repr__(self) -> str:
        return f"SandboxServer(time_zone={self.time_zone!r}, lists={len(self.catalog)})"

    # Controls for tests and demos ------------------------------------------------------------------

    def now(self) -> datetime:
        moment = self._clock()
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)

    def expire_tokens(self) -> None:
        """Every token issued so far stops working: the next call gets a 401."""
        with self._lock:
            self._tokens.expire_all()

    def top_up(self, amount: float) -> None:
        """Add money to the account (paused campaigns stay paused)."""
        with self._lock, self._account():
            self.store.top_up(amount, self.now())

    # The one entry point -------------------------------------------------------------------------

    def handle(self, method: str, target: str, headers: Mapping[str, str], body: bytes = b"") -> SandboxResponse:
        """Answer one request. ``target`` is the path with its query string."""
        method = method.upper()
        lowered = {str(k).lower(): str(v) for k, v in headers.items()}
        with self._lock, self._account():
            self.requests.append(RecordedRequest(method, target, lowered, bytes(body)))
            if len(self.requests) > MAX_RECORDED:
                del self.requests[: MAX_RECORDED // 2]
            parts = urlsplit(target)
            path = parts.path.rstrip("/") or "/"
            delay, drop, early = 0.0, False, None
            if self.faults.applies_to(path):
                delay, drop, early = self._take_faults()
            if early is not None:
                response = early
            elif method == "GET" and path.startswith(MEDIA_PREFIX):
                response = media_response(path)
            else:
                response = self._dispatch(method, path, parts.query, lowered, body)
            response.delay_s = delay
            response.drop_connection = drop
            return response

    @contextlib.contextmanager
    def _account(self) -> Iterator[None]:
        """With a saved account: the latest saved state before, and saved after when it changed."""
        saved = self.saved
        if saved is None:
            yield
            return
        with saved.locked():
            self.store = saved.refreshed(self.store, self.zone, self.now())
            before = (self.store, self.store.revision)
            try:
                yield
            finally:
                if (self.store, self.store.revision) != before:
                    saved.save(self.store, self.now())

    def _take_faults(self) -> tuple[float, bool, SandboxResponse | None]:
        faults = self.faults
        if faults.times is not None:
            faults.times -= 1
        early = None
        if faults.html_error_status is not None:
            early = html_error(faults.html_error_status)
        elif faults.fail_status is not None:
            early = message(faults.fail_status)
        elif faults.malformed_json:
            early = malformed_json()
        return faults.delay_s, faults.drop_connection, early

    def _dispatch(self, method: str, path: str, query: str, headers: dict[str, str], body: bytes) -> SandboxResponse:
        allowed = []
        for route_method, pattern, handler_name, needs_auth in _ROUTES:
            match = pattern.fullmatch(path)
            if match is None:
                continue
            if route_method != method:
                allowed.append(route_method)
                continue
            now = self.now()
            self.store.settle(now)
            token = _bearer(headers.get("authorization"))
            if needs_auth and not self._tokens.valid(token, now):
                return message(401)
            parsed: Any = None
            if method in ("POST", "PATCH", "PUT") and body.strip():
                try:
                    parsed = json.loads(body)
                except ValueError:
                    return message(400, "The request body is not valid JSON.")
            values = {key: items[0] for key, items in parse_qs(query, keep_blank_values=True).items()}
            call = Call(path, values, parsed, token, now, tuple(int(g) for g in match.groups()))
            handler: Callable[[Call], SandboxResponse] = getattr(self, handler_name)
            return handler(call)
        if allowed:
            supported = ", ".join(allowed + (["HEAD"] if "GET" in allowed else []))
            return message(405, f"The {method} method is not supported for this route. Supported methods: {supported}.")
        return message(404)

    # 1. Authentication -----------------------------------------------------------------------------

    def _login(self, call: Call) -> SandboxResponse:
        key = call.body.get("api_key") if isinstance(call.body, dict) else None
        if not isinstance(key, str) or not key.strip():
            return invalid({"api_key": ["The api key field is required."]})
        known = key.startswith(KEY_PREFIXES) if self._accepted_keys is None else key in self._accepted_keys
        if not known:
            return message(401)
        return json_response(200, {"bearer": self._tokens.issue(call.now)})

    def _refresh(self, call: Call) -> SandboxResponse:
        return json_response(200, {"bearer": self._tokens.refresh(call.token or "", call.now)})

    # 2. Contact lists ------------------------------------------------------------------------------

    def _groups(self, call: Call) -> SandboxResponse:
        errors = Errors()
        offset = _page_value(errors, call.query, "offset", 0, 0, None)
        limit = _page_value(errors, call.query, "limit", GROUPS_PAGE_DEFAULT, GROUPS_PAGE_MIN, limits.GROUPS_PAGE_LIMIT)
        if errors.by_key:
            return invalid(errors.by_key)
        return raw_json_response(200, self.catalog.page_body(offset, limit))

    def _group(self, call: Call) -> SandboxResponse:
        body = self.catalog.item_body(call.ids[0])
        return raw_json_response(200, body) if body is not None else message(404)

    # 3. Send ---------------------------------------------------------------------------------------

    def _duplicate(self, call: Call) -> tuple[str, SandboxResponse | None]:
        """The request's fingerprint, and the 429 answer when the same request came a moment ago."""
        fingerprint = hashlib.sha256(f"{call.path} {json.dumps(call.body, sort_keys=True)}".encode()).hexdigest()
        window = timedelta(seconds=self.duplicate_window_s)
        self._recent_sends = {fp: at for fp, at in self._recent_sends.items() if call.now - at < window}
        if fingerprint in self._recent_sends:
            return fingerprint, message(429, "Too many duplicate request detected")
        return fingerprint, None

    def _send_groups(self, call: Call) -> SandboxResponse:
        data = call.body
        fingerprint, repeated = self._duplicate(call)
        if repeated is not None:
            return repeated
        context = SendContext(self.catalog.info, self._sms_senders, self.store.local(call.now).replace(tzinfo=None))
        errors = check_send_groups(data, context)
        if errors:
            return invalid(errors)
        if not self.store.has_funds(call.now):
            return invalid([], "Insufficient funds on the account balance")
        # check_send_groups accepted them: every group is an integer naming a known list.
        groups = [g for g in dict.fromkeys(as_integer(g) for g in data["groups"]) if g is not None]
        check_stop_list = data.get("check_stop_list", True) not in (False, 0, "0")
        chosen = [info for info in map(self.catalog.info, groups) if info is not None]
        total = campaign_phones(chosen, check_stop_list)
        wall = parse_start(data.get("start_at"))
        channel = data.get("alternative_channel") or {}
        sms = channel.get("sms") if isinstance(channel, dict) else None
        campaign = self.store.create(
            now=call.now,
            sender=data["sender"],
            total=total,
            start_at=self.store.from_wall(wall) if wall is not None else None,
            sms_parts=sms_parts(sms["text"]) if isinstance(sms, dict) else 0,
            groups=groups,
        )
        self._recent_sends[fingerprint] = call.now
        return json_response(200, {"data": self.store.campaign_json(campaign, call.now, with_price=True)})

    # 6a. Single messages -----------------------------------------------------------------------------

    def _send_message(self, call: Call) -> SandboxResponse:
        fingerprint, repeated = self._duplicate(call)
        if repeated is not None:
            return repeated
        errors = check_single_message(call.body, self._sms_senders)
        if errors:
            return invalid(errors)
        data = call.body  # check_single_message accepted it: an object with a phone object
        phone = data["phone"]
        reference = phone.get("reference_id") or None
        if reference is not None and self.store.reference_taken(reference):
            return invalid({"phone.reference_id": [REFERENCE_TAKEN]})
        if not self.store.has_funds(call.now):
            return invalid([], "Insufficient funds on the account balance")
        hours, seconds = validity_of(as_integer(data.get("validity")), as_integer(data.get("validity_seconds")))
        channel = data.get("alternative_channel") or {}
        sms = channel.get("sms") if isinstance(channel, dict) else None
        sent = self.store.add_single(
            now=call.now,
            phone=phone_digits(phone["number"]) or "",
            reference_id=reference,
            sender=data["sender"],
            validity=hours,
            validity_s=seconds,
            sms_parts=sms_parts(sms["text"]) if isinstance(sms, dict) else 0,
        )
        self._recent_sends[fingerprint] = call.now
        return json_response(200, {"data": sent.as_json(call.now, self.store.fmt, listed=False)})

    def _messages(self, call: Call) -> SandboxResponse:
        query = read_message_query(call.query)
        if not isinstance(query, MessageQuery):
            return invalid(query)
        return json_response(200, page_body(self.store, query, call.now))

    # 6. Follow-up and account ----------------------------------------------------------------------

    def _campaign(self, call: Call) -> SandboxResponse:
        campaign = self.store.get(call.ids[0])
        if campaign is None:
            return message(404)
        return json_response(200, {"data": self.store.campaign_json(campaign, call.now, with_price=False)})

    def _detail(self, call: Call) -> SandboxResponse:
        campaign = self.store.get(call.ids[0])
        if campaign is None:
            return message(404)
        return json_response(200, {"data": self.store.detail_json(campaign, call.now)})

    def _stop(self, call: Call) -> SandboxResponse:
        campaign = self.store.get(call.ids[0])
        if campaign is None:
            return message(404)
        try:
            self.store.stop(campaign, call.now)
        except InvalidStatus:
            return invalid([], "Invalid campaign status")
        return json_response(200, {"data": self.store.campaign_json(campaign, call.now, with_price=False)})

    def _campaigns(self, call: Call) -> SandboxResponse:
        errors = Errors()
        offset = _page_value(errors, call.query, "offset", 0, 0, None)
        limit = _page_value(
            errors, call.query, "limit", CAMPAIGNS_PAGE_DEFAULT, limits.CAMPAIGNS_PAGE_MIN, limits.CAMPAIGNS_PAGE_MAX
        )
        kind = call.query.get("filter[type]") or None
        sort = call.query.get("sort") or "id"
        way = call.query.get("way") or "asc"
        for key, value, choices in (
            ("filter.type", kind, CAMPAIGN_TYPES),
            ("sort", sort, CAMPAIGN_SORTS),
            ("way", way, ("asc", "desc")),
        ):
            if value is not None and value not in choices:
                errors.add(key, f"The selected {key} is invalid.")
        if errors.by_key:
            return invalid(errors.by_key)
        chosen = self.store.listing(message_type=kind, sort=sort, descending=way == "desc")
        data = [self.store.campaign_json(c, call.now, with_price=False) for c in chosen[offset : offset + limit]]
        return json_response(
            200, {"data": data, "meta": {"page": {"total": len(chosen), "offset": offset, "limit": limit}}}
        )

    def _balance(self, call: Call) -> SandboxResponse:
        store = self.store
        balance = round(store.balance(call.now), 4)
        return json_response(200, {"data": {"balance": balance, "currency": store.currency, "credit": store.credit}})

    def _senders(self, call: Call) -> SandboxResponse:
        kind = call.query.get("type")
        if not kind:
            return invalid({"type": ["The type field is required."]})
        if kind not in ("sms", "viber"):
            return invalid({"type": ["The selected type is invalid."]})
        rows = demo_data.sender_rows(kind)
        return raw_json_response(200, encode({"data": rows, "total": len(rows)}))


def _bearer(header: str | None) -> str | None:
    if not header:
        return None
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip() or None


def _page_value(errors: Errors, query: dict[str, str], name: str, default: int, low: int, high: int | None) -> int:
    """``page[name]`` checked like Laravel (errors keyed ``page.name``); the default when absent."""
    value = query_number(errors, query, f"page[{name}]", f"page.{name}", low, high, default)
    return default if value is None else value
