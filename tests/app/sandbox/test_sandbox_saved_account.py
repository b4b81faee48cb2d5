"""The demo account kept in a file (``SandboxServer(saved=SavedAccount(...))``): it outlives the server,
two servers on one file see each other's campaigns, and no file content stops the server."""

from __future__ import annotations

import json
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_sandbox_server import Api, FakeClock, card_body

from app.sandbox import SandboxServer, saved_state
from app.sandbox.demo_data import INITIAL_BALANCE
from app.sandbox.saved_account import first_id_of_a_new_account
from helpers.demo_account import START, account_path, saved_server

ZONE = ZoneInfo("Europe/Kyiv")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def path(tmp_path):
    return account_path(tmp_path)


def test_a_campaign_outlives_its_server_with_its_id_times_and_status(path, clock):
    first, account = saved_server(path, clock)
    api = Api(first)
    created = api.send(card_body()).json()["data"]
    clock.advance(3)
    assert api.call("PATCH", f"/api/campaigns/{created['id']}/stop").status == 200
    clock.advance(60)
    before = api.get(f"/api/campaigns/{created['id']}").json()["data"]

    later, again = saved_server(path, clock)  # the next command
    after = Api(later).get(f"/api/campaigns/{created['id']}").json()["data"]
    assert after == before and after["status"] == "stopped"
    assert again.label == account.label, "the history's records of this account are still its own"
    second = Api(later).send(card_body(sender="Other")).json()["data"]
    assert second["id"] == created["id"] + 1


def test_two_servers_on_one_file_see_each_others_campaigns(path, clock):
    window, _ = saved_server(path, clock)
    command, _ = saved_server(path, clock)
    in_window, in_command = Api(window), Api(command)
    first = in_window.send(card_body()).json()["data"]["id"]
    clock.advance(6)
    assert in_command.get(f"/api/campaigns/{first}").status == 200
    second = in_command.send(card_body(sender="Other")).json()["data"]["id"]
    clock.advance(6)
    third = in_window.send(card_body(sender="Third")).json()["data"]["id"]
    assert len({first, second, third}) == 3
    for api in (in_window, in_command):
        listed = {c["id"] for c in api.get("/api/campaigns?page[limit]=100").json()["data"]}
        assert {first, second, third} <= listed


def test_new_accounts_do_not_repeat_each_others_ids(tmp_path, clock):
    first, _ = saved_server(tmp_path / "a.json", clock)
    clock.advance(0.5)
    second, _ = saved_server(tmp_path / "b.json", clock)
    ids = [Api(server).send(card_body()).json()["data"]["id"] for server in (first, second)]
    assert ids[0] != ids[1]
    assert ids[0] == first_id_of_a_new_account(START)


def test_every_start_tops_the_demo_balance_up(path, clock):
    server, _ = saved_server(path, clock)
    assert Api(server).send(card_body()).status == 200
    clock.advance(3600)
    assert Api(server).get("/api/accounts/balance").json()["data"]["balance"] < INITIAL_BALANCE
    later, _ = saved_server(path, clock)
    assert Api(later).get("/api/accounts/balance").json()["data"]["balance"] == INITIAL_BALANCE


def test_a_damaged_file_is_moved_aside_and_the_account_starts_afresh(path, clock):
    path.parent.mkdir(parents=True)
    path.write_text('{"format": "rcs-desk.demo-account", "version": 1, "label": 7}', encoding="utf-8")
    server, account = saved_server(path, clock)
    [problem] = account.take_problems()
    [aside] = path.parent.glob("demo-account.damaged-*.json")
    assert f"its label is missing or wrong. It was moved to {aside}." in problem
    assert "starts afresh" in problem and account.take_problems() == []
    assert Api(server).send(card_body()).status == 200
    assert saved_state.load(path.read_bytes(), ZONE).label == account.label


