"""The main window: the composer page, menus, the connection, sending, autosave, closing.

Start-up is staged so the window paints as early as possible: the window is built with the
Message tab and the phone preview; after its first paint the other panels are built and the
connection is opened (``first_painted``, see ``ui.shell.application``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QVBoxLayout, QWidget

from app import APP_NAME, api
from app.api.models import Balance
from app.platform.atomic import folder_problem
from app.platform.config import (
    AppPaths,
    Settings,
    SettingsError,
    local_time_zone_name,
    save_settings,
)
from app.platform.recovery import RecoveryStore
from app.sending.summary import is_scheduled
from app.tasks.connection import Connection, open_connection_checked
from app.validation import blocking_errors, located_message
from ui.common import workers
from ui.common.message_box import show_message
from ui.common.workers import Task
from ui.compose.compose_page import ComposePage
from ui.compose.editor_state import CampaignEditor, new_document
from ui.compose.media_preview import MediaPreviewService
from ui.compose.media_problems import MediaProblems
from ui.sending.send_flow import SendController
from ui.shell.autosave import Autosave
from ui.shell.balance_status import BalanceStatus
from ui.shell.demo_account_notices import DemoAccountNotices
from ui.shell.file_actions import FileActions
from ui.shell.history_access import HistoryAccess
from ui.shell.notices import Notices
from ui.shell.restore_dialog import RestoreDialog
from ui.shell.restore_offer import RestoreOffers
from ui.shell.window_state import restore_window_state, save_window_state

if TYPE_CHECKING:
    from app.api.client import WwtClient
    from app.api.models import CampaignInfo
    from app.campaign.file import CampaignDocument
    from ui.campaigns.campaigns_view import CampaignsView

COMPOSE_TAB, CAMPAIGNS_TAB = range(2)


class MainWindow(QMainWindow):
    """Signal ``first_painted()``: the window has been painted once (start-up work can follow).

    With a ``connection`` everything is built at once (tests, screenshots); with None the side
    panels wait for the first paint and the connection comes later through ``set_connection``.
    """

    first_painted = Signal()
    needs_key = Signal()  # connected without an API key: the user should enter one or try the demo

    def __init__(
        self,
        settings: Settings,
        connection: Connection | None,
        paths: AppPaths,
        *,
        load_lists: bool = True,
        recover: bool = True,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings
        self.connection: Connection | None = connection
        self.paths = paths
        self.persist_state = True
        self.api_url_override: str | None = None  # --api-url, kept when settings change
        self._painted = False
        self._pending_connection: tuple[Connection, bool] | None = None
        self._connect_task: Task | None = None
        self._retired_clients: list[WwtClient] = []  # closed at exit: a task may still be using one
        self.notices = Notices(self)  # said once after the first paint: what cannot be saved, what was moved
        self.notices.add(settings.load_problem)
        self.demo_account_notices = DemoAccountNotices(self.notices, self)
        self._data_folder_unusable = False
        self.editor = CampaignEditor(parent=self)
        self.editor.replace(new_document(self.account_time_zone), fresh=True)
        self.preview_service = MediaPreviewService(parent=self)
        self.compose = ComposePage(self.editor, settings, self.preview_service)
        self.media_problems = MediaProblems(self.editor, self.preview_service, self)
        self.campaigns_view: CampaignsView | None = None  # built with the first connection
        self.main_tabs = QTabWidget()
        self.main_tabs.setObjectName("mainTabs")
        self.main_tabs.setDocumentMode(True)
        self.main_tabs.addTab(self.compose, self.tr("Compose"))
        waiting = QLabel(self.tr("Connecting…"))
        waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.main_tabs.addTab(waiting, self.tr("Campaigns"))

        self.demo_banner = QLabel(self.tr("Demo: nothing is sent. Campaigns go to a simulated WWT.world server."))
        self.demo_banner.setObjectName("demoBanner")
        self.demo_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.demo_banner.hide()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.demo_banner)
        layout.addWidget(self.main_tabs, 1)
        self.setCentralWidget(central)

        self.files = FileActions(
            self.editor, self, time_zone=lambda: self.account_time_zone, folder=self._documents_folder
        )
        self.history = HistoryAccess(paths, self)
        self.history.problem_found.connect(self._on_history_problem)
        self.balance_status = BalanceStatus(lambda: self.connection.client if self.connection else None, self)
        # Which server is used, beside the balance: the status bar's messages (how a file was read, what
        # was sent) go on the left, where a connection coming late cannot replace them.
        self.connection_status = QLabel()
        self.connection_status.setObjectName("connectionStatus")
        self.statusBar().addPermanentWidget(self.connection_status)
        self.statusBar().addPermanentWidget(self.balance_status.label)
        self.send_controller = SendController(
            self.editor,
            lambda: self.connection,
            local_time_zone_name,
            parent=self,
            history=lambda demo: self.history.open(demo=demo),
            balance=lambda: self.balance,
        )
        self.send_controller.busy_changed.connect(self.on_send_busy_changed)
        self.send_controller.request_started.connect(
            lambda: self.statusBar().showMessage(self.tr("Sending the campaign…"))
        )
        self.send_controller.sent.connect(self.on_campaign_sent)
        self.send_button.clicked.connect(self.on_send_button_clicked)
        self._build_menus()
        self.editor.problems_changed.connect(self._update_send_button)
        self.editor.content_changed.connect(self._update_send_button)
        self.editor.file_state_changed.connect(self._update_title)
        self.autosave = Autosave(self.editor, RecoveryStore(paths.recovery_dir), parent=self)
        self.restore_offers = RestoreOffers(self, self.autosave)
        self._check_storage()
        if connection is not None:
            self.build_side_panels()
            self.set_connection(connection, load_lists=load_lists)
        else:
            self.first_painted.connect(self.build_side_panels)
            self.connection_status.setText(self.tr("Connecting…"))
        if recover:
            self.first_painted.connect(self.autosave.look_for_orphans)
        self._update_send_button()
        self._update_title()
        self._restore_window_state()

    # The composer's parts, by name ---------------------------------------------------------------

    agent_field = property(lambda self: self.compose.agent_field)
    message_editor = property(lambda self: self.compose.message_editor)
    phone_preview = property(lambda self: self.compose.phone_preview)
    group_picker = property(lambda self: self.compose.group_picker)
    schedule_panel = property(lambda self: self.compose.schedule_panel)
    sms_panel = property(lambda self: self.compose.sms_panel)
    tabs = property(lambda self: self.compose.tabs)
    splitter = property(lambda self: self.compose.splitter)
    problems_label = property(lambda self: self.compose.problems_label)
    send_button = property(lambda self: self.compose.send_button)
    balance_label = property(lambda self: self.balance_status.label)

    @property
    def balance(self) -> Balance | None:
        return self.balance_status.balance

    @balance.setter
    def balance(self, value: Balance | None) -> None:
        self.balance_status.balance = value

    def build_side_panels(self) -> None:
        """The composer's panels not shown at start: Recipients, Schedule, SMS fallback."""
        if self.compose.side_panels_built:
            return
        self.compose.build_side_panels(self._client_for_worker, self.account_time_zone)
        self.reload_lists_action.triggered.connect(self.group_picker.reload)
        self.group_picker.settings_requested.connect(self.open_settings)
        self.group_picker.demo_requested.connect(lambda: self.reconnect(demo=True))

    def _client_for_worker(self) -> WwtClient:
        """The client, for a worker thread; before the first connection, a plain "still connecting"."""
        return self._current_connection().client

    def _current_connection(self) -> Connection:
        """The connection; before the first one, raises a plain "still connecting"."""
        connection = self.connection
        if connection is None:
            raise api.CannotReachServer(self.tr("The program is still connecting. Try again in a moment."))
        return connection

    def _build_campaigns_view(self) -> CampaignsView:
        """Built with the first connection, so it never works without one."""
        from ui.campaigns.campaigns_view import CampaignsView

        view = CampaignsView(
            lambda: self.history.open(demo=self._current_connection().demo),
            self._current_connection,
            lambda: self._current_connection().server_label,
        )
        view.duplicate_requested.connect(self.on_duplicate_requested)
        self.send_controller.sent.connect(lambda _info: view.record_added())
        self.send_controller.send_failed.connect(
            lambda error: view.record_added() if getattr(error, "outcome_unknown", False) else None
        )
        self.send_controller.show_campaigns_requested.connect(lambda: self.main_tabs.setCurrentIndex(CAMPAIGNS_TAB))
        current = self.main_tabs.currentIndex()
        placeholder = self.main_tabs.widget(CAMPAIGNS_TAB)
        self.main_tabs.removeTab(CAMPAIGNS_TAB)
        self.main_tabs.insertTab(CAMPAIGNS_TAB, view, self.tr("Campaigns"))
        self.main_tabs.setCurrentIndex(current)
        if placeholder is not None:
            placeholder.deleteLater()
        self.campaigns_view = view
        return view

    def on_duplicate_requested(self, document: CampaignDocument) -> None:
        """A sent campaign's content becomes a new, unsaved draft (its schedule cleared)."""
        if not self.files.may_discard():
            return
        self.editor.replace(document, None, modified=True)
        self.main_tabs.setCurrentIndex(COMPOSE_TAB)
        self.statusBar().showMessage(self.tr("A copy of the campaign is open as a new draft."), 8000)

    # Menus ---------------------------------------------------------------------------------------

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
        quit_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Quit) or [QKeySequence("Ctrl+Q")])
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        campaign_menu = self.menuBar().addMenu(self.tr("&Campaign"))
        self.send_action = QAction(self.tr("&Send…"), self)
        self.send_action.setShortcut(QKeySequence("Ctrl+Return"))
        self.send_action.triggered.connect(self.on_send_button_clicked)
        campaign_menu.addAction(self.send_action)
        self.reload_lists_action = QAction(self.tr("&Reload contact lists"), self)
        self.reload_lists_action.setShortcut(QKeySequence.StandardKey.Refresh)
        campaign_menu.addAction(self.reload_lists_action)

        settings_menu = self.menuBar().addMenu(self.tr("&Settings"))
        settings_action = QAction(self.tr("&Settings…"), self)
        settings_action.setShortcut(QKeySequence.StandardKey.Preferences)
        settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        settings_action.triggered.connect(self.open_settings)
        settings_menu.addAction(settings_action)

    def _documents_folder(self) -> Path:
        """Where Open and Save start: the drafts folder, or the home folder when it cannot be made."""
        folder = self.paths.drafts_dir
        if folder_problem(folder) is not None:
            return Path.home()
        return folder

    # What cannot be saved ----------------------------------------------------------------------------

    def _check_storage(self) -> None:
        """Say once (after the first paint) which folders nothing can be saved in, and what that means."""
        data_problem = folder_problem(self.paths.data_dir)
        if data_problem is not None:
            self._data_folder_unusable = True
            self.notices.add(
                self.tr(
                    "Nothing can be saved in the program's data folder %1 (%2). Until that changes, "
                    "automatic copies of the open campaign (kept for recovery after a crash) and the "
                    "history of sent campaigns are not saved. Save your campaign to a file in another "
                    "folder to keep it."
                )
                .replace("%1", str(self.paths.data_dir))
                .replace("%2", data_problem)
            )
        elif self.autosave.store.problem:
            self.notices.add(self.autosave.store.problem + " " + self.tr("Save your campaign to a file to keep it."))
        config_problem = folder_problem(self.paths.config_dir)
        if config_problem is not None:
            self.notices.add(
                self.tr("Settings cannot be saved: nothing can be written to the settings folder %1 (%2).")
                .replace("%1", str(self.paths.config_dir))
                .replace("%2", config_problem)
            )

    def _on_history_problem(self, message: str, damaged: bool) -> None:
        """A damaged history moved aside is always said; one that cannot be opened, unless the data
        folder was already said to be unusable (the campaigns tab says it too)."""
        if damaged or not self._data_folder_unusable:
            self.notices.add(message)

    # Connection -------------------------------------------------------------------------------

    @property
    def account_time_zone(self) -> str:
        return self.connection.account_time_zone if self.connection else self.settings.account_time_zone

    def reconnect(self, *, demo: bool) -> None:
        """Open a connection on a worker thread (the keyring may wait on the system), then use it.
        A newer request replaces an older one still under way (its result is dropped)."""
        if self._connect_task is not None:
            self._connect_task.cancel()
        task = Task(open_connection_checked, self.settings, demo, self.api_url_override, parent=self)
        task.succeeded.connect(self._on_connection_opened)
        task.failed.connect(lambda error: self._on_connection_failed(error, demo))
        task.finished.connect(lambda: self._on_connect_task_finished(task))
        self._connect_task = task
        task.start()

    def _on_connect_task_finished(self, task: Task) -> None:
        if self._connect_task is task:
            self._connect_task = None

    def _on_connection_opened(self, result: tuple[Connection, bool]) -> None:
        connection, has_key = result
        self.demo_account_notices.watch(connection.demo_account)
        self.set_connection(connection, load_lists=has_key)
        if not has_key:
            self.needs_key.emit()

    def _on_connection_failed(self, error: BaseException, demo: bool) -> None:
        self.connection_status.setText(self.tr("Not connected."))
        show_message(
            self,
            self.tr("Could not connect"),
            self.tr("The program could not prepare its connection to the server. Try again, or restart it."),
            details=f"{type(error).__name__}: {error}",
            action=(self.tr("Try again"), lambda: self.reconnect(demo=demo)),
        )

    def set_connection(self, connection: Connection, *, load_lists: bool = True) -> None:
        """Use another server (demo or real) from now on, and reload what comes from it.
        While a campaign is being sent, the change waits until the send has finished."""
        if self.send_controller.busy:
            if self._pending_connection is not None:  # replaced before it was ever used
                self._retired_clients.append(self._pending_connection[0].client)
            self._pending_connection = (connection, load_lists)
            self.statusBar().showMessage(self.tr("The new connection is used once the campaign has been sent."))
            return
        self.build_side_panels()
        old = self.connection
        self.connection = connection
        view = self.campaigns_view
        if view is None:
            view = self._build_campaigns_view()
        self.demo_banner.setVisible(connection.demo)
        self.schedule_panel.set_account_time_zone(connection.account_time_zone)
        # the status bar says whether campaigns are really sent, not the server's address
        needs_key = not connection.demo and not load_lists
        if connection.demo:
            self.connection_status.setText(self.tr("Demo server (nothing is sent)"))
        elif needs_key:
            self.connection_status.clear()  # the Recipients tab says how to connect
        else:
            self.connection_status.setText(self.tr("Connected"))
        self.group_picker.set_needs_key(needs_key)
        self.reload_lists_action.setEnabled(not needs_key)
        self.preview_service.set_mounts(connection.media_mounts)
        for card_editor in self.message_editor.card_editors:
            card_editor.preview.recheck()
        if old is not None and old is not connection:
            self._retired_clients.append(old.client)
            self.balance_status.reset()
        if load_lists:
            self.group_picker.reload()
            self.balance_status.refresh()
        view.reload()
        self._update_send_button()

    def open_settings(self) -> None:
        from ui.shell.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self, save=lambda settings: save_settings(settings, self.paths))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self.on_settings_saved)
        dialog.open()

    def on_settings_saved(self, key_saved: bool) -> None:
        """A new key means the real server; otherwise stay where we are (demo stays demo).
        The dialog has saved the settings (it stays open, with what was typed, when it cannot)."""
        demo = bool(self.connection and self.connection.demo) and not key_saved
        self.reconnect(demo=demo)

    def _save_settings(self) -> bool:
        """Save the settings; a failure is said once (it does not change what was sent or typed)."""
        try:
            save_settings(self.settings, self.paths)
        except SettingsError as exc:
            self.notices.add(exc.user_message)
            return False
        return True

    # Sending ---------------------------------------------------------------------------------------

    def _update_send_button(self) -> None:
        scheduled = is_scheduled(self.editor.document)
        busy = self.send_controller.busy
        self.send_button.setText(
            self.tr("Sending…") if busy else (self.tr("Schedule…") if scheduled else self.tr("Send…"))
        )
        errors = blocking_errors(self.editor.errors)  # a picture proved not to show is asked about instead
        enabled = not errors and not busy and self.connection is not None
        self.send_button.setEnabled(enabled)
        self.send_action.setEnabled(enabled)
        if errors:
            lines = "\n".join(f"• {located_message(p)}" for p in errors[:5])
            more = len(errors) - 5
            tip = self.tr("Fix these first:") + "\n" + lines + (f"\n… (+{more})" if more > 0 else "")
        elif busy:
            tip = self.tr("The campaign is being sent.")
        elif self.connection is None:
            tip = self.tr("Connecting…")
        else:
            tip = self.tr("Check the summary, then send (Ctrl+Enter)")
        self.send_button.setToolTip(tip)

    def on_send_button_clicked(self) -> None:
        self.send_controller.request_send()

    def on_send_busy_changed(self, busy: bool) -> None:
        self._update_send_button()
        if not busy and self.statusBar().currentMessage() == self.tr("Sending the campaign…"):
            self.statusBar().clearMessage()  # cancelled or refused: nothing is on its way
        if not busy and self._pending_connection is not None:
            connection, load_lists = self._pending_connection
            self._pending_connection = None
            self.set_connection(connection, load_lists=load_lists)

    def on_campaign_sent(self, info: CampaignInfo) -> None:
        sender = self.editor.campaign.sender
        if sender:
            self.settings.remember_sender(sender)
            self._save_settings()
        self.statusBar().showMessage(self.tr("Campaign %1 created.").replace("%1", str(info.id)), 10000)
        self.balance_status.refresh()

    # Crash recovery --------------------------------------------------------------------------------

    def present_restore(self, dialog: RestoreDialog) -> None:
        """Shows the question "restore the campaign?" (tests replace this to answer it)."""
        dialog.open()

    def is_settled(self) -> bool:
        """True when no list load or media check is running (screenshots wait for this)."""
        picker, view = self.group_picker, self.campaigns_view
        return (
            picker is not None
            and not picker.loading
            and self.preview_service.is_idle
            and view is not None
            and not view.busy
        )

    # Title, state, closing ------------------------------------------------------------------------

    def _update_title(self) -> None:
        name = self.editor.path.name if self.editor.path else self.tr("New campaign")
        self.setWindowTitle(f"{name}[*] — {APP_NAME}")
        self.setWindowModified(self.editor.modified)

    def _restore_window_state(self) -> None:
        if not restore_window_state(self, self.splitter, self.paths):
            self.resize(1180, 780)

    def save_window_state(self) -> None:
        save_window_state(self, self.splitter, self.paths)

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Paint and not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.first_painted.emit)  # after this paint pass has finished
        elif kind in (QEvent.Type.Show, QEvent.Type.Hide, QEvent.Type.WindowStateChange) and self.campaigns_view:
            # status polling only while someone can see the window
            self.campaigns_view.set_polling_active(self.isVisible() and not self.isMinimized())
        return super().event(event)

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
        self.autosave.close()
        for client in [*self._retired_clients, *([self.connection.client] if self.connection else [])]:
            client.close()  # cuts requests still under way short
        self.preview_service.shutdown()
        workers.wait_for_all(3000)  # the rest is waited for when the event loop has ended
        self.history.close()
        event.accept()
