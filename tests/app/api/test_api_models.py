"""Tolerant parsing of the server's answers into the app.api models."""

from __future__ import annotations

import dataclasses

import pytest

from app.api import Balance, CampaignDetail, CampaignInfo, ContactList, SmsSender
from app.api.models import as_bool, as_float, as_int, counters

SEND_ANSWER = {
    "id": 53708808,
    "name": "RCS api campaign / 2025-04-14 13:43:13",
    "sender": "rcs_sender",
    "status": "creation",
    "message_type": "rcs",
    "start_at": "2025-04-14 10:43:13",
    "real_start_at": None,
    "finished_at": None,
    "created_at": "2025-04-14 13:43:13",
    "statistics": {"delivered": 0, "sent": 0},
    "calculated_price": 0.0175696,
    "currency": "USD",
    "alternative_channels": {"sms": {"statistic": {"delivered": 1, "sent": 2}}},
}
# The OpenAPI spec's detail example: other spellings, and alternative_channels as an empty list.
DETAIL_ANSWER = {
    "id": 53651994,
    "name": "SMS api campaign / 2024-04-03 12:14:49",
    "sender": "testsms",
    "status": "done",
    "type": "sms",
    "started_at": "2024-04-03 12:14:49",
    "actual_start_at": "2024-04-03 12:15:06",
    "finished_at": "2024-04-03 12:15:07",
    "created_at": "2024-04-03 12:14:49",
    "statistics": {
        "delivered": 7,
        "sent": 0,
        "scheduled": 0,
        "moderation": 0,
        "accepted": 0,
        "sending": 0,
        "expired": 0,
        "failed": 0,
        "undelivered": 3,
        "unknown": 0,
        "read": 0,
        "not_rcs_user": 0,
    },
    "total_messages": 10,
    "total_phones": 10,
    "total_price": "0.16",
    "currency": "USD",
    "alternative_channels": [],
}


def test_campaign_info_from_the_send_answer():
    info = CampaignInfo.from_raw(SEND_ANSWER)
    assert info == CampaignInfo(
        id=53708808,
        name="RCS api campaign / 2025-04-14 13:43:13",
        sender="rcs_sender",
        status="creation",
        message_type="rcs",
        start_at="2025-04-14 10:43:13",
        real_start_at=None,
        finished_at=None,
        created_at="2025-04-14 13:43:13",
        delivered=0,
        sent=0,
        sms_delivered=1,
        sms_sent=2,
        price=0.0175696,
        currency="USD",
    )
    assert info.raw is SEND_ANSWER


@pytest.mark.parametrize("spelling", ["statistic", "statistics"])
def test_sms_counters_accept_both_spellings(spelling):
    info = CampaignInfo.from_raw({"alternative_channels": {"sms": {spelling: {"delivered": 4, "sent": "5"}}}})
    assert (info.sms_delivered, info.sms_sent) == (4, 5)


@pytest.mark.parametrize("channels", [None, [], {}, {"sms": None}, {"sms": []}, "x", {"sms": {"statistic": None}}])
def test_missing_or_odd_alternative_channels(channels):
    info = CampaignInfo.from_raw({"id": 1, "alternative_channels": channels})
    assert (info.sms_delivered, info.sms_sent) == (None, None)


@pytest.mark.parametrize("value", [None, [], "text", 5, {}])
def test_anything_that_is_not_an_object_gives_an_empty_campaign(value):
    info = CampaignInfo.from_raw(value)
    assert dataclasses.astuple(info)[:-1] == (None,) * 15
    assert info.raw == {}


def test_wrong_types_read_as_none():
    info = CampaignInfo.from_raw(
        {
            "id": "53708808",
            "name": 7,
            "status": ["done"],
            "statistics": {"delivered": "x", "sent": True},
            "calculated_price": "not a number",
            "currency": None,
            "start_at": {"date": "2025"},
        }
    )
    assert info.id == 53708808  # a numeric string is still an id
    assert info.name == "7"
    assert (info.status, info.delivered, info.sent, info.price, info.currency, info.start_at) == (None,) * 6


