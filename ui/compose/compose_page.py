"""The composer: editor tabs on the left, the phone preview on the right, the send bar below.

The Message tab and the preview are built at once; the Recipients, Schedule and SMS fallback
panels can be built right after the window's first paint (``build_side_panels``), so the
window appears sooner. Nobody can click a tab in that moment.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.platform.config import Settings
from app.validation import Problem
from ui.compose.agent_field import AgentField
from ui.compose.editor_state import CampaignEditor
from ui.compose.media_preview import MediaPreviewService
from ui.compose.message_editor import MessageEditor
from ui.compose.phone_preview import PhonePreview

if TYPE_CHECKING:
    from app.api.client import WwtClient
    from ui.compose.group_picker import GroupPicker
    from ui.compose.schedule_panel import SchedulePanel
    from ui.compose.sms_panel import SmsFallbackPanel

# Which editor tab owns which request paths (for the error badges on the tabs).
TAB_PATHS = (
    ("options", "sender"),
    ("groups",),
    ("start_at", "validity", "time_zone"),
    ("alternative_channel",),
)
MESSAGE_TAB, RECIPIENTS_TAB, SCHEDULE_TAB, SMS_TAB = range(4)


def _scrolling(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(widget)
    return area


class ComposePage(QWidget):
    """Holds the panels; ``group_picker``, ``schedule_panel`` and ``sms_panel`` are None until built."""

    def __init__(
        self,
        editor: CampaignEditor,
        settings: Settings,
        preview_service: MediaPreviewService,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("composePage")
        self.editor = editor
        self.settings = settings
        self.group_picker: GroupPicker | None = None
        self.schedule_panel: SchedulePanel | None = None
        self.sms_panel: SmsFallbackPanel | None = None
        self.agent_field = AgentField(editor, settings.recent_senders)
        self.message_editor = MessageEditor(editor, preview_service)
        self.phone_preview = PhonePreview(editor, preview_service)
        self.message_editor.current_card_changed.connect(self.phone_preview.show_card)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("editorTabs")
        self.tab_titles = [self.tr("Message"), self.tr("Recipients"), self.tr("Schedule"), self.tr("SMS fallback")]
        message_page = QWidget()
        message_layout = QVBoxLayout(message_page)
        message_layout.addWidget(self.agent_field)
        message_layout.addWidget(self.message_editor, 1)
        self.tabs.addTab(message_page, self.tab_titles[MESSAGE_TAB])
        for title in self.tab_titles[1:]:
            self.tabs.addTab(QWidget(), title)  # replaced by build_side_panels

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(self.phone_preview)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        self.problems_label = QLabel()
        self.problems_label.setObjectName("problemsSummary")
        self.problems_label.setWordWrap(True)
        self.problems_label.setTextFormat(Qt.TextFormat.RichText)
        self.problems_label.linkActivated.connect(self.on_problems_link_activated)
        self.send_button = QPushButton()
        self.send_button.setObjectName("sendButton")
        self.send_button.setAutoDefault(False)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(12, 6, 12, 6)
        bottom.addWidget(self.problems_label, 1)
        bottom.addWidget(self.send_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)
        editor.problems_changed.connect(self.on_editor_problems_changed)
        self.on_editor_problems_changed(editor.problems)

    @property
    def side_panels_built(self) -> bool:
        return self.group_picker is not None

    def build_side_panels(self, client: Callable[[], WwtClient], account_time_zone: str) -> None:
        """Build the Recipients, Schedule and SMS fallback panels (once)."""
        if self.side_panels_built:
            return
        from ui.compose.group_picker import GroupPicker
        from ui.compose.schedule_panel import SchedulePanel
        from ui.compose.sms_panel import SmsFallbackPanel

        default_sender = self.settings.default_sms_sender
        self.group_picker = GroupPicker(self.editor, client)
        self.schedule_panel = SchedulePanel(self.editor, account_time_zone)
        self.sms_panel = SmsFallbackPanel(self.editor, sender_suggestions=[default_sender] if default_sender else [])
        current = self.tabs.currentIndex()
        panels: tuple[tuple[int, QWidget], ...] = (
            (RECIPIENTS_TAB, self.group_picker),
            (SCHEDULE_TAB, self.schedule_panel),
            (SMS_TAB, self.sms_panel),
        )
        for index, panel in panels:
            placeholder = self.tabs.widget(index)
            self.tabs.removeTab(index)
            self.tabs.insertTab(
                index, panel if panel is self.group_picker else _scrolling(panel), self.tab_titles[index]
            )
            if placeholder is not None:
                placeholder.deleteLater()
        self.tabs.setCurrentIndex(current)
        self.on_editor_problems_changed(self.editor.problems)

    # Problems ------------------------------------------------------------------------------------

    def on_editor_problems_changed(self, _shown: list[Problem]) -> None:
        errors = self.editor.errors
        warnings = self.editor.warnings
        for index, prefixes in enumerate(TAB_PATHS):
            own = [p for p in self.editor.problems if p.is_error and p.path.startswith(prefixes)]
            self.tabs.setTabText(index, self.tab_titles[index] + (f"  ✖ {len(own)}" if own else ""))
        if errors:
            text = (
                self.tr("1 problem to fix before sending")
                if len(errors) == 1
                else self.tr("%1 problems to fix before sending").replace("%1", str(len(errors)))
            )
            if self.editor.hiding_problems:
                text += " · <a href='show'>" + self.tr("Show them") + "</a>"
        elif warnings:
            text = (
                self.tr("Ready to send · 1 warning: see the marked field")
                if len(warnings) == 1
                else self.tr("Ready to send · %1 warnings: see the marked fields").replace("%1", str(len(warnings)))
            )
        else:
            text = self.tr("Ready to send")
        self.problems_label.setText(text)

    def on_problems_link_activated(self, _link: str) -> None:
        """Show every problem at its field and go to the first tab that has an error."""
        self.editor.reveal_all()
        for index, prefixes in enumerate(TAB_PATHS):
            if any(p.path.startswith(prefixes) for p in self.editor.errors):
                self.tabs.setCurrentIndex(index)
                break
