"""After a crash: "Restore the campaign you were editing?", with when it was last saved."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.campaign.clock_words import day_words
from app.language import tr, tr_n
from app.platform.recovery import RecoveryEntry
from app.sending.summary import message_text
from ui.common.theme import set_role


def _ago(saved_at: datetime, now: datetime) -> str:
    minutes = int((now - saved_at).total_seconds() // 60)
    if minutes < 1:
        return tr("less than a minute ago")
    if minutes < 60:
        return tr_n("{count} minute ago", "{count} minutes ago", minutes).format(count=minutes)
    hours = minutes // 60
    if hours < 48:
        return tr_n("{count} hour ago", "{count} hours ago", hours).format(count=hours)
    days = hours // 24
    return tr_n("{count} day ago", "{count} days ago", days).format(count=days)


def _saved_words(entry: RecoveryEntry, now: datetime) -> str:
    """``Last saved: Sat 26 Dec, 14:05 (3 minutes ago)`` in the computer's time."""
    local = entry.saved_at.astimezone()
    when = f"{day_words(local.date(), now.date())}, {local:%H:%M}"
    return tr("Last saved: {time} ({ago})").format(time=when, ago=_ago(entry.saved_at, now))


class RestoreDialog(QDialog):
    """``choice`` is "restore", "discard" or "later" once the dialog has finished."""

    def __init__(self, entry: RecoveryEntry, *, now: datetime | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(tr("Restore unsaved campaign?"))
        self.entry = entry
        self.choice = "later"
        now = now or datetime.now(entry.saved_at.astimezone().tzinfo)
        if entry.source_path is not None:
            kept = tr("Your unsaved changes to {file} were kept.").format(file=entry.source_path.name)
        else:
            kept = tr("Your unsaved changes to a new campaign (never saved) were kept.")
        campaign = entry.document.campaign
        heading = QLabel(tr("RCS Campaign Desk did not close normally last time."))
        set_role(heading, "heading")
        lines = (
            _saved_words(entry, now),
            tr("RCS agent: {agent}").format(agent=campaign.sender or "—"),
            tr("Message: {text}").format(text=message_text(entry.document)),
        )
        details = QLabel(kept + "\n\n" + "\n".join(lines))
        details.setObjectName("restoreDetails")
        details.setWordWrap(True)
        buttons = QDialogButtonBox()
        restore = buttons.addButton(tr("Restore"), QDialogButtonBox.ButtonRole.AcceptRole)
        restore.setObjectName("restoreButton")
        restore.setDefault(True)
        discard = buttons.addButton(tr("Discard"), QDialogButtonBox.ButtonRole.DestructiveRole)
        discard.setObjectName("discardButton")
        later = buttons.addButton(tr("Decide later"), QDialogButtonBox.ButtonRole.RejectRole)
        restore.clicked.connect(lambda: self._choose("restore"))
        discard.clicked.connect(lambda: self._choose("discard"))
        later.clicked.connect(lambda: self._choose("later"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(details)
        layout.addWidget(buttons)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        if choice == "later":
            self.reject()
        else:
            self.accept()
