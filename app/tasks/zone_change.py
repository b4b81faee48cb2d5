"""After the account's time zone changed: the campaigns' times read again from the server.

The server writes its times in the account's zone as it is now, and the history keeps them as it
wrote them; the window reads them all in the current zone. So when the zone changes, the times
kept from before (a campaign that ended no longer gets refreshed) are read again, newest first.
"""

from __future__ import annotations

from app import api
from app.history import History
from app.tasks.campaigns import Snapshot, snapshot
from app.tasks.context import Cancellable

READ_AGAIN_AT_MOST = 100  # the newest campaigns; older ones are read again when selected


def read_times_again(
    context: Cancellable, history: History, client: api.WwtClient, server: str, include_web: bool
) -> Snapshot:
    """Ask the server again about ``server``'s newest campaigns and store the answers; fresh rows."""
    for record in history.records(READ_AGAIN_AT_MOST, include_web=include_web):
        if context.cancelled:
            raise api.Cancelled()
        if record.server != server or record.campaign_id is None:
            continue
        try:
            detail = client.get_campaign_detail(record.campaign_id)
        except (api.NotFound, api.AccessDenied, ValueError):  # gone, or not this key's: kept as last seen
            continue
        history.update_status(record.record_id, detail)
    return snapshot(history, server=server, include_web=include_web)
