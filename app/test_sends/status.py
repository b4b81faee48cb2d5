"""Test messages after they were sent: statuses refreshed from the server, and said in plain words.

    records = refresh_test_statuses(client, open_history, batch=result.batch)   # one GET a message
    for record in records: record_look(record).words   # "Delivered", "The phone has no RCS: it got the SMS"

Each message not yet final is looked up by its ID, or by its ``reference_id`` while its answer never
came (and when the ID finds nothing); a message whose answer was lost becomes "sent" the moment it is
found. Nothing here sends anything.

A message the server does not list is kept with ``NOT_FOUND``'s English words as its ``refresh_problem``:
a key the same in every language (``not_on_server``), put in the reader's language where it is shown
(``refresh_problem_words``). Any other problem is the error's words, in the language of the moment.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from app import api
from app.api.models import MessageInfo
from app.campaign.message_statuses import MessageLook, message_look
from app.campaign.statuses import STATUS_UNKNOWN_OUTCOME
from app.campaign.text import format_price
from app.language import tr, tr_mark
from app.tasks.context import NEVER_CANCELLED, Cancellable
from app.test_sends.phones import phone_words
from app.test_sends.send import MessageOutcome, TestSendResult

if TYPE_CHECKING:
    from app.history import History
    from app.history.sent_tests import TestMessageRecord

NOT_FOUND = tr_mark("The server does not list this test message (yet).")


class MessageSource(Protocol):
    def find_message(self, *, reference_id: str | None = None, message_id: int | None = None) -> MessageInfo | None: ...


def record_look(record: TestMessageRecord) -> MessageLook:
    """The test message's status in plain words (``final`` once nothing more will change)."""
    if record.outcome_unknown:
        return message_look(STATUS_UNKNOWN_OUTCOME)
    return message_look(record.status, sms_sent=record.sms_sent, sms_status=record.sms_status)


def not_on_server(record: TestMessageRecord) -> bool:
    """Whether the last look found no such message on the server (it most likely never arrived)."""
    # The translated words: a history written before the key was kept in English, in this language.
    return record.refresh_problem in (NOT_FOUND, tr(NOT_FOUND))


def look_up_failed(record: TestMessageRecord) -> bool:
    """Whether the message is still not confirmed because the server could not be asked (an error or
    no answer): it may have arrived all the same."""
    return record.outcome_unknown and record.refresh_problem is not None and not not_on_server(record)


def refresh_problem_words(record: TestMessageRecord) -> str | None:
    """Why the last look at the message found nothing, in the current language (None: nothing failed)."""
    return tr(NOT_FOUND) if not_on_server(record) else record.refresh_problem


def refresh_test_statuses(
    client: MessageSource,
    history: Callable[[], History],
    *,
    batch: str,
    context: Cancellable = NEVER_CANCELLED,
) -> list[TestMessageRecord]:
    """Ask the server about each message of ``batch`` that is not final yet; the batch's records afterwards.

    A failed look is kept with the message (``refresh_problem``: ``NOT_FOUND`` as a key, else the
    error's plain words) and the others go on.
    Raises ``HistoryError`` when the history cannot be read or written.
    """
    from app.history.sent_tests import load_test_messages, record_test_answer, set_test_refresh_problem

    with history() as store:
        records = load_test_messages(store, batch=batch)
    for record in records:
        if context.cancelled:
            break
        if record_look(record).final:
            continue
        problem: str | None = None
        try:
            found = _look(client, record)
        except api.ApiError as exc:
            found, problem = None, exc.user_message
        with history() as store:
            if found is not None:
                record_test_answer(store, record.record_id, found, answered=False)
            else:
                set_test_refresh_problem(store, record.record_id, problem or NOT_FOUND)
    with history() as store:
        return load_test_messages(store, batch=batch)


def _look(client: MessageSource, record: TestMessageRecord) -> MessageInfo | None:
    if record.message_id is not None:
        found = client.find_message(message_id=record.message_id)
        if found is not None:
            return found
    return client.find_message(reference_id=record.reference_id)


def sent_test_words(result: TestSendResult) -> str:
    """A short confirmation: the phones the test went to and its price when the server gave it, then
    each phone whose test is not confirmed or was not sent, with why."""
    sent = [phone_words(p.number) for p in result.phones if p.outcome is MessageOutcome.SENT]
    lines = []
    if sent:
        head = tr("The test was sent to {phones}.").format(phones=", ".join(sent))
        price = result.price
        if price is not None:
            head += " " + tr("Price: {price}.").format(price=format_price(price[0], price[1]))
        lines.append(head)
    for phone in result.phones:
        if phone.outcome is MessageOutcome.SENT:
            continue
        state = (
            tr("{phone}: not confirmed.") if phone.outcome is MessageOutcome.UNKNOWN else tr("{phone}: not sent.")
        ).format(phone=phone_words(phone.number))
        lines.append(f"{state} {phone.error.user_message}" if phone.error is not None else state)
    return "\n".join(lines)
