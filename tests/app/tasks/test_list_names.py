"""Naming lists a campaign knows only by number: one at a time for a few, the whole list for many."""

from __future__ import annotations

import pytest

from app import api
from app.sandbox import SandboxServer
from app.sandbox.demo_data import FIRST_LIST_ID
from app.tasks.context import NEVER_CANCELLED
from app.tasks.list_names import ONE_BY_ONE, fetch_list_names


def group_calls(server: SandboxServer) -> list[str]:
    return [r.target for r in server.requests if r.target.startswith("/api/groups")]


def test_a_few_lists_are_asked_for_one_by_one_and_a_missing_one_is_left_out(sandbox):
    server, client = sandbox
    names = fetch_list_names(NEVER_CANCELLED, client, {FIRST_LIST_ID + 2, 999})
    assert names == {FIRST_LIST_ID + 2: "VIP customers"}
    assert sorted(group_calls(server)) == sorted([f"/api/groups/{FIRST_LIST_ID + 2}", "/api/groups/999"])


def test_many_lists_are_read_in_one_go(sandbox):
    server, client = sandbox
    wanted = {FIRST_LIST_ID + i for i in range(ONE_BY_ONE + 1)}
    names = fetch_list_names(NEVER_CANCELLED, client, wanted)
    assert set(names) == wanted and names[FIRST_LIST_ID] == "Staff test phones"
    assert all("page" in target for target in group_calls(server))


def test_it_stops_when_cancelled(sandbox):
    server, client = sandbox

    class Cancelled:
        cancelled = True

    with pytest.raises(api.Cancelled):
        fetch_list_names(Cancelled(), client, {FIRST_LIST_ID})
    assert group_calls(server) == []
