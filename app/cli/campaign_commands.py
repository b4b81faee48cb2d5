"""``rcs-desk campaign ID`` and ``rcs-desk stop ID``: one campaign, as the server and the history know it.

The history (SQLite) is imported here, for the price and the title it kept of a campaign sent from
this computer; ``lists`` and the other commands start without it.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from app import api
from app.api.models import CampaignInfo
from app.campaign.clock_words import parse_server_time, server_time_text
from app.campaign.text import short_name
from app.campaign.time_zones import zone_info
from app.cli import EXIT_OK, EXIT_REFUSED, output
from app.cli.common import report_failure, with_client
from app.cli.files import say
from app.cli.known_price import estimate_only, recorded, with_cost_so_far, with_known_price
from app.cli.questions import NOT_STOPPED, confirmed
from app.history.titles import display_title
from app.language import tr, tr_mark
from app.platform.config import local_time_zone_name
from app.tasks.connection import Connection


def campaign(args: argparse.Namespace) -> int:
    def work(connection: Connection) -> int:
        if args.json:
            output.print_json(connection.client.get_campaign(args.id).raw)
            return EXIT_OK
        # The detail, as the window's: it has the cost so far as well as what the campaign call gives.
        detail = connection.client.get_campaign_detail(args.id)
        info = with_known_price(estimate_only(detail), connection)
        rows = output.campaign_rows(info, connection.account_time_zone, local_time_zone_name())
        output.print_rows(with_cost_so_far(rows, detail))
        return EXIT_OK

    return with_client(args, work)


def stop(args: argparse.Namespace) -> int:
    def work(connection: Connection) -> int:
        if not args.yes:
            refused = _stop_confirmed(args, connection)
            if refused is not None:
                return refused
        stopped = connection.client.stop_campaign(args.id)
        print(tr("Campaign {number} was stopped.").format(number=args.id))
        if stopped is not None:
            stopped = with_known_price(stopped, connection)
            output.print_rows(output.campaign_rows(stopped, connection.account_time_zone, local_time_zone_name()))
        return EXIT_OK

    return with_client(args, work)


# Statuses that never change again: there is nothing left to stop (the words after "cannot be stopped:").
FINISHED = {
    "done": tr_mark("it has already finished"),
    "stopped": tr_mark("it was already stopped"),
    "spam": tr_mark("WWT.world blocked it as spam"),
}


def _stop_confirmed(args: argparse.Namespace, connection: Connection) -> int | None:
    """Say which campaign would stop (one look at it first: a failure there stops nothing) and ask;
    None when the user said yes, else the exit code."""
    campaign_id: int = args.id
    try:
        info = connection.client.get_campaign(campaign_id)
    except api.ApiError as exc:
        code = report_failure(exc, args)
        say(tr(NOT_STOPPED.nothing_done))
        return code
    campaign = _campaign_words(campaign_id, _campaign_title(info, connection))
    finished = FINISHED.get(info.status or "")
    if finished:
        # Translators: {campaign} is "campaign 844836977" or "campaign 844836977, 'Spring sale'"; {reason} is
        # "it has already finished", "it was already stopped" or "WWT.world blocked it as spam".
        refusal = tr("{campaign} cannot be stopped: {reason}. Nothing was done.")
        say(_capitalized(refusal.format(campaign=campaign, reason=tr(finished))))
        return EXIT_REFUSED
    return confirmed(stop_question(info, campaign, connection.account_time_zone, local_time_zone_name()), NOT_STOPPED)


# Statuses of a campaign whose messages have begun to go out.
STARTED = frozenset({"sending", "paused"})
# Statuses of a campaign that waits for something other than its time: its start may be past, it has not begun.
WAITING = frozenset({"creation", "moderation"})


def stop_question(
    info: CampaignInfo, campaign: str, account_zone: str, local_zone: str, *, now: datetime | None = None
) -> str:
    """The question before a stop: "Stop {campaign}, planned for {when}?", or "…, started on {when}?" once
    it has started (its status says so, or its start is past): a start already past is never "planned"."""
    start = parse_server_time(info.start_at) if info.start_at else None
    if start is not None and start.tzinfo is None:
        start = start.replace(tzinfo=zone_info(account_zone))
    now = now or datetime.now(UTC)
    started = info.status in STARTED or (start is not None and start <= now and info.status not in WAITING)
    if info.start_at and started:
        when = server_time_text(info.start_at, account_zone, local_zone, now=now)
        # Translators: {when} is when the campaign started: "Sat 26 Dec, 10:30, Kyiv time (UTC+2)".
        said = tr("Stop {campaign}, started on {when}? Messages not yet sent will not go out.")
    elif info.start_at and (start is None or start > now):
        when = server_time_text(info.start_at, account_zone, local_zone, now=now)
        said = tr("Stop {campaign}, planned for {when}? Messages not yet sent will not go out.")
    else:
        when = ""
        said = tr("Stop {campaign}? Messages not yet sent will not go out.")
    return said.format(campaign=campaign, when=when)


def _campaign_words(campaign_id: int, title: str) -> str:
    """``campaign 844836977``, with what it is about when known: ``campaign 844836977, 'Spring sale'``."""
    if not title:
        # Translators: the campaign a question or a refusal is about: "Stop {campaign}?", "{campaign} cannot
        # be stopped" (the same grammatical case in both).
        return tr("campaign {number}").format(number=campaign_id)
    # Translators: as "campaign {number}", with what the campaign is about.
    return tr("campaign {number}, '{title}'").format(number=campaign_id, title=title)


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def _campaign_title(info: CampaignInfo, connection: Connection) -> str:
    """``Spring sale: -30% on sneakers``: what the history says the campaign is about, else its name, else ""."""
    record = recorded(info.id, connection)
    return display_title(record) if record is not None else short_name(info.name, 60) if info.name else ""
