"""A test of the campaign on the user's own phones: one single message per phone, never sent twice.

    problems = check_test_send(document, typed_phones)           # for the window / command line to show
    prepared = prepare_test_send(document, typed_phones)         # nothing leaves; may refuse
    result = send_test(prepared, connection, open_history)       # at most one request per phone
    records = refresh_test_statuses(...)                         # later (``app.test_sends.status``)

``send_test`` keeps the rules of ``app.sending.pipeline``, for each phone:

1. The intent is recorded first: the message's row (its exact body and its fresh ``reference_id``) is
   written to the history before its request leaves; if it cannot be, nothing more is sent.
2. One request, never repeated (the client does not repeat a paid request either).
3. Once the request may have left, the message is "sent" or "unknown": a message whose answer was lost,
   or that the server refuses as a repeat of its reference, is looked up by its ``reference_id``
   (``GET /api/messages?filter[reference_id]=...``) instead of being sent again. Only an answer that
   proves it was not sent removes its row.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any

from app import api
from app.api.models import MessageInfo
from app.campaign.file import CampaignDocument
from app.language import tr, tr_mark
from app.sending.pipeline import NotSendable, SendNotStarted
from app.tasks.context import NEVER_CANCELLED, Cancellable
from app.test_sends.phones import phone_words, read_test_phones
from app.validation import Problem, blocking_errors, located_message, validate_document

if TYPE_CHECKING:
    from app.history import History
    from app.tasks.connection import Connection

log = logging.getLogger(__name__)

# What a test message takes from the campaign, in this order; never its lists or its schedule.
BODY_KEYS = ("sender", "options", "alternative_channel", "tariff_code", "validity", "check_stop_list")
# Parts of a campaign a test leaves out, so their problems do not stop a test.
NOT_TESTED = frozenset({"groups", "start_at", "time_zone", "add_to_contact_book"})

# Marked here, translated where they are said (``tr``): the language is chosen after import.
NOT_RECORDED = tr_mark(
    "The test was not sent: every test message is written to the history before it leaves, and the history "
    "could not be written."
)
STOPPED_EARLIER = tr_mark("No test was sent to this phone: the test stopped at an earlier phone.")
CANCELLED = tr_mark("No test was sent to this phone: the test was stopped.")
INTERRUPTED = tr_mark(
    "Sending was interrupted before the server answered. The test message may have been sent: its status "
    "shows whether it arrived."
)
UNEXPECTED = tr_mark("Something went wrong while sending, so the test message may or may not have been sent.")
FOUND_AFTER_LOSS = tr_mark("The server's answer was lost, but the message was found on the server: it was sent once.")
NOT_UPDATED = tr_mark(
    "The test message was sent, but the history could not be updated ({reason}). Its status is looked up "
    "by its reference."
)
# Failures after which the next phone would fail the same way: the test stops there.
_STOPS_ALL = (api.CannotReachServer, api.KeyRefused, api.AccessDenied, SendNotStarted)


class Interrupted(api.OutcomeUnknown):
    """An unknown outcome caused by Ctrl+C or a termination signal (kept in ``cause``)."""

    def __init__(self, cause: BaseException) -> None:
        super().__init__(tr(INTERRUPTED))
        self.cause = cause


class MessageOutcome(Enum):
    SENT = "sent"  # the server confirmed the message (by its answer or when looked up)
    UNKNOWN = "unknown"  # the request may have left; the message was not found (yet)
    NOT_SENT = "not sent"  # proven: no message was sent


@dataclass(frozen=True)
class PreparedTest:
    """What one confirmation sends: for each phone its digits and its exact body (reference included)."""

    batch: str
    messages: tuple[tuple[str, dict[str, Any]], ...]
    warnings: tuple[Problem, ...] = ()

    @property
    def numbers(self) -> tuple[str, ...]:
        return tuple(number for number, _ in self.messages)


@dataclass(frozen=True)
class PhoneResult:
    """How the test to one phone ended. ``looked_up``: the message was found by its reference after
    its answer was lost or refused. ``error`` explains an unknown outcome or why nothing was sent."""

    number: str
    reference_id: str
    outcome: MessageOutcome
    message: MessageInfo | None = None
    error: api.ApiError | None = None
    record_id: int | None = None
    looked_up: bool = False
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class TestSendResult:
    """Every phone's result, in the order sent. ``interrupted``: the Ctrl+C that ended the test."""

    __test__ = False  # not a pytest test class, whatever its name

    batch: str
    phones: tuple[PhoneResult, ...]
    interrupted: BaseException | None = field(default=None, compare=False)

    def count(self, outcome: MessageOutcome) -> int:
        return sum(1 for phone in self.phones if phone.outcome is outcome)

    @property
    def price(self) -> tuple[float, str | None] | None:
        """The price of the messages sent when the server gave every one, in one currency; else None."""
        sent = [phone.message for phone in self.phones if phone.outcome is MessageOutcome.SENT]
        if not sent or any(m is None or m.price is None for m in sent):
            return None
        currencies = {m.currency for m in sent if m is not None}
        if len(currencies) != 1:
            return None
        return sum(float(m.price or 0) for m in sent if m is not None), currencies.pop()


