"""Before ``rcs-desk test`` sends: the earlier test messages whose answer never came, looked up.

A test stopped while the server had its request (Ctrl+C, a termination signal, a lost connection)
stays "not confirmed" in the history. The next ``rcs-desk test`` first looks each such message up by
its reference (``app.test_sends.status``) and says what it found; a phone whose same message (the
same body, its reference aside) is found on the server is not sent it again. A message the server
does not list is said so once; it is looked for again at each test after.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from app.campaign.clock_words import computer_time_text
from app.cli.files import say
from app.history import HistoryError
from app.history.sent_tests import TestMessageRecord, load_test_messages
from app.language import tr, tr_mark
from app.platform.config import local_time_zone_name
from app.test_sends.phones import phone_words
from app.test_sends.send import PreparedTest
from app.test_sends.status import NOT_FOUND, record_look, refresh_test_statuses

if TYPE_CHECKING:
    from app.history import History
    from app.tasks.connection import Connection

HOW_TO_CHECK = tr_mark(
    "To find out whether it went, run the same `rcs-desk test` again: it first looks for the message "
    "on the server, and sends it again only if it is not there."
)


def check_earlier_tests(
    prepared: PreparedTest, connection: Connection, history: Callable[[], History]
) -> tuple[PreparedTest, dict[str, dict[str, Any]]]:
    """``prepared`` without the phones whose same test was found on the server, and what the server
    says about each of those messages (by phone). Each earlier unconfirmed test is said on stderr."""
    try:
        with history() as store:
            unconfirmed = [
                record for record in load_test_messages(store, server=connection.server_label) if record.outcome_unknown
            ]
        now: dict[int, TestMessageRecord] = {}
        for batch in dict.fromkeys(record.batch for record in unconfirmed):
            now.update((r.record_id, r) for r in refresh_test_statuses(connection.client, history, batch=batch))
    except HistoryError:
        return prepared, {}  # the send cannot be recorded either, and says so
    found: dict[str, dict[str, Any]] = {}
    for earlier in reversed(unconfirmed):  # oldest first
        record = now.get(earlier.record_id, earlier)
        if not (record.outcome_unknown and earlier.refresh_problem == record.refresh_problem == NOT_FOUND):
            say(_words(record))  # "not on the server" once, not at every test after it
        message = record.latest or record.answer
        if message is not None and record.phone not in found and _same_test(record, prepared):
            found[record.phone] = message
    for phone in found:
        say(tr("{phone}: not sent again: this test reached the server already.").format(phone=phone_words(phone)))
    kept = tuple((number, body) for number, body in prepared.messages if number not in found)
    return replace(prepared, messages=kept), found


def _same_test(record: TestMessageRecord, prepared: PreparedTest) -> bool:
    """Whether ``prepared`` sends ``record``'s phone the body it was sent then, its reference aside."""
    return any(
        number == record.phone and _without_reference(body) == _without_reference(record.request)
        for number, body in prepared.messages
    )


def _without_reference(body: dict[str, Any] | None) -> dict[str, Any] | None:
    if body is None or not isinstance(body.get("phone"), dict):
        return body
    phone = {key: value for key, value in body["phone"].items() if key != "reference_id"}
    return {**body, "phone": phone}


def _words(record: TestMessageRecord) -> str:
    phone = phone_words(record.phone)
    when = computer_time_text(record.sent_at, local_time_zone_name())
    if not record.outcome_unknown:
        # Translators: {when} is when the test was sent ("Sat 1 Mar, 12:00"); {status} its status now.
        return tr(
            "The test to {phone} of {when}, whose answer never came, was found on the server: it was sent "
            "(now: {status})."
        ).format(phone=phone, when=when, status=record_look(record).words)
    if record.refresh_problem in (None, NOT_FOUND):
        return tr(
            "The test to {phone} of {when}, whose answer never came, is not on the server: it was most likely not sent."
        ).format(phone=phone, when=when)
    # Translators: {reason} is a sentence saying why the server could not be asked.
    return tr("The test to {phone} of {when}, whose answer never came, could not be looked up: {reason}").format(
        phone=phone, when=when, reason=record.refresh_problem
    )
