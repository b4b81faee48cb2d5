"""Before a test is sent: the earlier test messages whose answer never came, looked up on the server.

A test stopped while the server had its request (Ctrl+C, a termination signal, a lost connection)
stays "not confirmed" in the history. Before the next test each such message is looked up by its
reference (``app.test_sends.status``); a phone whose same message (the same body, its reference
aside) is found on the server is not sent it again. The command line says what was found
(``app.cli.earlier_tests``); the window can ask the same.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from app.history import HistoryError
from app.history.sent_tests import TestMessageRecord, load_test_messages
from app.test_sends.send import PreparedTest
from app.test_sends.status import NOT_FOUND, MessageSource, refresh_test_statuses

if TYPE_CHECKING:
    from app.history import History


@dataclass(frozen=True)
class EarlierTests:
    """What the earlier unconfirmed tests came to: ``prepared`` without the phones whose same test is on
    the server, ``found`` the server's message for each of those phones (``found_records``: its record
    in the history), and ``news`` the earlier tests worth telling about (oldest first: all but those
    still not on the server, said so before)."""

    prepared: PreparedTest
    found: dict[str, dict[str, Any]] = field(default_factory=dict)
    news: list[TestMessageRecord] = field(default_factory=list)
    found_records: dict[str, TestMessageRecord] = field(default_factory=dict)


def check_earlier_tests(
    prepared: PreparedTest, client: MessageSource, history: Callable[[], History], *, server: str
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
    news: list[TestMessageRecord] = []
    for earlier in reversed(unconfirmed):  # oldest first
        record = now.get(earlier.record_id, earlier)
        if not (record.outcome_unknown and earlier.refresh_problem == record.refresh_problem == NOT_FOUND):
            news.append(record)  # "not on the server" once, not at every test after it
        message = record.latest or record.answer
        if message is not None and record.phone not in found and _same_test(record, prepared):
            found[record.phone] = message
            found_records[record.phone] = record
    kept = tuple((number, body) for number, body in prepared.messages if number not in found)
    return EarlierTests(replace(prepared, messages=kept), found, news, found_records)


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