def new_reference_id() -> str:
    """A fresh reference: 32 letters and digits (the most the server takes), never used before."""
    return uuid.uuid4().hex


def message_body(document: CampaignDocument, number: str, reference_id: str) -> dict[str, Any]:
    """The single-message body for one phone: ``phone`` {number, reference_id}, the campaign's sender,
    message (buttons with their ``type``), SMS fallback, tariff, validity and stop-list check; never its
    lists or its schedule, and ``add_to_contact_book`` false (test phones are not contacts)."""
    request = document.campaign.to_request(for_sending=True)
    body: dict[str, Any] = {"phone": {"number": number, "reference_id": reference_id}}
    body.update((key, request[key]) for key in BODY_KEYS if key in request)
    body["add_to_contact_book"] = False
    return body


def _tested(problem: Problem) -> bool:
    root = problem.path.split(".", 1)[0].split("[", 1)[0]
    return root not in NOT_TESTED


def check_test_send(
    document: CampaignDocument, typed_phones: Sequence[str], *, now: datetime | None = None
) -> list[Problem]:
    """The problems of a test: the campaign's (as ``validate_document``, without its lists and schedule)
    and the test phones' (paths ``test_phones[i]``)."""
    _, phone_problems = read_test_phones(typed_phones)
    return [problem for problem in validate_document(document, now=now) if _tested(problem)] + phone_problems


def prepare_test_send(
    document: CampaignDocument,
    typed_phones: Sequence[str],
    *,
    new_reference: Callable[[], str] = new_reference_id,
    now: datetime | None = None,
) -> PreparedTest:
    """The bodies of a test; raises ``NotSendable`` (nothing is sent) when a problem blocks it.

    Each body is copied through its JSON form, like ``prepare_send``: later edits of the document cannot
    change what a confirmation sends, and a value that is not JSON is refused here.
    """
    numbers, _ = read_test_phones(typed_phones)
    problems = check_test_send(document, typed_phones, now=now)
    blocking = blocking_errors(problems)
    if blocking:
        lines = [
            problem.message if problem.path.startswith("test_phones") else located_message(problem)
            for problem in blocking
        ]
        heading = tr("Nothing was sent. Before a test, fix this:")
        raise NotSendable(heading + "\n" + "\n".join(f"• {line}" for line in lines))
    from app.api.responses import dumps  # loads httpx: not at the window's start (tests/test_startup_structure.py)

    try:
        messages = tuple(
            (number, json.loads(dumps(message_body(document, number, new_reference())))) for number in numbers
        )
    except Exception as exc:  # noqa: BLE001 - a campaign the model cannot express as JSON: said, never sent
        raise NotSendable(
            tr("The campaign could not be prepared for a test. Nothing was sent."), f"{type(exc).__name__}: {exc}"
        ) from None
    warnings = tuple(problem for problem in problems if not problem.is_error)
    return PreparedTest(batch=uuid.uuid4().hex, messages=messages, warnings=warnings)


def utc_now() -> datetime:
    return datetime.now(UTC)


def send_test(
    prepared: PreparedTest,
    connection: Connection,
    history: Callable[[], History],
    *,
    clock: Callable[[], datetime] = utc_now,
    context: Cancellable = NEVER_CANCELLED,
) -> TestSendResult:
    """Send each phone its message, following the module's rules; blocks on the network (the window
    calls it on a worker thread). ``context.cancelled`` is asked before each phone: a request that has
    left is always waited for. Ctrl+C while waiting gives that phone an unknown outcome and ends the test.
    """
    results: list[PhoneResult] = []
    stopped: str | None = None
    interrupted: BaseException | None = None
    for number, body in prepared.messages:
        reference = body["phone"]["reference_id"]
        if stopped is None and context.cancelled:
            stopped = CANCELLED
        if stopped is not None:
            results.append(PhoneResult(number, reference, MessageOutcome.NOT_SENT, error=_not_sent(tr(stopped))))
            continue
        result = _send_one(prepared.batch, number, body, connection, history, clock)
        results.append(result)
        if isinstance(result.error, Interrupted):
            interrupted = result.error.cause
            stopped = STOPPED_EARLIER
        elif result.outcome is not MessageOutcome.SENT and isinstance(result.error, _STOPS_ALL):
            stopped = STOPPED_EARLIER
    return TestSendResult(prepared.batch, tuple(results), interrupted)


