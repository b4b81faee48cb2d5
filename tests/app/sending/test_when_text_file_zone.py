"""The send question's "When" line says the time as the campaign file gives it (where the user typed it)
when the file's zone shows another clock than the account's, then the account's time, then this computer's."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.campaign.file import CampaignDocument
from app.campaign.model import Campaign
from app.sending.summary import send_summary, when_text

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
KYIV_1030 = datetime(2026, 12, 26, 10, 30)  # winter: Kyiv is UTC+2


def planned(zone: str, wall: datetime) -> CampaignDocument:
    return CampaignDocument(campaign=Campaign(groups=[1], sender="Shop", start_at=wall), time_zone=zone)


def test_a_file_planned_in_kyiv_for_an_account_on_utc_says_the_typed_time_first():
    document = planned("Europe/Kyiv", KYIV_1030)
    assert when_text(document, "Etc/UTC", "Etc/UTC", now=NOW) == (
        "Sat 26 Dec, 10:30, Kyiv time (UTC+2) — in the account's time zone: 08:30, UTC"
    )
    # this computer in Kyiv too: its clock is the file's, not said again
    assert when_text(document, "Europe/Kyiv", "UTC", now=NOW) == (
        "Sat 26 Dec, 10:30, Kyiv time (UTC+2) — in the account's time zone: 08:30, UTC"
    )


def test_a_third_clock_on_this_computer_comes_last():
    document = planned("Europe/Kyiv", KYIV_1030)
    assert when_text(document, "America/New_York", "Etc/UTC", now=NOW) == (
        "Sat 26 Dec, 10:30, Kyiv time (UTC+2) — in the account's time zone: 08:30, UTC"
        " — on this computer: 03:30, New York time (UTC-5)"
    )


def test_the_account_clock_on_another_day_says_its_day():
    document = planned("Europe/Kyiv", datetime(2026, 12, 27, 1, 0))
    assert when_text(document, "Europe/Kyiv", "Etc/UTC", now=NOW) == (
        "Sun 27 Dec, 01:00, Kyiv time (UTC+2) — in the account's time zone: Sat 26 Dec, 23:00, UTC"
    )


@pytest.mark.parametrize(
    ("file_zone", "account_zone"),
    [
        ("Europe/Kyiv", "Europe/Kyiv"),
        ("Europe/Kyiv", None),  # no account zone known: the file's own
        ("Europe/Kyiv", "Europe/Kiev"),  # another name of the same clock
    ],
)
def test_a_file_in_the_account_zone_is_said_as_before(file_zone, account_zone):
    said = when_text(planned(file_zone, KYIV_1030), "Etc/UTC", account_zone, now=NOW)
    assert said.startswith("Sat 26 Dec, 10:30, K")  # "Kiev time" when the account's zone is so named
    assert said.endswith(" time (UTC+2) — on this computer: 08:30, UTC")
    assert "account's time zone" not in said


def test_utc_by_two_names_is_said_once():
    assert when_text(planned("UTC", KYIV_1030), "Etc/UTC", "Etc/UTC", now=NOW) == "Sat 26 Dec, 10:30, UTC"


def test_the_confirmation_line_says_it_too():
    lines = send_summary(planned("Europe/Kyiv", KYIV_1030), local_zone="Etc/UTC", account_zone="Etc/UTC")
    [when] = [line.value for line in lines if line.label == "When"]
    assert when.endswith(", 10:30, Kyiv time (UTC+2) — in the account's time zone: 08:30, UTC")


@pytest.mark.usefixtures("ukrainian")
def test_the_typed_time_and_the_account_time_are_said_in_ukrainian():
    document = planned("Europe/Kyiv", KYIV_1030)
    said = when_text(document, "Etc/UTC", "Etc/UTC", now=NOW)
    assert said.endswith(", 10:30, за київським часом (UTC+2) — у часовому поясі облікового запису: 08:30, UTC")
