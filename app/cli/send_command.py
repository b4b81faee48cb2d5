"""``rcs-desk send FILE``: validate, read the campaign's lists from the account (names and contacts, for
the summary and the contacts limit), check the pictures, ask, send, and report what happened.

The only command that imports the sending pipeline, the picture checks and the history's repeat
rule; the other commands start without them.
"""

from __future__ import annotations

import argparse
from functools import partial

from app import api
from app.campaign.file import CampaignDocument
from app.cli import EXIT_INPUT, output, repeats, send_report, signals
from app.cli.before_sending import say_campaign_summary
from app.cli.common import report_failure, with_client
from app.cli.files import checked_document, say
from app.cli.questions import NOT_SENT, confirmed, refused_without_terminal
from app.history import open_history
from app.language import tr, tr_mark, tr_n
from app.language.formats import format_count
from app.platform.config import load_settings, local_time_zone_name
from app.sending.pipeline import NotSendable, prepare_send, send_prepared
from app.sending.repeats import earlier_send
from app.sending.summary import known_contacts, pictures_words, when_text
from app.tasks.chosen_lists import refresh_chosen_lists
from app.tasks.connection import Connection
from app.tasks.context import NEVER_CANCELLED
from app.tasks.pictures import campaign_pictures, check_pictures
from app.validation import Problem, has_errors, overridable_errors, validate_document
from app.validation.problems import ERROR, join_path

CORRECT_FIRST = tr_mark("Nothing was sent: correct the errors above first.")


def _send_summary(document: CampaignDocument, account_zone: str, *, again: bool = False) -> str:
    campaign = document.campaign
    sender = campaign.sender or "?"
    recipients = _recipients(document)
    if not campaign.start_at:
        if again:
            return tr("Send the campaign again from {sender} to {recipients} now?").format(
                sender=sender, recipients=recipients
            )
        return tr("Send the campaign from {sender} to {recipients} now?").format(sender=sender, recipients=recipients)
    # The window's confirmation says the time in the same words (one clock everywhere).
    when = when_text(document, local_time_zone_name(), account_zone)
    if again:
        return tr("Send the campaign again from {sender} to {recipients} on {when}?").format(
            sender=sender, recipients=recipients, when=when
        )
    return tr("Send the campaign from {sender} to {recipients} on {when}?").format(
        sender=sender, recipients=recipients, when=when
    )


def _recipients(document: CampaignDocument) -> str:
    """``2 lists``, with their contacts when every list's count is known: ``2 lists (1,577 contacts)``."""
    lists = len(document.campaign.groups)
    # Translators: who a campaign is sent to, in "Send the campaign from {sender} to {recipients}…?".
    words = tr_n("{count} list", "{count} lists", lists).format(count=format_count(lists))
    total = known_contacts(document)
    if total is None:
        return words
    # Translators: the contacts of the lists, in "Send the campaign from {sender} to {recipients}…?".
    in_all = tr_n("{count} contact", "{count} contacts", total).format(count=format_count(total))
    # Translators: "2 lists (1,577 contacts)".
    return tr("{lists} ({contacts})").format(lists=words, contacts=in_all)


def send(args: argparse.Namespace) -> int:
    settings = load_settings()
    checked = checked_document(args.file, settings, say)
    if checked is None:
        return EXIT_INPUT
    document, problems = checked
    if has_errors(problems):
        say(tr(CORRECT_FIRST))
        return EXIT_INPUT
    refused = refused_without_terminal(NOT_SENT, yes=args.yes)
    if refused is not None:
        return refused

    def work(connection: Connection) -> int:
        refused = lists_refused(document, problems, connection, args)
        if refused is not None:
            return refused
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
        say_campaign_summary(
            document, connection, asked=not args.yes
        )  # what and to whom, and the money: also with --yes
        if not args.yes:
            if earlier is not None:
                say(repeats.caution(earlier))
            refused = confirmed(
                _send_summary(document, connection.account_time_zone, again=earlier is not None),
                NOT_SENT,
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


def lists_refused(
    document: CampaignDocument, said: list[Problem], connection: Connection, args: argparse.Namespace
) -> int | None:
    """Read the campaign's lists from the account (their names and contacts, for the summary) and check
    the campaign again with them, as the window does; the new problems are said (``said``: those said
    already). The exit code when the lists cannot be read or a new problem is an error (too many
    contacts), else None."""
    try:
        missing = refresh_chosen_lists(NEVER_CANCELLED, connection.client, document)
    except api.ApiError as exc:  # nothing is sent without the check
        code = report_failure(exc, args)
        say(tr(NOT_SENT.nothing_done))
        return code
    problems = [problem for problem in validate_document(document) if problem not in said]
    problems += missing_list_problems(document, missing)
    for problem in problems:
        say(output.problem_line(problem))
    if has_errors(problems):
        say(tr(CORRECT_FIRST))
        return EXIT_INPUT
    return None


def missing_list_problems(document: CampaignDocument, missing: set[int]) -> list[Problem]:
    """An error at each of the campaign's lists the account does not have (the server would refuse them
    after the question; here they are said before it, in the server refusal's words)."""
    return [
        Problem(join_path("groups", index), ERROR, tr("Contact list {list} is not in this account.").format(list=group))
        for index, group in enumerate(document.campaign.groups)
        if group in missing
    ]


def pictures_refused(document: CampaignDocument, connection: Connection, *, send_anyway: bool) -> int | None:
    """Check the cards' pictures as the window does; the exit code when one is proved not to show on
    phones and ``--send-anyway`` was not given, else None (warnings are said and the send goes on)."""
    if campaign_pictures(document.campaign):
        say(tr("Checking the pictures…"))
    problems = check_pictures(document.campaign, mounts=connection.media_mounts)
    for problem in problems:
        say(output.problem_line(problem))
    blocking = overridable_errors(problems)
    if blocking and not send_anyway:
        # Translators: {pictures} is "card 2's picture" or "the pictures of cards 1 and 3".
        refusal = tr(
            "Nothing was sent: {pictures} will not show on phones. Correct it, or add --send-anyway to send all "
            "the same."
        )
        say(refusal.format(pictures=pictures_words(blocking)))
        return EXIT_INPUT
    return None
