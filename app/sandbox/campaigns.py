"""The simulated account's campaigns and money: lifecycle driven by the injected clock.

A campaign's state is a function of the time: "creation" for a moment, then "scheduled" until its
start, "sending" while messages go out, "done" when every report is in. Stopping and running out of
money are the only events; both freeze the counters at the moment they happen. Not thread-safe on
its own: the server calls it under its lock.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from app.campaign import limits
from app.sandbox import timeline
from app.sandbox.demo_data import (
    CREDIT,
    CURRENCY,
    FIRST_CAMPAIGN_ID,
    INITIAL_BALANCE,
    RCS_PRICE,
    SEED_CAMPAIGNS,
    SMS_PRICE,
)
from app.sandbox.messages import FIRST_MESSAGE_ID, MAX_SINGLE_MESSAGES, SimMessage

DETAIL_COUNTERS = (
    "delivered",
    "sent",
    "scheduled",
    "moderation",
    "accepted",
    "sending",
    "expired",
    "failed",
    "undelivered",
    "unknown",
    "read",
    "not_viber_user",
    "not_rcs_user",
)


class InvalidStatus(Exception):
    """The campaign is not in a state that allows the action."""


@dataclass
class SimCampaign:
    """One campaign. Times are aware; ``start_at`` is the planned start (None = instant)."""

    id: int
    name: str
    sender: str
    message_type: str
    created_at: datetime
    start_at: datetime | None
    total: int
    calculated_price: float | None
    sms_parts: int = 0  # 0 = no SMS fallback
    groups: tuple[int, ...] = ()
    paused_at: datetime | None = None
    stopped_at: datetime | None = None
    baseline_cost: float = 0.0
    first_message_id: int = 0  # its messages have the IDs first_message_id .. first_message_id + total - 1

    @property
    def fallback(self) -> bool:
        return self.sms_parts > 0

    @property
    def real_start(self) -> datetime:
        ready = self.created_at + timedelta(seconds=timeline.CREATION_S)
        return max(ready, self.start_at) if self.start_at else ready

    @property
    def finish_at(self) -> datetime:
        return self.real_start + timedelta(seconds=timeline.settle_duration(self.total, self.fallback))

    @property
    def halted_at(self) -> datetime | None:
        moments = [m for m in (self.paused_at, self.stopped_at) if m is not None]
        return min(moments) if moments else None

    def status(self, now: datetime) -> str:
        if self.stopped_at is not None and now >= self.stopped_at:
            return "stopped"
        if self.paused_at is not None and now >= self.paused_at:
            return "paused"
        if now <= self.created_at + timedelta(seconds=timeline.CREATION_S):
            return "creation"
        if now < self.real_start:
            return "scheduled"
        return "sending" if now < self.finish_at else "done"

    def counts(self, now: datetime) -> timeline.Counts:
        halted = self.halted_at
        moment = min(now, halted) if halted is not None else now
        return timeline.progress(self.total, (moment - self.real_start).total_seconds(), self.fallback)

    def cost(self, now: datetime) -> float:
        counts = self.counts(now)
        return counts.delivered * RCS_PRICE + counts.sms_delivered * self.sms_parts * SMS_PRICE

    def started(self, now: datetime) -> bool:
        """Sending has begun (and was not stopped or paused before it could)."""
        if now <= self.created_at + timedelta(seconds=timeline.CREATION_S) or now < self.real_start:
            return False
        halted = self.halted_at
        return halted is None or halted > self.real_start


def estimate_price(total: int, sms_parts: int) -> float:
    """The send answer's ``calculated_price``: expected RCS deliveries plus expected fallback SMS parts."""
    rcs = total * timeline.DELIVERED_SLOTS / timeline.SLOTS * RCS_PRICE
    sms = total * timeline.UNDELIVERED_SLOTS / timeline.SLOTS * sms_parts * SMS_PRICE
    return round(rcs + sms, 7)


FINAL_STATUSES = frozenset({"done", "stopped"})  # nothing about the campaign changes any more


