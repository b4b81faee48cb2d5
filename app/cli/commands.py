"""The command-line commands. Each takes the parsed arguments and returns an exit code."""

from __future__ import annotations

import argparse
import getpass
import sys
from enum import Enum
from functools import partial

from app import api
from app.api.models import CampaignInfo
from app.campaign.clock_words import server_time_text
from app.campaign.file import CampaignDocument
from app.campaign.text import short_name
from app.cli import EXIT_INPUT, EXIT_INTERRUPTED, EXIT_OK, EXIT_REFUSED, output, repeats, send_report, signals
from app.cli.common import load_document, report_failure, say, with_client
from app.cli.known_price import recorded, with_known_price
from app.history import open_history
from app.history.titles import display_title
from app.platform.config import load_settings, local_time_zone_name
from app.platform.credentials import CredentialsError, check_key_format, save_api_key
from app.sending.pipeline import NotSendable, prepare_send, send_prepared
from app.sending.repeats import earlier_send
from app.sending.summary import pictures_words, when_text
from app.tasks.connection import Connection
from app.tasks.pictures import campaign_pictures, check_pictures
from app.validation import has_errors, overridable_errors, validate_document


def validate(args: argparse.Namespace) -> int:
    settings = load_settings()
    document = load_document(args.file, settings)
    if document is None:
        return EXIT_INPUT
    problems = validate_document(document)
    for problem in problems:
        print(output.problem_line(problem))
    if has_errors(problems):
        return EXIT_INPUT
    # validate reads only the file (no network): say what only a send can check.
    found = "No errors found in the file, only the warnings above." if problems else "No problems found in the file."
    print(f"{found} {CHECKED_WHEN_SENDING}")
    return EXIT_OK


CHECKED_WHEN_SENDING = "Pictures and contact lists are checked when you send."


class _NoAnswer(Enum):
    NO_TERMINAL = "no terminal"
    END_OF_INPUT = "end of input"  # Ctrl+D (Ctrl+Z, Enter on Windows) at the prompt


def _confirm(question: str) -> bool | _NoAnswer:
    """True/False from the terminal, or why there is no answer. Ctrl+C raises KeyboardInterrupt."""
    if not sys.stdin or not sys.stdin.isatty():
        return _NoAnswer.NO_TERMINAL
    try:
        answer = input(f"{question} [y/N] ")
    except EOFError:
        return _NoAnswer.END_OF_INPUT
    return answer.strip().lower() in ("y", "yes")


def _confirmed(question: str, *, nothing_done: str, verb: str) -> int | None:
    """None when the user said yes; otherwise the exit code, with ``nothing_done`` ("Nothing was sent") said."""
    try:
        answer = _confirm(question)
    except KeyboardInterrupt:
        say(f"\n{nothing_done}.")
        return EXIT_INTERRUPTED
    if answer is _NoAnswer.NO_TERMINAL:
        say(f"{nothing_done}: there is no terminal to confirm on. Add --yes to {verb} without asking.")
        return EXIT_INPUT
    if answer is not True:
        say(f"\n{nothing_done}." if answer is _NoAnswer.END_OF_INPUT else f"{nothing_done}.")
        return EXIT_INPUT
    return None


def _send_summary(document: CampaignDocument, account_zone: str, *, again: bool = False) -> str:
    campaign = document.campaign
    lists = len(campaign.groups)
    contacts = [c for c in document.list_contacts().values() if c is not None]
    who = f"{lists} list{'s' if lists != 1 else ''}"
    if len(contacts) == lists and lists:
        who += f" ({sum(contacts):,} contacts)"
    # The window's confirmation says the time in the same words (one clock everywhere).
    when = f"on {when_text(document, local_time_zone_name(), account_zone)}" if campaign.start_at else "now"
    return f"Send the campaign{' again' if again else ''} from {campaign.sender or '?'} to {who} {when}?"


