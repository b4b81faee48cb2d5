"""Before ``rcs-desk test`` sends: the earlier test messages whose answer never came, looked up
(``app.test_sends.earlier``), and what was found, said on stderr. A message the server does not list
is said so once; it is looked for again at each test after. A phone whose same earlier test could not
be looked up is not sent it again, and said so (``rcs-desk test`` then ends with 3, as for any test
whose outcome is not known).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from app.campaign.clock_words import computer_time_text
from app.cli.files import say
from app.history.sent_tests import TestMessageRecord
from app.language import tr, tr_mark
from app.platform.config import local_time_zone_name
from app.test_sends.earlier import EarlierTests, not_checked_words
from app.test_sends.earlier import check_earlier_tests as earlier_tests
from app.test_sends.phones import phone_words
from app.test_sends.send import PreparedTest
from app.test_sends.status import not_on_server, record_look

if TYPE_CHECKING:
    from app.history import History
    from app.tasks.connection import Connection

HOW_TO_CHECK = tr_mark(
    "To find out whether it went, run the same `rcs-desk test` again: it first looks for the message "
    "on the server, and sends it again only if it is not there."
)


def check_earlier_tests(prepared: PreparedTest, connection: Connection, history: Callable[[], History]) -> EarlierTests:
    """The earlier unconfirmed tests looked up (``EarlierTests.prepared``: the phones still to send to),
    each one said on stderr, then each phone not sent again and why."""
    earlier = earlier_tests(prepared, connection.client, history, server=connection.server_label)
    for record in earlier.news:
        say(_words(record))
    for phone in earlier.found:
        say(tr("{phone}: not sent again: this test reached the server already.").format(phone=phone_words(phone)))
    for record in earlier.unchecked.values():
        say(not_checked_words(record))
    return earlier


def _words(record: TestMessageRecord) -> str:
    phone = phone_words(record.phone)
    when = computer_time_text(record.sent_at, local_time_zone_name())
    if not record.outcome_unknown:
        # Translators: {when} is when the test was sent ("Sat 1 Mar, 12:00"); {status} its status now.
        return tr(
            "The test to {phone} of {when}, whose answer never came, was found on the server: it was sent "
            "(now: {status})."
        ).format(phone=phone, when=when, status=record_look(record).words)
    if record.refresh_problem is None or not_on_server(record):
        return tr(
            "The test to {phone} of {when}, whose answer never came, is not on the server: it was most likely not sent."
        ).format(phone=phone, when=when)
    # Translators: {reason} is a sentence saying why the server could not be asked.
    return tr("The test to {phone} of {when}, whose answer never came, could not be looked up: {reason}").format(
        phone=phone, when=when, reason=record.refresh_problem
    )
