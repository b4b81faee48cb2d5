"""``rcs-desk send FILE``: validate, check the pictures, ask, send, and report what happened.

The only command that imports the sending pipeline, the picture checks and the history's repeat
rule; the other commands start without them.
"""

from __future__ import annotations

import argparse
from functools import partial

from app.campaign.file import CampaignDocument
from app.cli import EXIT_INPUT, output, repeats, send_report, signals
from app.cli.common import report_failure, with_client
from app.cli.files import load_document, say
from app.cli.questions import confirmed
from app.history import open_history
from app.platform.config import load_settings, local_time_zone_name
from app.sending.pipeline import NotSendable, prepare_send, send_prepared
from app.sending.repeats import earlier_send
from app.sending.summary import pictures_words, when_text
from app.tasks.connection import Connection
from app.tasks.pictures import campaign_pictures, check_pictures
from app.validation import has_errors, overridable_errors, validate_document


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
        refused = pictures_refused(document, connection, send_anyway=args.send_anyway)
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
            refused = confirmed(
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


def pictures_refused(document: CampaignDocument, connection: Connection, *, send_anyway: bool) -> int | None:
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
