"""Counts are written one way in every view: the thousands separated, ``—`` when not known."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.api.models import CampaignInfo
from app.campaign.text import campaign_rows, count_words, pair_words


def test_counts_and_pairs_of_counts():
    assert count_words(None) == "—"
    assert count_words(0) == "0"
    assert count_words(1077) == "1,077"
    assert pair_words(1262, 1577) == "1,262 / 1,577"
    assert pair_words(None, 12) == "— / 12"
    assert pair_words(None, None) == "—"


@given(st.integers(min_value=0, max_value=10**12))
def test_a_count_reads_back_as_the_same_number(value):
    text = count_words(value)
    assert int(text.replace(",", "")) == value
    assert all(len(group) == 3 for group in text.split(",")[1:])


def test_rcs_desk_campaign_writes_its_counts_as_rcs_desk_campaigns_does():
    rows = dict(campaign_rows(CampaignInfo(id=1, delivered=1077, sent=1574, sms_delivered=None, sms_sent=None)))
    assert rows["RCS delivered / sent"] == "1,077 / 1,574"
    assert rows["SMS delivered / sent"] == "—"
