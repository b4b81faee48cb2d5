"""The composer: editor tabs on the left, the phone preview on the right, the send bar below.

The Message tab and the preview are built at once; the Recipients, Schedule and SMS fallback
panels can be built right after the window's first paint (``build_side_panels``), so the
window appears sooner. Nobody can click a tab in that moment.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor
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
from app.sending.summary import pictures_words
from app.validation import Problem, blocking_errors, located_message
from ui.common.theme import tone_color
from ui.compose.agent_field import AgentField
from ui.compose.editor_state import CampaignEditor
from ui.compose.media_preview import MediaPreviewService
from ui.compose.message_editor import MessageEditor
from ui.compose.message_fields import LONG_TEXT_CHARS, chars_width
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


class ReadableColumn(QWidget):
    """A column no wider than ``chars`` average characters, that asks for all of that width."""

    def __init__(self, chars: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaximumWidth(chars_width(self, chars))

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override): the splitter starts with the column whole
        hint = super().sizeHint()
        return QSize(max(hint.width(), self.maximumWidth()), hint.height())


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
        message_layout = QHBoxLayout(message_page)
        message_layout.addWidget(self._message_column(), 1)
        message_layout.addStretch(0)  # what is left of a wide window, once the column is at its widest
        self.tabs.addTab(message_page, self.tab_titles[MESSAGE_TAB])
        for title in self.tab_titles[1:]:
            self.tabs.addTab(QWidget(), title)  # replaced by build_side_panels

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(self.phone_preview)
        # A wider window widens both: the editor's lists and tables use the room (its fields stop at a
        # readable width), and the preview grows up to its own limit (PANE_WIDTH_PHONES).
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
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
        self.tabs.currentChanged.connect(self.on_tabs_current_changed)
        self.on_editor_problems_changed(editor.problems)

    def _message_column(self) -> QWidget:
        """The agent and the message, no wider than can be read comfortably on a wide window."""
        column = ReadableColumn(LONG_TEXT_CHARS)
        column.setObjectName("messageColumn")
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.agent_field)
        layout.addWidget(self.message_editor, 1)
        return column

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

    def on_tabs_current_changed(self, index: int) -> None:
        """The preview shows what the open tab edits: the SMS for the SMS fallback tab, RCS for the Message tab
        (the Recipients and Schedule tabs leave it as it is; the user can switch it by hand at any time)."""
        if index == SMS_TAB:
            self.phone_preview.set_mode("sms")
        elif index == MESSAGE_TAB:
            self.phone_preview.set_mode("rcs")

    # Problems ------------------------------------------------------------------------------------

    def on_editor_problems_changed(self, _shown: list[Problem]) -> None:
        self._mark_tabs()
        self.problems_label.setText(self._status_text())

    def _tab_of(self, problem: Problem) -> int | None:
        return next((i for i, prefixes in enumerate(TAB_PATHS) if problem.path.startswith(prefixes)), None)

    def _mark_tabs(self) -> None:
        """✖ and the number of errors, else ⚠ and the number of warnings, on each tab with problems shown."""
        bar = self.tabs.tabBar()
        for index in range(len(TAB_PATHS)):
            own = [p for p in self.editor.problems if self._tab_of(p) == index]
            errors = [p for p in own if p.is_error]
            if errors:
                mark, color = f"  ✖ {len(errors)}", QColor(tone_color("error", self))
            elif own:
                mark, color = f"  ⚠ {len(own)}", QColor(tone_color("warning", self))
            else:
                mark, color = "", QColor()
            self.tabs.setTabText(index, self.tab_titles[index] + mark)
            bar.setTabTextColor(index, color)

    def _status_text(self) -> str:
        """What stands between the campaign and sending, pointing only at marks the user can see."""
        errors, warnings = self.editor.errors, self.editor.warnings
        if blocking_errors(errors):
            text = (
                self.tr("1 problem to fix before sending")
                if len(errors) == 1
                else self.tr("%1 problems to fix before sending").replace("%1", str(len(errors)))
            )
            if self.editor.hiding_problems:
                text += " · <a href='show'>" + self.tr("Show them") + "</a>"
            return text
        if errors:  # only pictures proved not to show: the user may still send them, knowingly
            words = pictures_words(errors)
            what = (
                self.tr("%1 will not show on phones").replace("%1", words)
                if words
                else self.tr("%1 problems").replace("%1", str(len(errors)))
            )
            text = (
                self.tr("Not ready: %1. Fix it, or send and tick “Send anyway”.")
                if len(errors) == 1
                else self.tr("Not ready: %1. Fix them, or send and tick “Send anyway”.")
            )
            return text.replace("%1", html.escape(what, quote=False))
        if not warnings:
            return self.tr("Ready to send")
        count = self.tr("1 warning") if len(warnings) == 1 else self.tr("%1 warnings").replace("%1", str(len(warnings)))
        tabs = [self._tab_of(p) if p in self.editor.problems else None for p in warnings]
        if None not in tabs:  # each warning is marked on a tab and at its field
            names = [self.tab_titles[index] for index in sorted({tab for tab in tabs if tab is not None})]
            where = (
                self.tr("on the %1 tab").replace("%1", names[0])
                if len(names) == 1
                else self.tr("on the %1 and %2 tabs").replace("%1", ", ".join(names[:-1])).replace("%2", names[-1])
            )
            return (
                self.tr("Ready to send · %1 %2")
                .replace("%1", count)
                .replace("%2", "<a href='warnings'>" + html.escape(where, quote=False) + "</a>")
            )
        if len(warnings) == 1:  # nothing on screen is marked: say it here
            return self.tr("Ready to send · 1 warning: %1").replace(
                "%1", html.escape(located_message(warnings[0]), quote=False)
            )
        return self.tr("Ready to send · %1, listed when you send").replace("%1", count)

    def on_problems_link_activated(self, link: str) -> None:
        """Show every problem at its field and go to the first tab that has an error (or a warning)."""
        self.editor.reveal_all()
        wanted = self.editor.warnings if link == "warnings" else self.editor.errors
        tabs = [index for p in wanted if (index := self._tab_of(p)) is not None]
        if tabs:
            self.tabs.setCurrentIndex(min(tabs))
