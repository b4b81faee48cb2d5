"""Turning an edited campaign into the exact request that is sent."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from app.campaign.file import CampaignDocument
from app.campaign.model import Campaign


def start_at_in_zone(wall: datetime, from_zone: str, to_zone: str) -> datetime:
    """The same moment as wall-clock ``wall`` in ``from_zone``, as wall-clock time in ``to_zone``."""
    if from_zone == to_zone:
        return wall
    aware = wall.replace(tzinfo=ZoneInfo(from_zone))
    return aware.astimezone(ZoneInfo(to_zone)).replace(tzinfo=None)


def send_body(document: CampaignDocument, account_time_zone: str) -> dict[str, Any]:
    """The send-groups body: the document's request, each button's ``type`` added where omitted,
    and ``start_at`` moved to the account's time zone when the campaign was planned in another one."""
    campaign: Campaign = document.campaign
    if campaign.start_at is not None and document.time_zone != account_time_zone:
        campaign = replace(
            campaign, start_at=start_at_in_zone(campaign.start_at, document.time_zone, account_time_zone)
        )
    return campaign.to_request(for_sending=True)
