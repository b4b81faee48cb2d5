"""The command-line commands. Each takes the parsed arguments and returns an exit code."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable

from app import api
from app.campaign.file import CampaignFileError, CampaignDocument, load_campaign_file
from app.cli import EXIT_INPUT, EXIT_INTERRUPTED, EXIT_OK, EXIT_REFUSED, EXIT_UNREACHABLE, output, send_report, signals
from app.platform.config import Settings, load_settings
from app.tasks.connection import Connection, open_connection
from app.platform.credentials import CredentialsError, check_key_format, load_api_key, save_api_key
from app.history import open_history
from app.sending.pipeline import NotSendable, prepare_send, send_prepared
from app.validation import has_errors, validate_document


REFUSALS = (api.Rejected, api.DuplicateRequest, api.KeyRefused, api.AccessDenied, api.NotFound)


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _report_failure(exc: api.ApiError, args: argparse.Namespace) -> int:
    _say(exc.user_message)
    if isinstance(exc, api.KeyRefused):
        _say("From the command line: save the key with `rcs-desk set-key`, or set RCS_DESK_API_KEY.")
    if isinstance(exc, api.NotFound) and args.demo:
        _say(
            "The demo server starts empty for every command. To follow a demo campaign across commands, "
            "run `rcs-desk sandbox` and point RCS_DESK_API_URL at it (see the README)."
        )
    if args.verbose and exc.details:
        _say(f"Details: {exc.details}")
    if isinstance(exc, REFUSALS):
        if isinstance(exc, api.Rejected):
            for path, messages in exc.field_errors.items():
                for message in messages:
                    _say(f"  {path}: {message}")
            for message in exc.general_errors:
                _say(f"  {message}")
        return EXIT_REFUSED
    return EXIT_UNREACHABLE


def _load(path: str, settings: Settings) -> CampaignDocument | None:
    try:
        return load_campaign_file(path, default_time_zone=settings.account_time_zone)
    except CampaignFileError as exc:
        _say(exc.user_message)
        return None


def _connect(args: argparse.Namespace, settings: Settings) -> Connection | None:
    if not args.demo and load_api_key() is None:
        _say(
            "There is no API key. Save one with `rcs-desk set-key`, set RCS_DESK_API_KEY, or try the demo with --demo."
        )
        return None
    return open_connection(settings, demo=args.demo, api_url=args.api_url)


def _with_client(args: argparse.Namespace, work: Callable[[Connection], int]) -> int:
    settings = load_settings()
    try:
        connection = _connect(args, settings)
    except CredentialsError as exc:
        _say(str(exc))
        return EXIT_INPUT
    if connection is None:
        return EXIT_INPUT
    if connection.demo:
        _say("Demo: nothing is sent.")
    try:
        with connection.client:
            return work(connection)
    except api.ApiError as exc:
        return _report_failure(exc, args)


def validate(args: argparse.Namespace) -> int:
    settings = load_settings()
    document = _load(args.file, settings)
    if document is None:
        return EXIT_INPUT
    problems = validate_document(document)
    for problem in problems:
        print(f"{problem.severity}: {problem.path}: {problem.message}")
    if has_errors(problems):
        return EXIT_INPUT
    if not problems:
        print("No problems found.")
    return EXIT_OK


def _confirm(question: str) -> bool | None:
    """True/False from the terminal, None when there is no terminal to ask."""
    if not sys.stdin or not sys.stdin.isatty():
        return None
    try:
        answer = input(f"{question} [y/N] ")
    except EOFError:
        return None
    return answer.strip().lower() in ("y", "yes")


def _send_summary(document: CampaignDocument) -> str:
    campaign = document.campaign
    lists = len(campaign.groups)
    contacts = [c for c in document.list_contacts().values() if c is not None]
    who = f"{lists} list{'s' if lists != 1 else ''}"
    if len(contacts) == lists and lists:
        who += f" ({sum(contacts):,} contacts)"
    when = f"at {campaign.start_at:%Y-%m-%d %H:%M} ({document.time_zone})" if campaign.start_at else "now"
    return f"Send the campaign from {campaign.sender or '?'} to {who} {when}?"


def send(args: argparse.Namespace) -> int:
    settings = load_settings()
    document = _load(args.file, settings)
    if document is None:
        return EXIT_INPUT
    problems = validate_document(document)
    for problem in problems:
        _say(f"{problem.severity}: {problem.path}: {problem.message}")
    if has_errors(problems):
        _say("Nothing was sent: correct the errors above first.")
        return EXIT_INPUT
    if not args.yes:
        try:
            answer = _confirm(_send_summary(document))
        except KeyboardInterrupt:
            _say("\nNothing was sent.")
            return EXIT_INTERRUPTED
        if answer is None:
            _say("Nothing was sent: there is no terminal to confirm on. Add --yes to send without asking.")
            return EXIT_INPUT
        if not answer:
            _say("Nothing was sent.")
            return EXIT_INPUT

    def work(connection: Connection) -> int:
        try:
            prepared = prepare_send(document, connection.account_time_zone)
        except NotSendable as exc:
            _say(str(exc))
            return EXIT_INPUT
        with signals.termination_raises():
            result = send_prepared(prepared, connection, lambda: open_history(demo=connection.demo))
        return send_report.report(
            result, args, connection, settings, sender=document.campaign.sender, refused=_report_failure
        )

    return _with_client(args, work)


def lists(args: argparse.Namespace) -> int:
    def work(connection: Connection) -> int:
        found = connection.client.list_groups()
        if args.json:
            output.print_json([item.raw for item in found])
        else:
            output.print_lists(found)
        return EXIT_OK

    return _with_client(args, work)


def campaign(args: argparse.Namespace) -> int:
    def work(connection: Connection) -> int:
        info = connection.client.get_campaign(args.id)
        if args.json:
            output.print_json(info.raw)
        else:
            output.print_rows(output.campaign_rows(info, connection.account_time_zone))
        return EXIT_OK

    return _with_client(args, work)


def stop(args: argparse.Namespace) -> int:
    if not args.yes:
        answer = _confirm(f"Stop campaign {args.id}? Messages not yet sent will not go out.")
        if answer is None:
            _say("Nothing was stopped: there is no terminal to confirm on. Add --yes to stop without asking.")
            return EXIT_INPUT
        if not answer:
            _say("Nothing was stopped.")
            return EXIT_INPUT

    def work(connection: Connection) -> int:
        info = connection.client.stop_campaign(args.id)
        print(f"Campaign {args.id} was stopped.")
        if info is not None:
            output.print_rows(output.campaign_rows(info, connection.account_time_zone))
        return EXIT_OK

    return _with_client(args, work)


def set_key(args: argparse.Namespace) -> int:
    if not sys.stdin or not sys.stdin.isatty():
        key = sys.stdin.readline().strip() if sys.stdin else ""
    else:
        key = getpass.getpass("API key (typing is hidden): ").strip()
    problem = check_key_format(key)
    if problem:
        _say(problem)
        return EXIT_INPUT
    try:
        save_api_key(key)
    except CredentialsError as exc:
        _say(str(exc))
        return EXIT_INPUT
    print("The API key was saved in the system keyring.")
    return EXIT_OK


def sandbox(args: argparse.Namespace) -> int:
    from app.sandbox.loopback import run_sandbox

    settings = load_settings()
    run_sandbox(args.port, host=args.host, time_zone=settings.account_time_zone, list_count=args.lists)
    return EXIT_OK
