"""The estimated price of a campaign sent from this computer, for ``rcs-desk campaign`` and ``stop``.

The server gives the estimate only in its answer to the send; the history keeps it. So that
``rcs-desk campaign ID`` says the same price as ``rcs-desk campaigns``, it is taken from there.
"""

from __future__ import annotations

import dataclasses

from app.api.models import CampaignInfo
from app.history import HistoryError, open_history
from app.platform.config import app_paths
from app.tasks.connection import Connection


def with_known_price(info: CampaignInfo, connection: Connection) -> CampaignInfo:
    """``info``, with the estimate the send got when the server gave none now (unchanged otherwise)."""
    if info.price is not None or info.id is None:
        return info
    paths = app_paths()
    if not (paths.demo_history_db if connection.demo else paths.history_db).exists():
        return info  # nothing sent from here: no history to create just to look
    try:
        with open_history(paths, demo=connection.demo) as history:
            records = history.records()
    except HistoryError:
        return info  # the price is a detail: the command says the rest
    for record in records:
        if record.campaign_id == info.id and record.server == connection.server_label and record.price is not None:
            return dataclasses.replace(info, price=record.price, currency=info.currency or record.currency)
    return info