def test_a_folder_that_cannot_be_written_keeps_the_account_in_memory_and_says_so_once(tmp_path, clock):
    (tmp_path / "data").write_bytes(b"a file where the folder should be")
    server, account = saved_server(tmp_path / "data" / "demo-account.json", clock)
    api = Api(server)
    created = api.send(card_body()).json()["data"]["id"]
    assert api.get(f"/api/campaigns/{created}").status == 200
    [problem] = account.take_problems()
    assert "cannot be kept for later" in problem and "a file is in the way" in problem
    api.send(card_body(sender="Other"))
    assert account.take_problems() == []


def test_the_oldest_finished_campaigns_are_forgotten_beyond_the_limit_and_their_cost_stays_spent(
    path, clock, monkeypatch
):
    monkeypatch.setattr(saved_state, "MAX_CAMPAIGNS", 7)
    server, _ = saved_server(path, clock)
    api = Api(server)
    for sender in ("A", "B", "C"):
        api.send(card_body(sender=sender))
        clock.advance(3600)
    balance = api.get("/api/accounts/balance").json()["data"]["balance"]
    api.send(card_body(sender="D"))  # the 9th campaign: two finished ones go
    listed = api.get("/api/campaigns?page[limit]=100").json()["data"]
    assert len(listed) == 7
    clock.advance(3600)
    spent_by_d = server.store.get(max(c["id"] for c in listed)).cost(clock())
    assert api.get("/api/accounts/balance").json()["data"]["balance"] == pytest.approx(balance - spent_by_d, abs=1e-3)


@pytest.mark.parametrize("moment", ["9999-12-31T23:59:59+00:00", "0001-01-01T00:00:00+00:00", "2025-04-14T10:00:00"])
def test_a_time_the_simulation_cannot_work_with_is_refused(moment):
    state = json.loads(saved_state.dump(SandboxServer(clock=lambda: START).store, "demo:x"))
    state["campaigns"][0]["created_at"] = moment
    assert state_or_reason(json.dumps(state).encode()) == "a campaign's creation time is missing or wrong"


def test_a_saved_campaign_reads_back_exactly(clock):
    server = SandboxServer(clock=clock, time_zone="Europe/Kyiv")
    api = Api(server)
    api.send(card_body(start_at=(START + timedelta(days=2)).astimezone(ZONE).strftime("%Y-%m-%d %H:%M:%S")))
    data = saved_state.dump(server.store, "demo:x")
    again = saved_state.load(data, ZONE)
    assert again.label == "demo:x"
    assert again.store.state() == server.store.state()


def state_or_reason(data: bytes) -> saved_state.SavedState | str:
    """The account read back, or why not (``StateError`` is the only failure allowed)."""
    try:
        return saved_state.load(data, ZONE)
    except saved_state.StateError as exc:
        return str(exc)


def is_plain(reason: str) -> bool:
    return bool(reason) and "Error" not in reason and "Traceback" not in reason


@given(st.binary(max_size=300))
def test_any_bytes_give_a_state_or_a_plain_reason(data):
    result = state_or_reason(data)
    assert isinstance(result, saved_state.SavedState) or is_plain(result)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)


@given(
    key=st.sampled_from(["label", "next_id", "funds", "credit", "settled_until", "money_out_at", "campaigns"]),
    campaign_key=st.sampled_from(
        [
            "id",
            "name",
            "created_at",
            "start_at",
            "total",
            "groups",
            "calculated_price",
            "sms_parts",
            "paused_at",
            "baseline_cost",
        ]
    ),
    value=JSON_VALUES,
    in_campaign=st.booleans(),
)
def test_a_changed_value_gives_a_state_or_a_plain_reason(key, campaign_key, value, in_campaign):
    store = SandboxServer(clock=lambda: START).store
    state = json.loads(saved_state.dump(store, "demo:x"))
    if in_campaign:
        state["campaigns"][0][campaign_key] = value
    else:
        state[key] = value
    result = state_or_reason(json.dumps(state).encode())
    if isinstance(result, str):
        assert is_plain(result)
    else:
        result.store.balance(START + timedelta(days=1))  # what the server does with it works
