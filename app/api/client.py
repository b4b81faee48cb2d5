"""The WWT.world One-API client.

Rules it keeps (see ``shared/wwt-api.md`` sections 1, 3 and 7):

* Login posts the API key, read from ``api_key`` (a string or a callable such as a keyring
  lookup) at each login; the JWT it returns lives only in this object's memory.
* A 401 on any call proves the call was not processed: the client logs in again once and repeats
  that call once. A second 401 (or a refused login) raises ``KeyRefused``.
* The campaign send is never repeated for any other reason. A failure after its bytes may have left
  (timeout, dropped connection, write error, unreadable answer, 5xx) raises ``OutcomeUnknown`` or an
  error with ``outcome_unknown`` set; only a failure to connect (nothing sent) is ``CannotReachServer``.
* Side-effect-free calls (GETs and login) are tried once more when the connection could not be made.
* Request bodies are ``json.dumps(body, ensure_ascii=False, separators=(",", ":"))`` in UTF-8: compact,
  key order as given, so the same body always gives the same bytes.

Threads: one client may be shared by worker threads. ``httpx.Client`` is thread-safe, and the token
is guarded by a lock so that only one login runs at a time (a thread whose token was refused reuses a
login another thread has just made). Cancel long listings with ``should_cancel``.
"""

from __future__ import annotations

import json
import logging
import platform
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import httpx

import app
from app.api import bounded, errors
from app.api.models import Balance, CampaignDetail, CampaignInfo, ContactList, MessageInfo, SmsSender, as_int
from app.api.redact import redact
from app.api.responses import (
    Call,
    dumps,
    error_from_exception,
    error_from_response,
    json_or_none,
    read_data,
    unreadable,
)
from app.campaign import limits
from app.language import tr

log = logging.getLogger(__name__)

LOGIN_PATH = "/api/auth/login"
GROUPS_PATH = "/api/groups"
SEND_PATH = "/api/campaigns/rcs/send-groups"
CAMPAIGNS_PATH = "/api/campaigns"
BALANCE_PATH = "/api/accounts/balance"
SENDERS_PATH = "/api/senders"
MESSAGE_SEND_PATH = "/api/messages/rcs/send"
MESSAGES_PATH = "/api/messages"
MAX_GROUP_PAGES = 10_000  # a last guard against a server that never stops giving new pages
MESSAGE_FILTERS = frozenset({"id", "campaign_id", "reference_id", "from", "to"})
MESSAGE_SORTS = ("id", "phone", "delivered")
MESSAGES_PAGE_MIN, MESSAGES_PAGE_MAX = 15, 500
# Bounds of one listing of messages: a campaign has at most 5,000 contacts, so these are far above any
# real campaign and stop a server that never ends (or a filter it ignores) from listing the whole account.
MAX_MESSAGE_PAGES = 1_000
MAX_LISTED_MESSAGES = 100_000
# Bounds of one exchange (see ``app.api.bounded``; the README names them). A campaign send may
# take the server a while (it creates the campaign before answering), so it has the longest.
REQUEST_DEADLINE = 30.0  # seconds, connecting + sending + reading the whole answer
SEND_DEADLINE = 90.0
MAX_ANSWER_BYTES = 8 * 1024 * 1024  # as received and once decompressed; real answers are a few kB

KeySource = Callable[[], "str | None"]


def default_user_agent() -> str:
    """``RCS-Campaign-Desk/<version> (python-httpx/<version>; <platform>)``."""
    return f"RCS-Campaign-Desk/{app.__version__} (python-httpx/{httpx.__version__}; {platform.platform(terse=True)})"


def _timeout(seconds: float, read: float | None = None) -> httpx.Timeout:
    return httpx.Timeout(connect=seconds, read=seconds if read is None else read, write=seconds, pool=seconds)


def _usable_address(base_url: str) -> bool:
    try:
        url = httpx.URL(base_url)
    except httpx.InvalidURL:
        return False
    return url.scheme in ("http", "https") and bool(url.host)


def _id(value: int | str) -> str:
    """A path segment for an id; refuses anything that is not a whole number."""
    number = as_int(value)
    if number is None or number < 0 or isinstance(value, float):
        raise ValueError(f"not a valid id: {value!r}")
    return str(number)


