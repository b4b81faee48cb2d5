"""Test messages in the demo account kept in a file: they outlive the server, their references stay
taken, at most the last ``MAX_MESSAGES`` are kept, and a file written before messages existed still opens."""

from __future__ import annotations

import json
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.sandbox import SandboxServer, saved_state
from app.sandbox.demo_data import INITIAL_BALANCE, RCS_PRICE
from app.sandbox.messages import FIRST_MESSAGE_ID
from helpers.demo_account import START, account_path, saved_server
from helpers.messages import AFTER_EVERYTHING_S, Caller, FakeClock, message_body, phone_with

ZONE = ZoneInfo("Europe/Kyiv")


def test_a_test_message_outlives_its_server_and_its_reference_stays_taken(tmp_path):
    clock = FakeClock(START)
    path = account_path(tmp_path)
    first, _ = saved_server(path, clock)
    sent = Caller(first).send(message_body(phone_with("delivered", read=True), "keep1")).json()["data"]
    clock.advance(AFTER_EVERYTHING_S)
    second, _ = saved_server(path, clock)
    api = Caller(second)
    assert api.message("keep1")["status"] == "read" and api.message("keep1")["id"] == sent["id"]
    assert api.send(message_body("380671112233", "keep1")).status == 422
    later = api.send(message_body("380671112233", "keep2")).json()["data"]
    assert later["id"] > sent["id"]


def test_only_the_last_messages_are_kept_and_their_cost_stays_spent(tmp_path, monkeypatch):
    monkeypatch.setattr(saved_state, "MAX_MESSAGES", 3)
    clock = FakeClock(START)
    path = account_path(tmp_path)
    server, _ = saved_server(path, clock)
    api = Caller(server)
    for number in range(5):
        api.send(message_body(phone_with("delivered"), f"ref{number}"))
        clock.advance(AFTER_EVERYTHING_S)
    balance = server.store.balance(clock.now)
    api.send(message_body(phone_with("delivered"), "ref5"))  # the request that writes the file again
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert [m["reference_id"] for m in saved["messages"]] == ["ref3", "ref4", "ref5"]
    assert server.store.balance(clock.now) == pytest.approx(balance)  # the forgotten ones stay paid for
    assert balance == pytest.approx(INITIAL_BALANCE - 5 * RCS_PRICE)


def test_a_file_written_before_messages_were_kept_opens_and_lists_its_campaigns_messages(tmp_path):
    clock = FakeClock(START)
    state = json.loads(saved_state.dump(SandboxServer(clock=clock).store, "demo:old"))
    del state["messages"], state["next_message_id"]
    for campaign in state["campaigns"]:
        del campaign["first_message_id"]
    loaded = saved_state.load(json.dumps(state).encode(), ZONE)
    campaigns = loaded.store.campaigns()
    assert campaigns[0].first_message_id == FIRST_MESSAGE_ID
    for earlier, later in pairwise(campaigns):  # each campaign's IDs end before the next one's begin
        assert later.first_message_id >= earlier.first_message_id + earlier.total
    assert loaded.store.singles() == []
    api = Caller(SandboxServer(clock=clock))
    api.server.store = loaded.store
    listed = api.messages(f"filter[campaign_id]={campaigns[1].id}&page[limit]=500")
    assert listed["meta"]["page"]["total"] == campaigns[1].total == len(listed["data"])


def test_a_saved_message_reads_back_exactly():
    clock = FakeClock(START)
    server = SandboxServer(clock=clock, time_zone="Europe/Kyiv")
    Caller(server).send(message_body("380991234567", "exact1", validity_seconds=90))
    again = saved_state.load(saved_state.dump(server.store, "demo:x"), ZONE)
    assert again.store.state() == server.store.state()


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
MESSAGE_KEYS = ["id", "phone", "reference_id", "sender", "created_at", "validity", "validity_s", "sms_parts"]


@given(key=st.sampled_from([*MESSAGE_KEYS, None]), value=JSON_VALUES)
def test_a_changed_message_value_gives_a_state_or_a_plain_reason(key, value):
    server = SandboxServer(clock=lambda: START)
    Caller(server).send(message_body("380991234567", "hyp1"))
    state = json.loads(saved_state.dump(server.store, "demo:x"))
    if key is None:
        state["messages"] = value
    else:
        state["messages"][0][key] = value
    try:
        loaded = saved_state.load(json.dumps(state).encode(), ZONE)
    except saved_state.StateError as exc:
        reason = str(exc)
    else:
        loaded.store.balance(START)  # what the server does with it works
        return
    assert reason and "Error" not in reason
