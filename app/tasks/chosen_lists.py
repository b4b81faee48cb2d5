"""The campaign's lists as the account has them now, for a send from the command line.

A campaign file may name a list by its number alone, or remember a size from when it was saved. The
window shows the account's lists and takes their names and sizes from there; the command line asks
for the campaign's lists before its summary, so that the summary names and counts them and the
validation's contacts check (``app.validation``) speaks before the question, not the server after it.
"""

from __future__ import annotations

from app import api
from app.campaign.file import CampaignDocument, ListInfo
from app.tasks.context import Cancellable
from app.tasks.list_names import fetch_lists


def refresh_chosen_lists(context: Cancellable, client: api.WwtClient, document: CampaignDocument) -> set[int]:
    """Put the account's name and number of contacts of each of the campaign's lists in ``document.lists``;
    the lists the account does not have.

    A list the account does not have, or a value the server does not give, keeps what the file says.
    Raises ``api.ApiError`` when the lists cannot be read (nothing is changed then).
    """
    wanted = {group for group in document.campaign.groups if isinstance(group, int) and not isinstance(group, bool)}
    if not wanted:
        return set()
    found = fetch_lists(context, client, wanted)
    for list_id, item in found.items():
        known = document.lists.get(list_id, ListInfo())
        document.lists[list_id] = ListInfo(
            name=item.name or known.name,
            contacts=item.contacts if item.contacts is not None else known.contacts,
        )
    return wanted - set(found)
