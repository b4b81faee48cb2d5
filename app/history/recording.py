"""Writing a send into the history: one way for the window and the command line alike."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from app.history.store import History

if TYPE_CHECKING:
    from app.api.models import CampaignInfo
    from app.campaign.file import ListInfo
    from app.tasks.connection import Connection


def record_send(
    history: History,
    connection: Connection,
    lists: Mapping[int, ListInfo],
    body: Mapping[str, Any],
    *,
    sent_at: datetime,
    info: CampaignInfo | None = None,
    intent_id: int | None = None,
) -> int:
    """Record a send: confirmed when ``info`` is the server's answer, else of unknown outcome.

    ``body`` is exactly what was sent: its ``start_at`` is in the account's time zone (see
    ``app.sending.send_body``), so that is the zone recorded, whatever zone the file was planned in.
    ``sent_at`` is the moment just before the request left (it bounds the search for a campaign
    whose answer never came). ``lists`` are the chosen lists' names and sizes (``lists_of``), taken
    when the user confirmed, not read again later. ``intent_id`` is the record written before the
    request left (without ``info``): the confirmed send completes that record.
    """
    time_zone, server = connection.account_time_zone, connection.server_label
    if info is None:
        return history.record_unknown_outcome(body, lists=lists, time_zone=time_zone, server=server, sent_at=sent_at)
    return history.record_sent(
        body, info, intent_id=intent_id, lists=lists, time_zone=time_zone, server=server, sent_at=sent_at
    )
