"""One message's status in plain words: a test message's progress and a campaign report's rows alike.

The server's statuses (wwt-api.md section 6a) become what happened to the message, said as staff say
it; an SMS sent instead of the RCS message is said too ("the phone has no RCS: it got the SMS").
``final`` says whether anything may still change (a test message is refreshed until it is).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.campaign.statuses import STATUS_UNKNOWN_OUTCOME


@dataclass(frozen=True)
class MessageLook:
    """``words`` for people, a ``tone`` for colour (``progress good warning bad neutral``), ``final``."""

    words: str
    tone: str
    final: bool


NO_RCS = "The phone has no RCS"
GOT_SMS = f"{NO_RCS}: it got the SMS"
SMS_SENT = f"{NO_RCS}: the SMS was sent instead"
SMS_LOST = f"{NO_RCS}, and the SMS did not arrive"

_LOOKS: dict[str, MessageLook] = {
    "scheduled": MessageLook("Waiting to be sent", "progress", False),
    "moderation": MessageLook("Waiting for approval", "progress", False),
    "accepted": MessageLook("Accepted: about to be sent", "progress", False),
    "sending": MessageLook("Being sent", "progress", False),
    "sent": MessageLook("Sent: not delivered yet", "progress", False),
    "delivered": MessageLook("Delivered", "good", True),
    "read": MessageLook("Read", "good", True),
    "failed": MessageLook("Failed: it could not be sent", "bad", True),
    "expired": MessageLook("Expired: the phone could not be reached in time", "bad", True),
    "undelivered": MessageLook("Not delivered", "bad", True),
    "unknown": MessageLook("Not known: the network gave no delivery report", "neutral", True),
    "not_service_user": MessageLook(NO_RCS, "bad", True),
    "not_rcs_user": MessageLook(NO_RCS, "bad", True),
    "not_viber_user": MessageLook(NO_RCS, "bad", True),
    STATUS_UNKNOWN_OUTCOME: MessageLook(
        "Not confirmed yet: the server did not answer, so it is looked up", "warning", False
    ),
}
_NOT_KNOWN = MessageLook("Not known yet", "neutral", False)
_SMS_ARRIVED = frozenset({"delivered", "read"})
_SMS_LOST = frozenset({"undelivered", "failed", "expired", "rejected"})
_RCS_ARRIVED = frozenset({"delivered", "read"})


def message_look(status: str | None, *, sms_sent: bool = False, sms_status: str | None = None) -> MessageLook:
    """The message in plain words. ``sms_sent``: the server says an SMS went out instead of the RCS
    message; ``sms_status``: that SMS's status when the server gives it."""
    if sms_sent and status not in _RCS_ARRIVED and status != STATUS_UNKNOWN_OUTCOME:
        if sms_status in _SMS_ARRIVED:
            return MessageLook(GOT_SMS, "good", True)
        if sms_status in _SMS_LOST:
            return MessageLook(SMS_LOST, "bad", True)
        # Without the SMS's status nothing more can be learnt from the message itself.
        return MessageLook(SMS_SENT, "progress", sms_status is None)
    if not status:
        return _NOT_KNOWN
    look = _LOOKS.get(status)
    if look is not None:
        return look
    return MessageLook(status.replace("_", " ").capitalize(), "neutral", False)


def channel_words(message_type: str | None, *, sms_sent: bool = False, status: str | None = None) -> str:
    """``"SMS"`` for an SMS, or an RCS message that reached the phone as the SMS sent instead; else ``"RCS"``."""
    if message_type == "sms" or (sms_sent and status not in _RCS_ARRIVED):
        return "SMS"
    return "RCS"
