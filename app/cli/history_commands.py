"""``rcs-desk campaigns``: the local history with fresh statuses; and recording what ``send`` did."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import TextIO

from app.campaign.text import format_price
from app.cli import output
from app.cli import EXIT_INPUT, EXIT_OK
from app.cli.commands import _say, _with_client
from app.tasks.connection import Connection
from app.platform.credentials import CredentialsError, load_api_key
from app.history import (
    SEARCH_PAGE,
    History,
    HistoryError,
    HistoryRecord,
    open_history,
    refresh_statuses,
    search_message,
)


def server_label(connection: Connection) -> str:
    """Where a campaign sent through ``connection`` lives (each demo run is a server of its own)."""
    return connection.server_label


# rcs-desk campaigns --------------------------------------------------------------------------------


def campaigns(args: argparse.Namespace) -> int:
    try:
        history = open_history(demo=args.demo)
    except HistoryError as exc:
        _say(exc.user_message)
        return EXIT_INPUT
    with history:
        if history.recovered_from_corruption:
            _say(history.recovered_from_corruption)
        code = EXIT_OK
        if args.demo:
            _say("Demo: statuses are shown as last seen (the demo server keeps no campaigns between commands).")
        elif not args.offline and _has_key():
            code = _with_client(args, lambda connection: _refresh(args, history, connection))
            if code != EXIT_OK:
                _say("Showing the statuses last seen.")
        try:
            records = history.records(include_web=args.all)
        except HistoryError as exc:
            _say(exc.user_message)
            return EXIT_INPUT
    if args.json:
        output.print_json([record.to_json() for record in records])
    else:
        print_records(records, show_origin=args.all)
    return code


def _has_key() -> bool:
    try:
        found = load_api_key()
    except CredentialsError as exc:
        _say(f"Statuses were not refreshed: {exc}")
        return False
    if found is None:
        _say("Statuses were not refreshed: there is no API key (save one with `rcs-desk set-key`).")
        return False
    return True


def _refresh(args: argparse.Namespace, history: History, connection: Connection) -> int:
    server = server_label(connection)
    try:
        result = refresh_statuses(history, connection.client, server=server)
        if args.all:
            found = connection.client.list_campaigns(0, SEARCH_PAGE)
            history.merge_remote(found, server=server, time_zone=connection.account_time_zone)
    except HistoryError as exc:
        _say(exc.user_message)
        return EXIT_INPUT
    for info in result.found.values():
        _say(search_message(info))
    for record in history.unknown_outcomes(server=server):
        _say(f"Sent {_local_time(record.sent_at)}: {search_message(None)}")
    return EXIT_OK


ANSWER_NEVER_CAME = "answer never came: check"


def _local_time(utc_text: str) -> str:
    try:
        return datetime.fromisoformat(utc_text).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return utc_text


def _pair(a: int | None, b: int | None) -> str:
    if a is None and b is None:
        return "—"
    return f"{'—' if a is None else f'{a:,}'} / {'—' if b is None else f'{b:,}'}"


def print_records(records: list[HistoryRecord], *, show_origin: bool = False, out: TextIO | None = None) -> None:
    """The history as a table for the terminal, newest first."""
    out = out or sys.stdout
    if not records:
        print("No campaigns were sent from this computer yet.", file=out)
        return
    header = ["Sent (local time)", "Status", "ID", "RCS delivered / sent", "SMS delivered / sent", "Price", "Name"]
    if show_origin:
        header.insert(1, "From")
    rows = []
    for record in records:
        row = [
            _local_time(record.sent_at),
            ANSWER_NEVER_CAME if record.outcome_unknown else record.status,
            "—" if record.campaign_id is None else str(record.campaign_id),
            _pair(record.delivered, record.sent),
            _pair(record.sms_delivered, record.sms_sent),
            format_price(record.price, record.currency) if record.price is not None else "—",
            record.title,
        ]
        if show_origin:
            row.insert(1, record.origin)
        rows.append(row)
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip(), file=out)
    unknown = sum(1 for record in records if record.outcome_unknown)
    if unknown:
        print(
            f"{unknown} send{'s' if unknown != 1 else ''} got no answer from the server: the campaign may have "
            "been created. Check the campaign list before sending again.",
            file=out,
        )
    problems = [record for record in records if record.refresh_problem]
    for record in problems:
        print(f"Campaign {record.campaign_id}: {record.refresh_problem}", file=out)
