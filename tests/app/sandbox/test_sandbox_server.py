"""The simulated WWT.world server: answers, validation, lifecycle, money, faults (no sockets here)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import httpx
import pytest

from app.campaign import limits
from app.sandbox import DEMO_API_KEY, Faults, SandboxServer, SandboxTransport, timeline
from app.sandbox.demo_data import FIRST_LIST_ID
from helpers.documented import documented_example
from helpers.messages import Caller, FakeClock

SEND = "/api/campaigns/rcs/send-groups"
VIP = FIRST_LIST_ID + 2  # "VIP customers": 240 contacts, 2 on the stop list
STAFF = FIRST_LIST_ID  # "Staff test phones": 40 contacts
NEWSLETTER = FIRST_LIST_ID + 1  # 4800 contacts
BIG = FIRST_LIST_ID + 7  # "Import XLS": 12,000 contacts
CAMPAIGN_KEYS = {
    "id",
    "name",
    "sender",
    "status",
    "message_type",
    "start_at",
    "real_start_at",
    "finished_at",
    "created_at",
    "statistics",
    "calculated_price",
    "currency",
    "alternative_channels",
}


class Api(Caller):
    """A logged-in caller of ``server.handle`` that sends campaigns (``send``) and reads them."""

    def get(self, target: str):
        return self.call("GET", target)

    def send(self, body: dict):
        return self.call("POST", SEND, body)

    def detail(self, campaign_id: int) -> dict:
        answer = self.get(f"/api/campaigns/{campaign_id}/detail")
        assert answer.status == 200
        return answer.json()["data"]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def server(clock) -> SandboxServer:
    return SandboxServer(clock=clock, time_zone="Europe/Kyiv")


@pytest.fixture
def api(server) -> Api:
    return Api(server)


def card_body(**changes) -> dict:
    body = {
        "groups": [VIP, STAFF],
        "sender": "WWTshop_RCS",
        "options": {
            "cards": [
                {
                    "title": "Spring sale",
                    "text": "Up to 50% off",
                    "media": {"url": "https://example.com/sale.png"},
                    "suggestions": [
                        {"type": "link", "text": "Shop now", "url": "https://example.com/"},
                        {"type": "call", "text": "Call us", "phone": "380991112233"},
                    ],
                },
                {"text": "Second card", "media": {"url": "https://example.com/2.jpg"}},
            ]
        },
    }
    body.update(changes)
    return body


def errors_of(answer) -> dict:
    assert answer.status == 422, answer.text
    data = answer.json()
    assert data["message"] == "The given data was invalid."
    return data["errors"]


# 1. Authentication ------------------------------------------------------------------------------


def test_login_gives_a_jwt_shaped_bearer(server):
    answer = server.handle("POST", "/api/auth/login", {}, b'{"api_key": "live_abc"}')
    assert answer.status == 200
    assert answer.headers["Content-Type"] == "application/json"
    assert len(answer.json()["bearer"].split(".")) == 3


@pytest.mark.parametrize(
    ("body", "status"),
    [(b'{"api_key": "wrong"}', 401), (b"{}", 422), (b'{"api_key": ""}', 422), (b"[1, 2]", 422)],
)
def test_login_refusals(server, body, status):
    answer = server.handle("POST", "/api/auth/login", {}, body)
    assert answer.status == status
    if status == 401:
        assert answer.json() == {"message": "Unauthenticated."}
    else:
        assert answer.json()["errors"] == {"api_key": ["The api key field is required."]}


def test_accepted_keys_limit_the_login(clock):
    server = SandboxServer(clock=clock, accepted_keys={"live_right"})
    assert server.handle("POST", "/api/auth/login", {}, b'{"api_key": "live_other"}').status == 401
    assert server.handle("POST", "/api/auth/login", {}, b'{"api_key": "live_right"}').status == 200


@pytest.mark.parametrize("header", [None, "Bearer nonsense", "Bearer: {token}", "Basic {token}"])
def test_missing_or_wrong_bearer_is_401(server, api, header):
    headers = {} if header is None else {"Authorization": header.format(token=api.token)}
    answer = server.handle("GET", "/api/accounts/balance", headers, b"")
    assert answer.status == 401
    assert answer.json() == {"message": "Unauthenticated."}


def test_header_names_are_case_insensitive(server, api):
    answer = server.handle("GET", "/api/accounts/balance", {"authorization": f"bearer {api.token}"}, b"")
    assert answer.status == 200


def test_expire_tokens_makes_the_next_call_401(server, api):
    assert api.get("/api/accounts/balance").status == 200
    server.expire_tokens()
    assert api.get("/api/accounts/balance").status == 401


def test_tokens_expire_by_the_clock(clock):
    server = SandboxServer(clock=clock, token_lifetime_s=60)
    api = Api(server)
    clock.advance(59)
    assert api.get("/api/groups").status == 200
    clock.advance(1)
    assert api.get("/api/groups").status == 401


def test_refresh_gives_a_new_token_and_retires_the_old(api):
    answer = api.call("POST", "/api/auth/refresh")
    assert answer.status == 200
    old, api.token = api.token, answer.json()["bearer"]
    assert api.token != old
    assert api.get("/api/groups").status == 200
    api.token = old
    assert api.get("/api/groups").status == 401


def test_unknown_path_is_404_even_without_a_token(server):
    for target in ("/api/nothing", "/api/groups/abc", "/"):
        answer = server.handle("GET", target, {}, b"")
        assert answer.status == 404
        assert answer.json() == {"message": "Not Found"}


def test_wrong_method_is_405_with_a_json_message(api):
    answer = api.call("DELETE", "/api/campaigns/1/stop")
    assert answer.status == 405
    assert "PATCH" in answer.json()["message"]


def test_malformed_json_body_is_a_400_json_message(api):
    answer = api.call("POST", SEND, raw=b'{"groups": [1,')
    assert answer.status == 400
    assert "not valid JSON" in answer.json()["message"]


# 2. Contact lists ---------------------------------------------------------------------------------


def test_groups_default_page_has_the_dozen_demo_lists(api):
    data = api.get("/api/groups").json()
    assert data["total"] == 12 == len(data["data"])
    first = data["data"][0]
    assert set(first) == {"id", "name", "description", "default", "created_at", "items", "stop_list_count"}
    names = {row["name"] for row in data["data"]}
    assert {"Newsletter subscribers", "VIP customers", "Kyiv store visitors"} <= names
    sizes = {row["items"] for row in data["data"]}
    assert min(sizes) == 40 and 12000 in sizes and max(sizes - {12000}) == 4800
    assert any(row["description"] is None for row in data["data"])
    assert any(isinstance(row["description"], str) for row in data["data"])
    datetime.strptime(first["created_at"], limits.START_AT_FORMAT)


def test_groups_paging(api):
    page = api.get("/api/groups?page%5Boffset%5D=10&page%5Blimit%5D=15").json()
    assert page["total"] == 12 and len(page["data"]) == 2
    assert api.get("/api/groups?page[offset]=50&page[limit]=15").json() == {"data": [], "total": 12}


@pytest.mark.parametrize(
    ("query", "key", "text"),
    [
        ("page[limit]=14", "page.limit", "The page.limit must be between 15 and 500."),
        ("page[limit]=501", "page.limit", "The page.limit must be between 15 and 500."),
        ("page[limit]=many", "page.limit", "The page.limit must be an integer."),
        ("page[offset]=-1", "page.offset", "The page.offset must be at least 0."),
    ],
)
def test_groups_paging_limits(api, query, key, text):
    assert errors_of(api.get(f"/api/groups?{query}")) == {key: [text]}


def test_one_group_and_a_missing_one(api):
    answer = api.get(f"/api/groups/{VIP}")
    assert answer.status == 200
    assert answer.json()["data"]["name"] == "VIP customers"
    missing = api.get("/api/groups/999")
    assert missing.status == 404 and missing.json() == {"message": "Not Found"}


def test_generated_lists_page_through_without_gaps(clock):
    api = Api(SandboxServer(clock=clock, list_count=1234))
    seen = []
    for offset in range(0, 1234, 500):
        page = api.get(f"/api/groups?page[offset]={offset}&page[limit]=500").json()
        assert page["total"] == 1234
        seen += [row["id"] for row in page["data"]]
    assert len(seen) == len(set(seen)) == 1234


# 3. Send --------------------------------------------------------------------------------------------


def test_send_answers_with_the_documented_campaign_shape(api):
    body = card_body(alternative_channel={"sms": {"text": "Sale! See example.com", "sender": "WWTshop"}})
    answer = api.send(body)
    assert answer.status == 200, answer.text
    data = answer.json()["data"]
    assert set(data) == CAMPAIGN_KEYS
    assert data["status"] == "creation"
    assert data["message_type"] == "rcs"
    assert data["name"] == "RCS api campaign / 2025-04-14 13:00:00"
    assert data["created_at"] == data["start_at"] == "2025-04-14 13:00:00"  # Kyiv wall time
    assert data["real_start_at"] is None and data["finished_at"] is None
    assert data["statistics"] == {"delivered": 0, "sent": 0}
    assert isinstance(data["calculated_price"], float) and data["calculated_price"] > 0
    assert data["currency"] == "USD"
    assert data["alternative_channels"] == {"sms": {"statistic": {"delivered": 0, "sent": 0}}}


def test_price_grows_with_contacts_and_sms_parts(api):
    def price(**changes):
        return api.send(card_body(**changes)).json()["data"]["calculated_price"]

    small = price(groups=[STAFF])
    bigger = price(groups=[VIP])
    one_part = price(groups=[STAFF], alternative_channel={"sms": {"text": "a" * 160, "sender": "Promo"}})
    two_parts = price(groups=[STAFF], alternative_channel={"sms": {"text": "a" * 161, "sender": "Promo"}})
    assert small < bigger
    assert small < one_part < two_parts


def test_send_without_fallback_has_null_alternative_channels(api):
    assert api.send(card_body()).json()["data"]["alternative_channels"] is None


@pytest.mark.sends_invalid_bodies("the sandbox's refusals are under test")
def test_button_text_of_26_characters_is_rejected_with_a_dotted_key(api):
    body = card_body()
    body["options"]["cards"][1]["suggestions"] = [{"type": "link", "text": "x" * 26, "url": "https://a.b/"}]
    assert errors_of(api.send(body)) == {
        "options.cards.1.suggestions.0.text": [
            "The options.cards.1.suggestions.0.text may not be greater than 25 characters."
        ]
    }


@pytest.mark.sends_invalid_bodies("the sandbox's refusals are under test")
def test_lengths_count_utf16_units(api):
    body = card_body()
    body["options"]["cards"][0]["suggestions"] = [
        {"type": "link", "text": "😀" * 12 + "a", "url": "https://a.b/"}
    ]  # 25 units
    assert api.send(body).status == 200
    body["options"]["cards"][0]["suggestions"] = [
        {"type": "link", "text": "😀" * 13, "url": "https://a.b/"}
    ]  # 26 units
    assert list(errors_of(api.send(body))) == ["options.cards.0.suggestions.0.text"]


@pytest.mark.sends_invalid_bodies("the sandbox's refusals are under test")
def test_six_cards_are_rejected(api):
    card = {"text": "Card", "media": {"url": "https://example.com/a.png"}}
    body = card_body(options={"cards": [card] * (limits.CARDS_MAX + 1)})
    assert errors_of(api.send(body)) == {"options.cards": ["The options.cards may not have more than 5 items."]}


@pytest.mark.sends_invalid_bodies("the sandbox's refusals are under test")
@pytest.mark.parametrize("phone", ["+380991112233", "38099", "3809911122334455", "380 99 111 22 33"])
def test_bad_call_phone_is_rejected(api, phone):
    body = card_body()
    body["options"]["cards"][0]["suggestions"][1]["phone"] = phone
    assert errors_of(api.send(body)) == {
        "options.cards.0.suggestions.1.phone": [
            "The options.cards.0.suggestions.1.phone must be between 9 and 15 digits."
        ]
    }


@pytest.mark.sends_invalid_bodies("the sandbox's refusals are under test")
def test_other_message_rules(api):
    body = card_body()
    cards = body["options"]["cards"]
    cards[0]["media"]["url"] = "ftp://example.com/a.png"
    cards[0]["title"] = "t" * 201
    cards[0]["suggestions"].append({"type": "link", "text": "Third", "url": "https://a.b/"})
    cards[0]["suggestions"][0]["postback_data"] = "p" * 26
    cards[1] = {"title": "No text, no media"}
    assert errors_of(api.send(body)) == {
        "options.cards.0.title": ["The options.cards.0.title may not be greater than 200 characters."],
        "options.cards.0.media.url": ["The options.cards.0.media.url format is invalid."],
        "options.cards.0.suggestions": ["The options.cards.0.suggestions may not have more than 2 items."],
        "options.cards.0.suggestions.0.postback_data": [
            "The options.cards.0.suggestions.0.postback data may not be greater than 25 characters."
        ],
        "options.cards.1.text": [
            "The options.cards.1.text field is required when options.cards.1.media is not present."
        ],
    }


@pytest.mark.sends_invalid_bodies("the sandbox's refusals are under test")
def test_request_level_rules(api):
    body = {
        "groups": [],
        "sender": "s" * 41,
        "options": {"text": "x" * 161},
        "validity": 73,
        "tariff_code": "nine",
        "check_stop_list": "yes",
    }
    assert errors_of(api.send(body)) == {
        "groups": ["The groups field is required."],
        "sender": ["The sender may not be greater than 40 characters."],
        "options.text": ["The options.text may not be greater than 160 characters."],
        "tariff_code": ["The tariff code must be an integer."],
        "validity": ["The validity must be between 1 and 72."],
        "check_stop_list": ["The check stop list field must be true or false."],
    }
    assert set(errors_of(api.send({}))) == {"groups", "sender", "options"}
    both = errors_of(api.send(card_body(options={"text": "Hi", "cards": [{"text": "Hi"}]})))
    assert list(both) == ["options.cards"]


def test_unknown_list_is_named_by_index(api):
    assert errors_of(api.send(card_body(groups=[VIP, 42]))) == {"groups.1": ["The selected groups.1 is invalid."]}


def test_more_than_5000_contacts_is_rejected(api):
    errors = errors_of(api.send(card_body(groups=[BIG])))
    assert list(errors) == ["groups"] and "5000" in errors["groups"][0]
    # The stop list counts: 4800 - 37 + 240 - 2 = 5001 with it, 5040 without.
    assert list(errors_of(api.send(card_body(groups=[NEWSLETTER, VIP])))) == ["groups"]
    assert api.send(card_body(groups=[NEWSLETTER])).status == 200


@pytest.mark.sends_invalid_bodies("the sandbox's refusals are under test")
def test_sms_fallback_rules(api):
    def errors(sms):
        return errors_of(api.send(card_body(alternative_channel={"sms": sms})))

    assert errors({"text": "Hi", "sender": "NoSuchName"}) == {
        "alternative_channel.sms.sender": ["The selected alternative channel.sms.sender is invalid."]
    }
    assert list(errors({"text": "Hi", "sender": "NewBrand"})) == ["alternative_channel.sms.sender"]  # registering
    assert list(errors({"text": "Hi", "sender": "ab"})) == ["alternative_channel.sms.sender"]
    assert errors({"text": "Привіт" * 56, "sender": "Promo"}) == {  # 336 UCS-2 units
        "alternative_channel.sms.text": ["The alternative channel.sms.text may not be greater than 335 characters."]
    }
    assert list(errors({"text": "{}" * 383, "sender": "Promo"})) == ["alternative_channel.sms.text"]  # 766 septets
    assert list(errors({"sender": "Promo", "validity": 0})) == [
        "alternative_channel.sms.text",
        "alternative_channel.sms.validity",
    ]
    ok = card_body(alternative_channel={"sms": {"text": "Привіт" * 55 + "abcde", "sender": "380671112233"}})
    assert api.send(ok).status == 200


@pytest.mark.sends_invalid_bodies("the sandbox's refusals are under test")
def test_start_at_window_follows_the_account_time_zone():
    # 22:30 UTC on 10 March is already 11 March in Kyiv: day 30 is 9 April there (8 April in UTC).
    clock = FakeClock(datetime(2025, 3, 10, 22, 30, tzinfo=UTC))
    kyiv = Api(SandboxServer(clock=clock, time_zone="Europe/Kyiv"))
    utc = Api(SandboxServer(clock=clock, time_zone="UTC"))
    last_kyiv = card_body(start_at="2025-04-09 23:59:59")
    assert kyiv.send(last_kyiv).status == 200
    assert errors_of(kyiv.send(card_body(start_at="2025-04-10 00:00:00"))) == {
        "start_at": ["The start at must be a date before or equal to 2025-04-09 23:59:59."]
    }
    assert errors_of(utc.send(card_body(start_at="2025-04-09 00:00:00"))) == {
        "start_at": ["The start at must be a date before or equal to 2025-04-08 23:59:59."]
    }
    assert errors_of(kyiv.send(card_body(start_at="2025-03-10 23:00:00"))) == {
        "start_at": ["The start at must be a date after or equal to today."]
    }
    assert errors_of(kyiv.send(card_body(start_at="2025-04-01T10:00:00"))) == {
        "start_at": ["The start at does not match the format Y-m-d H:i:s."]
    }


def test_duplicate_send_is_429_until_the_window_passes(clock):
    api = Api(SandboxServer(clock=clock, duplicate_window_s=5.0))
    assert api.send(card_body()).status == 200
    clock.advance(4.9)
    again = api.send(card_body())
    assert again.status == 429
    assert again.json() == {"message": "Too many duplicate request detected"}
    assert api.send(card_body(sender="Other agent")).status == 200  # a different body is not a duplicate
    clock.advance(0.1)
    assert api.send(card_body()).status == 200


def test_a_rejected_send_is_not_remembered_as_a_duplicate(api):
    bad = card_body(groups=[42])
    assert api.send(bad).status == 422
    assert api.send(bad).status == 422


# Lifecycle ----------------------------------------------------------------------------------------


def test_instant_campaign_goes_creation_sending_done_and_counters_grow(api, clock):
    body = card_body(groups=[VIP], alternative_channel={"sms": {"text": "Sale", "sender": "WWTshop"}})
    campaign_id = api.send(body).json()["data"]["id"]
    seen_statuses, previous = [], None
    for _ in range(40):
        detail = api.detail(campaign_id)
        if not seen_statuses or seen_statuses[-1] != detail["status"]:
            seen_statuses.append(detail["status"])
        stats, sms = detail["statistics"], detail["alternative_channels"]["sms"]["statistics"]
        current = (stats["sent"], stats["delivered"], stats["read"], stats["failed"], sms["sent"], sms["delivered"])
        if previous is not None:
            assert all(now >= before for now, before in zip(current, previous, strict=True))
        previous = current
        clock.advance(1)
    assert seen_statuses == ["creation", "sending", "done"]
    total = 240 - 2
    sent, delivered, read, failed, sms_sent, sms_delivered = previous
    assert sent == total and 0 < read < delivered < sent and failed > 0
    assert 0 < sms_delivered <= sms_sent == detail["statistics"]["undelivered"]
    assert detail["total_phones"] == total
    assert detail["finished_at"] is not None and detail["actual_start_at"] is not None
    short = api.get(f"/api/campaigns/{campaign_id}").json()["data"]
    assert short["statistics"] == {"delivered": delivered, "sent": sent}
    assert short["alternative_channels"]["sms"]["statistic"] == {"delivered": sms_delivered, "sent": sms_sent}
    assert short["calculated_price"] is None  # the price is only in the answer to the send


def test_detail_shape(api):
    campaign_id = api.send(card_body()).json()["data"]["id"]
    detail = api.detail(campaign_id)
    assert {"type", "started_at", "actual_start_at", "total_messages", "total_phones", "total_price"} <= set(detail)
    assert isinstance(detail["total_price"], str) and float(detail["total_price"]) == 0.0
    expected = {
        "delivered",
        "sent",
        "scheduled",
        "moderation",
        "accepted",
        "sending",
        "expired",
        "failed",
        "undelivered",
        "unknown",
        "read",
    }
    assert expected <= set(detail["statistics"])
    assert detail["statistics"]["scheduled"] == detail["total_phones"]
    assert detail["alternative_channels"] == []
    assert api.get("/api/campaigns/1/detail").status == 404


def test_scheduled_campaign_waits_for_its_start(api, clock):
    body = card_body(start_at="2025-04-15 09:30:00")  # Kyiv; 06:30 UTC
    campaign_id = api.send(body).json()["data"]["id"]
    assert api.detail(campaign_id)["status"] == "creation"  # the clock has not moved since the send
    clock.advance(timeline.CREATION_S + 1)
    assert api.detail(campaign_id)["status"] == "scheduled"
    clock.now = datetime(2025, 4, 15, 6, 29, 59, tzinfo=UTC)
    assert api.detail(campaign_id)["statistics"]["sent"] == 0
    clock.advance(5)
    detail = api.detail(campaign_id)
    assert detail["status"] == "sending" and detail["statistics"]["sent"] > 0
    assert detail["actual_start_at"] == "2025-04-15 09:30:00"


# Stop -----------------------------------------------------------------------------------------------


def test_stop_rules(api, clock):
    campaign_id = api.send(card_body()).json()["data"]["id"]
    refused = api.call("PATCH", f"/api/campaigns/{campaign_id}/stop")  # still "creation"
    assert refused.status == 422
    assert refused.json() == {"message": "Invalid campaign status", "errors": []}
    clock.advance(timeline.CREATION_S + 2)
    stopped = api.call("PATCH", f"/api/campaigns/{campaign_id}/stop")
    assert stopped.status == 200
    assert stopped.json()["data"]["status"] == "stopped"
    frozen = api.detail(campaign_id)["statistics"]
    clock.advance(600)
    assert api.detail(campaign_id)["statistics"] == frozen
    assert api.call("PATCH", f"/api/campaigns/{campaign_id}/stop").status == 422
    assert api.call("PATCH", "/api/campaigns/1/stop").status == 404


def test_done_campaign_cannot_be_stopped_but_a_scheduled_one_can(api):
    campaigns = api.get("/api/campaigns?page[limit]=30").json()["data"]
    by_status = {c["status"]: c["id"] for c in campaigns}
    assert api.call("PATCH", f"/api/campaigns/{by_status['done']}/stop").status == 422
    answer = api.call("PATCH", f"/api/campaigns/{by_status['scheduled']}/stop")
    assert answer.status == 200 and answer.json()["data"]["status"] == "stopped"


# Campaign list, balance, senders -------------------------------------------------------------------


def test_campaign_list_has_campaigns_made_elsewhere_and_pages(api):
    data = api.get("/api/campaigns").json()
    assert data["meta"] == {"page": {"total": len(data["data"]), "offset": 0, "limit": 50}}
    assert {c["status"] for c in data["data"]} >= {"done", "scheduled", "stopped"}
    assert all(set(c) == CAMPAIGN_KEYS for c in data["data"])
    new_id = api.send(card_body()).json()["data"]["id"]
    rcs = api.get("/api/campaigns?page[offset]=0&page[limit]=30&filter[type]=rcs&sort=date&way=desc").json()
    assert rcs["data"][0]["id"] == new_id
    assert all(c["message_type"] == "rcs" for c in rcs["data"])
    sms_count = sum(1 for c in data["data"] if c["message_type"] == "sms")
    assert sms_count == 1
    assert rcs["meta"]["page"]["total"] == len(rcs["data"]) == data["meta"]["page"]["total"] + 1 - sms_count


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("page[limit]=29", "page.limit"),
        ("page[limit]=501", "page.limit"),
        ("filter[type]=fax", "filter.type"),
        ("sort=size", "sort"),
        ("way=up", "way"),
    ],
)
def test_campaign_list_limits(api, query, key):
    assert list(errors_of(api.get(f"/api/campaigns?{query}"))) == [key]


def test_balance_falls_with_delivered_messages(api, clock):
    def balance():
        return api.get("/api/accounts/balance").json()["data"]

    start = balance()
    assert start == {"balance": 250.0, "currency": "USD", "credit": 0.0}
    campaign_id = api.send(card_body(groups=[VIP])).json()["data"]["id"]
    clock.advance(timeline.CREATION_S + 1)
    assert balance()["balance"] == start["balance"]  # nothing delivered yet
    clock.advance(600)
    spent = start["balance"] - balance()["balance"]
    assert spent > 0
    assert spent == pytest.approx(float(api.detail(campaign_id)["total_price"]), abs=1e-3)


def test_running_out_of_money_pauses_the_campaign(clock):
    api = Api(SandboxServer(clock=clock, balance=1.0))
    campaign_id = api.send(card_body(groups=[VIP])).json()["data"]["id"]
    clock.advance(600)
    detail = api.detail(campaign_id)
    assert detail["status"] == "paused"
    assert 0 < detail["statistics"]["delivered"] < detail["total_phones"]
    assert float(detail["total_price"]) == pytest.approx(1.0, abs=0.02)
    assert api.get("/api/accounts/balance").json()["data"]["balance"] <= 0.0
    clock.advance(600)
    assert api.detail(campaign_id)["statistics"] == detail["statistics"]
    refused = api.send(card_body(groups=[STAFF]))
    assert refused.status == 422 and refused.json()["errors"] == []
    assert api.call("PATCH", f"/api/campaigns/{campaign_id}/stop").json()["data"]["status"] == "stopped"


def test_sms_senders(api):
    data = api.get("/api/senders?type=sms").json()
    names = {row["sender"]: row["status"] for row in data["data"]}
    assert names["WWTshop"] == names["Promo"] == "active"
    assert data["total"] == len(data["data"])
    assert all({"id", "sender", "status"} <= set(row) for row in data["data"])
    assert errors_of(api.get("/api/senders")) == {"type": ["The type field is required."]}
    assert list(errors_of(api.get("/api/senders?type=fax"))) == ["type"]


# Faults and recording -------------------------------------------------------------------------------


def test_fault_answers(server, api):
    server.faults.html_error_status = 502
    answer = api.get("/api/groups")
    assert answer.status == 502 and answer.headers["Content-Type"].startswith("text/html")
    assert "502 Bad Gateway" in answer.text
    server.faults.clear()
    server.faults.fail_status = 500
    assert api.get("/api/groups").status == 500
    assert api.get("/api/groups").json() == {"message": "Server Error"}
    server.faults.clear()
    server.faults.malformed_json = True
    answer = api.get("/api/groups")
    assert answer.status == 200
    with pytest.raises(json.JSONDecodeError):
        answer.json()


def test_faults_can_be_limited_to_a_path_and_a_number_of_requests(clock):
    server = SandboxServer(clock=clock, faults=Faults(fail_status=503, only_path=SEND, times=1))
    api = Api(server)
    assert api.get("/api/groups").status == 200
    assert api.send(card_body()).status == 503
    assert api.send(card_body()).status == 200  # the one faulty answer was used up; nothing was created before
    server.faults.delay_s, server.faults.only_path, server.faults.times = 1.5, "/api/campaigns/*", None
    assert api.get("/api/campaigns/1/detail").delay_s == 1.5
    assert api.get("/api/groups").delay_s == 0.0


def test_requests_are_recorded_and_their_repr_hides_credentials(server, api):
    api.send(card_body())
    recorded = server.requests[-1]
    assert recorded.method == "POST" and recorded.target == SEND
    assert recorded.headers["content-type"] == "application/json"  # names are lower-case
    assert recorded.json()["sender"] == "WWTshop_RCS"
    assert api.token not in repr(recorded)
    assert DEMO_API_KEY not in repr(server.requests[0]) and DEMO_API_KEY not in repr(server)


# In-process transport -------------------------------------------------------------------------------


def test_in_process_transport_with_httpx(server):
    with httpx.Client(base_url="https://one-api.wwt.world", transport=SandboxTransport(server)) as client:
        token = client.post("/api/auth/login", json={"api_key": DEMO_API_KEY}).json()["bearer"]
        client.headers["Authorization"] = f"Bearer {token}"
        page = client.get("/api/groups", params={"page[offset]": 0, "page[limit]": 500})
        assert page.status_code == 200 and page.json()["total"] == 12
        assert client.post(SEND, json=card_body()).status_code == 200
        server.faults.delay_s = 30
        with pytest.raises(httpx.ReadTimeout):
            client.get("/api/accounts/balance", timeout=0.05)
        server.faults.clear()
        server.faults.drop_connection = True
        with pytest.raises(httpx.RemoteProtocolError):
            client.get("/api/accounts/balance")
        server.faults.clear()
        assert client.get("/api/accounts/balance").status_code == 200


def test_a_closed_transport_ends_a_delay_at_once(server):
    transport = SandboxTransport(server)
    transport.close()
    server.faults.delay_s = 30
    with httpx.Client(transport=transport) as client, pytest.raises(httpx.ReadError):
        client.post("http://sandbox/api/auth/login", json={"api_key": DEMO_API_KEY}, timeout=60)


def test_timeline_counts_are_monotonic_and_consistent():
    previous = timeline.progress(1000, -1, True)
    for tenth in range(400):
        counts = timeline.progress(1000, tenth / 10, True)
        for name in ("sent", "delivered", "read", "undelivered", "failed", "sms_sent", "sms_delivered"):
            assert getattr(counts, name) >= getattr(previous, name)
        assert counts.read <= counts.delivered
        assert counts.delivered + counts.undelivered + counts.failed <= counts.sent
        assert counts.sms_delivered + counts.sms_undelivered <= counts.sms_sent
        previous = counts
    assert previous.sent == 1000 and previous.delivered + previous.undelivered + previous.failed == 1000
    assert timeline.READ_LAG_S >= timeline.REPORT_LAG_S


# wwt-api.md section 3: the documentation's example request, as printed (the account's own list, a registered
# SMS sender and a time within the 30 days stand in for the example's values).
DOCUMENTED_EXAMPLE = documented_example(group=VIP, sms_sender="WWTshop", start_at="2025-04-20 09:00:00")


@pytest.mark.sends_invalid_bodies("the documentation's examples omit the buttons' type, as older pages do")
def test_the_documentations_own_examples_are_accepted(api):
    """As printed, without the buttons' ``type`` the newest schema requires: the server still accepts them.
    (The official contract's own examples: tests/app/api/test_contract_schema.py, when the contract is there.)"""
    simple_text = {"groups": [VIP], "sender": "rcs_sender", "options": {"text": "Hello! ☺️"}}
    for name, body in {"full": DOCUMENTED_EXAMPLE, "simple_text": simple_text}.items():
        answer = api.send(body)
        assert answer.status == 200, (name, answer.text)