class CampaignStore:
    """Campaigns by id, single messages by id, the balance, and the moment the money ran out.

    ``revision`` grows with every change that is not a function of the time alone (a campaign
    created or stopped, money added, campaigns paused when the money ran out): what a saved demo
    account must write (``app.sandbox.saved_account``).
    """

    def __init__(
        self,
        zone: ZoneInfo,
        now: datetime,
        *,
        balance: float = INITIAL_BALANCE,
        credit: float = CREDIT,
        seed: bool = True,
    ):
        self.zone = zone
        self.currency = CURRENCY
        self.credit = credit
        self.revision = 0
        self._funds = balance
        self._campaigns: dict[int, SimCampaign] = {}
        self._next_id = FIRST_CAMPAIGN_ID
        self._singles: dict[int, SimMessage] = {}
        self._references: dict[str, int] = {}  # reference_id -> single message id
        self._next_message_id = FIRST_MESSAGE_ID
        self._settled_until = now
        self._money_out_at: datetime | None = None
        if seed:
            self._seed(now)

    @classmethod
    def restored(
        cls,
        zone: ZoneInfo,
        *,
        campaigns: Iterable[SimCampaign],
        next_id: int,
        funds: float,
        credit: float,
        settled_until: datetime,
        money_out_at: datetime | None,
        messages: Iterable[SimMessage] = (),
        next_message_id: int = FIRST_MESSAGE_ID,
    ) -> CampaignStore:
        """A store as saved earlier (``state()`` gives these values back). Campaigns saved before
        messages were listed (``first_message_id`` 0) get their message IDs now, in campaign order."""
        store = cls(zone, settled_until, balance=funds, credit=credit, seed=False)
        store._campaigns = {campaign.id: campaign for campaign in campaigns}
        store._next_id = max([next_id, *(campaign.id + 1 for campaign in store._campaigns.values())])
        store._money_out_at = money_out_at
        for message in sorted(messages, key=lambda m: m.id):
            store._singles[message.id] = message
            if message.reference_id is not None:
                store._references[message.reference_id] = message.id
        ends = [c.first_message_id + max(c.total, 1) for c in store._campaigns.values() if c.first_message_id]
        ends += [m.id + 1 for m in store._singles.values()]
        store._next_message_id = max([next_message_id, *ends])
        for campaign in sorted(store._campaigns.values(), key=lambda c: c.id):
            if not campaign.first_message_id:
                campaign.first_message_id = store._take_message_ids(campaign.total)
        return store

    def continue_ids_from(self, first: int) -> None:
        """The next campaign gets ID ``first`` or more (never one already given)."""
        self._next_id = max(self._next_id, first)
        self.revision += 1

    def state(self) -> dict[str, Any]:
        """What ``restored`` takes: the campaigns (oldest first), the next id, the money, the settled moments."""
        return {
            "campaigns": sorted(self._campaigns.values(), key=lambda campaign: campaign.id),
            "next_id": self._next_id,
            "funds": self._funds,
            "credit": self.credit,
            "settled_until": self._settled_until,
            "money_out_at": self._money_out_at,
            "messages": sorted(self._singles.values(), key=lambda message: message.id),
            "next_message_id": self._next_message_id,
        }

    def forget_oldest(self, keep: int, now: datetime, *, keep_messages: int = MAX_SINGLE_MESSAGES) -> None:
        """Keep at most ``keep`` campaigns and ``keep_messages`` single messages by forgetting the oldest
        finished ones; the money they cost stays spent."""
        extra = len(self._singles) - keep_messages
        for message in sorted(self._singles.values(), key=lambda m: m.id):
            if extra <= 0:
                break
            if message.fate(now).final():
                self._funds -= message.cost(now)
                del self._singles[message.id]
                if message.reference_id is not None:
                    self._references.pop(message.reference_id, None)
                extra -= 1
                self.revision += 1
        over = len(self._campaigns) - keep
        if over <= 0:
            return
        for campaign in sorted(self._campaigns.values(), key=lambda c: c.id):
            if over <= 0:
                break
            if campaign.status(now) in FINAL_STATUSES:
                self._funds -= campaign.cost(now) - campaign.baseline_cost
                del self._campaigns[campaign.id]
                over -= 1
                self.revision += 1

    # Times ---------------------------------------------------------------------------------------

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.zone)

    def fmt(self, moment: datetime | None) -> str | None:
        return self.local(moment).strftime(limits.START_AT_FORMAT) if moment is not None else None

    def from_wall(self, wall: datetime) -> datetime:
        return wall.replace(tzinfo=self.zone)

    # Campaigns -----------------------------------------------------------------------------------

    def create(
        self,
        *,
        now: datetime,
        sender: str,
        total: int,
        start_at: datetime | None,
        sms_parts: int,
        groups: Iterable[int] = (),
        message_type: str = "rcs",
        name: str | None = None,
    ) -> SimCampaign:
        campaign = SimCampaign(
            id=self._next_id,
            name=name or f"{message_type.upper()} api campaign / {self.fmt(now)}",
            sender=sender,
            message_type=message_type,
            created_at=now,
            start_at=start_at,
            total=total,
            calculated_price=estimate_price(total, sms_parts),
            sms_parts=sms_parts,
            groups=tuple(groups),
            first_message_id=self._take_message_ids(total),
        )
        self._next_id += 1
        self._campaigns[campaign.id] = campaign
        self.revision += 1
        return campaign

    def get(self, campaign_id: int) -> SimCampaign | None:
        return self._campaigns.get(campaign_id)

    def campaigns(self) -> list[SimCampaign]:
        """Every campaign, oldest first."""
        return sorted(self._campaigns.values(), key=lambda c: c.id)

    def _take_message_ids(self, count: int) -> int:
        first = self._next_message_id
        self._next_message_id += max(count, 1)
        return first

    # Single messages -----------------------------------------------------------------------------

    def add_single(
        self,
        *,
        now: datetime,
        phone: str,
        reference_id: str | None,
        sender: str,
        validity: int,
        validity_s: int,
        sms_parts: int,
    ) -> SimMessage:
        message = SimMessage(
            id=self._take_message_ids(1),
            phone=phone,
            reference_id=reference_id,
            sender=sender,
            created_at=now,
            validity=validity,
            validity_s=validity_s,
            sms_parts=sms_parts,
        )
        self._singles[message.id] = message
        if reference_id is not None:
            self._references[reference_id] = message.id
        self.revision += 1
        return message

    def reference_taken(self, reference_id: str) -> bool:
        return reference_id in self._references

    def singles(self) -> list[SimMessage]:
        """Every single message kept, oldest first."""
        return sorted(self._singles.values(), key=lambda m: m.id)

    def listing(self, *, message_type: str | None, sort: str, descending: bool) -> list[SimCampaign]:
        keys = {
            "id": lambda c: c.id,
            "date": lambda c: (c.created_at, c.id),
            "sender": lambda c: (c.sender.lower(), c.id),
            "type": lambda c: (c.message_type, c.id),
            "status": lambda c: (c.status(self._settled_until), c.id),
        }
        chosen = [c for c in self._campaigns.values() if message_type is None or c.message_type == message_type]
        return sorted(chosen, key=keys.get(sort, keys["id"]), reverse=descending)

    def stop(self, campaign: SimCampaign, now: datetime) -> None:
        if campaign.status(now) not in limits.STOPPABLE_STATUSES:
            raise InvalidStatus(campaign.status(now))
        campaign.stopped_at = now
        self.revision += 1

    # Money ---------------------------------------------------------------------------------------

    def _spent(self, moment: datetime) -> float:
        campaigns = sum(c.cost(moment) - c.baseline_cost for c in self._campaigns.values())
        return campaigns + sum(m.cost(moment) for m in self._singles.values())

    def balance(self, now: datetime) -> float:
        return self._funds - self._spent(now)

    def has_funds(self, now: datetime) -> bool:
        return self.balance(now) + self.credit > 0

    def top_up(self, amount: float, now: datetime) -> None:
        """Add money. Paused campaigns stay paused (on the real platform the customer resumes them)."""
        self.settle(now)
        self._funds += amount
        self.revision += 1
        if self.has_funds(now):
            self._money_out_at = None

    def settle(self, now: datetime) -> None:
        """Bring the account up to ``now``: pause what was sending when the money ran out."""
        if now <= self._settled_until:
            return
        available = self._funds + self.credit
        if self._money_out_at is None:
            if self._spent(now) < available:
                self._settled_until = now
                return
            low, high = self._settled_until, now
            while (high - low).total_seconds() > 0.001:
                middle = low + (high - low) / 2
                if self._spent(middle) >= available:
                    high = middle
                else:
                    low = middle
            self._money_out_at = high
            self.revision += 1
        out = self._money_out_at
        for campaign in self._campaigns.values():
            if campaign.halted_at is not None or campaign.real_start > now or campaign.finish_at <= out:
                continue
            campaign.paused_at = max(out, campaign.real_start)
            self.revision += 1
        self._settled_until = now

    # Answers -------------------------------------------------------------------------------------

    def campaign_json(self, campaign: SimCampaign, now: datetime, *, with_price: bool) -> dict[str, Any]:
        """The campaign as the send, get, stop and list calls return it (wwt-api.md section 3)."""
        counts = campaign.counts(now)
        status = campaign.status(now)
        return {
            "id": campaign.id,
            "name": campaign.name,
            "sender": campaign.sender,
            "status": status,
            "message_type": campaign.message_type,
            "start_at": self.fmt(campaign.start_at or campaign.created_at),
            "real_start_at": self.fmt(campaign.real_start) if campaign.started(now) else None,
            "finished_at": self.fmt(campaign.finish_at) if status == "done" else None,
            "created_at": self.fmt(campaign.created_at),
            "statistics": {"delivered": counts.delivered, "sent": counts.sent},
            # The price is defined only in the answer to the send (as documented).
            "calculated_price": campaign.calculated_price if with_price else None,
            "currency": self.currency,
            "alternative_channels": (
                {"sms": {"statistic": {"delivered": counts.sms_delivered, "sent": counts.sms_sent}}}
                if campaign.fallback
                else None
            ),
        }

    def detail_json(self, campaign: SimCampaign, now: datetime) -> dict[str, Any]:
        """The detail call's shape, with the spec's field names (``type``, ``started_at``, ...)."""
        counts = campaign.counts(now)
        status = campaign.status(now)
        waiting = counts.total - counts.sent
        statistics = dict.fromkeys(DETAIL_COUNTERS, 0)
        statistics.update(
            delivered=counts.delivered,
            sent=counts.sent,
            read=counts.read,
            failed=counts.failed,
            undelivered=counts.undelivered,
            scheduled=waiting if status in ("creation", "scheduled") else 0,
            sending=waiting if status == "sending" else 0,
        )
        channels: Any = []  # the spec's example: an empty PHP array when there is no fallback
        if campaign.fallback:
            sms = dict.fromkeys(DETAIL_COUNTERS, 0)
            sms.update(sent=counts.sms_sent, delivered=counts.sms_delivered, undelivered=counts.sms_undelivered)
            channels = {"sms": {"statistics": sms}}
        return {
            "id": campaign.id,
            "name": campaign.name,
            "sender": campaign.sender,
            "status": status,
            "type": campaign.message_type,
            "started_at": self.fmt(campaign.start_at or campaign.created_at),
            "actual_start_at": self.fmt(campaign.real_start) if campaign.started(now) else None,
            "finished_at": self.fmt(campaign.finish_at) if status == "done" else None,
            "created_at": self.fmt(campaign.created_at),
            "statistics": statistics,
            "total_messages": counts.total + counts.sms_sent,
            "total_phones": counts.total,
            "total_price": f"{campaign.cost(now):.7f}",
            "currency": self.currency,
            "alternative_channels": channels,
        }

    # Campaigns made in the web account before the app was opened ------------------------------------

    def _seed(self, now: datetime) -> None:
        today = self.local(now).date()
        for seed in SEED_CAMPAIGNS:
            created = now - timedelta(days=seed.created_days_ago)
            start = None
            if seed.start_in_days is not None:
                start = self._seed_start(today, seed.start_in_days, now)
            campaign = self.create(
                now=created,
                sender=seed.sender,
                total=seed.contacts,
                start_at=start,
                sms_parts=1 if seed.sms_fallback_sender else 0,
                message_type=seed.message_type,
                name=seed.name,
            )
            if seed.stopped_days_ago is not None:
                campaign.stopped_at = now - timedelta(days=seed.stopped_days_ago)
            campaign.baseline_cost = campaign.cost(now)

    def _seed_start(self, today: date, days: float, now: datetime) -> datetime:
        if days < 0:
            return now + timedelta(days=days)
        return self.from_wall(datetime.combine(today + timedelta(days=round(days)), time(10, 0, 0)))
