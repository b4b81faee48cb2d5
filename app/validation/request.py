"""``validate_request``: every problem of a send-groups request at once, never raising."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from app.campaign import limits, schedule
from app.campaign.model import parse_start_at
from app.language import tr, tr_mark, tr_n
from app.validation.fallback import STOP_LIST_MESSAGE, check_alternative_channel, check_boolean, check_validity
from app.validation.message import check_options
from app.validation.problems import Problem, join_path
from app.validation.values import Report, count, is_int, units

if TYPE_CHECKING:
    from app.campaign.file import CampaignDocument

log = logging.getLogger(__name__)

INCOMPLETE_CHECK = tr_mark("The campaign could not be checked completely. Check it carefully before sending.")


def validate_request(
    request: Any,
    *,
    time_zone: str,
    now: datetime | None = None,
    list_contacts: Mapping[int, int | None] | None = None,
    phone_plans: bool = True,
) -> list[Problem]:
    """Every problem of ``request`` (any JSON value), errors and warnings, in request order.

    ``time_zone`` is the zone ``start_at`` is meant in; ``now`` (aware) defaults to the clock;
    ``list_contacts`` gives the number of contacts of each list id when known; ``phone_plans`` False
    checks a call button's number only for its digits, not against its country's numbering plan (the
    window, until the plans are loaded: see ``app.campaign.phone_numbers``).
    """
    report = Report(phone_plans=phone_plans)
    try:
        _check_request(report, request, time_zone, now, list_contacts)
    except Exception:  # a bug here must never stop the user from seeing the other problems
        log.exception("validation failed")
        report.error("", tr(INCOMPLETE_CHECK))
    return report.problems


def validate_document(doc: CampaignDocument, *, now: datetime | None = None, phone_plans: bool = True) -> list[Problem]:
    """Validate an open campaign with its own time zone and the list sizes it remembers (``phone_plans``:
    see ``validate_request``)."""
    try:
        request = doc.campaign.to_request(phones_as_sent=True)  # "+380 99 123 45 67" in a file is fine
        contacts = doc.list_contacts()
        zone = doc.time_zone
    except Exception:
        log.exception("campaign could not be turned into a request")
        return [Problem("", "error", tr(INCOMPLETE_CHECK))]
    return validate_request(request, time_zone=zone, now=now, list_contacts=contacts, phone_plans=phone_plans)


def _check_request(
    report: Report,
    request: Any,
    time_zone: str,
    now: datetime | None,
    list_contacts: Mapping[int, int | None] | None,
) -> None:
    if not isinstance(request, dict):
        report.error("", tr("This campaign is empty or damaged: choose the lists, the sender and the message again."))
        return
    _check_groups(report, request.get("groups"), list_contacts)
    _check_sender(report, request.get("sender"))
    check_options(report, request.get("options"))
    if "start_at" in request:
        _check_start_at(report, request["start_at"], time_zone, now)
    check_validity(report, request, "validity")
    if "tariff_code" in request and not is_int(request["tariff_code"]):
        report.error("tariff_code", tr("The tariff code must be a whole number (for example 0 or 9)."))
    check_boolean(report, request, "check_stop_list", "check_stop_list", tr(STOP_LIST_MESSAGE))
    check_boolean(
        report,
        request,
        "add_to_contact_book",
        "add_to_contact_book",
        tr("Choose whether the recipients are added to your contact book (yes or no)."),
    )
    check_alternative_channel(report, request.get("alternative_channel"))


def _check_groups(report: Report, groups: Any, list_contacts: Mapping[int, int | None] | None) -> None:
    path = "groups"
    if groups is None or groups == []:
        report.error(path, tr("Choose at least one contact list."))
        return
    if not isinstance(groups, list):
        report.error(path, tr("The chosen contact lists could not be read: choose the lists again."))
        return
    if len(groups) > limits.GROUPS_MAX:
        said = tr_n(
            "A campaign can go to at most {max} contact list (this one has {count}).",
            "A campaign can go to at most {max} contact lists (this one has {count}).",
            limits.GROUPS_MAX,
        )
        report.error(path, said.format(max=count(limits.GROUPS_MAX), count=count(len(groups))))
    seen: set[int] = set()
    for index, group in enumerate(groups):
        if not is_int(group):
            report.error(join_path(path, index), tr("This contact list could not be read: choose the lists again."))
        elif group in seen:
            report.warning(join_path(path, index), tr("This contact list is chosen twice: it counts only once."))
        else:
            seen.add(group)
    _check_contact_total(report, sorted(seen), list_contacts)


def _check_contact_total(report: Report, groups: list[int], list_contacts: Mapping[int, int | None] | None) -> None:
    if not list_contacts:
        return
    known = [list_contacts.get(group) for group in groups]
    sizes = [size for size in known if is_int(size) and size > 0]
    total = sum(sizes)
    most = limits.CONTACTS_PER_CAMPAIGN
    largest = max(sizes, default=0)
    if largest > most:  # one list alone is over the limit: the server refuses the campaign
        said = tr_n(
            "One chosen list holds {count} contact, but a campaign can reach at most {most}: "
            "WWT.world will refuse it. Split the list, or send it as several campaigns.",
            "One chosen list holds {count} contacts, but a campaign can reach at most {most}: "
            "WWT.world will refuse it. Split the list, or send it as several campaigns.",
            largest,
        )
        report.error("groups", said.format(count=count(largest), most=count(most)))
    elif total > most:
        if len(sizes) < len(groups):  # some sizes are not known: the total is at least this
            # Translators: {most} is the most phone numbers a campaign can reach (5,000).
            said = tr_n(
                "The chosen lists hold at least {count} contact together, but a campaign can reach at most "
                "{most} different numbers. Unless the lists share most of their contacts, WWT.world will "
                "refuse it: split the lists over several campaigns.",
                "The chosen lists hold at least {count} contacts together, but a campaign can reach at most "
                "{most} different numbers. Unless the lists share most of their contacts, WWT.world will "
                "refuse it: split the lists over several campaigns.",
                total,
            )
        else:
            # Translators: {most} is the most phone numbers a campaign can reach (5,000).
            said = tr_n(
                "The chosen lists hold {count} contact together, but a campaign can reach at most "
                "{most} different numbers. Unless the lists share most of their contacts, WWT.world will "
                "refuse it: split the lists over several campaigns.",
                "The chosen lists hold {count} contacts together, but a campaign can reach at most "
                "{most} different numbers. Unless the lists share most of their contacts, WWT.world will "
                "refuse it: split the lists over several campaigns.",
                total,
            )
        report.warning("groups", said.format(count=count(total), most=count(most)))


def _check_sender(report: Report, sender: Any) -> None:
    if sender is None or (isinstance(sender, str) and not sender.strip()):
        report.error("sender", tr("Enter the name of the RCS agent the message comes from."))
    elif not isinstance(sender, str):
        report.error("sender", tr("The RCS agent name could not be read: type it again."))
    elif units(sender) > limits.SENDER_MAX:
        said = tr_n(
            "The RCS agent name can have at most {max} character (this one has {count}).",
            "The RCS agent name can have at most {max} characters (this one has {count}).",
            limits.SENDER_MAX,
        )
        report.error("sender", said.format(max=limits.SENDER_MAX, count=units(sender)))


def _check_start_at(report: Report, value: Any, time_zone: str, now: datetime | None) -> None:
    path = "start_at"
    wall = parse_start_at(value) if isinstance(value, str) else None
    if wall is None:
        report.error(path, tr("The send time must be a date and time written like 2025-01-25 09:00:00."))
        return
    try:
        zone = ZoneInfo(time_zone)
    except Exception:  # noqa: BLE001 - ZoneInfoNotFoundError, ValueError, TypeError on odd names
        report.error("time_zone", tr("The time zone of this campaign is not known: choose it again in the schedule."))
        return
    try:
        problem = schedule.check_start_at(wall, zone, now)
    except OverflowError:  # a year like 9999 cannot be moved across time zones
        said = tr_n(
            "A campaign can be scheduled at most {count} day ahead: choose another day.",
            "A campaign can be scheduled at most {count} days ahead: choose another day.",
            limits.SCHEDULE_DAYS,
        )
        report.error(path, said.format(count=limits.SCHEDULE_DAYS))
        return
    if problem is not None:
        report.add(path, problem.severity, problem.message)
