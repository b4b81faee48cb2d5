"""How a simulated campaign's counters grow with time: a pure function of the seconds since its start.

Every message has a fixed fate decided by its position (a repeating table of 100 slots: 80 delivered,
17 undelivered, 3 failed; part of the delivered are read; most undelivered reach the phone by SMS when
a fallback is given), so the counters only ever grow and the same moment always gives the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

# "creation" lasts this long after the send before the campaign is scheduled or starts. 0 = only at the
# very moment of the send (the send's answer says "creation"; any later look shows it moving on), so a
# "stop" right after a send works with a real clock, and a fake clock that has not moved sees "creation".
CREATION_S = 0.0
SEND_BASE_S = 5.0  # sending takes this long plus ...
SEND_RATE_PER_S = 100.0  # ... one second per this many messages
REPORT_LAG_S = 3.0  # a message's delivery report comes this long after it was sent
READ_LAG_S = 10.0  # a read report comes this long after it was sent (keep >= REPORT_LAG_S)
SMS_LAG_S = 4.0  # an SMS fallback is delivered this long after the RCS message was reported undelivered

SLOTS = 100
DELIVERED_SLOTS = 80
UNDELIVERED_SLOTS = 17  # the rest of the 100 fail


def _build_tables() -> dict[str, list[int]]:
    fates = [""] * SLOTS
    for rank in range(SLOTS):
        slot = (rank * 37) % SLOTS  # 37 is prime to 100: spreads the fates evenly over the slots
        if rank < DELIVERED_SLOTS:
            fates[slot] = "delivered"
        elif rank < DELIVERED_SLOTS + UNDELIVERED_SLOTS:
            fates[slot] = "undelivered"
        else:
            fates[slot] = "failed"
    flags = {
        "delivered": [fate == "delivered" for fate in fates],
        "undelivered": [fate == "undelivered" for fate in fates],
        "failed": [fate == "failed" for fate in fates],
        "read": [fate == "delivered" and (slot * 53) % 100 < 60 for slot, fate in enumerate(fates)],
        "sms_delivered": [fate == "undelivered" and slot % 10 != 3 for slot, fate in enumerate(fates)],
    }
    prefixes = {}
    for name, marks in flags.items():
        prefix = [0]
        for mark in marks:
            prefix.append(prefix[-1] + int(mark))
        prefixes[name] = prefix
    return prefixes


_PREFIX = _build_tables()


def has(fate: str, index: int) -> bool:
    """Whether message number ``index`` (0-based, in sending order) has ``fate`` (one of the tables above:
    ``delivered``, ``undelivered``, ``failed``, ``read``, ``sms_delivered``)."""
    slot = index % SLOTS
    prefix = _PREFIX[fate]
    return prefix[slot + 1] > prefix[slot]


def count(fate: str, messages: int) -> int:
    """How many of the first ``messages`` messages have ``fate``."""
    whole, rest = divmod(max(messages, 0), SLOTS)
    prefix = _PREFIX[fate]
    return whole * prefix[SLOTS] + prefix[rest]


def send_duration(total: int) -> float:
    return SEND_BASE_S + total / SEND_RATE_PER_S


def settle_duration(total: int, fallback: bool) -> float:
    """Seconds from the real start until every counter is final (the campaign is "done")."""
    lag = max(REPORT_LAG_S, READ_LAG_S, REPORT_LAG_S + SMS_LAG_S if fallback else 0.0)
    return send_duration(total) + lag


def sent_after(total: int, index: int) -> float:
    """Seconds after the start at which message number ``index`` is handed to the network (``sent_by``
    counts it from then on)."""
    return (index + 1) * send_duration(total) / total


def sent_by(total: int, elapsed: float) -> int:
    """Messages handed to the network ``elapsed`` seconds after the start."""
    if elapsed <= 0 or total <= 0:
        return 0
    duration = send_duration(total)
    if elapsed >= duration:
        return total
    return int(total * elapsed / duration)


@dataclass(frozen=True)
class Counts:
    """Cumulative counters: ``delivered`` includes ``read``; ``sms_*`` are the fallback's."""

    total: int
    sent: int = 0
    delivered: int = 0
    read: int = 0
    undelivered: int = 0
    failed: int = 0
    sms_sent: int = 0
    sms_delivered: int = 0
    sms_undelivered: int = 0


def progress(total: int, elapsed: float, fallback: bool) -> Counts:
    """The counters ``elapsed`` seconds after the real start (negative = not started)."""
    sent = sent_by(total, elapsed)
    reported = sent_by(total, elapsed - REPORT_LAG_S)
    undelivered = count("undelivered", reported)
    counts = {
        "sent": sent,
        "delivered": count("delivered", reported),
        "read": count("read", sent_by(total, elapsed - READ_LAG_S)),
        "undelivered": undelivered,
        "failed": count("failed", reported),
    }
    if fallback:
        sms_reported = sent_by(total, elapsed - REPORT_LAG_S - SMS_LAG_S)
        sms_delivered = count("sms_delivered", sms_reported)
        counts.update(
            sms_sent=undelivered,
            sms_delivered=sms_delivered,
            sms_undelivered=count("undelivered", sms_reported) - sms_delivered,
        )
    return Counts(total=total, **counts)
