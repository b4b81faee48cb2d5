"""The campaign's lists as the account has them, put in the document before a send from the command line."""

from __future__ import annotations

import pytest

from app import api
from app.campaign.file import CampaignDocument, ListInfo
from app.campaign.model import Campaign
from app.sandbox.demo_data import FIRST_LIST_ID
from app.sandbox.wire import Faults
from app.tasks.chosen_lists import refresh_chosen_lists
from app.tasks.context import NEVER_CANCELLED
from app.tasks.list_names import ONE_BY_ONE, fetch_lists

VIP, KYIV = FIRST_LIST_ID + 2, FIRST_LIST_ID + 3


def document(groups: list[int], lists: dict[int, ListInfo] | None = None) -> CampaignDocument:
    return CampaignDocument(campaign=Campaign(groups=groups), lists=dict(lists or {}))


def test_names_and_contacts_come_from_the_account(sandbox):
    _, client = sandbox
    doc = document([VIP, KYIV], {KYIV: ListInfo("Kyiv (old name)", 3)})
    refresh_chosen_lists(NEVER_CANCELLED, client, doc)
    assert doc.lists == {VIP: ListInfo("VIP customers", 240), KYIV: ListInfo("Kyiv store visitors", 1350)}
    assert doc.list_contacts() == {VIP: 240, KYIV: 1350}


def test_a_list_the_account_does_not_have_keeps_what_the_file_says(sandbox):
    _, client = sandbox
    doc = document([VIP, 999], {999: ListInfo("Gone", 12)})
    assert refresh_chosen_lists(NEVER_CANCELLED, client, doc) == {999}  # said missing to the caller
    assert doc.lists[999] == ListInfo("Gone", 12) and doc.lists[VIP].name == "VIP customers"


def test_many_lists_are_read_in_one_go(sandbox):
    server, client = sandbox
    wanted = {FIRST_LIST_ID + i for i in range(ONE_BY_ONE + 1)}
    found = fetch_lists(NEVER_CANCELLED, client, wanted)
    assert set(found) == wanted and found[FIRST_LIST_ID].contacts == 40
    assert all("page" in r.target for r in server.requests if r.target.startswith("/api/groups"))


def test_a_failure_changes_nothing_and_is_raised(sandbox):
    server, client = sandbox
    server.faults = Faults(fail_status=500)
    doc = document([VIP], {VIP: ListInfo("VIP", 1)})
    with pytest.raises(api.ApiError):
        refresh_chosen_lists(NEVER_CANCELLED, client, doc)
    assert doc.lists == {VIP: ListInfo("VIP", 1)}


def test_no_lists_asks_nothing(sandbox):
    server, client = sandbox
    refresh_chosen_lists(NEVER_CANCELLED, client, document([]))
    assert server.requests == []
