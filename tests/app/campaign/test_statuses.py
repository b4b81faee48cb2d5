"""One table of status words for the terminal and the window (issue 10): ``app.campaign.statuses``."""

from __future__ import annotations

import pytest

from app.api.models import CampaignInfo
from app.campaign import limits
from app.campaign.statuses import STATUS_UNKNOWN_OUTCOME, status_look, status_words
from app.campaign.text import campaign_rows
from app.cli.history_commands import print_records
from app.history import STATUS_UNKNOWN_OUTCOME as HISTORY_UNKNOWN_OUTCOME
from app.history.records import HistoryRecord

EVERY_STATUS = (*limits.CAMPAIGN_STATUSES, STATUS_UNKNOWN_OUTCOME)


def test_the_history_and_the_table_name_the_unknown_outcome_alike():
    assert HISTORY_UNKNOWN_OUTCOME == STATUS_UNKNOWN_OUTCOME


@pytest.mark.parametrize("status", EVERY_STATUS)
def test_every_status_has_words_for_people_that_any_terminal_can_print(status):
    look = status_look(status)
    assert look.words and look.words[0].isupper() and "_" not in look.words and look.words != status
    assert look.text.endswith(look.words) and look.explanation
    look.words.encode("cp1252")  # a Windows terminal whose output goes to a file


def test_a_campaign_and_the_campaigns_table_say_a_status_in_the_same_words(capsys):
    info = CampaignInfo.from_raw({"id": 5, "status": "sending"})
    assert dict(campaign_rows(info))["Status"] == "Sending…"
    record = HistoryRecord(
        record_id=1,
        origin="this computer",
        server="s",
        campaign_id=5,
        name="Spring",
        sender="WWT",
        status="paused",
        sent_at="2025-03-01T10:00:00+00:00",
        sent_by=None,
        time_zone="UTC",
        request=None,
        campaign=None,
        latest=None,
    )
    print_records([record])
    assert "  Paused — balance ran out?  5  " in capsys.readouterr().out
    assert status_words("paused") == "Paused — balance ran out?"
    assert status_words(None) == "—" and status_words("new_state") == "New state"
