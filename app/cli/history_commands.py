"""``rcs-desk campaigns``: the local history with fresh statuses; and recording what ``send`` did."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from app.campaign.clock_words import computer_time_text, server_time_text
from app.campaign.statuses import status_words
from app.campaign.text import format_price, pair_words
from app.cli import EXIT_INPUT, EXIT_OK, output
from app.cli.common import with_client
from app.cli.files import say
from app.history import History, HistoryError, HistoryRecord, open_history, search_message
from app.history.records import ORIGIN_LOCAL, ORIGIN_WEB
from app.history.titles import display_title
from app.language import tr, tr_mark, tr_n
from app.language.formats import format_count
from app.platform.config import load_settings, local_time_zone_name
from app.tasks import campaigns as tasks
from app.tasks.connection import Connection, check_api_key
from app.tasks.context import NEVER_CANCELLED

# rcs-desk campaigns --------------------------------------------------------------------------------


def campaigns(args: argparse.Namespace) -> int:
    try:
        history = open_history(demo=args.demo)
    except HistoryError as exc:
        say(exc.user_message)
        return EXIT_INPUT
    with history:
        if history.recovered_from_corruption:
            say(history.recovered_from_corruption)
        code = EXIT_OK
        if not args.offline and (args.demo or _has_key()):  # the demo account is kept between commands
            code = with_client(args, lambda connection: _refresh(args, history, connection))
            if code != EXIT_OK:
                say(tr("Showing the statuses last seen."))
        try:
            records = history.records(include_web=args.all)
        except HistoryError as exc:
            say(exc.user_message)
            return EXIT_INPUT
    if args.json:
        output.print_json([record.to_json() for record in records])
    else:
        print_records(records, show_origin=args.all, account_zone=load_settings().account_time_zone)
    return code


def _has_key() -> bool:
    key = check_api_key()
    if not key.present:
        if key.problem:
            # Translators: {reason} is a sentence saying what is wrong with the API key.
            say(tr("Statuses were not refreshed: {reason}").format(reason=key.problem))
        else:
            say(tr("Statuses were not refreshed: there is no API key (save one with `rcs-desk set-key`)."))
    return key.present


def _refresh(args: argparse.Namespace, history: History, connection: Connection) -> int:
    """The window's refresh (app.tasks.campaigns): statuses, unknown outcomes, and with --all the web account."""
    server = connection.server_label
    try:
        outcome = tasks.refresh(
            NEVER_CANCELLED, history, connection.client, server, args.all, connection.account_time_zone, args.all
        )
    except HistoryError as exc:
        say(exc.user_message)
        return EXIT_INPUT
    if outcome.web_problem is not None:
        # Translators: {reason} is a sentence saying what went wrong.
        say(tr("The web account's campaigns were not read: {reason}").format(reason=outcome.web_problem.user_message))
    for info in outcome.result.found.values():
        say(search_message(info))
    for record in history.unknown_outcomes(server=server):
        # Translators: {when} is when the send whose answer never came was made ("Sat 1 Mar, 12:00"); {result}
        # is what the search among the account's campaigns found, in a sentence or two.
        say(tr("Sent {when}: {result}").format(when=_local_time(record.sent_at), result=search_message(None)))
    return EXIT_OK


# Translators: the status of a send whose answer never came, in the table of rcs-desk campaigns.
ANSWER_NEVER_CAME = tr_mark("answer never came: check")
# Where a campaign was created, in the "From" column of ``rcs-desk campaigns --all``.
ORIGIN_WORDS = {ORIGIN_LOCAL: tr_mark("this computer"), ORIGIN_WEB: tr_mark("web account")}


def _local_time(utc_text: str) -> str:
    """A moment noted in UTC, on this computer's clock in the words the window uses: ``Sat 1 Mar, 12:00``."""
    return computer_time_text(utc_text, local_time_zone_name())


def print_records(
    records: list[HistoryRecord],
    *,
    show_origin: bool = False,
    account_zone: str = "UTC",
    local_zone: str | None = None,
    out: TextIO | None = None,
) -> None:
    """The history as a table for the terminal, newest first: what each campaign is about and when it
    starts, in the words of the window's Campaigns table and of ``rcs-desk campaign`` (the server's
    times are in the account's time zone, ``account_zone``)."""
    out = out or sys.stdout
    local_zone = local_zone or local_time_zone_name()
    if not records:
        print(tr("No campaigns were sent from this computer yet."), file=out)
        return
    header = [
        tr("Sent\n(time on this computer)").replace("\n", " "),  # the words of the window's Campaigns table
        tr("Status"),
        tr("ID"),
        tr("Planned start"),
        tr("RCS delivered / sent"),
        tr("SMS delivered / sent"),
        tr("Estimated\nprice").replace("\n", " "),  # the estimate, not what was spent: the window's words
        tr("Campaign"),
    ]
    if show_origin:
        # Translators: the column of rcs-desk campaigns --all saying where a campaign was created.
        header.insert(1, tr("From"))
    rows = []
    for record in records:
        row = [
            _local_time(record.sent_at),
            tr(ANSWER_NEVER_CAME) if record.outcome_unknown else status_words(record.status),
            "—" if record.campaign_id is None else str(record.campaign_id),
            server_time_text(record.start_at, account_zone, local_zone) if record.start_at else "—",
            pair_words(record.delivered, record.sent),
            pair_words(record.sms_delivered, record.sms_sent),
            format_price(record.price, record.currency) if record.price is not None else "—",
            display_title(record),
        ]
        if show_origin:
            row.insert(1, tr(ORIGIN_WORDS.get(record.origin, record.origin)))
        rows.append(row)
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip(), file=out)
    unknown = sum(1 for record in records if record.outcome_unknown)
    if unknown:
        said = tr_n(
            "{count} send got no answer from the server: the campaign may have been created. Check the campaign "
            "list before sending again.",
            "{count} sends got no answer from the server: the campaign may have been created. Check the campaign "
            "list before sending again.",
            unknown,
        )
        print(said.format(count=format_count(unknown)), file=out)
    problems = [record for record in records if record.refresh_problem]
    for record in problems:
        # Translators: {problem} is a sentence saying why the campaign's status could not be refreshed.
        print(
            tr("Campaign {number}: {problem}").format(number=record.campaign_id, problem=record.refresh_problem),
            file=out,
        )
