"""What the history knows of a campaign (its estimated price, its message), for ``rcs-desk campaign`` and ``stop``.

The server gives the estimate only in its answer to the send; the history keeps it. So that
``rcs-desk campaign ID`` says the same price as ``rcs-desk campaigns``, it is taken from there.
"""

from __future__ import annotations

import dataclasses

from app.api.models import CampaignInfo
from app.history import HistoryError, HistoryRecord, open_history
from app.platform.config import app_paths
from app.tasks.connection import Connection


def recorded(campaign_id: int | None, connection: Connection) -> HistoryRecord | None:
    """The history's record of campaign ``campaign_id`` on this connection's server, if it has one."""
    if campaign_id is None:
        return None
    paths = app_paths()
    if not (paths.demo_history_db if connection.demo else paths.history_db).exists():
        return None  # nothing sent from here: no history to create just to look
    try:
        with open_history(paths, demo=connection.demo) as history:
            records = history.records()
    except HistoryError:
        return None  # what the history adds is a detail: the command says the rest
    for record in records:
        if record.campaign_id == campaign_id and record.server == connection.server_label:
            return record
    return None


def with_known_price(info: CampaignInfo, connection: Connection) -> CampaignInfo:
    """``info``, with the estimate the send got when the server gave none now (unchanged otherwise)."""
    if info.price is not None:
        return info
    record = recorded(info.id, connection)
    if record is None or record.price is None:
        return info
    return dataclasses.replace(info, price=record.price, currency=info.currency or record.currency)
