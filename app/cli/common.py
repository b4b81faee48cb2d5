"""What the commands that talk to the server share: connecting, and explaining a failure.

What the others share too (``say``, ``load_document``) is in ``app.cli.files``, which ``validate``
imports without this module's API client and errors.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Mapping
from typing import Any

from app import api
from app.api.errors import SETTINGS_ADDRESS
from app.cli import EXIT_INPUT, EXIT_REFUSED, EXIT_UNREACHABLE, output
from app.cli.files import say
from app.language import tr, tr_mark
from app.platform.config import Settings, load_settings
from app.platform.credentials import CredentialsError
from app.tasks.connection import Connection, check_api_key, open_connection
from app.validation import plain_server_message
from app.validation.server_words import server_problems

NO_KEY = tr_mark(
    "There is no API key. Save one with `rcs-desk set-key`, set RCS_DESK_API_KEY, or try the demo with --demo."
)


REFUSALS = (api.Rejected, api.DuplicateRequest, api.KeyRefused, api.AccessDenied, api.NotFound)


def report_failure(exc: api.ApiError, args: argparse.Namespace, *, body: Mapping[str, Any] | None = None) -> int:
    """Say why ``exc`` happened; the exit code. ``body`` is the request refused, if any: a refusal's
    lines quote its values ("Contact list 999 is not in this account")."""
    if isinstance(exc, api.Rejected):
        _say_refusal(exc, body)
    else:
        say(_where_the_address_is_from(exc, args))
    if isinstance(exc, api.KeyRefused):
        say(tr("From the command line: save the key with `rcs-desk set-key`, or set RCS_DESK_API_KEY."))
    if isinstance(exc, api.NotFound) and args.demo:
        say(tr("`rcs-desk --demo campaigns --all` shows the campaigns of the demo account."))
    if args.verbose and exc.details:
        say_details(exc.details)
    return EXIT_REFUSED if isinstance(exc, REFUSALS) else EXIT_UNREACHABLE


def say_details(details: str) -> None:
    """A failure's technical details, for ``--verbose`` (the details themselves stay as they were)."""
    say(tr("Details: {details}").format(details=details))


def _where_the_address_is_from(exc: api.ApiError, args: argparse.Namespace) -> str:
    """``exc``'s message, naming where the server address came from when that is not the Settings."""
    from app.platform.config import ENV_API_URL

    if args.demo:
        return exc.user_message
    if args.api_url:
        # Translators: replaces "server address in Settings" inside a message: the same words' form (case).
        where = tr("server address given with --api-url ({address})").format(address=args.api_url)
    elif os.environ.get(ENV_API_URL):
        # Translators: replaces "server address in Settings" inside a message: the same words' form (case).
        where = tr("server address in {variable} ({address})").format(
            variable=ENV_API_URL, address=os.environ[ENV_API_URL]
        )
    else:
        return exc.user_message
    return exc.user_message.replace(tr(SETTINGS_ADDRESS), where)


def _say_refusal(exc: api.Rejected, body: Mapping[str, Any] | None) -> None:
    """The heading, then each reason once: one naming no field as "• reason", one at a field as a
    problem line (``error: groups[0]: Recipients: Contact list 999 is not in this account.``)."""
    heading = exc.user_message.split("\n", 1)[0]
    say(plain_server_message(heading))
    if not exc.field_errors and not exc.general_errors:
        return
    for message in dict.fromkeys(exc.general_errors):
        if message != exc.server_message:
            say(f"• {plain_server_message(message)}")
    for problem in server_problems(exc.field_errors, body):
        say(output.problem_line(problem))


def _connect(args: argparse.Namespace, settings: Settings) -> Connection | None:
    if not args.demo:
        key = check_api_key()
        if not key.present:
            say(key.problem or tr(NO_KEY))
            return None
    return open_connection(settings, demo=args.demo, api_url=args.api_url)


def with_client(args: argparse.Namespace, work: Callable[[Connection], int]) -> int:
    settings = load_settings()
    try:
        connection = _connect(args, settings)
    except CredentialsError as exc:
        say(str(exc))
        return EXIT_INPUT
    if connection is None:
        return EXIT_INPUT
    if connection.demo:
        say(tr("Demo: nothing is sent."))
        _say_demo_account_problems(connection)
    try:
        with connection.client:
            return work(connection)
    except api.ApiError as exc:
        return report_failure(exc, args)
    finally:
        _say_demo_account_problems(connection)


def _say_demo_account_problems(connection: Connection) -> None:
    """What went wrong with the demo account's file (damaged, cannot be written), each said once."""
    if connection.demo_account is not None:
        for problem in connection.demo_account.take_problems():
            say(problem)
