"""The campaign the server created: id, name, status, start, statistics, estimated price."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from app.api.models import CampaignInfo
from app.campaign.text import campaign_rows
from app.language import tr
from ui.common.theme import set_role


class CampaignResult(QWidget):
    """Label/value rows describing one campaign (objectName ``campaignResult``); ``values`` by the rows'
    English labels (``app.campaign.text.campaign_rows``), whatever the language shown."""

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
            field.setAccessibleName(tr(label))
            self.values[label] = field
            self._form.addRow(_shown_label(label), field)

    def text(self) -> str:
        """The rows as lines of text, as shown."""
        return "\n".join(f"{_shown_label(label)} {field.text()}" for label, field in self.values.items())


def _shown_label(label: str) -> str:
    """An English row label (a key of ``campaign_rows``) as the form shows it: translated, with its colon."""
    return tr("{label}:").format(label=tr(label))


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
        self.setWindowTitle(tr("Campaign created"))
        heading = QLabel(tr("The campaign is scheduled.") if scheduled else tr("The campaign is on its way."))
        set_role(heading, "heading")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        if demo:
            note = QLabel(tr("Demo: nothing was sent to real phones."))
            set_role(note, "muted")
            layout.addWidget(note)
        self.campaign_result = CampaignResult(self)  # not "result": that would hide QDialog.result()
        self.campaign_result.show_campaign(info, time_zone, local_zone)
        layout.addWidget(self.campaign_result)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
