"""The one way a campaign is sent, for the window and the command line alike.

    prepared = prepare_send(document, connection.account_time_zone)   # nothing leaves; may refuse
    result = send_prepared(prepared, connection, open_history)        # at most one request

``send_prepared`` keeps these rules, whatever fails and whenever:

1. The intent is recorded first: a history record holding the exact request, marked "unknown
   outcome", is written durably *before* the request leaves. If it cannot be written, nothing is
   sent. A crash or kill from then on leaves that record, which the Campaigns view and
   ``rcs-desk campaigns`` show and look for on the server.
2. Exactly one request: the client never repeats a send (see ``app.api.client``), and nothing here
   does either.
3. Once the request may have left, the result can only be "created" or "unknown": no later failure
   (the history, a bug, Ctrl+C) turns it into "nothing was sent". Only an answer that proves the
   campaign was not created (a refusal, no connection) does, and then the intent record is removed.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any

from app import api
from app.campaign.file import CampaignDocument, ListInfo
from app.language import tr, tr_mark
from app.sending.body import RepeatedHour, send_body

if TYPE_CHECKING:
    from app.api.models import CampaignInfo
    from app.history import History
    from app.tasks.connection import Connection

log = logging.getLogger(__name__)

# Marked here, translated where they are said (``tr``): the language is chosen after import.
NOT_PREPARED = tr_mark("The campaign could not be prepared for sending. Nothing was sent.")
NOT_RECORDED = tr_mark(
    "The campaign was not sent: every send is written to the campaign history before it leaves, "
    "and the history could not be written. Nothing was sent."
)
INTERRUPTED = tr_mark(
    "Sending was interrupted before the server answered. The campaign may have been created: "
    "check the campaign list before sending again."
)
NO_ID = tr_mark(
    "The server did not give the campaign's ID, so the campaign history lists it as not confirmed "
    "until it is found among the account's campaigns."
)
UNEXPECTED = tr_mark(
    "Something went wrong while sending, so the campaign may or may not have been created. "
    "Check the campaign list before sending again."
)


class Outcome(Enum):
    CREATED = "created"  # the server confirmed the campaign
    UNKNOWN = "unknown"  # the request may have left; no confirmation came
    NOT_SENT = "not sent"  # proven: no campaign was created


@dataclass(frozen=True)
class PreparedSend:
    """What one confirmation sends: the exact body (a private copy) and the lists as shown."""

    body: dict[str, Any]
    lists: Mapping[int, ListInfo]
    time_zone: str  # the account's, which ``body["start_at"]`` is in


class SendNotStarted(api.ApiError):
    """Nothing was sent because of this computer (the history could not be written first)."""


class NotSendable(Exception):
    """The campaign cannot be turned into a request; ``str()`` is for the user, ``details`` for support."""

    def __init__(self, message: str, details: str = "") -> None:
        super().__init__(message)
        self.details = details


@dataclass(frozen=True)
class SendResult:
    """How a send ended.

    ``error`` explains an unknown outcome or why nothing was sent. ``record_id`` is the send's
    history record (None when nothing was recorded). ``notes`` are problems met after the request
    that do not change the outcome (the history could not be updated...), in plain words.
    ``interrupted`` holds the Ctrl+C/termination that ended the wait, re-raised by nobody.
    """

    outcome: Outcome
    info: CampaignInfo | None = None
    error: api.ApiError | None = None
    record_id: int | None = None
    notes: tuple[str, ...] = ()
    interrupted: BaseException | None = field(default=None, compare=False)

    @property
    def created(self) -> bool:
        return self.outcome is Outcome.CREATED


def prepare_send(document: CampaignDocument, account_time_zone: str) -> PreparedSend:
    """The request for ``document`` as it is now; raises ``NotSendable`` (nothing is sent).

    The body is copied through its JSON form, so later edits of the document cannot change what a
    confirmation sends, and a value that is not JSON (NaN, a lone surrogate) is refused here.
    """
    # Imported here, not at the top: app.api.responses imports httpx, which the window's start does not need.
    from app.api.responses import dumps
    from app.history import lists_of

    try:
        body = json.loads(dumps(send_body(document, account_time_zone)))
        lists = {gid: ListInfo(info.name, info.contacts) for gid, info in lists_of(document).items()}
    except RepeatedHour as exc:
        raise NotSendable(repeated_hour_message(exc), details=str(exc)) from None
    except Exception as exc:  # noqa: BLE001 - a campaign the model cannot express as JSON: said, never sent
        raise NotSendable(tr(NOT_PREPARED), details=f"{type(exc).__name__}: {exc}") from None
    return PreparedSend(body=body, lists=lists, time_zone=account_time_zone)


def repeated_hour_message(problem: RepeatedHour) -> str:
    """Why a time on the second pass of a repeated hour is not sent, in the account's words."""
    from app.campaign.clock_words import clock_words, day_and_clock, zone_words

    return tr(
        "The planned start is {day_and_time}, {zone}: the clocks go back that night, {time} happens twice, and the "
        "planned moment is the second {time}. WWT.world would start the campaign at the first one, an hour early. "
        "Nothing was sent: choose a time outside that hour."
    ).format(
        day_and_time=day_and_clock(problem.wall, problem.zone),
        zone=zone_words(problem.zone),
        time=clock_words(problem.wall),
    )


