"""One message's status in plain words: a test message's progress and a campaign report's rows alike.

The server's statuses (wwt-api.md section 6a) become what happened to the message, said as staff say
it; an SMS sent instead of the RCS message is said too ("the phone has no RCS: it got the SMS").
``final`` says whether anything may still change (a test message is refreshed until it is).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from app.campaign.statuses import STATUS_UNKNOWN_OUTCOME
from app.language import tr, tr_mark


@dataclass(frozen=True)
class MessageLook:
    """``words`` for people, a ``tone`` for colour (``progress good warning bad neutral``), ``final``."""

    words: str
    tone: str
    final: bool


# English words, marked for translation: ``message_look`` says them in the current language.
NO_RCS = tr_mark("The phone has no RCS")
GOT_SMS = tr_mark("The phone has no RCS: it got the SMS")
SMS_SENT = tr_mark("The phone has no RCS: the SMS was sent instead")
SMS_LOST = tr_mark("The phone has no RCS, and the SMS did not arrive")

_LOOKS: dict[str, MessageLook] = {
    "scheduled": MessageLook(tr_mark("Waiting to be sent"), "progress", False),
    "moderation": MessageLook(tr_mark("Waiting for approval"), "progress", False),
    "accepted": MessageLook(tr_mark("Accepted: about to be sent"), "progress", False),
    "sending": MessageLook(tr_mark("Being sent"), "progress", False),
    "sent": MessageLook(tr_mark("Sent: not delivered yet"), "progress", False),
    "delivered": MessageLook(tr_mark("Delivered"), "good", True),
    "read": MessageLook(tr_mark("Read"), "good", True),
    "failed": MessageLook(tr_mark("Failed: it could not be sent"), "bad", True),
    "expired": MessageLook(tr_mark("Expired: the phone could not be reached in time"), "bad", True),
    "undelivered": MessageLook(tr_mark("Not delivered"), "bad", True),
    "unknown": MessageLook(tr_mark("Not known: the network gave no delivery report"), "neutral", True),
    "not_service_user": MessageLook(NO_RCS, "bad", True),
    "not_rcs_user": MessageLook(NO_RCS, "bad", True),
    "not_viber_user": MessageLook(NO_RCS, "bad", True),
    STATUS_UNKNOWN_OUTCOME: MessageLook(
        tr_mark("Not confirmed yet: the server did not answer, so it is looked up"), "warning", False
    ),
}
_NOT_KNOWN = MessageLook(tr_mark("Not known yet"), "neutral", False)
_SMS_ARRIVED = frozenset({"delivered", "read"})
_SMS_LOST = frozenset({"undelivered", "failed", "expired", "rejected"})
_RCS_ARRIVED = frozenset({"delivered", "read"})


def message_look(status: str | None, *, sms_sent: bool = False, sms_status: str | None = None) -> MessageLook:
    """The message in plain words, in the current language. ``sms_sent``: the server says an SMS went out
    instead of the RCS message; ``sms_status``: that SMS's status when the server gives it."""
    look = _english_look(status, sms_sent=sms_sent, sms_status=sms_status)
    if look is None:  # a status newer than this program: the server's own word, made readable
        return MessageLook(str(status).replace("_", " ").capitalize(), "neutral", False)
    return replace(look, words=tr(look.words))


def _english_look(status: str | None, *, sms_sent: bool, sms_status: str | None) -> MessageLook | None:
    """The look from the tables above (English words), or None for a status they do not have."""
    if sms_sent and status not in _RCS_ARRIVED and status != STATUS_UNKNOWN_OUTCOME:
        if sms_status in _SMS_ARRIVED:
            return MessageLook(GOT_SMS, "good", True)
        if sms_status in _SMS_LOST:
            return MessageLook(SMS_LOST, "bad", True)
        # Without the SMS's status nothing more can be learnt from the message itself.
        return MessageLook(SMS_SENT, "progress", sms_status is None)
    if not status:
        return _NOT_KNOWN
    return _LOOKS.get(status)


def channel_words(message_type: str | None, *, sms_sent: bool = False, status: str | None = None) -> str:
    """``"SMS"`` for an SMS, or an RCS message that reached the phone as the SMS sent instead; else ``"RCS"``."""
    if message_type == "sms" or (sms_sent and status not in _RCS_ARRIVED):
        return "SMS"
    return "RCS"
