"""The composer: editor tabs on the left, the phone preview on the right, the send bar below.

The Message tab and the preview are built at once; the Recipients, Schedule and SMS fallback
panels are built after the window's first paint, one step per turn of the event loop
(``side_panels``, see ``ui.compose.side_panels``), or at once when something needs them.
"""

from __future__ import annotations

import html
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

from app.language import tr, tr_n
from app.language.formats import format_count
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
from ui.compose.side_panels import SidePanelBuilder
from ui.compose.tab_indexes import MESSAGE_TAB, RECIPIENTS_TAB, SCHEDULE_TAB, SMS_TAB, TAB_PATHS

if TYPE_CHECKING:
    from ui.compose.group_picker import GroupPicker
    from ui.compose.schedule_panel import SchedulePanel
    from ui.compose.sms_panel import SmsFallbackPanel

__all__ = ["MESSAGE_TAB", "RECIPIENTS_TAB", "SCHEDULE_TAB", "SMS_TAB", "TAB_PATHS", "ComposePage"]


class ReadableColumn(QWidget):
    """A column no wider than ``chars`` average characters, that asks for all of that width."""

    def __init__(self, chars: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaximumWidth(chars_width(self, chars))

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override): the splitter starts with the column whole
        hint = super().sizeHint()
        return QSize(max(hint.width(), self.maximumWidth()), hint.height())


def _scroll_area() -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    return area


def _plain_holder() -> QWidget:
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    return holder


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
        self.tab_titles = [tr("Message"), tr("Recipients"), tr("Schedule"), tr("SMS fallback")]
        message_page = QWidget()
        message_layout = QHBoxLayout(message_page)
        message_layout.addWidget(self._message_column(), 1)
        message_layout.addStretch(0)  # what is left of a wide window, once the column is at its widest
        self.tabs.addTab(message_page, self.tab_titles[MESSAGE_TAB])
        # Each side panel is built into its tab's holder: the tabs themselves never change (a new tab
        # lays the whole window out again), and a widget made inside its parent is styled once.
        self.panel_holders: dict[int, QWidget] = {
            RECIPIENTS_TAB: _plain_holder(),  # the list table scrolls by itself
            SCHEDULE_TAB: _scroll_area(),
            SMS_TAB: _scroll_area(),
        }
        for index, holder in self.panel_holders.items():
            self.tabs.addTab(holder, self.tab_titles[index])

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
        self.test_button = QPushButton(tr("Send a test…"))
        self.test_button.setObjectName("sendTestButton")
        self.test_button.setAutoDefault(False)
        self.test_button.setToolTip(tr("Send this message to your own test phones first (Ctrl+Shift+T)"))
        bottom = QHBoxLayout()
        bottom.setContentsMargins(12, 6, 12, 6)
        bottom.addWidget(self.problems_label, 1)
        bottom.addWidget(self.test_button)
        bottom.addWidget(self.send_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)
        editor.problems_changed.connect(self.on_editor_problems_changed)
        self.tabs.currentChanged.connect(self.on_tabs_current_changed)
        self.side_panels = SidePanelBuilder(self)
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
        return self.side_panels.done

    def panel_parent(self, index: int) -> QWidget:
        """What the panel of tab ``index`` is made in (then given to ``put_panel``)."""
        holder = self.panel_holders[index]
        return holder.viewport() if isinstance(holder, QScrollArea) else holder

    def put_panel(self, index: int, panel: QWidget) -> None:
        """Show ``panel`` in tab ``index``."""
        holder = self.panel_holders[index]
        if isinstance(holder, QScrollArea):
            holder.setWidget(panel)
        else:
            layout = holder.layout()
            assert layout is not None  # made with one
            layout.addWidget(panel)

    def on_tabs_current_changed(self, index: int) -> None:
        """The preview shows what the open tab edits: the SMS for the SMS fallback tab, RCS for the Message tab
        (the Recipients and Schedule tabs leave it as it is; the user can switch it by hand at any time).
        A panel not built yet is built now, with the others left."""
        if index != MESSAGE_TAB and self.side_panels.started:
            self.side_panels.build_now()
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
            count = len(errors)
            text = tr_n(
                "{count} problem to fix before sending", "{count} problems to fix before sending", count
            ).format(count=format_count(count))
            if self.editor.hiding_problems:
                # Translators: a link after "3 problems to fix before sending": it shows every problem at its field.
                text += " · <a href='show'>" + tr("Show them") + "</a>"
            return text
        if errors:  # only pictures proved not to show: the user may still send them, knowingly
            count = len(errors)
            words = pictures_words(errors)
            pictures = len({p.path for p in errors})  # when there are words, each path is one card's picture
            what = (
                # Translators: {pictures} is "card 2's picture" or "the pictures of cards 1 and 3".
                tr_n("{pictures} will not show on phones", "{pictures} will not show on phones", pictures).format(
                    pictures=words
                )
                if words
                else tr_n("{count} problem", "{count} problems", count).format(count=format_count(count))
            )
            # Translators: “Send anyway” is the tick box of the confirmation, named as it is shown there.
            text = tr_n(
                "Not ready: {what}. Fix it, or send and tick “Send anyway”.",
                "Not ready: {what}. Fix them, or send and tick “Send anyway”.",
                count,
            )
            return text.format(what=html.escape(what, quote=False))
        if not warnings:
            return tr("Ready to send")
        said = tr_n("{count} warning", "{count} warnings", len(warnings)).format(count=format_count(len(warnings)))
        tabs = [self._tab_of(p) if p in self.editor.problems else None for p in warnings]
        if None not in tabs:  # each warning is marked on a tab and at its field
            names = [self.tab_titles[index] for index in sorted({tab for tab in tabs if tab is not None})]
            where = (
                tr("on the {tab} tab").format(tab=names[0])
                if len(names) == 1
                else tr("on the {tabs} and {last} tabs").format(tabs=", ".join(names[:-1]), last=names[-1])
            )
            # Translators: {warnings} is "1 warning" or "3 warnings"; {where} is "on the Recipients tab", a link.
            return tr("Ready to send · {warnings} {where}").format(
                warnings=said, where="<a href='warnings'>" + html.escape(where, quote=False) + "</a>"
            )
        if len(warnings) == 1:  # nothing on screen is marked: say it here
            return tr("Ready to send · 1 warning: {problem}").format(
                problem=html.escape(located_message(warnings[0]), quote=False)
            )
        return tr("Ready to send · {warnings}, listed when you send").format(warnings=said)

    def on_problems_link_activated(self, link: str) -> None:
        """Show every problem at its field and go to the first tab that has an error (or a warning)."""
        self.editor.reveal_all()
        wanted = self.editor.warnings if link == "warnings" else self.editor.errors
        tabs = [index for p in wanted if (index := self._tab_of(p)) is not None]
        if tabs:
            self.tabs.setCurrentIndex(min(tabs))