def utc_now() -> datetime:
    return datetime.now(UTC)


def send_prepared(
    prepared: PreparedSend,
    connection: Connection,
    history: Callable[[], History],
    *,
    clock: Callable[[], datetime] = utc_now,
) -> SendResult:
    """Record the intent, send once, record the outcome (see the module's rules).

    ``history`` opens the history to write to (raising ``HistoryError`` when it cannot). Blocks on
    the network: the window calls it on a worker thread. Ctrl+C or a termination signal raised as an
    exception while waiting for the answer ends the wait and gives an unknown outcome.
    """
    from app.history import HistoryError, record_send

    sent_at = clock()
    try:
        with history() as store:
            record_id = record_send(store, connection, prepared.lists, prepared.body, sent_at=sent_at)
    except HistoryError as exc:
        return SendResult(Outcome.NOT_SENT, error=_not_sent(f"{tr(NOT_RECORDED)}\n\n{exc.user_message}", exc.details))
    except Exception as exc:
        log.debug("the intent could not be recorded", exc_info=True)
        return SendResult(Outcome.NOT_SENT, error=_not_sent(tr(NOT_RECORDED), f"{type(exc).__name__}: {exc}"))

    try:
        info = connection.client.send_campaign(prepared.body)
    except api.ApiError as exc:
        if exc.outcome_unknown:
            return SendResult(Outcome.UNKNOWN, error=exc, record_id=record_id)
        left = _forget(history, record_id)
        return SendResult(Outcome.NOT_SENT, error=exc, record_id=record_id if left else None, notes=left)
    except Exception as exc:  # not the server's answer (a bug): the request may have left
        log.debug("sending failed unexpectedly", exc_info=True)
        error = api.OutcomeUnknown(tr(UNEXPECTED), details=f"{type(exc).__name__}: {exc}")
        return SendResult(Outcome.UNKNOWN, error=error, record_id=record_id)
    except BaseException as exc:  # noqa: BLE001 - Ctrl+C, or a termination signal raised by the command line
        error = api.OutcomeUnknown(tr(INTERRUPTED))
        return SendResult(Outcome.UNKNOWN, error=error, record_id=record_id, interrupted=exc)

    if info.id is None:  # nothing to follow it by: it stays "not confirmed" until the search finds it
        return SendResult(Outcome.CREATED, info=info, record_id=record_id, notes=(tr(NO_ID),))
    notes: tuple[str, ...] = ()
    try:
        with history() as store:
            record_send(
                store, connection, prepared.lists, prepared.body, sent_at=sent_at, info=info, intent_id=record_id
            )
    except BaseException as exc:  # even Ctrl+C here: the campaign exists, and that is what is said
        log.debug("the confirmed send could not be recorded", exc_info=True)
        reason = exc.user_message if isinstance(exc, HistoryError) else tr("it was interrupted")
        notes = (
            tr(
                "The campaign was created, but the campaign history could not be updated ({reason}). "
                "It is listed there as not confirmed until it is found on the server."
            ).format(reason=reason),
        )
    return SendResult(Outcome.CREATED, info=info, record_id=record_id, notes=notes)


def _not_sent(message: str, details: str) -> api.ApiError:
    return SendNotStarted(message, details=details, outcome_unknown=False)


def _forget(history: Callable[[], History], record_id: int) -> tuple[str, ...]:
    """Remove the intent of a send the server proved it did not create; notes if that failed."""
    try:
        with history() as store:
            store.remove(record_id)
    except Exception:
        log.debug("the record of a refused send could not be removed", exc_info=True)
        return (
            tr(
                "The campaign history still lists this attempt as a send whose answer never came; "
                "the server said no campaign was created."
            ),
        )
    return ()
