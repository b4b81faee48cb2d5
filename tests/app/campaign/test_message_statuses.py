"""One message's status in plain words: the server's statuses, and the SMS sent instead of RCS."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.campaign.message_statuses import GOT_SMS, SMS_LOST, SMS_SENT, channel_words, message_look
from app.campaign.statuses import STATUS_UNKNOWN_OUTCOME

DOCUMENTED = [
    "scheduled",
    "moderation",
    "accepted",
    "sending",
    "sent",
    "delivered",
    "expired",
    "failed",
    "undelivered",
    "unknown",
    "read",
    "not_viber_user",
    "not_service_user",
]


@pytest.mark.parametrize(
    ("status", "sms_sent", "sms_status", "words", "final"),
    [
        ("accepted", False, None, "Accepted: about to be sent", False),
        ("delivered", False, None, "Delivered", True),
        ("read", True, "delivered", "Read", True),  # RCS arrived: the SMS does not matter
        ("undelivered", True, "delivered", GOT_SMS, True),
        ("expired", True, "sent", SMS_SENT, False),
        ("undelivered", True, None, SMS_SENT, True),  # nothing more can be learnt
        ("undelivered", True, "failed", SMS_LOST, True),
        ("expired", False, None, "Expired: the phone could not be reached in time", True),
        ("not_service_user", False, None, "The phone has no RCS", True),
        (STATUS_UNKNOWN_OUTCOME, True, None, "Not confirmed yet: the server did not answer, so it is looked up", False),
        (None, False, None, "Not known yet", False),
        ("queued_somewhere", False, None, "Queued somewhere", False),
    ],
)
def test_a_status_in_words(status, sms_sent, sms_status, words, final):
    look = message_look(status, sms_sent=sms_sent, sms_status=sms_status)
    assert (look.words, look.final) == (words, final)


def test_the_sms_sentence_is_the_one_staff_read():
    assert GOT_SMS == "The phone has no RCS: it got the SMS"


@pytest.mark.parametrize("status", DOCUMENTED)
def test_every_documented_status_has_words_of_its_own(status):
    look = message_look(status)
    assert "_" not in look.words and look.words[0].isupper()
    assert look.tone in ("progress", "good", "warning", "bad", "neutral")


@given(st.text(max_size=20), st.booleans(), st.none() | st.text(max_size=10))
def test_any_status_gives_words(status, sms_sent, sms_status):
    assert message_look(status, sms_sent=sms_sent, sms_status=sms_status).words


def test_the_channel_is_sms_when_the_sms_went_instead():
    assert channel_words("rcs") == "RCS"
    assert channel_words("rcs", sms_sent=True, status="undelivered") == "SMS"
    assert channel_words("rcs", sms_sent=True, status="delivered") == "RCS"
    assert channel_words("sms") == "SMS"
