"""The confirmation's "When" line says the planned time as every other place does."""

from __future__ import annotations

from datetime import UTC, datetime

from app.campaign.file import CampaignDocument
from app.campaign.model import Campaign
from app.sending.summary import when_text

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


def planned(zone: str, wall: datetime | None) -> CampaignDocument:
    return CampaignDocument(campaign=Campaign(groups=[1], sender="Shop", start_at=wall), time_zone=zone)


def test_the_time_is_said_in_the_account_zone_where_the_request_puts_it():
    document = planned("Europe/Kyiv", datetime(2026, 12, 26, 10, 30))  # a file planned in Kyiv
    assert when_text(document, "Etc/UTC", "Etc/UTC", now=NOW) == "Sat 26 Dec, 08:30, UTC"
    assert when_text(document, "Etc/UTC", "Europe/Kyiv", now=NOW) == (
        "Sat 26 Dec, 10:30, Kyiv time (UTC+2) — on this computer: 08:30, UTC"
    )
    assert when_text(document, "Etc/UTC", now=NOW).startswith("Sat 26 Dec, 10:30, Kyiv time")  # no account zone


def test_send_now_is_said_in_words():
    assert when_text(planned("Etc/UTC", None), "Etc/UTC", "Etc/UTC") == "Now, as soon as you confirm"
