"""The names of some of the account's contact lists, for a campaign recorded without them (a file that
gave only the lists' numbers): the Campaigns view shows "VIP customers", not "List 1864603"."""

from __future__ import annotations

from collections.abc import Collection

from app import api
from app.tasks.context import Cancellable

ONE_BY_ONE = 5  # up to this many lists are asked for one at a time; more: the whole list is read once


def fetch_list_names(context: Cancellable, client: api.WwtClient, wanted: Collection[int]) -> dict[int, str]:
    """``{list id: name}`` for the ``wanted`` lists the account has (a list it no longer has is left out)."""
    if len(wanted) > ONE_BY_ONE:
        every = client.list_groups(should_cancel=lambda: context.cancelled)
        return {item.id: item.name for item in every if item.id is not None and item.id in wanted and item.name}
    names: dict[int, str] = {}
    for list_id in wanted:
        if context.cancelled:
            raise api.Cancelled()
        try:
            found = client.get_group(list_id)
        except api.NotFound:
            continue
        if found.name:
            names[list_id] = found.name
    return names
