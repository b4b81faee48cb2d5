"""Some of the account's contact lists by number: their names, for a campaign recorded without them (a file
that gave only the lists' numbers: the Campaigns view shows "VIP customers", not "List 1864603"), or whole
(name and contacts), for a send's summary and its contacts check."""

from __future__ import annotations

from collections.abc import Collection

from app import api
from app.api.models import ContactList
from app.tasks.context import Cancellable

ONE_BY_ONE = 5  # up to this many lists are asked for one at a time; more: the whole list is read once


def fetch_lists(context: Cancellable, client: api.WwtClient, wanted: Collection[int]) -> dict[int, ContactList]:
    """``{list id: list}`` for the ``wanted`` lists the account has (a list it no longer has is left out)."""
    if len(wanted) > ONE_BY_ONE:
        every = client.list_groups(should_cancel=lambda: context.cancelled)
        return {item.id: item for item in every if item.id is not None and item.id in wanted}
    found: dict[int, ContactList] = {}
    for list_id in wanted:
        if context.cancelled:
            raise api.Cancelled()
        try:
            found[list_id] = client.get_group(list_id)
        except api.NotFound:
            continue
    return found


def fetch_list_names(context: Cancellable, client: api.WwtClient, wanted: Collection[int]) -> dict[int, str]:
    """``{list id: name}`` for the ``wanted`` lists the account has (a list it no longer has is left out)."""
    return {list_id: item.name for list_id, item in fetch_lists(context, client, wanted).items() if item.name}
