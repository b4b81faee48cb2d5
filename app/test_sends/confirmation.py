"""What is said before a test is sent: to which phones, from whom, and what it costs.

The words of the window's "Send a test?" (``ui.sending.test_send_flow``), for ``rcs-desk test`` too.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.language import tr, tr_n
from app.language.formats import format_count
from app.test_sends.phones import phone_words


def confirmation_lines(numbers: Sequence[str], sender: str) -> list[str]:
    """The sentences of the confirmation of a test to ``numbers`` (digits) from ``sender`` ("" if none)."""
    count = len(numbers)
    phones = ", ".join(phone_words(number) for number in numbers)
    lines = [
        tr_n(
            "The current message goes to your test phone {phones}.",
            "The current message goes to your {count} test phones: {phones}.",
            count,
        ).format(count=format_count(count), phones=phones)
    ]
    if sender:
        lines.append(
            tr("It is sent from {sender}, like the campaign, without its contact lists or schedule.").format(
                sender=sender
            )
        )
    lines.append(tr("Each phone gets one message, charged like any other; the price is shown once the server answers."))
    return lines