def send(args: argparse.Namespace) -> int:
    settings = load_settings()
    document = load_document(args.file, settings)
    if document is None:
        return EXIT_INPUT
    problems = validate_document(document)
    for problem in problems:
        say(output.problem_line(problem))
    if has_errors(problems):
        say("Nothing was sent: correct the errors above first.")
        return EXIT_INPUT

    def work(connection: Connection) -> int:
        refused = _pictures_refused(document, connection, send_anyway=args.send_anyway)
        if refused is not None:
            return refused
        try:
            prepared = prepare_send(document, connection.account_time_zone)
        except NotSendable as exc:
            say(str(exc))
            return EXIT_INPUT
        history = partial(open_history, demo=connection.demo)
        earlier = earlier_send(history, prepared.body, server=connection.server_label)
        if earlier is not None and args.yes and not args.again:
            say(repeats.refusal(earlier))
            return EXIT_INPUT
        if not args.yes:
            if earlier is not None:
                say(repeats.caution(earlier))
            refused = _confirmed(
                _send_summary(document, connection.account_time_zone, again=earlier is not None),
                nothing_done="Nothing was sent",
                verb="send",
            )
            if refused is not None:
                return refused
        with signals.termination_raises():
            result = send_prepared(prepared, connection, history)
        return send_report.report(
            result,
            args,
            connection,
            settings,
            sender=document.campaign.sender,
            refused=partial(report_failure, body=prepared.body),
        )

    return with_client(args, work)


def _pictures_refused(document: CampaignDocument, connection: Connection, *, send_anyway: bool) -> int | None:
    """Check the cards' pictures as the window does; the exit code when one is proved not to show on
    phones and ``--send-anyway`` was not given, else None (warnings are said and the send goes on)."""
    if campaign_pictures(document.campaign):
        say("Checking the pictures…")
    problems = check_pictures(document.campaign, mounts=connection.media_mounts)
    for problem in problems:
        say(output.problem_line(problem))
    blocking = overridable_errors(problems)
    if blocking and not send_anyway:
        say(
            f"Nothing was sent: {pictures_words(blocking)} will not show on phones. Correct it, or add "
            "--send-anyway to send all the same."
        )
        return EXIT_INPUT
    return None


def lists(args: argparse.Namespace) -> int:
    def work(connection: Connection) -> int:
        found = connection.client.list_groups()
        if args.json:
            output.print_json([item.raw for item in found])
        else:
            output.print_lists(found)
        return EXIT_OK

    return with_client(args, work)


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
    return _confirmed(question, nothing_done="Nothing was stopped", verb="stop")


def _campaign_title(info: CampaignInfo, connection: Connection) -> str:
    """``, 'Spring sale: -30% on sneakers'``: what the history says the campaign is about, else its name."""
    record = recorded(info.id, connection)
    title = display_title(record) if record is not None else short_name(info.name, 60) if info.name else ""
    return f", '{title}'" if title else ""


def set_key(args: argparse.Namespace) -> int:
    try:
        if not sys.stdin or not sys.stdin.isatty():
            key = sys.stdin.readline().strip() if sys.stdin else ""
        else:
            key = getpass.getpass("API key (typing is hidden): ").strip()
    except KeyboardInterrupt:
        say("\nNo key was saved.")
        return EXIT_INTERRUPTED
    except EOFError:
        say("\nNo key was saved.")
        return EXIT_INPUT
    problem = check_key_format(key)
    if problem:
        say(f"{problem} No key was saved.")
        return EXIT_INPUT
    try:
        save_api_key(key)
    except CredentialsError as exc:
        say(str(exc))
        return EXIT_INPUT
    print("The API key was saved in the system keyring.")
    return EXIT_OK


def sandbox(args: argparse.Namespace) -> int:
    from app.sandbox.loopback import CannotListen, run_sandbox

    settings = load_settings()
    try:
        run_sandbox(args.port, host=args.host, time_zone=settings.account_time_zone, list_count=args.lists)
    except CannotListen as exc:
        say(str(exc))
        return EXIT_INPUT
    return EXIT_OK
