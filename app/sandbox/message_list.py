"""``GET /api/messages`` of the simulated account: filters, order and paging without storing messages.

The account's messages are runs of consecutive IDs ("segments"): one per campaign (its messages,
worked out when asked, see ``messages.campaign_message_json``) and one per single message. Filters
narrow the runs, and a page in ID order is found by counting along them, so a page of a
5,000-message campaign costs 500 messages' work and no memory beyond the page. Ordering by phone
or delivery time needs every chosen message's key: that is done for the chosen ones only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.sandbox.campaigns import CampaignStore, SimCampaign
from app.sandbox.message_rules import MessageQuery
from app.sandbox.messages import (
    SimMessage,
    campaign_fate,
    campaign_message_json,
    campaign_phone,
    campaign_sent_moment,
)
from app.sandbox.timeline import REPORT_LAG_S


@dataclass(frozen=True)
class Segment:
    """Messages ``start`` .. ``start + count - 1`` of a campaign, or the one single message."""

    first_id: int  # the ID of message number ``start``
    start: int
    count: int
    created_at: datetime
    campaign: SimCampaign | None = None
    single: SimMessage | None = None

    def narrowed(self, message_id: int) -> Segment | None:
        """The part of this run that is ``message_id`` (None when it is not in the run)."""
        offset = message_id - self.first_id
        if not 0 <= offset < self.count:
            return None
        return Segment(message_id, self.start + offset, 1, self.created_at, self.campaign, self.single)


def _segments(store: CampaignStore) -> list[Segment]:
    runs = [
        Segment(c.first_message_id, 0, c.total, c.created_at, campaign=c)
        for c in store.campaigns()
        if c.total > 0 and c.first_message_id
    ]
    runs += [Segment(m.id, 0, 1, m.created_at, single=m) for m in store.singles()]
    return sorted(runs, key=lambda run: run.first_id)


def _chosen(store: CampaignStore, query: MessageQuery) -> list[Segment]:
    since = store.from_wall(query.since) if query.since is not None else None
    until = store.from_wall(query.until) if query.until is not None else None
    chosen = []
    for run in _segments(store):
        if query.campaign_id is not None and (run.campaign is None or run.campaign.id != query.campaign_id):
            continue
        if query.reference_id is not None and (run.single is None or run.single.reference_id != query.reference_id):
            continue
        if (since is not None and run.created_at < since) or (until is not None and run.created_at > until):
            continue
        if query.message_id is None:
            chosen.append(run)
        elif (narrowed := run.narrowed(query.message_id)) is not None:
            chosen.append(narrowed)
    return chosen


def _every(runs: list[Segment]) -> Iterator[tuple[Segment, int]]:
    for run in runs:
        for index in range(run.start, run.start + run.count):
            yield run, index


def _page_in_id_order(runs: list[Segment], query: MessageQuery) -> list[tuple[Segment, int]]:
    """The page, skipping whole runs before it (no message before the page is worked out)."""
    skip = query.offset
    page: list[tuple[Segment, int]] = []
    for run in reversed(runs) if query.descending else runs:
        if skip >= run.count:
            skip -= run.count
            continue
        if query.descending:
            last = run.start + run.count - 1 - skip
            indexes = range(last, max(last - (query.limit - len(page)), run.start - 1), -1)
        else:
            first = run.start + skip
            indexes = range(first, min(first + query.limit - len(page), run.start + run.count))
        skip = 0
        page.extend((run, index) for index in indexes)
        if len(page) >= query.limit:
            break
    return page


def _sort_key(run: Segment, index: int, now: datetime, sort: str) -> tuple[Any, ...]:
    message_id = run.first_id + index - run.start
    if run.single is not None:
        phone, fate, sent = run.single.phone, run.single.fate(now), run.single.sent_moment
    else:
        assert run.campaign is not None  # a run is one or the other
        phone = campaign_phone(run.campaign, index)
        fate, sent = campaign_fate(run.campaign, index, now), campaign_sent_moment(run.campaign, index)
    if sort == "phone":
        return (int(phone), message_id)
    # "delivered": by delivery time, the undelivered last
    return (0, sent.timestamp() + REPORT_LAG_S, message_id) if fate.delivered else (1, 0.0, message_id)


def page_body(store: CampaignStore, query: MessageQuery, now: datetime) -> dict[str, Any]:
    """The whole answer: ``{"data": [...], "meta": {"page": {"total", "offset", "limit"}}}``."""
    runs = _chosen(store, query)
    total = sum(run.count for run in runs)
    if query.sort == "id":
        page = _page_in_id_order(runs, query)
    else:
        everything = sorted(
            _every(runs),
            key=lambda item: _sort_key(item[0], item[1], now, query.sort),
            reverse=query.descending,
        )
        page = everything[query.offset : query.offset + query.limit]
    data = []
    for run, index in page:
        if run.single is not None:
            data.append(run.single.as_json(now, store.fmt, listed=True))
        else:
            assert run.campaign is not None
            data.append(campaign_message_json(run.campaign, index, now, store.fmt))
    return {"data": data, "meta": {"page": {"total": total, "offset": query.offset, "limit": query.limit}}}
