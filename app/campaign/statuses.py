"""The campaign statuses in plain words: one table for the terminal and the window.

``status_look(status)`` gives the words, an explanation and a tone (the window colours it). The
window shows ``text`` (with a warning mark where the status needs attention); the terminal prints
``words``, the same without the mark, which not every terminal can show.
"""

from __future__ import annotations

from dataclasses import dataclass

# A send that got no answer and whose campaign was not found yet (the history's own status).
STATUS_UNKNOWN_OUTCOME = "unknown outcome"

WARNING_MARK = "⚠"
BLOCKED_MARK = "✖"


@dataclass(frozen=True)
class StatusLook:
    """A status for people: ``text`` (the table), ``explanation`` (tooltip, detail), ``tone``."""

    text: str
    explanation: str
    tone: str  # "progress", "good", "warning", "bad" or "neutral"

    @property
    def words(self) -> str:
        """``text`` without its mark: what the terminal prints."""
        for mark in (WARNING_MARK, BLOCKED_MARK):
            if self.text.startswith(mark):
                return self.text.removeprefix(mark).lstrip()
        return self.text

    @property
    def needs_attention(self) -> bool:
        return self.tone in ("warning", "bad")


_LOOKS: dict[str, StatusLook] = {
    "creation": StatusLook("Being created", "The server is setting the campaign up.", "progress"),
    "scheduled": StatusLook("Scheduled", "Waiting for its planned start.", "progress"),
    "sending": StatusLook("Sending…", "Messages are going out now.", "progress"),
    "done": StatusLook("Done", "Every message went out and the delivery reports are in.", "good"),
    "paused": StatusLook(
        f"{WARNING_MARK} Paused — balance ran out?",
        "Sending paused, most likely because the account's balance ran out. Top up your WWT.world "
        "account, then resume the campaign there, or stop it here.",
        "warning",
    ),
    "stopped": StatusLook("Stopped", "The campaign was stopped: messages not sent by then will not go out.", "neutral"),
    "spam": StatusLook(
        f"{BLOCKED_MARK} Blocked as spam",
        "WWT.world blocked this campaign as spam. Contact your WWT.world account manager.",
        "bad",
    ),
    "moderation": StatusLook(
        "Waiting for approval", "WWT.world checks this campaign before it goes out (moderation).", "progress"
    ),
    STATUS_UNKNOWN_OUTCOME: StatusLook(
        f"{WARNING_MARK} Not confirmed",
        "The server did not answer when this campaign was sent, so it may have been created anyway. "
        "Look for it on the server before sending it again.",
        "warning",
    ),
}

NOT_KNOWN_YET = StatusLook("Not known yet", "The server has not said yet.", "neutral")


def status_look(status: str | None) -> StatusLook:
    """Every documented status (and the history's "unknown outcome") in plain words."""
    if not status:
        return NOT_KNOWN_YET
    look = _LOOKS.get(status)
    if look is not None:
        return look
    return StatusLook(status.replace("_", " ").capitalize(), "A status this program does not know.", "neutral")


def status_words(status: str | None) -> str:
    """The status as the terminal says it: "Sending…", "Paused — balance ran out?"; "—" when not given."""
    return status_look(status).words if status else "—"
