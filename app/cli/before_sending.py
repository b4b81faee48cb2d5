"""What ``rcs-desk send`` and ``rcs-desk test`` say on stderr before they ask (with ``--yes``, before
they send): what goes to whom, that the price is not known yet, and the account's balance.

The words are the window's confirmation's (``app.sending.summary``, ``app.sending.money``,
``app.test_sends.confirmation``); standard output stays for the result (and ``--json``).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Sequence

from app.api.models import Balance
from app.campaign.file import CampaignDocument
from app.cli import output
from app.cli.files import say
from app.platform.config import local_time_zone_name
from app.sending.money import balance_words, money_caution, money_lines
from app.sending.summary import send_summary
from app.tasks.connection import Connection
from app.test_sends.confirmation import confirmation_lines

# How long the balance is waited for before the question (or, with --yes, the send) goes on without it.
BALANCE_WAIT_SECONDS = 3.0


def say_campaign_summary(document: CampaignDocument, connection: Connection, *, asked: bool) -> None:
    """The lines of the window's "Send the campaign?", the price not known yet, the balance and its caution
    (``asked``: a question follows; not with ``--yes``)."""
    balance = account_balance(connection)
    lines = send_summary(
        document, local_zone=local_time_zone_name(), account_zone=connection.account_time_zone, asked=asked
    ) + money_lines(balance)
    for line in output.aligned_rows([(line.label, line.value) for line in lines]):
        say(line)
    caution = money_caution(document, balance)
    if caution:
        say(caution)


def say_test_summary(numbers: Sequence[str], sender: str, connection: Connection) -> None:
    """The sentences of the window's "Send a test?" for ``numbers`` (digits), then the balance."""
    for line in confirmation_lines(numbers, sender):
        say(line)
    _say_balance(account_balance(connection))


def account_balance(connection: Connection) -> Balance | None:
    """The account's balance, or None when the server does not give it within ``BALANCE_WAIT_SECONDS``:
    the balance is a help, and a slow server must not hold up the question
    or the send (which then says any real problem). A login that fails is raised (nothing was sent)."""
    # Logged in here, on the command's own thread, so that the balance's thread never holds the login
    # (and with it the token lock the paid request needs) past the wait.
    connection.client.ensure_logged_in()
    found: list[Balance] = []

    def fetch() -> None:
        # No balance is no line; a late answer may find the client closed by the command's end.
        with contextlib.suppress(Exception):
            found.append(connection.client.get_balance())

    worker = threading.Thread(target=fetch, name="balance", daemon=True)
    worker.start()
    worker.join(BALANCE_WAIT_SECONDS)
    return found[0] if found else None


def _say_balance(balance: Balance | None) -> None:
    words = balance_words(balance) if balance is not None else ""
    if words:
        say(words)
