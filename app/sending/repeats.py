"""Whether the campaign about to be sent went out from this computer a moment ago: one rule for the
window's confirmation and for ``rcs-desk send``.

A send counts as the same campaign when its request body is identical (``body_fingerprint``), it went to
the same server, and it is in the campaign history either as sent within ``RECENT`` or as a send whose
answer never came (at any age: until it is found, it may have created the campaign). The history keeps
every send from the window and the command line alike, so each sees the other's sends, across restarts.
A refused send is removed from the history, so it never counts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from app.campaign.clock_words import computer_time_text
from app.campaign.time_zones import zone_info
from app.language import tr
from app.sending.summary import body_fingerprint

if TYPE_CHECKING:
    from app.history import History, HistoryRecord

# A working day: the same campaign sent again within it is most likely sent twice by mistake, while a
# campaign repeated every day on purpose (the same text each morning) is not held back.
RECENT = timedelta(hours=12)


@dataclass(frozen=True)
class EarlierSend:
    """An identical send found in the history: when it left (UTC), its campaign if known, and whether its
    answer never came."""

    sent_at: datetime
    campaign_id: int | None
    outcome_unknown: bool

    def when_words(self, local_zone: str, *, now: datetime | None = None) -> str:
        """``at 14:56`` today on this computer's clock, else ``on Thu 26 Nov, 14:56``."""
        moment = self.sent_at if self.sent_at.tzinfo is not None else self.sent_at.replace(tzinfo=UTC)
        zone = zone_info(local_zone)
        today = (now or datetime.now(UTC)).astimezone(zone).date()
        local = moment.astimezone(zone)
        if local.date() == today:
            # Translators: when a campaign was sent today, after "…was sent from this computer": "at 14:56".
            return tr("at {time}").format(time=f"{local:%H:%M}")
        # Translators: when a campaign was sent on another day, after "…was sent from this computer".
        return tr("on {date}").format(date=computer_time_text(moment.isoformat(), local_zone, now=now))

    def described(self, local_zone: str, *, now: datetime | None = None) -> str:
        """``at 14:56 (campaign 844836979)``; without the campaign when it is not known."""
        when = self.when_words(local_zone, now=now)
        if self.campaign_id is None:
            return when
        return tr("{when} (campaign {number})").format(when=when, number=self.campaign_id)


def find_earlier_send(
    records: Iterable[HistoryRecord], body: Mapping[str, Any], *, server: str, now: datetime | None = None
) -> EarlierSend | None:
    """The newest identical send of ``body`` to ``server`` among ``records`` that still counts, else None."""
    from app.history import ORIGIN_LOCAL

    now = now or datetime.now(UTC)
    fingerprint = body_fingerprint(dict(body))
    found: list[EarlierSend] = []
    for record in records:
        if record.origin != ORIGIN_LOCAL or record.server != server or record.request is None:
            continue
        if body_fingerprint(record.request) != fingerprint:
            continue
        sent_at = _utc(record.sent_at)
        if sent_at is None or not (record.outcome_unknown or now - sent_at < RECENT):
            continue
        found.append(EarlierSend(sent_at, record.campaign_id, record.outcome_unknown))
    return max(found, key=lambda earlier: earlier.sent_at, default=None)


def earlier_send(
    history: Callable[[], History], body: Mapping[str, Any], *, server: str, now: datetime | None = None
) -> EarlierSend | None:
    """``find_earlier_send`` in the history ``history`` opens. A history that cannot be read finds nothing:
    the send then stops at recording its intent, which needs the same history."""
    from app.history import HistoryError

    try:
        with history() as store:
            records = store.records(include_web=False)
    except HistoryError:
        return None
    return find_earlier_send(records, body, server=server, now=now)


def _utc(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
