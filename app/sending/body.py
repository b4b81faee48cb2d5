"""Turning an edited campaign into the exact request that is sent."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from app.campaign.file import CampaignDocument
from app.campaign.model import Campaign


class RepeatedHour(ValueError):
    """The moment falls in the hour that happens twice in the account's zone (clocks going back), on its
    second pass: the request's wall time would be read as the first one, an hour early."""

    def __init__(self, wall: datetime, zone: str) -> None:
        super().__init__(f"{wall:%Y-%m-%d %H:%M} happens twice in {zone}; the planned moment is the second one")
        self.wall = wall
        self.zone = zone


def start_at_in_zone(wall: datetime, from_zone: str, to_zone: str) -> datetime:
    """The same moment as wall-clock ``wall`` in ``from_zone``, as wall-clock time in ``to_zone``.

    The server reads a wall time that happens twice as its first occurrence, so a moment on the second
    pass cannot be written: ``RepeatedHour`` is raised rather than sending it an hour early.
    """
    if from_zone == to_zone:
        return wall
    aware = wall.replace(tzinfo=ZoneInfo(from_zone))
    moved = aware.astimezone(ZoneInfo(to_zone))
    if moved.fold == 1 and moved.replace(fold=0).utcoffset() != moved.utcoffset():
        raise RepeatedHour(moved.replace(tzinfo=None, fold=0), to_zone)
    return moved.replace(tzinfo=None)


def send_body(document: CampaignDocument, account_time_zone: str) -> dict[str, Any]:
    """The send-groups body: the document's request, each button's ``type`` added where omitted,
    and ``start_at`` moved to the account's time zone when the campaign was planned in another one."""
    campaign: Campaign = document.campaign
    if campaign.start_at is not None and document.time_zone != account_time_zone:
        campaign = replace(
            campaign, start_at=start_at_in_zone(campaign.start_at, document.time_zone, account_time_zone)
        )
    return campaign.to_request(for_sending=True)
