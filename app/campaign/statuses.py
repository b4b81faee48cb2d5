"""The campaign statuses in plain words: one table for the terminal and the window.

``status_look(status)`` gives the words, an explanation and a tone (the window colours it). The
window shows ``text`` (with a warning mark where the status needs attention); the terminal prints
``words``, the same without the mark, which not every terminal can show.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.language import tr, tr_mark

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


@dataclass(frozen=True)
class _Words:
    """A status's English words, marked for translation: said in the current language by ``status_look``."""

    text: str
    explanation: str
    tone: str
    mark: str = ""


_LOOKS: dict[str, _Words] = {
    "creation": _Words(tr_mark("Being created"), tr_mark("The server is setting the campaign up."), "progress"),
    "scheduled": _Words(tr_mark("Scheduled"), tr_mark("Waiting for its planned start."), "progress"),
    "sending": _Words(tr_mark("Sending…"), tr_mark("Messages are going out now."), "progress"),
    "done": _Words(tr_mark("Done"), tr_mark("Every message went out and the delivery reports are in."), "good"),
    "paused": _Words(
        tr_mark("Paused — balance ran out?"),
        tr_mark(
            "Sending paused, most likely because the account's balance ran out. Top up your WWT.world "
            "account, then resume the campaign there, or stop it here."
        ),
        "warning",
        WARNING_MARK,
    ),
    "stopped": _Words(
        tr_mark("Stopped"), tr_mark("The campaign was stopped: messages not sent by then will not go out."), "neutral"
    ),
    "spam": _Words(
        tr_mark("Blocked as spam"),
        tr_mark("WWT.world blocked this campaign as spam. Contact your WWT.world account manager."),
        "bad",
        BLOCKED_MARK,
    ),
    "moderation": _Words(
        tr_mark("Waiting for approval"),
        tr_mark("WWT.world checks this campaign before it goes out (moderation)."),
        "progress",
    ),
    STATUS_UNKNOWN_OUTCOME: _Words(
        tr_mark("Not confirmed"),
        tr_mark(
            "The server did not answer when this campaign was sent, so it may have been created anyway. "
            "Look for it on the server before sending it again."
        ),
        "warning",
        WARNING_MARK,
    ),
}


def status_look(status: str | None) -> StatusLook:
    """Every documented status (and the history's "unknown outcome") in plain words, in the current language."""
    if not status:
        return StatusLook(tr("Not known yet"), tr("The server has not said yet."), "neutral")
    words = _LOOKS.get(status)
    if words is not None:
        text = tr(words.text)
        return StatusLook(f"{words.mark} {text}" if words.mark else text, tr(words.explanation), words.tone)
    # A status newer than this program: the server's own word, made readable.
    return StatusLook(status.replace("_", " ").capitalize(), tr("A status this program does not know."), "neutral")


def status_words(status: str | None) -> str:
    """The status as the terminal says it: "Sending…", "Paused — balance ran out?"; "—" when not given."""
    return status_look(status).words if status else "—"
