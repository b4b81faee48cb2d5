"""The campaign the server created: id, name, status, start, statistics, estimated price."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from app.api.models import CampaignInfo
from app.campaign.text import campaign_rows


class CampaignResult(QWidget):
    """Label/value rows describing one campaign (objectName ``campaignResult``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("campaignResult")
        self._form = QFormLayout(self)
        self._form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.values: dict[str, QLabel] = {}

    def show_campaign(self, info: CampaignInfo, time_zone: str | None = None, local_zone: str | None = None) -> None:
        """Show ``info``; its times in the account's ``time_zone``, then on this computer (``local_zone``)."""
        while self._form.rowCount():
            self._form.removeRow(0)
        self.values = {}
        for label, value in campaign_rows(info, time_zone, local_zone):
            field = QLabel(value)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            field.setAccessibleName(label)
            self.values[label] = field
            self._form.addRow(self.tr(label) + ":", field)

    def text(self) -> str:
        return "\n".join(f"{label}: {field.text()}" for label, field in self.values.items())


class CampaignResultDialog(QDialog):
    """Shown after a successful send."""

    def __init__(
        self,
        info: CampaignInfo,
        *,
        scheduled: bool,
        demo: bool,
        time_zone: str | None = None,
        local_zone: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Campaign created"))
        heading = QLabel(self.tr("The campaign is scheduled.") if scheduled else self.tr("The campaign is on its way."))
        heading.setProperty("role", "heading")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        if demo:
            note = QLabel(self.tr("Demo: nothing was sent to real phones."))
            note.setProperty("role", "muted")
            layout.addWidget(note)
        self.campaign_result = CampaignResult(self)  # not "result": that would hide QDialog.result()
        self.campaign_result.show_campaign(info, time_zone, local_zone)
        layout.addWidget(self.campaign_result)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
