"""Before a test is sent: the earlier test messages whose answer never came, looked up on the server.

A test stopped while the server had its request (Ctrl+C, a termination signal, a lost connection)
stays "not confirmed" in the history. Before the next test each such message is looked up by its
reference (``app.test_sends.status``); a phone whose same message (the same body, its reference
aside) is found on the server is not sent it again. Nor is a phone whose same message could not be
looked up (a server error, no answer): it may have arrived, so the user is told to try again in a
moment. A message the server does not list is sent again only once it is ``NOT_LISTED_GRACE`` old:
how soon the server lists a message it took is not documented, and the new test carries a new
reference, which the server's refusal of a repeated reference cannot catch. The command line
says what was found (``app.cli.earlier_tests``); the window does the same (``ui.sending.test_send_flow``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from app.campaign.clock_words import computer_time_text
from app.history import HistoryError
from app.history.sent_tests import TestMessageRecord, load_test_messages
from app.language import tr, tr_mark
from app.platform.config import local_time_zone_name
from app.test_sends.phones import phone_words
from app.test_sends.send import PreparedTest
from app.test_sends.status import MessageSource, look_up_failed, not_on_server, refresh_test_statuses

if TYPE_CHECKING:
    from app.history import History

# An earlier test the server does not list is taken as never arrived only once it is this old.
NOT_LISTED_GRACE = timedelta(minutes=10)
# Said when the look-up itself failed unexpectedly (a fault of the program): nothing is sent then.
LOOK_UP_FAILED = tr_mark(
    "Before each test, the program checks on the server whether your earlier unconfirmed tests "
    "arrived, and this time that check failed. Nothing was sent: try again in a moment."
)


@dataclass(frozen=True)
class EarlierTests:
    """What the earlier unconfirmed tests came to: ``prepared`` without the phones whose same test is on
    the server, could not be looked up, or is not listed yet (younger than ``NOT_LISTED_GRACE``);
    ``found`` the server's message for each phone that has it (``found_records``: its record in the
    history), ``unchecked`` the record of each phone left out for the other two reasons, and ``news``
    the earlier tests worth telling about (oldest first: all but those still not on the server, said
    so before)."""

    prepared: PreparedTest
    found: dict[str, dict[str, Any]] = field(default_factory=dict)
    news: list[TestMessageRecord] = field(default_factory=list)
    found_records: dict[str, TestMessageRecord] = field(default_factory=dict)
    unchecked: dict[str, TestMessageRecord] = field(default_factory=dict)


def check_earlier_tests(
    prepared: PreparedTest,
    client: MessageSource,
    history: Callable[[], History],
    *,
    server: str,
    at: datetime | None = None,
) -> EarlierTests:
    """Look up the unconfirmed tests sent to ``server`` and take the phones that have this test already
    out of ``prepared``. A history that cannot be read leaves ``prepared`` whole (the send that follows
    cannot be recorded either, and says so)."""
    try:
        with history() as store:
            unconfirmed = [record for record in load_test_messages(store, server=server) if record.outcome_unknown]
        now: dict[int, TestMessageRecord] = {}
        for batch in dict.fromkeys(record.batch for record in unconfirmed):
            now.update((r.record_id, r) for r in refresh_test_statuses(client, history, batch=batch))
    except HistoryError:
        return EarlierTests(prepared)
    found: dict[str, dict[str, Any]] = {}
    found_records: dict[str, TestMessageRecord] = {}
    unchecked: dict[str, TestMessageRecord] = {}
    news: list[TestMessageRecord] = []
    for earlier in reversed(unconfirmed):  # oldest first
        record = now.get(earlier.record_id, earlier)
        if not (record.outcome_unknown and not_on_server(earlier) and not_on_server(record)):
            news.append(record)  # "not on the server" once, not at every test after it
        if not _same_test(record, prepared):
            continue
        message = record.latest or record.answer
        if message is not None and record.phone not in found:
            found[record.phone] = message
            found_records[record.phone] = record
        elif look_up_failed(record) or _too_recent_to_tell(record, at or datetime.now(UTC)):
            unchecked.setdefault(record.phone, record)
    unchecked = {phone: record for phone, record in unchecked.items() if phone not in found}
    kept = tuple(
        (number, body) for number, body in prepared.messages if number not in found and number not in unchecked
    )
    return EarlierTests(replace(prepared, messages=kept), found, news, found_records, unchecked)


def not_checked_words(record: TestMessageRecord) -> str:
    """Why ``record``'s phone was not sent the test: its same earlier test could not be looked up, or is
    not listed on the server yet."""
    phone = phone_words(record.phone)
    if look_up_failed(record):
        return tr(
            "{phone}: not sent again: an earlier copy of this test could not be checked on the server, and it may "
            "have arrived. Try again in a moment."
        ).format(phone=phone)
    # Translators: {when} is when the earlier copy was sent ("Sat 1 Mar, 12:00").
    return tr(
        "{phone}: not sent again: an earlier copy of this test, sent {when}, is not on the server yet and may "
        "still arrive. Try again in a few minutes."
    ).format(phone=phone, when=computer_time_text(record.sent_at, local_time_zone_name()))


def _too_recent_to_tell(record: TestMessageRecord, now: datetime) -> bool:
    """Not listed by the server, but sent too recently to conclude it never arrived."""
    if not not_on_server(record):
        return False
    try:
        sent = datetime.fromisoformat(record.sent_at)
    except ValueError:  # a damaged time: not old enough to be sure
        return True
    if sent.tzinfo is None:
        sent = sent.replace(tzinfo=UTC)
    return now - sent < NOT_LISTED_GRACE


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