def test_campaign_detail_from_the_spec_example():
    detail = CampaignDetail.from_raw(DETAIL_ANSWER)
    assert isinstance(detail, CampaignInfo)
    assert (detail.message_type, detail.start_at, detail.real_start_at) == (
        "sms",
        "2024-04-03 12:14:49",
        "2024-04-03 12:15:06",
    )
    assert (detail.total_messages, detail.total_phones, detail.total_price) == (10, 10, "0.16")
    assert detail.price == 0.16  # no calculated_price: the total is the best figure
    assert detail.statistics["undelivered"] == 3 and detail.statistics["not_rcs_user"] == 0
    assert detail.delivered == 7
    assert detail.sms_statistics == {}


def test_campaign_detail_sms_statistics_and_numeric_total_price():
    detail = CampaignDetail.from_raw(
        {
            "total_price": 1.5,
            "alternative_channels": {"sms": {"statistics": {"delivered": 2, "failed": 1, "bogus": "n/a"}}},
        }
    )
    assert detail.total_price == "1.5"
    assert detail.sms_statistics == {"delivered": 2, "failed": 1}
    assert (detail.sms_delivered, detail.sms_sent) == (2, None)


@pytest.mark.parametrize(
    ("status", "stoppable"),
    [
        ("scheduled", True),
        ("sending", True),
        ("paused", True),
        ("moderation", True),
        ("done", False),
        ("stopped", False),
        (None, False),
    ],
)
def test_can_be_stopped(status, stoppable):
    assert CampaignInfo(status=status).can_be_stopped is stoppable


def test_contact_list_from_the_documented_example():
    group = ContactList.from_raw(
        {
            "id": 1864619,
            "name": "Import XLS",
            "description": None,
            "default": False,
            "created_at": "2025-02-27 11:48:13",
            "items": 10000,
            "stop_list_count": 0,
        }
    )
    assert group == ContactList(
        id=1864619,
        name="Import XLS",
        description=None,
        contacts=10000,
        stop_list_count=0,
        created_at="2025-02-27 11:48:13",
        is_default=False,
    )


def test_contact_list_tolerates_everything_missing():
    assert ContactList.from_raw({}) == ContactList()
    assert ContactList.from_raw(None).raw == {}
    assert ContactList.from_raw({"items": "12", "default": 1}).contacts == 12


def test_balance_and_sender():
    assert Balance.from_raw({"balance": "12.50", "currency": "EUR", "credit": None}) == Balance(12.5, "EUR", None)
    assert Balance.from_raw({"balance": float("inf")}).balance is None
    assert SmsSender.from_raw({"id": 4, "sender": "WWTshop", "status": "active"}) == SmsSender(4, "WWTshop", "active")
    assert SmsSender.from_raw({"name": "Alt"}).sender == "Alt"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (5, 5),
        ("12", 12),
        (" -3 ", -3),
        (4.0, 4),
        (4.5, None),
        (True, None),
        ("1e3", None),
        (None, None),
        ([1], None),
    ],
)
def test_as_int(value, expected):
    assert as_int(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1, 1.0),
        ("0.5", 0.5),
        (False, None),
        ("nan", None),
        ("abc", None),
        (None, None),
    ],
)
def test_as_float(value, expected):
    assert as_float(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (True, True),
        (0, False),
        ("true", True),
        ("FALSE", False),
        ("yes", None),
        (2, None),
        (None, None),
    ],
)
def test_as_bool(value, expected):
    assert as_bool(value) is expected


def test_counters_keep_only_whole_numbers():
    assert counters({"a": 1, "b": "2", "c": None, "d": 1.5, "e": False}) == {"a": 1, "b": 2}
    assert counters([1, 2]) == {}


def test_models_are_immutable_and_raw_is_not_compared():
    one = ContactList.from_raw({"id": 1, "extra": "x"})
    two = ContactList.from_raw({"id": 1, "extra": "y"})
    assert one == two
    with pytest.raises(dataclasses.FrozenInstanceError):
        one.name = "changed"  # type: ignore[misc]
    assert hash(CampaignDetail.from_raw(DETAIL_ANSWER)) == hash(CampaignDetail.from_raw(dict(DETAIL_ANSWER)))
