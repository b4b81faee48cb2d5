"""Following campaigns on the server: refreshing statuses, finding the campaign of an unknown outcome.

These functions take a ``WwtClient`` (or anything with the same methods) and a ``History``; they
block on the network, so the window runs them on a worker thread.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Protocol

from app import api
from app.api.models import CampaignInfo
from app.campaign.statuses import status_words
from app.history.records import HistoryRecord, server_time_to_utc
from app.history.store import History
from app.language import tr, tr_mark

# The server creates the campaign while answering the send, so it appears at most this long after
# the request left; the computer's clock and the server's may also differ by up to MATCH_BEFORE.
MATCH_AFTER = timedelta(minutes=5)
MATCH_BEFORE = timedelta(minutes=2)
SEARCH_PAGE = 100  # newest campaigns of the account looked through
BAD_ID = tr_mark("The server gave this campaign an ID that cannot be looked up, so its status is not refreshed.")


class CampaignSource(Protocol):
    def get_campaign(self, campaign_id: int) -> CampaignInfo: ...

    def get_campaign_detail(self, campaign_id: int) -> CampaignInfo: ...

    def list_campaigns(self, offset: int = 0, limit: int = 30) -> list[CampaignInfo]: ...


def demo_server_label() -> str:
    """A label for one demo server: its campaigns are never refreshed from another demo server.

    Make one per ``SandboxServer`` and pass it as ``server`` for as long as that server lives. For
    the real server, pass the connection's ``base_url``.
    """
    return f"demo:{uuid.uuid4().hex[:12]}"


def _same_sender(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return True  # nothing to compare with: the time and type decide
    return a.strip().casefold() == b.strip().casefold()


def match_candidates(
    record: HistoryRecord, campaigns: Iterable[CampaignInfo], *, taken: Container[int] = ()
) -> list[CampaignInfo]:
    """Campaigns of the server's list that may be the one an unknown-outcome send created, best first.

    A candidate is an RCS campaign of the same sender, created between ``MATCH_BEFORE`` before and
    ``MATCH_AFTER`` after the attempt, not already linked to another send (``taken``).
    """
    start = record.sent_at_utc
    found: list[tuple[timedelta, int, CampaignInfo]] = []
    for info in campaigns:
        if info.id is None or info.id in taken or info.message_type not in (None, "rcs"):
            continue
        if not _same_sender(record.sender, info.sender):
            continue
        created = server_time_to_utc(info.created_at, record.time_zone)
        if created is None or not start - MATCH_BEFORE <= created <= start + MATCH_AFTER:
            continue
        found.append((abs(created - start), info.id, info))
    return [info for _, _, info in sorted(found, key=lambda item: (item[0], item[1]))]


def look_for_unknown_outcome(
    history: History,
    record_id: int,
    client: CampaignSource,
    *,
    campaigns: list[CampaignInfo] | None = None,
) -> CampaignInfo | None:
    """Look in the account's newest campaigns for the one an unknown-outcome send created.

    When found it is attached to the record (which then shows its status) and returned; None when
    nothing matches (the record stays "unknown outcome"). Never sends anything.
    """
    record = history.record(record_id)
    if record is None or not record.outcome_unknown:
        return None
    if campaigns is None:
        campaigns = client.list_campaigns(0, SEARCH_PAGE)
    candidates = match_candidates(record, campaigns, taken=history.local_campaign_ids(server=record.server))
    if not candidates:
        return None
    history.attach_campaign(record_id, candidates[0])
    return candidates[0]


def search_message(found: CampaignInfo | None) -> str:
    """What to tell the user after ``look_for_unknown_outcome``."""
    if found is not None:
        return tr(
            "The campaign was created after all (number {number}, status: {status}). Do not send it again."
        ).format(number=found.id, status=status_words(found.status) if found.status else tr("unknown"))
    return tr(
        "No campaign matching this send was found in the account's recent campaigns, so it was most "
        "likely not created. Check the campaign list in your WWT.world account before sending it again."
    )


@dataclass
class RefreshResult:
    """What a refresh did: records updated, how many changed, unknown outcomes found, problems per record."""

    refreshed: int = 0
    changed: int = 0
    found: dict[int, CampaignInfo] = field(default_factory=dict)
    problems: dict[int, str] = field(default_factory=dict)


def refresh_statuses(
    history: History,
    client: CampaignSource,
    *,
    server: str,
    detail: bool = False,
    look_for_unknown: bool = True,
    should_cancel: Callable[[], bool] | None = None,
) -> RefreshResult:
    """Ask the server about every active campaign of ``server`` and store the answers.

    With ``look_for_unknown``, also looks for the campaigns of unknown-outcome sends (one list
    call). A campaign the server no longer shows keeps its last status with a ``refresh_problem``.
    Failures that concern every call (server unreachable, key refused) raise the ``api.ApiError``.
    """
    result = RefreshResult()
    for record in history.active_records(server=server):
        if should_cancel is not None and should_cancel():
            raise api.Cancelled()
        assert record.campaign_id is not None
        try:
            info = (client.get_campaign_detail if detail else client.get_campaign)(record.campaign_id)
        except (api.NotFound, api.AccessDenied, ValueError) as exc:  # ValueError: an id no path can hold
            message = exc.user_message if isinstance(exc, api.ApiError) else tr(BAD_ID)
            history.set_refresh_problem(record.record_id, message)
            result.problems[record.record_id] = message
            continue
        result.refreshed += 1
        if history.update_status(record.record_id, info):
            result.changed += 1
    unknown = history.unknown_outcomes(server=server) if look_for_unknown else []
    if unknown:
        campaigns = client.list_campaigns(0, SEARCH_PAGE)
        for record in unknown:
            found = look_for_unknown_outcome(history, record.record_id, client, campaigns=campaigns)
            if found is not None:
                result.found[record.record_id] = found
                result.changed += 1
    return result
