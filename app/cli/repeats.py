"""What ``rcs-desk send`` says when the same campaign went out from this computer a moment ago
(the rule is the window's: ``app.sending.repeats``)."""

from __future__ import annotations

from datetime import datetime

from app.language import tr
from app.platform.config import local_time_zone_name
from app.sending.repeats import EarlierSend

AGAIN_FLAG = "--again"


def caution(earlier: EarlierSend, *, now: datetime | None = None) -> str:
    """Said before the question: ``An identical campaign was sent from this computer at 14:56 (campaign 844836979).``"""
    zone = local_time_zone_name()
    if earlier.outcome_unknown:
        # Translators: {when} is "at 14:56" (today) or "on Thu 26 Nov, 14:56".
        return tr(
            "An identical campaign was sent from this computer {when} and no answer came, so it may have been "
            "created. `rcs-desk campaigns` looks for it among the account's campaigns."
        ).format(when=earlier.when_words(zone, now=now))
    # Translators: {when} is "at 14:56 (campaign 844836979)", or "on Thu 26 Nov, 14:56" without a known campaign.
    return tr("An identical campaign was sent from this computer {when}.").format(when=earlier.described(zone, now=now))


def refusal(earlier: EarlierSend, *, now: datetime | None = None) -> str:
    """Why ``send --yes`` sent nothing, and how to send it again on purpose."""
    zone = local_time_zone_name()
    if earlier.outcome_unknown:
        # Translators: {when} is "at 14:56" (today) or "on Thu 26 Nov, 14:56"; {flag} is --again.
        return tr(
            "Nothing was sent: an identical campaign was sent from this computer {when} and no answer came, so it "
            "may have been created. Check with `rcs-desk campaigns` first. To send it again on purpose, add {flag}."
        ).format(when=earlier.when_words(zone, now=now), flag=AGAIN_FLAG)
    # Translators: {when} is "at 14:56 (campaign 844836979)" or "on Thu 26 Nov, 14:56"; {flag} is --again.
    return tr(
        "Nothing was sent: an identical campaign was sent from this computer {when}. To send it again on purpose, "
        "add {flag}."
    ).format(when=earlier.described(zone, now=now), flag=AGAIN_FLAG)
