"""What ``rcs-desk send`` says about a ``SendResult``, and its exit code.

Once the campaign may exist, nothing said here can fail the command: a problem while printing or
saving settings is reported if possible and the exit code stays 0 (created) or 3/130 (unknown).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from app import api
from app.cli import EXIT_INPUT, EXIT_INTERRUPTED, EXIT_OK, EXIT_UNREACHABLE, output
from app.cli.closed_pipe import is_reader_gone, reader_gone
from app.cli.common import say_details
from app.cli.files import say
from app.language import tr, tr_mark
from app.platform.config import Settings, local_time_zone_name, save_settings
from app.sending.pipeline import Outcome, SendNotStarted, SendResult
from app.tasks.connection import Connection

FIND_IT = tr_mark("This send is in the campaign history: `rcs-desk campaigns` looks for it in the account's campaigns.")


def report(
    result: SendResult,
    args: argparse.Namespace,
    connection: Connection,
    settings: Settings,
    *,
    sender: str | None,
    refused: Callable[[api.ApiError, argparse.Namespace], int],
) -> int:
    """Say how the send ended; the command's exit code. ``sender`` is remembered after a success."""
    if result.outcome is Outcome.NOT_SENT:
        assert result.error is not None
        for note in result.notes:
            say(note)
        if isinstance(result.error, SendNotStarted):
            say(result.error.user_message)
            if args.verbose and result.error.details:
                say_details(result.error.details)
            return EXIT_INPUT
        return refused(result.error, args)
    if result.outcome is Outcome.UNKNOWN:
        return _report_unknown(result, args, connection)
    return _report_created(result, args, connection, settings, sender)


def _report_unknown(result: SendResult, args: argparse.Namespace, connection: Connection) -> int:
    error = result.error or api.OutcomeUnknown()
    say(("\n" if result.interrupted is not None else "") + error.user_message)
    if args.verbose and error.details:
        say_details(error.details)
    if result.record_id is not None and not connection.demo:
        say(tr(FIND_IT))
    return EXIT_INTERRUPTED if isinstance(result.interrupted, KeyboardInterrupt) else EXIT_UNREACHABLE


def _report_created(
    result: SendResult, args: argparse.Namespace, connection: Connection, settings: Settings, sender: str | None
) -> int:
    info = result.info
    assert info is not None
    try:
        if args.json:
            output.print_json(info.raw)
        else:
            print(tr("The campaign was created."))
            output.print_rows(output.campaign_rows(info, connection.account_time_zone, local_time_zone_name()))
        sys.stdout.flush()
    except BaseException as exc:  # noqa: BLE001 - a closed pipe, Ctrl+C while printing: the campaign exists all the same
        if is_reader_gone(exc):
            reader_gone()  # else Python's last flush fails again, and the exit code with it
        if info.id is not None:
            say(tr("The campaign was created (ID {number}).").format(number=info.id))
        else:
            say(tr("The campaign was created (ID not given)."))
    for note in result.notes:
        say(note)
    if sender:
        try:
            settings.remember_sender(sender)
            save_settings(settings)
        except Exception as exc:  # noqa: BLE001 - whatever went wrong, the campaign was created
            # Translators: {reason} is a sentence, such as "The settings could not be saved to … ."
            added = tr("The campaign was created. Its sender could not be added to the settings: {reason}")
            say(added.format(reason=_plain(exc)))
    return EXIT_OK


def _plain(exc: Exception) -> str:
    message = getattr(exc, "user_message", None)
    return message if isinstance(message, str) else tr("the settings file could not be written.")
