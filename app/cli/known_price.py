"""A campaign's money as ``rcs-desk campaign`` and ``stop`` say it: the estimate, and the cost so far.

The server gives the estimate only in its answer to the send; the history keeps it. So that
``rcs-desk campaign ID`` says the same price as ``rcs-desk campaigns``, it is taken from there. The
cost so far (``total_price``) comes with the campaign's detail, as in the window and the CSV summary.
"""

from __future__ import annotations

import dataclasses

from app.api.models import CampaignDetail, CampaignInfo, as_float
from app.campaign.text import format_price
from app.history import HistoryError, HistoryRecord, open_history
from app.language import tr_mark
from app.platform.config import app_paths
from app.tasks.connection import Connection

ESTIMATE = tr_mark("Estimated price")  # the label of the estimate's row in ``campaign_rows``
COST_SO_FAR = tr_mark("Cost so far")


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


def estimate_only(detail: CampaignDetail) -> CampaignDetail:
    """``detail`` whose ``price`` is the estimate alone: never the cost so far (``total_price``), which
    ``CampaignInfo`` takes for a price when no estimate is given."""
    return dataclasses.replace(detail, price=as_float(detail.raw.get("calculated_price")))


def with_cost_so_far(rows: list[tuple[str, str]], detail: CampaignDetail) -> list[tuple[str, str]]:
    """``campaign_rows``'s rows with the cost so far after the estimate (at the end if there is none),
    written as every price is (``format_price``: "not given" when the server gave none)."""
    cost = (COST_SO_FAR, format_price(as_float(detail.total_price), detail.currency))
    labels = [label for label, _ in rows]
    at = labels.index(ESTIMATE) + 1 if ESTIMATE in labels else len(rows)
    return [*rows[:at], cost, *rows[at:]]
