"""``rcs-desk test FILE --to NUMBER``: the campaign's message to a few of the user's own phones.

A test keeps the rules of ``send`` (``app.test_sends.send``): each message is written to the history
before it leaves, sent once, and a lost answer is looked up by its reference, never sent again; an
earlier test whose answer never came is looked up before the next one (``app.cli.earlier_tests``).
Exit code 3 (as for a test not confirmed) also when a phone was left out because its same earlier
test could not be looked up: nothing was sent to it, and whether it has the test is not known; the
other phones' test still goes, and a code of its own (2, 130) comes first. After the send the
statuses are followed for a short while; Ctrl+C stops the following, never the send, and a reader
that closes standard output early does not change the exit code.
"""

from __future__ import annotations

import argparse
import logging
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from app.cli import EXIT_INPUT, EXIT_INTERRUPTED, EXIT_OK, EXIT_REFUSED, EXIT_UNREACHABLE, output, signals
from app.cli.before_sending import say_test_summary
from app.cli.closed_pipe import after_the_send
from app.cli.common import REFUSALS, say_details, with_client
from app.cli.earlier_tests import HOW_TO_CHECK, check_earlier_tests
from app.cli.files import load_document, say
from app.cli.questions import NOT_SENT, confirmed, refused_without_terminal
from app.cli.send_command import pictures_refused
from app.history import History, HistoryError, open_history
from app.language import tr, tr_n
from app.language.formats import format_count
from app.platform.config import load_settings
from app.sending.pipeline import NotSendable, SendNotStarted
from app.tasks.connection import Connection
from app.test_sends.earlier import LOOK_UP_FAILED
from app.test_sends.phones import phone_words
from app.test_sends.send import MessageOutcome, TestSendResult, prepare_test_send, send_test
from app.test_sends.status import record_look, refresh_test_statuses, sent_test_words

log = logging.getLogger(__name__)

# How long the statuses are followed after a test, and how often they are asked for.
FOLLOW_SECONDS = 60.0
LOOK_EVERY_SECONDS = 3.0


def test(args: argparse.Namespace) -> int:
    settings = load_settings()
    document = load_document(args.file, settings)
    if document is None:
        return EXIT_INPUT
    try:
        prepared = prepare_test_send(document, args.to)
    except NotSendable as exc:
        say(str(exc))
        return EXIT_INPUT
    for problem in prepared.warnings:
        say(output.problem_line(problem))
    refused = refused_without_terminal(NOT_SENT, yes=args.yes)
    if refused is not None:
        return refused

    def work(connection: Connection) -> int:
        refused = pictures_refused(document, connection, send_anyway=args.send_anyway)
        if refused is not None:
            return refused
        history = partial(open_history, demo=connection.demo)
        try:
            earlier = check_earlier_tests(prepared, connection, history)
        except Exception:  # a fault of the program, not of the server (those are said per test): nothing is sent
            log.debug("the earlier tests could not be looked up", exc_info=True)  # with -v
            say(tr(LOOK_UP_FAILED))
            return EXIT_UNREACHABLE
        to_send, found = earlier.prepared, earlier.found
        unchecked = EXIT_UNREACHABLE if earlier.unchecked else EXIT_OK
        if not to_send.messages:  # every phone has had this test already, or may have
            with after_the_send():
                if args.json:
                    output.print_json(_in_order(found, prepared.numbers))
            return unchecked
        sender = document.campaign.sender or ""
        say_test_summary(to_send.numbers, sender, connection)  # also with --yes: what goes where, and the money
        if not args.yes:
            phones = [number for number, _ in to_send.messages]
            # Translators: {phones} is the phone numbers, separated by commas.
            question = tr_n(
                "Send a test from {sender} to {phones} ({count} phone)?",
                "Send a test from {sender} to {phones} ({count} phones)?",
                len(phones),
            ).format(
                sender=document.campaign.sender or "?",
                phones=", ".join(map(phone_words, phones)),
                count=format_count(len(phones)),
            )
            refused = confirmed(question, NOT_SENT)
            if refused is not None:
                return refused
        with signals.termination_raises():
            result = send_test(to_send, connection, history)
        code = _exit_code(result, args) or unchecked
        with after_the_send():
            _report(result, found, prepared.numbers, as_json=args.json)
            if (
                not args.json
                and result.interrupted is None
                and result.count(MessageOutcome.NOT_SENT) < len(result.phones)
            ):
                _follow(connection, history, result.batch)
        return code

    return with_client(args, work)


def _report(
    result: TestSendResult, found: dict[str, dict[str, Any]], numbers: tuple[str, ...], *, as_json: bool
) -> None:
    """How the test went, in words. With ``as_json``: the server's message for each phone in the order
    given (a phone's earlier test ``found`` on the server in its place), and the words on stderr only
    for the phones whose test was not confirmed."""
    confirmed_all = result.count(MessageOutcome.SENT) == len(result.phones)
    if as_json:
        if not confirmed_all:
            say(sent_test_words(result))
        sent = {phone.number: phone.message.raw for phone in result.phones if phone.message is not None}
        output.print_json(_in_order({**found, **sent}, numbers))
    else:
        print(sent_test_words(result))
    if result.count(MessageOutcome.UNKNOWN):
        say(tr(HOW_TO_CHECK))


def _in_order(messages: dict[str, dict[str, Any]], numbers: tuple[str, ...]) -> list[dict[str, Any]]:
    return [messages[number] for number in numbers if number in messages]


def _exit_code(result: TestSendResult, args: argparse.Namespace) -> int:
    """0 when every phone was sent its test; else the code of ``send`` for what happened."""
    if result.count(MessageOutcome.UNKNOWN):
        return EXIT_INTERRUPTED if isinstance(result.interrupted, KeyboardInterrupt) else EXIT_UNREACHABLE
    failed = [phone.error for phone in result.phones if phone.outcome is MessageOutcome.NOT_SENT]
    first = next((error for error in failed if error is not None), None)
    if first is None:
        return EXIT_OK
    if isinstance(first, SendNotStarted):
        return EXIT_INPUT
    if args.verbose and first.details:
        say_details(first.details)
    return EXIT_REFUSED if isinstance(first, REFUSALS) else EXIT_UNREACHABLE


def _follow(connection: Connection, history: Callable[[], History], batch: str) -> None:
    """Say each phone's status as it changes, until all are final or ``FOLLOW_SECONDS`` have passed.
    Ctrl+C ends the following only: the test was sent all the same."""
    said: dict[int, str] = {}
    end = time.monotonic() + FOLLOW_SECONDS
    try:
        while True:
            try:
                records = refresh_test_statuses(connection.client, history, batch=batch)
            except HistoryError as exc:
                # Translators: {reason} is a sentence saying what went wrong with the history.
                say(tr("The statuses could not be followed: {reason}").format(reason=exc.user_message))
                return
            for record in records:
                words = record_look(record).words
                if said.get(record.record_id) != words:
                    said[record.record_id] = words
                    # Translators: a phone's test message status as it changes: "+380 66 123 12 31: Delivered".
                    print(tr("{phone}: {status}").format(phone=phone_words(record.phone), status=words), flush=True)
            if all(record_look(record).final for record in records) or time.monotonic() >= end:
                return
            time.sleep(LOOK_EVERY_SECONDS)
    except KeyboardInterrupt:
        say("\n" + tr("Stopped following the statuses. The test was sent all the same."))