def _send_one(
    batch: str,
    number: str,
    body: dict[str, Any],
    connection: Connection,
    history: Callable[[], History],
    clock: Callable[[], datetime],
) -> PhoneResult:
    from app.history import HistoryError
    from app.history.sent_tests import record_test_intent
    from app.history.store import current_user

    reference = body["phone"]["reference_id"]
    try:
        with history() as store:
            record_id = record_test_intent(
                store,
                server=connection.server_label,
                batch=batch,
                reference_id=reference,
                phone=number,
                request=body,
                sent_at=clock(),
                sent_by=current_user(),
            )
    except HistoryError as exc:
        error = _not_sent(f"{tr(NOT_RECORDED)}\n\n{exc.user_message}", exc.details)
        return PhoneResult(number, reference, MessageOutcome.NOT_SENT, error=error)
    except Exception as exc:  # whatever it is, nothing may leave unrecorded
        log.debug("the intent of a test message could not be recorded", exc_info=True)
        return PhoneResult(number, reference, MessageOutcome.NOT_SENT, error=_not_sent(tr(NOT_RECORDED), repr(exc)))

    client = connection.client
    try:
        info = client.send_message(body)
    except api.ApiError as exc:
        return _after_failure(number, reference, record_id, exc, connection, history)
    except Exception as exc:  # not the server's answer (a bug): the request may have left
        log.debug("sending a test message failed unexpectedly", exc_info=True)
        error = api.OutcomeUnknown(tr(UNEXPECTED), details=f"{type(exc).__name__}: {exc}")
        return _after_failure(number, reference, record_id, error, connection, history)
    except BaseException as exc:  # noqa: BLE001 - Ctrl+C, a termination signal: no look-up, the user wants out
        return PhoneResult(number, reference, MessageOutcome.UNKNOWN, error=Interrupted(exc), record_id=record_id)
    return _sent(number, reference, record_id, info, history, looked_up=False)


def _names_reference(exc: api.ApiError) -> bool:
    """A refusal that names the reference: the server already has a message with it (ours)."""
    return isinstance(exc, api.Rejected) and any(path.startswith("phone.reference_id") for path in exc.field_errors)


def _after_failure(
    number: str,
    reference: str,
    record_id: int,
    exc: api.ApiError,
    connection: Connection,
    history: Callable[[], History],
) -> PhoneResult:
    """Look the message up when it may exist; never send it again."""
    if exc.outcome_unknown or isinstance(exc, api.DuplicateRequest) or _names_reference(exc):
        try:
            found = connection.client.find_message(reference_id=reference)
        except Exception:  # the look-up failing leaves the outcome unknown, as it was
            log.debug("looking up a test message failed", exc_info=True)
            found = None
        if found is not None:
            return _sent(number, reference, record_id, found, history, looked_up=True)
        if exc.outcome_unknown or _names_reference(exc):
            return PhoneResult(number, reference, MessageOutcome.UNKNOWN, error=exc, record_id=record_id)
    left = _forget(history, record_id)
    return PhoneResult(
        number, reference, MessageOutcome.NOT_SENT, error=exc, record_id=record_id if left else None, notes=left
    )


def _sent(
    number: str,
    reference: str,
    record_id: int,
    info: MessageInfo,
    history: Callable[[], History],
    *,
    looked_up: bool,
) -> PhoneResult:
    """A confirmed message: its answer recorded (a failure to record it changes nothing about it)."""
    from app.history import HistoryError
    from app.history.sent_tests import record_test_answer

    notes: tuple[str, ...] = (tr(FOUND_AFTER_LOSS),) if looked_up else ()
    try:
        with history() as store:
            record_test_answer(store, record_id, info, answered=not looked_up)
    except BaseException as exc:  # even Ctrl+C here: the message was sent, and that is said
        log.debug("a sent test message could not be recorded", exc_info=True)
        reason = exc.user_message if isinstance(exc, HistoryError) else tr("it was interrupted")
        notes += (tr(NOT_UPDATED).format(reason=reason),)
    return PhoneResult(
        number, reference, MessageOutcome.SENT, message=info, record_id=record_id, looked_up=looked_up, notes=notes
    )


def _forget(history: Callable[[], History], record_id: int) -> tuple[str, ...]:
    from app.history.sent_tests import forget_test_message

    try:
        with history() as store:
            forget_test_message(store, record_id)
    except Exception:  # the row stays "not confirmed", and that is said
        log.debug("the row of a refused test message could not be removed", exc_info=True)
        return (tr("The history still lists this test message as not confirmed; the server said it was not sent."),)
    return ()


def _not_sent(message: str, details: str = "") -> api.ApiError:
    return SendNotStarted(message, details=details, outcome_unknown=False)


__all__ = [
    "BODY_KEYS",
    "MessageOutcome",
    "PhoneResult",
    "PreparedTest",
    "TestSendResult",
    "check_test_send",
    "message_body",
    "new_reference_id",
    "phone_words",
    "prepare_test_send",
    "send_test",
]
