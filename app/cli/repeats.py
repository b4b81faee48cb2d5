"""What ``rcs-desk send`` says when the same campaign went out from this computer a moment ago
(the rule is the window's: ``app.sending.repeats``)."""

from __future__ import annotations

from datetime import datetime

from app.platform.config import local_time_zone_name
from app.sending.repeats import EarlierSend

AGAIN_FLAG = "--again"


def _sent(earlier: EarlierSend, now: datetime | None) -> str:
    if earlier.outcome_unknown:
        return (
            f"an identical campaign was sent from this computer {earlier.when_words(local_time_zone_name(), now=now)} "
            "and no answer came, so it may have been created"
        )
    return f"an identical campaign was sent from this computer {earlier.described(local_time_zone_name(), now=now)}"


def caution(earlier: EarlierSend, *, now: datetime | None = None) -> str:
    """Said before the question: ``An identical campaign was sent from this computer at 14:56 (campaign 844836979).``"""
    text = _sent(earlier, now)
    text = text[:1].upper() + text[1:] + "."
    if earlier.outcome_unknown:
        text += " `rcs-desk campaigns` looks for it among the account's campaigns."
    return text


def refusal(earlier: EarlierSend, *, now: datetime | None = None) -> str:
    """Why ``send --yes`` sent nothing, and how to send it again on purpose."""
    check = " Check with `rcs-desk campaigns` first." if earlier.outcome_unknown else ""
    return f"Nothing was sent: {_sent(earlier, now)}.{check} To send it again on purpose, add {AGAIN_FLAG}."
