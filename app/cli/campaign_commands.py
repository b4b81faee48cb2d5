"""``rcs-desk campaign ID`` and ``rcs-desk stop ID``: one campaign, as the server and the history know it.

The history (SQLite) is imported here, for the price and the title it kept of a campaign sent from
this computer; ``lists`` and the other commands start without it.
"""

from __future__ import annotations

import argparse

from app import api
from app.api.models import CampaignInfo
from app.campaign.clock_words import server_time_text
from app.campaign.text import short_name
from app.cli import EXIT_OK, EXIT_REFUSED, output
from app.cli.common import report_failure, with_client
from app.cli.files import say
from app.cli.known_price import recorded, with_known_price
from app.cli.questions import confirmed
from app.history.titles import display_title
from app.platform.config import local_time_zone_name
from app.tasks.connection import Connection


def campaign(args: argparse.Namespace) -> int:
    def work(connection: Connection) -> int:
        info = connection.client.get_campaign(args.id)
        if args.json:
            output.print_json(info.raw)
        else:
            info = with_known_price(info, connection)
            output.print_rows(output.campaign_rows(info, connection.account_time_zone, local_time_zone_name()))
        return EXIT_OK

    return with_client(args, work)


def stop(args: argparse.Namespace) -> int:
    def work(connection: Connection) -> int:
        if not args.yes:
            refused = _stop_confirmed(args, connection)
            if refused is not None:
                return refused
        stopped = connection.client.stop_campaign(args.id)
        print(f"Campaign {args.id} was stopped.")
        if stopped is not None:
            stopped = with_known_price(stopped, connection)
            output.print_rows(output.campaign_rows(stopped, connection.account_time_zone, local_time_zone_name()))
        return EXIT_OK

    return with_client(args, work)


# Statuses that never change again: there is nothing left to stop.
FINISHED = {
    "done": "it has already finished",
    "stopped": "it was already stopped",
    "spam": "WWT.world blocked it as spam",
}


def _stop_confirmed(args: argparse.Namespace, connection: Connection) -> int | None:
    """Say which campaign would stop (one look at it first: a failure there stops nothing) and ask;
    None when the user said yes, else the exit code."""
    campaign_id: int = args.id
    try:
        info = connection.client.get_campaign(campaign_id)
    except api.ApiError as exc:
        code = report_failure(exc, args)
        say("Nothing was stopped.")
        return code
    title = _campaign_title(info, connection)
    finished = FINISHED.get(info.status or "")
    if finished:
        say(f"Campaign {campaign_id}{title} cannot be stopped: {finished}. Nothing was done.")
        return EXIT_REFUSED
    planned = ""
    if info.start_at:
        when = server_time_text(info.start_at, connection.account_time_zone, local_time_zone_name())
        planned = f", planned for {when}"
    question = f"Stop campaign {campaign_id}{title}{planned}? Messages not yet sent will not go out."
    return confirmed(question, nothing_done="Nothing was stopped", verb="stop")


def _campaign_title(info: CampaignInfo, connection: Connection) -> str:
    """``, 'Spring sale: -30% on sneakers'``: what the history says the campaign is about, else its name."""
    record = recorded(info.id, connection)
    title = display_title(record) if record is not None else short_name(info.name, 60) if info.name else ""
    return f", '{title}'" if title else ""
