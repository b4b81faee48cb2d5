"""The simulated server's single messages and message list: checks, answers, progress, paging, filters."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.sandbox import SandboxServer, saved_state, timeline
from app.sandbox.demo_data import FIRST_LIST_ID, RCS_PRICE, SMS_PRICE
from app.sandbox.message_rules import REFERENCE_TAKEN
from helpers.messages import (
    AFTER_EVERYTHING_S,
    START,
    Caller,
    FakeClock,
    message_body,
    phone_with,
    sms_fallback,
)

ANSWER_KEYS = {
    "id",
    "reference_id",
    "source",
    "type",
    "phone",
    "status",
    "validity",
    "amount",
    "sender",
    "created_at",
    "sent_at",
    "delivered_at",
}
VIP = FIRST_LIST_ID + 2  # 240 contacts, 2 on the stop list


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def server(clock) -> SandboxServer:
    return SandboxServer(clock=clock, time_zone="Europe/Kyiv")


@pytest.fixture
def api(server) -> Caller:
    return Caller(server)


# Sending one message ------------------------------------------------------------------------------


def test_a_single_message_is_answered_as_documented(api):
    answer = api.send(message_body("380991234567", "abc123"))
    assert answer.status == 200, answer.text
    data = answer.json()["data"]
    assert set(data) == ANSWER_KEYS
    assert data["phone"] == 380991234567 and data["reference_id"] == "abc123"
    assert (data["status"], data["source"], data["type"], data["validity"]) == ("accepted", "rest", "rcs", 72)
    assert data["amount"] == {"value": f"{RCS_PRICE:.7f}", "currency": "USD"}
    assert data["created_at"] == "2025-04-14 13:00:00" and data["sent_at"] is None


def test_the_number_may_be_an_integer_and_lists_and_schedule_are_ignored(api):
    body = message_body("380991234567", groups=[VIP], start_at="2025-04-20 09:00:00")
    body["phone"]["number"] = 380991234567
    assert api.send(body).status == 200


@pytest.mark.parametrize("number", ["+380991234567", "38099", "3809912345678901", "38099 1234567", "", None, 12.5])
def test_a_number_that_is_not_9_to_15_digits_is_refused(api, number):
    answer = api.send(message_body("0", "r1") | {"phone": {"number": number, "reference_id": "r1"}})
    assert answer.status == 422
    assert "phone.number" in answer.json()["errors"]


@pytest.mark.parametrize("reference", ["a" * 33, "abc-123", "naïve", 123, ""])
def test_a_reference_that_is_not_up_to_32_letters_and_digits_is_refused(api, reference):
    answer = api.send(message_body("380991234567") | {"phone": {"number": "380991234567", "reference_id": reference}})
    if reference == "":
        assert answer.status == 200  # empty means none, as Laravel reads it
        return
    assert answer.status == 422
    assert "phone.reference_id" in answer.json()["errors"]


def test_a_repeated_reference_is_refused_and_nothing_more_is_sent(api, server, clock):
    assert api.send(message_body("380991234567", "same1")).status == 200
    clock.advance(60)  # past the duplicate window: the reference alone refuses it
    again = api.send(message_body("380671112233", "same1"))
    assert again.status == 422
    assert again.json() == {
        "message": "The given data was invalid.",
        "errors": {"phone.reference_id": [REFERENCE_TAKEN]},
    }
    assert len(server.store.singles()) == 1


def test_the_same_body_twice_within_a_moment_is_a_duplicate(api):
    assert api.send(message_body("380991234567")).status == 200
    assert api.send(message_body("380991234567")).status == 429


@pytest.mark.parametrize(
    ("field", "value", "key"),
    [
        ("sender", "", "sender"),
        ("options", {"text": ""}, "options.text"),
        ("validity", 73, "validity"),
        ("validity_seconds", 29, "validity_seconds"),
        ("alternative_channel", {"sms": {"text": "Hi", "sender": "Unknown"}}, "alternative_channel.sms.sender"),
        ("check_stop_list", "yes", "check_stop_list"),
        ("callback_url", "x" * 101, "callback_url"),
    ],
)
def test_the_rest_of_the_message_is_checked_like_a_campaign(api, field, value, key):
    answer = api.send(message_body("380991234567", "r2") | {field: value})
    assert answer.status == 422
    assert key in answer.json()["errors"]


# What becomes of it -------------------------------------------------------------------------------


def statuses(api, clock, reference: str, moments: list[float]) -> list[tuple]:
    """(status, SMS status) of the message sent at START, at each moment (seconds after it)."""
    seen = []
    for seconds in moments:
        clock.now = START + timedelta(seconds=seconds)
        item = api.message(reference)
        sms = (item["alternative_channels"] or {}).get("sms") or {}
        seen.append((item["status"], sms.get("status")))
    return seen


def test_a_message_is_sent_then_delivered_then_read(api, clock):
    api.send(message_body(phone_with("delivered", read=True), "read1"))
    lags = [0, 1, 1 + timeline.REPORT_LAG_S, 1 + timeline.READ_LAG_S]
    assert statuses(api, clock, "read1", lags) == [
        ("accepted", None),
        ("sent", None),
        ("delivered", None),
        ("read", None),
    ]
    item = api.message("read1")
    assert item["sent_at"] == "2025-04-14 13:00:01" and item["delivered_at"] == "2025-04-14 13:00:04"


def test_a_phone_without_rcs_gets_the_sms_fallback(api, clock):
    api.send(message_body(phone_with("undelivered", sms=True), "sms1", alternative_channel=sms_fallback()))
    later = [1 + timeline.REPORT_LAG_S, 1 + timeline.REPORT_LAG_S + timeline.SMS_LAG_S]
    assert statuses(api, clock, "sms1", later) == [("undelivered", "sent"), ("undelivered", "delivered")]
    item = api.message("sms1")
    assert item["alternative_channels"]["sms"]["parts"] == 1
    assert item["amount"]["value"] == f"{SMS_PRICE:.7f}" and item["delivered_at"] is None


def test_without_a_fallback_it_expires_when_its_validity_ends(api, clock):
    api.send(message_body(phone_with("undelivered"), "exp1", validity_seconds=30))
    assert statuses(api, clock, "exp1", [10, 30]) == [("undelivered", None), ("expired", None)]


def test_some_messages_fail(api, clock):
    api.send(message_body(phone_with("failed"), "fail1"))
    assert statuses(api, clock, "fail1", [AFTER_EVERYTHING_S]) == [("failed", None)]


def test_a_delivered_message_is_paid_for(api, server, clock):
    before = server.store.balance(clock.now)
    api.send(message_body(phone_with("delivered"), "paid1"))
    clock.advance(AFTER_EVERYTHING_S)
    assert server.store.balance(clock.now) == pytest.approx(before - RCS_PRICE)


def test_without_money_a_message_is_refused(api, server, clock):
    server.top_up(-server.store.balance(clock.now) - 1)
    answer = api.send(message_body("380991234567", "poor1"))
    assert answer.status == 422 and "Insufficient funds" in answer.json()["message"]


# The list: a campaign's messages -----------------------------------------------------------------


def send_vip(api, *, fallback: bool = True) -> int:
    body = {"groups": [VIP], "sender": "WWT Shop", "options": {"text": "Hi"}}
    if fallback:
        body["alternative_channel"] = sms_fallback()
    answer = api.call("POST", "/api/campaigns/rcs/send-groups", body)
    assert answer.status == 200, answer.text
    return answer.json()["data"]["id"]


def every_message(api, query: str, limit: int = 500) -> list[dict]:
    found, offset = [], 0
    while True:
        page = api.messages(f"{query}&page[offset]={offset}&page[limit]={limit}")
        found += page["data"]
        offset += limit
        if offset >= page["meta"]["page"]["total"]:
            return found


@pytest.mark.parametrize("seconds", [0, 2, 5, 7.5, 12, 40])
def test_a_campaigns_messages_agree_with_its_counters(api, clock, seconds):
    campaign_id = send_vip(api)
    clock.advance(seconds)
    listed = every_message(api, f"filter[campaign_id]={campaign_id}&sort=id&way=asc")
    detail = api.call("GET", f"/api/campaigns/{campaign_id}/detail").json()["data"]
    assert len(listed) == 238 == detail["total_phones"]
    status = Counter(item["status"] for item in listed)
    sms = Counter((item["alternative_channels"] or {}).get("sms", {}).get("status") for item in listed)
    statistics, sms_statistics = detail["statistics"], detail["alternative_channels"]["sms"]["statistics"]
    assert status["delivered"] + status["read"] == statistics["delivered"]
    assert status["read"] == statistics["read"]
    assert status["failed"] == statistics["failed"]
    assert status["undelivered"] == statistics["undelivered"]
    assert len(listed) - status["scheduled"] == statistics["sent"]
    assert sms["sent"] + sms["delivered"] + sms["undelivered"] == sms_statistics["sent"]
    assert sms["delivered"] == sms_statistics["delivered"]


def test_a_campaigns_messages_have_different_phones_and_consecutive_ids(api, clock):
    campaign_id = send_vip(api, fallback=False)
    listed = every_message(api, f"filter[campaign_id]={campaign_id}&sort=id&way=asc", limit=15)
    ids = [item["id"] for item in listed]
    assert ids == list(range(ids[0], ids[0] + 238))
    assert len({item["phone"] for item in listed}) == 238
    assert {item["campaign_id"] for item in listed} == {campaign_id}
    assert all(item["reference_id"] is None for item in listed)


def test_a_5000_message_campaign_is_listed_page_by_page_without_being_stored(server, api, clock):
    campaign = server.store.create(now=clock.now, sender="WWT Shop", total=5000, start_at=None, sms_parts=1)
    clock.advance(3600)
    listed = every_message(api, f"filter[campaign_id]={campaign.id}&sort=id&way=asc")
    assert len(listed) == 5000 == len({item["id"] for item in listed})
    assert len(saved_state.dump(server.store, "demo:x")) < 20_000  # what the account keeps: no message of it
    page = api.messages(f"filter[campaign_id]={campaign.id}&page[offset]=4990&page[limit]=15")
    assert len(page["data"]) == 10  # newest first by default: the 10 oldest are on the last page
    assert page["data"][-1]["id"] == campaign.first_message_id


def test_newest_first_by_default_and_way_sets_the_order(api, clock):
    api.send(message_body("380991234567", "first"))
    clock.advance(60)
    api.send(message_body("380671112233", "second"))
    default = [item["reference_id"] for item in api.messages("filter[from]=2025-04-14 12:00:00")["data"]]
    assert default == ["second", "first"]
    ascending = api.messages("filter[from]=2025-04-14 12:00:00&sort=id")["data"]
    assert [item["reference_id"] for item in ascending] == ["first", "second"]


@pytest.mark.parametrize("way", ["asc", "desc"])
def test_sorting_by_phone_and_by_delivery(api, clock, way):
    campaign_id = send_vip(api)
    clock.advance(3600)
    query = f"filter[campaign_id]={campaign_id}&way={way}"
    phones = [item["phone"] for item in every_message(api, f"{query}&sort=phone")]
    assert phones == sorted(phones, reverse=way == "desc")
    delivered = [item["delivered_at"] is not None for item in every_message(api, f"{query}&sort=delivered")]
    assert delivered == sorted(delivered, reverse=way == "asc")  # the undelivered come last when ascending


def test_filters_by_id_reference_and_time(api, clock):
    first = api.send(message_body("380991234567", "one")).json()["data"]
    clock.advance(3600)
    api.send(message_body("380671112233", "two"))
    assert [m["reference_id"] for m in api.messages(f"filter[id]={first['id']}")["data"]] == ["one"]
    assert api.messages("filter[reference_id]=nothere")["data"] == []
    in_between = api.messages("filter[from]=2025-04-14 13:30:00&filter[to]=2025-04-14 14:00:00")["data"]
    assert [m["reference_id"] for m in in_between] == ["two"]
    assert api.messages("filter[campaign_id]=1")["meta"]["page"]["total"] == 0


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("page[limit]=14", "page.limit"),
        ("page[limit]=501", "page.limit"),
        ("page[offset]=-1", "page.offset"),
        ("filter[id]=abc", "filter.id"),
        ("filter[from]=2025-04-14", "filter.from"),
        ("filter[to]=yesterday", "filter.to"),
        ("sort=date", "sort"),
        ("way=up", "way"),
    ],
)
def test_a_wrong_query_is_refused_by_name(api, query, key):
    answer = api.call("GET", f"/api/messages?{query}")
    assert answer.status == 422
    assert key in answer.json()["errors"]


QUERY_NAMES = st.sampled_from(
    [
        "page[offset]",
        "page[limit]",
        "filter[id]",
        "filter[campaign_id]",
        "filter[reference_id]",
        "filter[from]",
        "filter[to]",
        "sort",
        "way",
    ]
)


@given(st.dictionaries(QUERY_NAMES, st.text(max_size=25), max_size=5))
def test_any_query_gets_a_page_or_a_refusal(query):
    server = SandboxServer(clock=FakeClock())
    api = Caller(server)
    target = "/api/messages?" + "&".join(f"{quote(k)}={quote(v)}" for k, v in query.items())
    answer = api.call("GET", target)
    assert answer.status in (200, 422), answer.text
    if answer.status == 200:
        body = answer.json()
        assert len(body["data"]) <= body["meta"]["page"]["limit"] <= 500
