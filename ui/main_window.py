"""The composer window: editor tabs on the left, the phone preview on the right, Send below."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.config import AppPaths, Settings, local_time_zone_name, save_settings
from app.connection import Connection
from app.send_summary import is_scheduled
from app.validation import Problem
from ui import workers
from ui.agent_field import AgentField
from ui.editor_state import CampaignEditor, new_document
from ui.file_actions import FileActions
from ui.group_picker import GroupPicker
from ui.media_preview import MediaPreviewService
from ui.message_editor import MessageEditor
from ui.phone_preview import PhonePreview
from ui.schedule_panel import SchedulePanel
from ui.send_flow import SendController
from ui.sms_panel import SmsFallbackPanel

# Which editor tab owns which request paths (for the error badges on the tabs).
TAB_PATHS = (
    ("options", "sender"),
    ("groups",),
    ("start_at", "validity", "time_zone"),
    ("alternative_channel",),
)


def _scrolling(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(widget)
    return area


class MainWindow(QMainWindow):
    def __init__(
        self, settings: Settings, connection: Connection, paths: AppPaths, *, load_lists: bool = True
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings
        self.connection = connection
        self.paths = paths
        self.persist_state = True
        self.editor = CampaignEditor(parent=self)
        self.editor.replace(new_document(connection.account_time_zone), fresh=True)
        self.preview_service = MediaPreviewService(parent=self)

        self.demo_banner = QLabel(self.tr("Demo: nothing is sent. Campaigns go to a simulated WWT.world server."))
        self.demo_banner.setObjectName("demoBanner")
        self.demo_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.agent_field = AgentField(self.editor, settings.recent_senders)
        self.message_editor = MessageEditor(self.editor, self.preview_service)
        self.group_picker = GroupPicker(self.editor, lambda: self.connection.client)
        self.schedule_panel = SchedulePanel(self.editor, connection.account_time_zone)
        self.sms_panel = SmsFallbackPanel(self.editor, sender_suggestions=[settings.default_sms_sender] if settings.default_sms_sender else [])
        self.phone_preview = PhonePreview(self.editor, self.preview_service)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("editorTabs")
        self.tab_titles = [self.tr("Message"), self.tr("Recipients"), self.tr("Schedule"), self.tr("SMS fallback")]
        message_page = QWidget()
        message_layout = QVBoxLayout(message_page)
        message_layout.addWidget(self.agent_field)
        message_layout.addWidget(self.message_editor, 1)
        for widget, title in zip(
            (message_page, self.group_picker, self.schedule_panel, self.sms_panel), self.tab_titles, strict=True
        ):
            scrolls_itself = widget in (message_page, self.group_picker)
            self.tabs.addTab(widget if scrolls_itself else _scrolling(widget), title)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(self.phone_preview)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        self.message_editor.current_card_changed.connect(self.phone_preview.show_card)

        self.problems_label = QLabel()
        self.problems_label.setObjectName("problemsSummary")
        self.problems_label.setWordWrap(True)
        self.problems_label.setTextFormat(Qt.TextFormat.RichText)
        self.problems_label.linkActivated.connect(self.on_problems_link_activated)
        self.send_button = QPushButton()
        self.send_button.setObjectName("sendButton")
        self.send_button.setDefault(False)
        self.send_button.setAutoDefault(False)
        self.send_button.clicked.connect(self.on_send_button_clicked)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(12, 6, 12, 6)
        bottom.addWidget(self.problems_label, 1)
        bottom.addWidget(self.send_button)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.demo_banner)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)
        self.setCentralWidget(central)

        self.files = FileActions(
            self.editor, self, time_zone=lambda: self.connection.account_time_zone, folder=self._documents_folder
        )
        self.send_controller = SendController(
            self.editor, lambda: self.connection, local_time_zone_name, parent=self
        )
        self.send_controller.busy_changed.connect(self.on_send_busy_changed)
        self.send_controller.sent.connect(self.on_campaign_sent)

        self._build_menus()
        self.editor.problems_changed.connect(self.on_editor_problems_changed)
        self.editor.content_changed.connect(self._update_send_button)
        self.editor.file_state_changed.connect(self._update_title)
        self.set_connection(connection, load_lists=load_lists)
        self.on_editor_problems_changed(self.editor.problems)
        self._update_title()
        self._restore_window_state()

    # Construction helpers -------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        for text, shortcut, slot in (
            (self.tr("&New campaign"), QKeySequence.StandardKey.New, self.files.new),
            (self.tr("&Open…"), QKeySequence.StandardKey.Open, self.files.open),
            (self.tr("&Save"), QKeySequence.StandardKey.Save, self.files.save),
            (self.tr("Save &as…"), QKeySequence.StandardKey.SaveAs, self.files.save_as),
        ):
            action = QAction(text, self)
            action.setShortcut(shortcut)
            action.triggered.connect(slot)
            file_menu.addAction(action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        campaign_menu = self.menuBar().addMenu(self.tr("&Campaign"))
        self.send_action = QAction(self.tr("&Send…"), self)
        self.send_action.setShortcut(QKeySequence("Ctrl+Return"))
        self.send_action.triggered.connect(self.on_send_button_clicked)
        campaign_menu.addAction(self.send_action)
        reload_action = QAction(self.tr("&Reload contact lists"), self)
        reload_action.setShortcut(QKeySequence.StandardKey.Refresh)
        reload_action.triggered.connect(self.group_picker.reload)
        campaign_menu.addAction(reload_action)

        settings_menu = self.menuBar().addMenu(self.tr("&Settings"))
        settings_action = QAction(self.tr("&Settings…"), self)
        settings_action.setShortcut(QKeySequence.StandardKey.Preferences)
        settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        settings_action.triggered.connect(self.open_settings)
        settings_menu.addAction(settings_action)

    def _documents_folder(self) -> Path:
        folder = self.paths.drafts_dir
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    # Connection -------------------------------------------------------------------------------

    def set_connection(self, connection: Connection, *, load_lists: bool = True) -> None:
        """Use another server (demo or real) from now on, and reload what comes from it."""
        old = self.connection
        self.connection = connection
        self.demo_banner.setVisible(connection.demo)
        self.schedule_panel.set_account_time_zone(connection.account_time_zone)
        where = self.tr("Demo server (nothing is sent)") if connection.demo else connection.base_url
        self.statusBar().showMessage(where)
        self.preview_service.set_mounts(connection.media_mounts)
        for card_editor in self.message_editor.card_editors:
            card_editor.preview.check_now()
        if old is not connection:
            old.client.close()
        if load_lists:
            self.group_picker.reload()

    def open_settings(self) -> None:
        from ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self.on_settings_saved)
        dialog.open()

    def on_settings_saved(self) -> None:
        from app.connection import open_connection

        save_settings(self.settings, self.paths)
        self.set_connection(open_connection(self.settings, demo=False))

    # Problems and the send button ---------------------------------------------------------------

    def on_editor_problems_changed(self, _shown: list[Problem]) -> None:
        errors = self.editor.errors
        warnings = self.editor.warnings
        for index, prefixes in enumerate(TAB_PATHS):
            own = [p for p in self.editor.problems if p.is_error and p.path.startswith(prefixes)]
            title = self.tab_titles[index] + (f"  ✖ {len(own)}" if own else "")
            self.tabs.setTabText(index, title)
        if errors:
            text = (
                self.tr("1 problem to fix before sending") if len(errors) == 1
                else self.tr("%1 problems to fix before sending").replace("%1", str(len(errors)))
            )
            if self.editor.hiding_problems:
                text += " · <a href='show'>" + self.tr("Show them") + "</a>"
        elif warnings:
            text = (
                self.tr("Ready to send · 1 warning: see the marked field") if len(warnings) == 1
                else self.tr("Ready to send · %1 warnings: see the marked fields").replace("%1", str(len(warnings)))
            )
        else:
            text = self.tr("Ready to send")
        self.problems_label.setText(text)
        self._update_send_button()

    def on_problems_link_activated(self, _link: str) -> None:
        """Show every problem at its field and go to the first tab that has an error."""
        self.editor.reveal_all()
        for index, prefixes in enumerate(TAB_PATHS):
            if any(p.path.startswith(prefixes) for p in self.editor.errors):
                self.tabs.setCurrentIndex(index)
                break

    def _update_send_button(self) -> None:
        scheduled = is_scheduled(self.editor.document)
        busy = self.send_controller.busy
        self.send_button.setText(
            self.tr("Sending…") if busy else (self.tr("Schedule…") if scheduled else self.tr("Send…"))
        )
        errors = self.editor.errors
        enabled = not errors and not busy
        self.send_button.setEnabled(enabled)
        self.send_action.setEnabled(enabled)
        if errors:
            lines = "\n".join(f"• {p.message}" for p in errors[:5])
            more = len(errors) - 5
            tip = self.tr("Fix these first:") + "\n" + lines + (f"\n… (+{more})" if more > 0 else "")
        elif busy:
            tip = self.tr("The campaign is being sent.")
        else:
            tip = self.tr("Check the summary, then send (Ctrl+Enter)")
        self.send_button.setToolTip(tip)

    def on_send_button_clicked(self) -> None:
        self.send_controller.request_send()

    def on_send_busy_changed(self, busy: bool) -> None:
        self._update_send_button()
        if busy:
            self.statusBar().showMessage(self.tr("Sending the campaign…"))

    def on_campaign_sent(self, info) -> None:
        sender = self.editor.campaign.sender
        if sender:
            self.settings.remember_sender(sender)
            save_settings(self.settings, self.paths)
        self.statusBar().showMessage(self.tr("Campaign %1 created.").replace("%1", str(info.id)), 10000)

    def is_settled(self) -> bool:
        """True when no list load or media check is running (screenshots wait for this)."""
        return not self.group_picker.loading and self.preview_service.is_idle

    # Title, state, closing ------------------------------------------------------------------------

    def _update_title(self) -> None:
        name = self.editor.path.name if self.editor.path else self.tr("New campaign")
        self.setWindowTitle(f"{name}[*] — {APP_NAME}")
        self.setWindowModified(self.editor.modified)

    def _window_state(self) -> QSettings:
        return QSettings(str(self.paths.config_dir / "window.ini"), QSettings.Format.IniFormat)

    def _restore_window_state(self) -> None:
        state = self._window_state()
        geometry = state.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1180, 780)
        splitter = state.value("splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)

    def save_window_state(self) -> None:
        state = self._window_state()
        state.setValue("geometry", self.saveGeometry())
        state.setValue("splitter", self.splitter.saveState())
        state.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if self.send_controller.busy:
            self.statusBar().showMessage(self.tr("Wait until the campaign has been sent."), 5000)
            event.ignore()
            return
        if not self.files.may_discard():
            event.ignore()
            return
        if self.persist_state:
            self.save_window_state()
        self.preview_service.shutdown()
        workers.wait_for_all(3000)
        self.connection.client.close()
        event.accept()
