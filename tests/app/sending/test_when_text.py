"""The confirmation's "When" line says the planned time as every other place does."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.campaign.clock_words import planned_time_text
from app.campaign.file import CampaignDocument
from app.campaign.model import Campaign
from app.campaign.schedule import is_ambiguous, is_nonexistent
from app.sending.pipeline import NotSendable, prepare_send
from app.sending.summary import when_text

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


def planned(zone: str, wall: datetime | None) -> CampaignDocument:
    return CampaignDocument(campaign=Campaign(groups=[1], sender="Shop", start_at=wall), time_zone=zone)


def test_the_time_is_said_in_the_account_zone_where_the_request_puts_it():
    document = planned("Europe/Kyiv", datetime(2026, 12, 26, 10, 30))  # a file planned in Kyiv
    assert when_text(document, "Etc/UTC", "Etc/UTC", now=NOW) == (  # the file's time first, as typed
        "Sat 26 Dec, 10:30, Kyiv time (UTC+2) — in the account's time zone: 08:30, UTC"
    )
    assert when_text(document, "Etc/UTC", "Europe/Kyiv", now=NOW) == (
        "Sat 26 Dec, 10:30, Kyiv time (UTC+2) — on this computer: 08:30, UTC"
    )
    assert when_text(document, "Etc/UTC", now=NOW).startswith("Sat 26 Dec, 10:30, Kyiv time")  # no account zone


def test_send_now_is_said_in_words():
    assert when_text(planned("Etc/UTC", None), "Etc/UTC", "Etc/UTC") == "Now, as soon as you confirm"


# Europe's clocks go back at 04:00 (UTC+3) to 03:00 (UTC+2) on Sunday 25 October 2026: 03:00-03:59 happens twice.
ZONES = ["UTC", "Europe/Kyiv", "America/New_York", "Asia/Kathmandu", "Australia/Lord_Howe", "America/St_Johns"]


@pytest.mark.parametrize("file_zone", ZONES)
@pytest.mark.parametrize("account_zone", ZONES)
@given(minutes=st.integers(min_value=0, max_value=60 * 24 * 400))
@settings(max_examples=40)
def test_the_confirmation_says_the_moment_the_server_will_read(file_zone, account_zone, minutes):
    """Whatever the zones, the "When" line is the moment the request's wall time means to the server
    (read in the account's zone, the first of two equal times), or the send is refused."""
    wall = datetime(2026, 1, 1) + timedelta(minutes=minutes)
    document = planned(file_zone, wall)
    try:
        body = prepare_send(document, account_zone).body
    except NotSendable:
        return  # a time the account's zone cannot say: refused, nothing sent
    server_reads = datetime.strptime(body["start_at"], "%Y-%m-%d %H:%M:%S").replace(tzinfo=ZoneInfo(account_zone))
    assert when_text(document, "UTC", account_zone, now=NOW) == planned_time_text(
        server_reads, account_zone, "UTC", now=NOW, file_zone=file_zone
    )
    if not is_nonexistent(wall, ZoneInfo(file_zone)) and not is_ambiguous(wall, ZoneInfo(file_zone)):
        assert server_reads == wall.replace(tzinfo=ZoneInfo(file_zone))  # the planned moment itself


def test_a_moment_on_the_second_pass_of_a_repeated_hour_is_refused_not_sent_an_hour_early():
    document = planned("UTC", datetime(2026, 10, 25, 1, 30))  # = 03:30 Kyiv, the second 03:30 that night
    with pytest.raises(NotSendable) as refused:
        prepare_send(document, "Europe/Kyiv")
    message = str(refused.value)
    assert "Sun 25 Oct, 03:30, Kyiv time" in message and "an hour early" in message and "Nothing was sent" in message
    assert "Europe/" not in message
    first_pass = planned("UTC", datetime(2026, 10, 25, 0, 30))  # = the first 03:30 Kyiv: what the server reads
    assert prepare_send(first_pass, "Europe/Kyiv").body["start_at"] == "2026-10-25 03:30:00"
    assert when_text(first_pass, "UTC", "Europe/Kyiv", now=NOW) == (
        "Sun 25 Oct, 00:30, UTC — in the account's time zone: 03:30, Kyiv time (UTC+3)"
    )
