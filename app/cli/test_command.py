"""``rcs-desk test FILE --to NUMBER``: the campaign's message to a few of the user's own phones.

A test keeps the rules of ``send`` (``app.test_sends.send``): each message is written to the history
before it leaves, sent once, and a lost answer is looked up by its reference, never sent again. After
the send the statuses are followed for a short while; Ctrl+C stops the following, never the send.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from functools import partial

from app.cli import EXIT_INPUT, EXIT_INTERRUPTED, EXIT_OK, EXIT_REFUSED, EXIT_UNREACHABLE, output, signals
from app.cli.common import REFUSALS, with_client
from app.cli.files import load_document, say
from app.cli.questions import confirmed
from app.cli.send_command import pictures_refused
from app.history import History, HistoryError, open_history
from app.platform.config import load_settings
from app.sending.pipeline import NotSendable, SendNotStarted
from app.tasks.connection import Connection
from app.test_sends.phones import phone_words
from app.test_sends.send import MessageOutcome, TestSendResult, prepare_test_send, send_test
from app.test_sends.status import record_look, refresh_test_statuses, sent_test_words

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

    def work(connection: Connection) -> int:
        refused = pictures_refused(document, connection, send_anyway=args.send_anyway)
        if refused is not None:
            return refused
        if not args.yes:
            phones = [number for number, _ in prepared.messages]
            count = f"{len(phones)} phone{'s' if len(phones) != 1 else ''}"
            to = ", ".join(map(phone_words, phones))
            question = f"Send a test from {document.campaign.sender or '?'} to {to} ({count})?"
            refused = confirmed(question, nothing_done="Nothing was sent", verb="send")
            if refused is not None:
                return refused
        history = partial(open_history, demo=connection.demo)
        with signals.termination_raises():
            result = send_test(prepared, connection, history)
        code = _exit_code(result, args)
        if args.json:
            output.print_json([phone.message.raw for phone in result.phones if phone.message is not None])
            return code
        print(sent_test_words(result))
        if result.interrupted is None and result.count(MessageOutcome.NOT_SENT) < len(result.phones):
            _follow(connection, history, result.batch)
        return code

    return with_client(args, work)


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
        say(f"Details: {first.details}")
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
                say(f"The statuses could not be followed: {exc.user_message}")
                return
            for record in records:
                words = record_look(record).words
                if said.get(record.record_id) != words:
                    said[record.record_id] = words
                    print(f"{phone_words(record.phone)}: {words}", flush=True)
            if all(record_look(record).final for record in records) or time.monotonic() >= end:
                return
            time.sleep(LOOK_EVERY_SECONDS)
    except KeyboardInterrupt:
        say("\nStopped following the statuses. The test was sent all the same.")