def _filter_params(filters: Mapping[str, str | int]) -> tuple[tuple[str, str], ...]:
    """``{"campaign_id": 5}`` -> ``(("filter[campaign_id]", "5"),)``; an unknown filter raises ``ValueError``."""
    unknown = set(filters) - MESSAGE_FILTERS
    if unknown:
        raise ValueError(f"not a filter of messages: {sorted(unknown)}")
    return tuple((f"filter[{name}]", str(value)) for name, value in filters.items())


def _listed_total(payload: dict[str, Any], known: int | None) -> int | None:
    """The total count of a listing: ``total``, or ``meta.page.total`` (the server uses either)."""
    meta = payload.get("meta")
    page = meta.get("page") if isinstance(meta, dict) else None
    for value in (payload.get("total"), page.get("total") if isinstance(page, dict) else None):
        number = as_int(value)
        if number is not None and number >= 0:
            return number
    return known


def _identity(item: dict[str, Any]) -> object:
    """How a listed item is recognised when a page repeats: its id, else its whole content."""
    item_id = as_int(item.get("id"))
    return item_id if item_id is not None else json.dumps(item, sort_keys=True, default=str)


class WwtClient:
    """A synchronous client for WWT.world's One-API (one instance per server and key)."""

    def __init__(
        self,
        base_url: str,
        api_key: str | KeySource,
        *,
        transport: httpx.BaseTransport | None = None,
        timeout: float = 15.0,
        send_timeout: float | None = None,
        deadline: float | None = None,
        send_deadline: float | None = None,
        max_answer_bytes: int | None = None,
        user_agent: str | None = None,
    ) -> None:
        self._base_url = base_url.strip().rstrip("/")
        self._address_ok = _usable_address(self._base_url)
        self._key_source: KeySource = api_key if callable(api_key) else self._fixed_key(api_key)
        self._timeout = _timeout(timeout)
        # None: the module's bounds, read now (so that a test can narrow them for a whole command)
        self._deadline = REQUEST_DEADLINE if deadline is None else deadline
        self._send_deadline = SEND_DEADLINE if send_deadline is None else send_deadline
        # The send may wait for its answer as long as its deadline allows (the deadline then says so).
        self._send_timeout = _timeout(timeout, read=self._send_deadline if send_timeout is None else send_timeout)
        self._max_answer_bytes = MAX_ANSWER_BYTES if max_answer_bytes is None else max_answer_bytes
        self._http = httpx.Client(
            base_url=self._base_url if self._address_ok else "https://invalid.invalid",
            transport=transport,
            timeout=self._timeout,
            headers={
                "User-Agent": user_agent or default_user_agent(),
                "Accept": "application/json",
                "Accept-Encoding": bounded.ACCEPT_ENCODING,
            },
            follow_redirects=False,
        )
        self._token: str | None = None
        self._token_lock = threading.Lock()

    @staticmethod
    def _fixed_key(key: str | None) -> KeySource:
        return lambda: key

    def __repr__(self) -> str:
        return f"WwtClient(base_url={self._base_url!r}, logged_in={self._token is not None})"

    @property
    def base_url(self) -> str:
        return self._base_url

    # --- lifetime ------------------------------------------------------------------------

    def close(self) -> None:
        self._token = None
        self._http.close()

    def __enter__(self) -> WwtClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- login ---------------------------------------------------------------------------

    def login(self) -> None:
        """Log in now with the API key (replacing any current token)."""
        with self._token_lock:
            self._token = None
            self._token = self._fetch_token()

    def ensure_logged_in(self) -> None:
        """Log in unless a token is held already (the first request would otherwise, holding the token lock)."""
        self._current_token()

    def _read_key(self) -> str:
        try:
            key = self._key_source()
        except Exception as exc:  # noqa: BLE001 - a broken keyring backend, for instance
            raise errors.MissingKey(
                tr(
                    "The API key could not be read from this computer's password store. "
                    "Open Settings and enter the key again."
                ),
                f"Reading the API key failed: {type(exc).__name__}",
            ) from None
        if not isinstance(key, str) or not key.strip():
            raise errors.MissingKey(None, "No API key is configured.")
        return key.strip()

    def _fetch_token(self) -> str:
        key = self._read_key()
        call = Call("POST", LOGIN_PATH, "login", self._timeout, self._deadline, content=dumps({"api_key": key}))
        response = self._execute(call, None, extra_secrets=(key,))
        payload = json_or_none(response)
        bearer = payload.get("bearer") if isinstance(payload, dict) else None
        if bearer is None and isinstance(payload, dict) and isinstance(payload.get("data"), dict):
            bearer = payload["data"].get("bearer")  # tolerate a wrapped answer
        if not isinstance(bearer, str) or not bearer.strip():
            raise unreadable(response, call, (key,), 'the login answer has no "bearer"')
        return bearer.strip()

    def _current_token(self) -> str:
        with self._token_lock:
            if self._token is None:
                self._token = self._fetch_token()
            return self._token

    def _replace_token(self, refused: str) -> str:
        """A new token after ``refused`` got a 401, unless another thread already replaced it."""
        with self._token_lock:
            if self._token is None or self._token == refused:
                self._token = None
                self._token = self._fetch_token()
            return self._token

    # --- one exchange --------------------------------------------------------------------

    def _exchange(self, call: Call, token: str | None) -> httpx.Response:
        headers = {}
        if call.content is not None:
            headers["Content-Type"] = "application/json"
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        request = self._http.build_request(
            call.method,
            call.path,
            params=list(call.params),
            content=call.content,
            headers=headers,
            timeout=call.timeout,
        )
        started = time.monotonic()
        try:
            response = bounded.exchange(self._http, request, seconds=call.deadline, max_bytes=self._max_answer_bytes)
        except Exception as exc:
            log.debug(
                "%s %s failed after %.0f ms: %s",
                call.method,
                call.path,
                (time.monotonic() - started) * 1000,
                type(exc).__name__,
            )
            raise
        log.debug(
            "%s %s -> %s in %.0f ms", call.method, call.path, response.status_code, (time.monotonic() - started) * 1000
        )
        return response

    def _execute(self, call: Call, token: str | None, *, extra_secrets: tuple[str, ...] = ()) -> httpx.Response:
        """Send ``call`` following the retry rules; a 2xx answer, or a typed error."""
        if not self._address_ok:
            raise errors.CannotReachServer(
                tr("The server address in Settings is not valid. It should look like https://one-api.wwt.world"),
                redact(f"Request: {call.method} {call.path}\nServer address: {self._base_url!r}", extra_secrets),
            )
        connect_retries = 1 if call.may_retry_connect else 0
        logged_in_again = False
        while True:
            secrets = (token, self._token, *extra_secrets)
            try:
                response = self._exchange(call, token)
            except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                if connect_retries:
                    connect_retries -= 1
                    log.debug("%s %s: connection failed, trying once more", call.method, call.path)
                    continue
                raise error_from_exception(exc, call, secrets) from exc
            except (httpx.HTTPError, httpx.InvalidURL) as exc:
                raise error_from_exception(exc, call, secrets) from exc
            if response.status_code == 401 and call.authorized and token is not None and not logged_in_again:
                logged_in_again = True
                log.debug("%s %s: token refused, logging in again", call.method, call.path)
                token = self._replace_token(token)
                continue
            if response.is_success:
                return response
            note = "Refused again after logging in once more." if logged_in_again else ""
            raise error_from_response(response, call, secrets, note=note)

    def _call(self, call: Call, kind: type) -> tuple[Any, dict[str, Any]]:
        token = self._current_token()
        response = self._execute(call, token)
        return read_data(response, call, (token, self._token), kind)

    def _get(
        self, path: str, kind: type, params: tuple[tuple[str, str], ...] = (), item: str | None = None
    ) -> tuple[Any, dict[str, Any]]:
        return self._call(Call("GET", path, "read", self._timeout, self._deadline, params=params, item=item), kind)

    # --- contact lists -------------------------------------------------------------------

    def list_groups(
        self,
        on_progress: Callable[[int, int], None] | None = None,
        should_cancel: Callable[[], bool] | None = None,
    ) -> list[ContactList]:
        """Every contact list, page by page (``GROUPS_PAGE_LIMIT`` a page).

        ``on_progress(loaded, total)`` follows each page; ``should_cancel()`` is asked before each
        page and raises ``errors.Cancelled`` when it says yes. Paging stops when ``total`` lists are
        read, on an empty or short page, or on a page that brings nothing new (a server repeating
        itself); a list seen twice is kept once.
        """
        limit = limits.GROUPS_PAGE_LIMIT
        lists: list[ContactList] = []
        seen: set[object] = set()
        total: int | None = None
        offset = 0
        for _page in range(MAX_GROUP_PAGES):
            if should_cancel is not None and should_cancel():
                raise errors.Cancelled()
            params = (("page[offset]", str(offset)), ("page[limit]", str(limit)))
            page, payload = self._get(GROUPS_PATH, list, params)
            reported = as_int(payload.get("total"))
            total = reported if reported is not None and reported >= 0 else total
            fresh = 0
            for item in page:
                if not isinstance(item, dict) or _identity(item) in seen:
                    continue
                seen.add(_identity(item))
                lists.append(ContactList.from_raw(item))
                fresh += 1
            offset += len(page)
            if on_progress is not None:
                on_progress(len(lists), max(total or 0, len(lists)))
            if fresh == 0 or len(page) < limit or (total is not None and len(lists) >= total):
                break
        return lists

    def get_group(self, group_id: int) -> ContactList:
        data, _ = self._get(f"{GROUPS_PATH}/{_id(group_id)}", dict, item="contact list")
        return ContactList.from_raw(data)

    # --- campaigns -----------------------------------------------------------------------

    def send_campaign(self, body: Mapping[str, Any]) -> CampaignInfo:
        """Create the campaign with exactly ``body``. NEVER repeated, except after a 401 (see module doc).

        Raises ``ValueError`` (before anything is sent) if ``body`` is not valid JSON data.
        """
        call = Call("POST", SEND_PATH, "send", self._send_timeout, self._send_deadline, content=dumps(body))
        data, _ = self._call(call, dict)
        return CampaignInfo.from_raw(data)

    # --- single messages -----------------------------------------------------------------

    def send_message(self, body: Mapping[str, Any]) -> MessageInfo:
        """Send one message (a test) with exactly ``body``. NEVER repeated, except after a 401, like
        ``send_campaign``: after the request may have left, a failure has ``outcome_unknown`` set, and the
        message is to be looked up by its ``reference_id`` (``find_message``), never sent again.

        Raises ``ValueError`` (before anything is sent) if ``body`` is not valid JSON data.
        """
        call = Call("POST", MESSAGE_SEND_PATH, "message", self._send_timeout, self._send_deadline, content=dumps(body))
        data, _ = self._call(call, dict)
        return MessageInfo.from_raw(data)

    def find_message(self, *, reference_id: str | None = None, message_id: int | None = None) -> MessageInfo | None:
        """The message with this ``reference_id`` (or ID), or None when the server has none. One request.

        Only an item that really carries the reference (or ID) counts: a server that ignored the filter
        and listed other messages finds nothing.
        """
        if (reference_id is None) == (message_id is None):
            raise ValueError("give either reference_id or message_id")
        filters: dict[str, str | int] = (
            {"reference_id": reference_id} if reference_id is not None else {"id": _id(message_id or 0)}
        )
        params = (*_filter_params(filters), ("page[limit]", str(MESSAGES_PAGE_MIN)))
        data, _ = self._get(MESSAGES_PATH, list, params)
        for item in data:
            found = MessageInfo.from_raw(item)
            if (reference_id is not None and found.reference_id == reference_id) or (
                message_id is not None and found.id == message_id
            ):
                return found
        return None

    def list_messages(
        self,
        filters: Mapping[str, str | int],
        *,
        sort: str = "id",
        descending: bool = False,
        page_limit: int = MESSAGES_PAGE_MAX,
        max_pages: int = MAX_MESSAGE_PAGES,
        max_messages: int = MAX_LISTED_MESSAGES,
        on_progress: Callable[[int, int], None] | None = None,
        should_cancel: Callable[[], bool] | None = None,
    ) -> Iterator[MessageInfo]:
        """Every message matching ``filters`` (``{"campaign_id": 53708808}``; keys ``MESSAGE_FILTERS``),
        page by page as they are read: a caller writing them out holds one page at a time.

        Oldest first by default (``sort="id"``): messages added while the pages are read come after
        the ones already read, so none is missed or repeated. ``should_cancel()`` is asked before each
        page (``errors.Cancelled``); ``on_progress(read, total)`` follows each page once its messages were
        taken. Paging stops when the server's total is reached, on an empty page, on a short page when no
        total is given, or on a page with nothing new; a message seen twice is given once. More than
        ``max_messages`` messages, or pages beyond ``max_pages``, raise ``errors.TooManyMessages``.
        """
        if sort not in MESSAGE_SORTS:
            raise ValueError(f"not a sort of messages: {sort!r}")
        limit = min(max(page_limit, MESSAGES_PAGE_MIN), MESSAGES_PAGE_MAX)
        base = (*_filter_params(filters), ("sort", sort), ("way", "desc" if descending else "asc"))
        seen: set[object] = set()
        total: int | None = None
        offset = 0
        for _page in range(max_pages):
            if should_cancel is not None and should_cancel():
                raise errors.Cancelled()
            params = (*base, ("page[offset]", str(offset)), ("page[limit]", str(limit)))
            page, payload = self._get(MESSAGES_PATH, list, params)
            total = _listed_total(payload, total)
            fresh: list[MessageInfo] = []
            for item in page:
                if not isinstance(item, dict) or _identity(item) in seen:
                    continue
                if len(seen) >= max_messages:
                    raise errors.TooManyMessages(None, f"The listing stopped after {max_messages} messages.")
                seen.add(_identity(item))
                fresh.append(MessageInfo.from_raw(item))
            yield from fresh
            offset += len(page)
            if on_progress is not None:
                on_progress(len(seen), max(total or 0, len(seen)))
            if not fresh or (total is None and len(page) < limit) or (total is not None and offset >= total):
                return
        raise errors.TooManyMessages(None, f"The listing stopped after {max_pages} pages.")

    def get_campaign(self, campaign_id: int) -> CampaignInfo:
        data, _ = self._get(f"{CAMPAIGNS_PATH}/{_id(campaign_id)}", dict, item="campaign")
        return CampaignInfo.from_raw(data)

    def get_campaign_detail(self, campaign_id: int) -> CampaignDetail:
        data, _ = self._get(f"{CAMPAIGNS_PATH}/{_id(campaign_id)}/detail", dict, item="campaign")
        return CampaignDetail.from_raw(data)

    def stop_campaign(self, campaign_id: int) -> CampaignInfo | None:
        """Stop a campaign; the updated campaign, or None when the server's answer has none.

        Raises ``InvalidCampaignStatus`` when it has already finished or was stopped.
        """
        path = f"{CAMPAIGNS_PATH}/{_id(campaign_id)}/stop"
        call = Call("PATCH", path, "stop", self._timeout, self._deadline, item="campaign")
        response = self._execute(call, self._current_token())
        payload = json_or_none(response)
        data = payload.get("data") if isinstance(payload, dict) else None
        return CampaignInfo.from_raw(data) if isinstance(data, dict) else None

    def list_campaigns(self, offset: int = 0, limit: int = limits.CAMPAIGNS_PAGE_MIN) -> list[CampaignInfo]:
        """One page of RCS campaigns, newest first; ``limit`` is kept within the server's 30..500."""
        limit = min(max(limit, limits.CAMPAIGNS_PAGE_MIN), limits.CAMPAIGNS_PAGE_MAX)
        params = (
            ("page[offset]", str(max(offset, 0))),
            ("page[limit]", str(limit)),
            ("filter[type]", "rcs"),
            ("sort", "date"),
            ("way", "desc"),
        )
        data, _ = self._get(CAMPAIGNS_PATH, list, params)
        return [CampaignInfo.from_raw(item) for item in data if isinstance(item, dict)]

    # --- account -------------------------------------------------------------------------

    def get_balance(self) -> Balance:
        data, _ = self._get(BALANCE_PATH, dict)
        return Balance.from_raw(data)

    def list_sms_senders(self) -> list[SmsSender]:
        data, _ = self._get(SENDERS_PATH, list, (("type", "sms"),))
        return [SmsSender.from_raw(item) for item in data if isinstance(item, dict)]
