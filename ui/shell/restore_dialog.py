"""After a crash: "Restore the campaign you were editing?", with when it was last saved."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.platform.recovery import RecoveryEntry
from app.sending.summary import message_text


def _ago(saved_at: datetime, now: datetime) -> str:
    def tr(text: str) -> str:
        return QCoreApplication.translate("RestoreDialog", text)

    minutes = int((now - saved_at).total_seconds() // 60)
    if minutes < 1:
        return tr("less than a minute ago")
    if minutes < 60:
        return tr("1 minute ago") if minutes == 1 else tr("%1 minutes ago").replace("%1", str(minutes))
    hours = minutes // 60
    if hours < 48:
        return tr("1 hour ago") if hours == 1 else tr("%1 hours ago").replace("%1", str(hours))
    return tr("%1 days ago").replace("%1", str(hours // 24))


class RestoreDialog(QDialog):
    """``choice`` is "restore", "discard" or "later" once the dialog has finished."""

    def __init__(self, entry: RecoveryEntry, *, now: datetime | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(self.tr("Restore unsaved campaign?"))
        self.entry = entry
        self.choice = "later"
        local = entry.saved_at.astimezone()
        now = now or datetime.now(local.tzinfo)
        name = entry.source_path.name if entry.source_path else self.tr("a new campaign (never saved)")
        campaign = entry.document.campaign
        heading = QLabel(self.tr("RCS Campaign Desk did not close normally last time."))
        heading.setProperty("role", "heading")
        details = QLabel(
            self.tr("Your unsaved changes to %1 were kept.").replace("%1", name)
            + "\n\n"
            + self.tr("Last saved: %1 (%2)")
            .replace("%1", f"{local:%A %d %B, %H:%M}")
            .replace("%2", _ago(entry.saved_at, now))
            + "\n"
            + self.tr("RCS agent: %1").replace("%1", campaign.sender or "—")
            + "\n"
            + self.tr("Message: %1").replace("%1", message_text(entry.document))
        )
        details.setObjectName("restoreDetails")
        details.setWordWrap(True)
        buttons = QDialogButtonBox()
        restore = buttons.addButton(self.tr("Restore"), QDialogButtonBox.ButtonRole.AcceptRole)
        restore.setObjectName("restoreButton")
        restore.setDefault(True)
        discard = buttons.addButton(self.tr("Discard"), QDialogButtonBox.ButtonRole.DestructiveRole)
        discard.setObjectName("discardButton")
        later = buttons.addButton(self.tr("Decide later"), QDialogButtonBox.ButtonRole.RejectRole)
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
