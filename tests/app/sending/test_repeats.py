"""One rule for "this same campaign went out a moment ago", kept in the history: for the window's
confirmation and ``rcs-desk send`` alike (``app.sending.repeats``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.api.models import CampaignInfo
from app.campaign.file import ListInfo
from app.history import HistoryError, open_history
from app.sending.repeats import RECENT, EarlierSend, earlier_send, find_earlier_send

NOW = datetime(2026, 11, 27, 14, 0, tzinfo=UTC)
BODY = {"groups": [11], "sender": "WWT Shop", "options": {"text": "Spring sale"}}
SERVER = "https://one-api.wwt.world"
LISTS = {11: ListInfo("VIP customers", 240)}


def history_with(*sends: tuple[dict, timedelta, int | None], server: str = SERVER):
    """A history holding sends of ``(body, how long before NOW, campaign id or None for no answer)``."""
    history = open_history()
    for body, ago, campaign_id in sends:
        if campaign_id is None:
            history.record_unknown_outcome(body, lists=LISTS, time_zone="UTC", server=server, sent_at=NOW - ago)
        else:
            info = CampaignInfo.from_raw({"id": campaign_id, "status": "scheduled"})
            history.record_sent(body, info, lists=LISTS, time_zone="UTC", server=server, sent_at=NOW - ago)
    return history


def found(history, body=BODY, server=SERVER) -> EarlierSend | None:
    return find_earlier_send(history.records(), body, server=server, now=NOW)


def test_the_same_body_sent_recently_is_found_with_its_campaign():
    earlier = found(history_with((BODY, timedelta(minutes=20), 844836979)))
    assert earlier == EarlierSend(NOW - timedelta(minutes=20), 844836979, outcome_unknown=False)


def test_key_order_does_not_make_another_campaign():
    reordered = {"options": {"text": "Spring sale"}, "sender": "WWT Shop", "groups": [11]}
    assert found(history_with((BODY, timedelta(minutes=1), 7)), body=reordered) is not None


def test_a_send_older_than_recent_does_not_count_but_an_unanswered_one_always_does():
    old = RECENT + timedelta(minutes=1)
    assert found(history_with((BODY, old, 7))) is None
    unanswered = found(history_with((BODY, timedelta(days=3), None)))
    assert unanswered is not None and unanswered.outcome_unknown and unanswered.campaign_id is None


def test_another_body_or_another_server_does_not_count():
    history = history_with((BODY, timedelta(minutes=5), 7), server="https://other.example")
    assert found(history) is None
    assert found(history_with((BODY, timedelta(minutes=5), 7)), body={**BODY, "validity": 24}) is None


def test_the_newest_identical_send_is_the_one_said():
    history = history_with((BODY, timedelta(hours=2), 7), (BODY, timedelta(minutes=3), 8))
    earlier = found(history)
    assert earlier is not None and earlier.campaign_id == 8


def test_a_history_that_cannot_be_read_finds_nothing():
    def broken():
        raise HistoryError("The campaign history could not be opened.")

    assert earlier_send(broken, BODY, server=SERVER, now=NOW) is None


def test_the_moment_is_said_on_this_computers_clock():
    earlier = EarlierSend(datetime(2026, 11, 27, 12, 56, tzinfo=UTC), 844836979, outcome_unknown=False)
    assert earlier.described("Europe/Kyiv", now=NOW) == "at 14:56 (campaign 844836979)"
    assert earlier.when_words("UTC", now=NOW + timedelta(days=1)) == "on Fri 27 Nov, 12:56"
    assert EarlierSend(NOW, None, outcome_unknown=True).described("UTC", now=NOW) == "at 14:00"
