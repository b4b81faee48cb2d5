"""Following campaigns, for the Campaigns view and ``rcs-desk campaigns`` alike (no Qt here): plain
functions that the window runs on ``ui.common.workers.Task`` and the command line calls directly.

Each takes the ``TaskContext`` first, then a ``History`` and/or a client, and returns a small
result object; every one ends by reading the records again, so the view gets fresh rows in the
same trip. ``duplicate_document`` turns a sent campaign back into a draft.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from app import api
from app.api.models import CampaignDetail, CampaignInfo
from app.campaign.file import CampaignDocument, ListInfo
from app.campaign.model import Campaign
from app.history import SEARCH_PAGE, History, HistoryRecord, RefreshResult, look_for_unknown_outcome, refresh_statuses
from app.tasks.context import Cancellable

_Result = TypeVar("_Result")

WEB_PAGES = 2  # pages of SEARCH_PAGE campaigns read from the web account when asked to show them


@dataclass
class Snapshot:
    """The records to show, and how many of ``server``'s campaigns may still change (for polling).

    ``taken`` (monotonic ns, just before reading) lets the view drop a snapshot older than the one
    it shows; ``include_web`` says whether web-account campaigns were asked for.
    """

    records: list[HistoryRecord]
    active: int
    include_web: bool
    taken: int


@dataclass
class RefreshOutcome:
    snapshot: Snapshot
    result: RefreshResult
    web_added: int = 0
    web_problem: api.ApiError | None = None


@dataclass
class StopOutcome:
    snapshot: Snapshot
    refused: api.InvalidCampaignStatus | None = None  # the server said it can no longer be stopped
    status: str | None = None


@dataclass
class LookOutcome:
    snapshot: Snapshot
    found: CampaignInfo | None = None


@dataclass
class DetailOutcome:
    detail: CampaignDetail
    record: HistoryRecord | None = None
    changed: bool = False


def with_history(
    context: Cancellable, open_history: Callable[[], History], function: Callable[..., _Result], *args: Any
) -> _Result:
    """Open the history here, on the worker (it may check or repair the file), then run ``function``."""
    return function(context, open_history(), *args)


def snapshot(history: History, *, server: str, include_web: bool) -> Snapshot:
    taken = time.monotonic_ns()
    return Snapshot(
        history.records(include_web=include_web), len(history.active_records(server=server)), include_web, taken
    )


def load_records(context: Cancellable, history: History, server: str, include_web: bool) -> Snapshot:
    return snapshot(history, server=server, include_web=include_web)


def refresh(
    context: Cancellable,
    history: History,
    client: api.WwtClient,
    server: str,
    include_web: bool,
    zone: str,
    fetch_web: bool,
) -> RefreshOutcome:
    """Refresh every active campaign of ``server`` (with its detail), look for unknown outcomes,
    and with ``fetch_web`` also merge the web account's newest campaigns."""
    result = refresh_statuses(
        history, client, server=server, detail=True, look_for_unknown=True, should_cancel=lambda: context.cancelled
    )
    added, problem = 0, None
    if fetch_web:
        try:
            added = merge_web(context, history, client, server, zone)
        except api.ApiError as exc:
            problem = exc
    return RefreshOutcome(snapshot(history, server=server, include_web=include_web), result, added, problem)


def merge_web(context: Cancellable, history: History, client: api.WwtClient, server: str, zone: str) -> int:
    """Read a page or two of the account's RCS campaigns and add the unknown ones to the history."""
    campaigns: list[CampaignInfo] = []
    for page in range(WEB_PAGES):
        if context.cancelled:
            raise api.Cancelled()
        found = client.list_campaigns(page * SEARCH_PAGE, SEARCH_PAGE)
        campaigns.extend(found)
        if len(found) < SEARCH_PAGE:
            break
    return history.merge_remote(campaigns, server=server, time_zone=zone)


def fetch_web(context: Cancellable, history: History, client: api.WwtClient, server: str, zone: str) -> Snapshot:
    merge_web(context, history, client, server, zone)
    return snapshot(history, server=server, include_web=True)


def _refresh_one(history: History, client: api.WwtClient, record_id: int, campaign_id: int) -> str | None:
    info = client.get_campaign_detail(campaign_id)
    history.update_status(record_id, info)
    return info.status


def stop(
    context: Cancellable,
    history: History,
    client: api.WwtClient,
    record_id: int,
    campaign_id: int,
    server: str,
    include_web: bool,
) -> StopOutcome:
    """Stop the campaign, then read it again (also when the server refused: it has moved on)."""
    refused, status = None, None
    try:
        answer = client.stop_campaign(campaign_id)
    except api.InvalidCampaignStatus as exc:
        refused = exc
    else:
        if answer is not None:
            history.update_status(record_id, answer)
            status = answer.status
    with contextlib.suppress(api.ApiError):  # the stop itself was answered; the next refresh brings the rest
        status = _refresh_one(history, client, record_id, campaign_id)
    return StopOutcome(snapshot(history, server=server, include_web=include_web), refused, status)


def look_for(
    context: Cancellable, history: History, client: api.WwtClient, record_id: int, server: str, include_web: bool
) -> LookOutcome:
    found = look_for_unknown_outcome(history, record_id, client)
    return LookOutcome(snapshot(history, server=server, include_web=include_web), found)


def fetch_detail(
    context: Cancellable, history: History, client: api.WwtClient, record_id: int, campaign_id: int
) -> DetailOutcome:
    """The campaign's detail, stored in the history too (the table then shows its counters)."""
    detail = client.get_campaign_detail(campaign_id)
    changed = history.update_status(record_id, detail)
    return DetailOutcome(detail, history.record(record_id), changed)


def duplicate_document(record: HistoryRecord, fallback_zone: str) -> CampaignDocument | None:
    """A new draft from a campaign sent from here: the same request with no planned start."""
    if record.request is None:
        return None
    campaign = replace(Campaign.from_request(record.request), start_at=None)
    lists = {list_id: ListInfo(info.name, info.contacts) for list_id, info in record.lists.items()}
    return CampaignDocument(campaign=campaign, time_zone=record.time_zone or fallback_zone, lists=lists)
