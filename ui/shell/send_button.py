"""What the Send button (and the Send menu item) says and whether it works, from the campaign's state."""

from __future__ import annotations

from dataclasses import dataclass

from app.campaign.file import CampaignDocument
from app.language import tr
from app.sending.summary import is_scheduled
from app.validation import Problem, blocking_errors, located_message


@dataclass(frozen=True)
class SendButtonState:
    text: str
    enabled: bool
    tip: str


def send_button_state(
    document: CampaignDocument, errors: list[Problem], *, busy: bool, connected: bool
) -> SendButtonState:
    """Send works when nothing blocks it (a picture proved not to show is asked about instead), no send
    runs and there is a connection; the tip says why not, or how."""
    text = tr("Sending…") if busy else (tr("Schedule…") if is_scheduled(document) else tr("Send…"))
    blocking = blocking_errors(errors)
    if blocking:
        lines = "\n".join(f"• {located_message(p)}" for p in blocking[:5])
        more = len(blocking) - 5
        tip = tr("Fix these first:") + "\n" + lines + (f"\n… (+{more})" if more > 0 else "")
    elif busy:
        tip = tr("The campaign is being sent.")
    elif not connected:
        tip = tr("Connecting…")
    else:
        tip = tr("Check the summary, then send (Ctrl+Enter)")
    return SendButtonState(text, not blocking and not busy and connected, tip)
