"""The main window: the composer page, menus, the connection, sending, autosave, closing.

Start-up is staged so the window paints as early as possible: the window is built with the
Message tab and the phone preview; after its first paint the other panels are built, one step per
turn of the event loop, and the connection is opened (``first_painted``, see ``ui.shell.application``).
The Campaigns view is built the first time its tab is shown (``ui.shell.campaigns_tab``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QVBoxLayout, QWidget

from app import APP_NAME, api
from app.api.models import Balance
from app.language import current_language, tr
from app.platform.atomic import folder_problem
from app.platform.config import AppPaths, Settings, local_time_zone_name
from app.platform.recovery import RecoveryStore
from app.tasks.connection import Connection
from ui.common import workers
from ui.common.theme import set_role
from ui.compose.compose_page import ComposePage
from ui.compose.editor_state import CampaignEditor, new_document
from ui.compose.media_preview import MediaPreviewService
from ui.compose.media_problems import MediaProblems
from ui.sending.send_flow import SendController
from ui.shell.autosave import Autosave
from ui.shell.balance_status import BalanceStatus
from ui.shell.campaigns_tab import CampaignsTab
from ui.shell.connector import Connector
from ui.shell.demo_account_notices import DemoAccountNotices
from ui.shell.file_actions import FileActions
from ui.shell.history_access import HistoryAccess
from ui.shell.language_setting import language_for
from ui.shell.menus import build_menus
from ui.shell.notices import Notices
from ui.shell.restore_dialog import RestoreDialog
from ui.shell.restore_offer import RestoreOffers
from ui.shell.send_button import send_button_state
from ui.shell.settings_writer import SettingsWriter
from ui.shell.storage_check import check_storage
from ui.shell.test_send_actions import TestSendActions
from ui.shell.warm_up import WarmUp
from ui.shell.window_state import restore_window_state, save_window_state

if TYPE_CHECKING:
    from app.api.client import WwtClient
    from app.api.models import CampaignInfo
    from app.campaign.file import CampaignDocument
    from ui.campaigns.campaigns_view import CampaignsView
    from ui.shell.language_restart import LanguageRestart
    from ui.shell.settings_dialog import SettingsDialog

COMPOSE_TAB, CAMPAIGNS_TAB = range(2)


class MainWindow(QMainWindow):
    """Signal ``first_painted()``: the window has been painted once (start-up work can follow).

    With a ``connection`` the composer is built at once (tests, screenshots); with None its side
    panels are built after the first paint and the connection comes later through ``set_connection``.
    Either way the Campaigns view waits until its tab is shown (``campaigns_view`` is None until then).
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
        self._retired_clients: list[WwtClient] = []  # closed at exit: a task may still be using one
        self._language_restart: LanguageRestart | None = None
        # The program's other open windows (a restart closes them too); set by ui.shell.application.Windows.
        self.other_windows: Callable[[], list[MainWindow]] = list
        self.notices = Notices(self)  # said once after the first paint: what cannot be saved, what was moved
        self.notices.add(settings.load_problem)
        self.demo_account_notices = DemoAccountNotices(self.notices, self)
        self._data_folder_unusable = False
        self.editor = CampaignEditor(parent=self)
        self.editor.replace(new_document(self.account_time_zone), fresh=True)
        self.preview_service = MediaPreviewService(parent=self)
        self.compose = ComposePage(self.editor, settings, self.preview_service)
        self.media_problems = MediaProblems(self.editor, self.preview_service, self)
        self.main_tabs = QTabWidget()
        self.main_tabs.setObjectName("mainTabs")
        self.main_tabs.setDocumentMode(True)
        self.main_tabs.addTab(self.compose, tr("Compose"))
        self.campaigns_tab = CampaignsTab(
            self.main_tabs, CAMPAIGNS_TAB, self._build_campaigns_view, lambda: self.connection is not None, self
        )

        self.demo_banner = QLabel(tr("Demo: nothing is sent. Campaigns go to a simulated WWT.world server."))
        self.demo_banner.setObjectName("demoBanner")
        set_role(self.demo_banner, "banner")
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
        self.settings_writer = SettingsWriter(paths, self)
        self.warm_up = WarmUp(self)
        self.warm_up.phone_plans_loaded.connect(self.editor.revalidate)  # call numbers: now by their country too
        self.settings_writer.failed.connect(self.notices.add)
        self.balance_status = BalanceStatus(lambda: self.connection.client if self.connection else None, self)
        # Which server is used, beside the balance: the status bar's messages (how a file was read, what
        # was sent) go on the left, where a connection coming late cannot replace them.
        self.connection_status = QLabel()
        self.connection_status.setObjectName("connectionStatus")
        self.statusBar().addPermanentWidget(self.connection_status)
        self.statusBar().addPermanentWidget(self.balance_status.label)
        self.connector = Connector(lambda: self.settings, lambda: self.api_url_override, self)
        self.connector.opened.connect(self._on_connection_opened)
        self.connector.failed.connect(lambda: self.connection_status.setText(tr("Not connected.")))
        self.send_controller = SendController(
            self.editor,
            lambda: self.connection,
            local_time_zone_name,
            parent=self,
            history=lambda demo: self.history.open(demo=demo),
            balance=lambda: self.balance,
        )
        self.send_controller.busy_changed.connect(self.on_send_busy_changed)
        self.send_controller.request_started.connect(lambda: self.statusBar().showMessage(tr("Sending the campaign…")))
        self.send_controller.sent.connect(self.on_campaign_sent)
        self.send_controller.sent.connect(lambda _info: self._on_record_added())
        self.send_controller.send_failed.connect(
            lambda error: self._on_record_added() if getattr(error, "outcome_unknown", False) else None
        )
        self.send_controller.show_campaigns_requested.connect(lambda: self.main_tabs.setCurrentIndex(CAMPAIGNS_TAB))
        self.send_button.clicked.connect(self.on_send_button_clicked)
        self.test_sends = TestSendActions(self)
        actions = build_menus(
            self,
            self.files,
            send=self.on_send_button_clicked,
            send_test=self.test_sends.request,
            open_settings=self.open_settings,
        )
        self.send_action, self.reload_lists_action = actions.send, actions.reload_lists
        self.test_sends.use_action(actions.send_test)
        self.editor.problems_changed.connect(self._update_send_button)
        self.editor.content_changed.connect(self._update_send_button)
        self.editor.file_state_changed.connect(self._update_title)
        self.autosave = Autosave(self.editor, RecoveryStore(paths.recovery_dir), parent=self)
        self.restore_offers = RestoreOffers(self, self.autosave)
        self._check_storage()
        self.compose.side_panels.group_picker_built.connect(self._on_group_picker_built)
        self.compose.side_panels.start(self._client_for_worker, lambda: self.account_time_zone)
        if connection is not None:
            self.build_side_panels()
            self.set_connection(connection, load_lists=load_lists)
        else:
            self.first_painted.connect(self.compose.side_panels.build_in_turns)
            self.connection_status.setText(tr("Connecting…"))
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

    @property
    def campaigns_view(self) -> CampaignsView | None:
        return self.campaigns_tab.view

    def show_campaigns(self) -> CampaignsView | None:
        """Show the Campaigns tab (its view is built now, once there is a connection)."""
        self.main_tabs.setCurrentIndex(CAMPAIGNS_TAB)
        return self.campaigns_view

    def build_side_panels(self) -> None:
        """The composer's panels not shown at start (Recipients, Schedule, SMS fallback): what is left, now."""
        self.compose.side_panels.build_now()

    def _on_group_picker_built(self) -> None:
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
            raise api.CannotReachServer(tr("The program is still connecting. Try again in a moment."))
        return connection

    def _build_campaigns_view(self, parent: QWidget) -> CampaignsView:
        """Built once its tab is shown with a connection, so it never works without one."""
        from ui.campaigns.campaigns_view import CampaignsView

        view = CampaignsView(
            lambda: self.history.open(demo=self._current_connection().demo),
            self._current_connection,
            lambda: self._current_connection().server_label,
            parent,
        )
        view.duplicate_requested.connect(self.on_duplicate_requested)
        view.set_polling_active(self.isVisible() and not self.isMinimized())
        view.reload()
        return view

    def _on_record_added(self) -> None:
        """A send was recorded: the view shows it (one built later reads it with the rest)."""
        if self.campaigns_view is not None:
            self.campaigns_view.record_added()

    def on_duplicate_requested(self, document: CampaignDocument) -> None:
        """A sent campaign's content becomes a new, unsaved draft (its schedule cleared)."""
        if not self.files.may_discard():
            return
        self.editor.replace(document, None, modified=True)
        self.main_tabs.setCurrentIndex(COMPOSE_TAB)
        self.statusBar().showMessage(tr("A copy of the campaign is open as a new draft."), 8000)

    def _documents_folder(self) -> Path:
        """Where Open and Save start: the drafts folder, or the home folder when it cannot be made."""
        folder = self.paths.drafts_dir
        if folder_problem(folder) is not None:
            return Path.home()
        return folder

    # What cannot be saved ----------------------------------------------------------------------------

    def _check_storage(self) -> None:
        """Say once (after the first paint) which folders nothing can be saved in, and what that means."""
        report = check_storage(self.paths, self.autosave.store.problem)
        self._data_folder_unusable = report.data_folder_unusable
        for notice in report.notices:
            self.notices.add(notice)

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
        """Open a connection on a worker thread, then use it (see ``ui.shell.connector``)."""
        self.connector.open(demo=demo)

    def _on_connection_opened(self, connection: Connection, has_key: bool) -> None:
        self.demo_account_notices.watch(connection.demo_account)
        self.set_connection(connection, load_lists=has_key)
        if not has_key:
            self.needs_key.emit()

    def set_connection(self, connection: Connection, *, load_lists: bool = True) -> None:
        """Use another server (demo or real) from now on, and reload what comes from it.
        While a campaign is being sent, the change waits until the send has finished."""
        if self.send_controller.busy:
            if self._pending_connection is not None:  # replaced before it was ever used
                self._retired_clients.append(self._pending_connection[0].client)
            self._pending_connection = (connection, load_lists)
            self.statusBar().showMessage(tr("The new connection is used once the campaign has been sent."))
            return
        self.compose.side_panels.build_group_picker_now()  # the Schedule and SMS panels keep their turns
        old = self.connection
        self.connection = connection
        view = self.campaigns_view
        self.demo_banner.setVisible(connection.demo)
        if self.schedule_panel is not None:  # else it is built in the account's zone
            self.schedule_panel.set_account_time_zone(connection.account_time_zone)
        # the status bar says whether campaigns are really sent, not the server's address
        needs_key = not connection.demo and not load_lists
        if connection.demo:
            self.connection_status.setText(tr("Demo server (nothing is sent)"))
        elif needs_key:
            self.connection_status.clear()  # the Recipients tab says how to connect
        else:
            self.connection_status.setText(tr("Connected"))
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
        if view is not None:
            view.reload()
            self.warm_up.start()  # the rest of it: the numbering plans above all
        elif self.campaigns_tab.shown:  # the tab was opened while connecting: built now, it reads the history
            self.campaigns_tab.build()
            self.warm_up.start()
        else:  # opened now on a worker: a damaged history is said soon, and the first send finds it open
            self.history.open_in_background(demo=connection.demo).finished.connect(self.warm_up.start)
        self._update_send_button()

    def open_settings(self) -> SettingsDialog:
        from ui.shell.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self, save=self.settings_writer.save_now)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self.on_settings_saved)
        dialog.language_changed.connect(self.on_language_changed)
        dialog.open()
        return dialog

    def on_settings_saved(self, key_saved: bool) -> None:
        """A new key means the real server; otherwise stay where we are (demo stays demo).
        The dialog has saved the settings (it stays open, with what was typed, when it cannot)."""
        demo = bool(self.connection and self.connection.demo) and not key_saved
        self.reconnect(demo=demo)

    @property
    def language_restart(self) -> LanguageRestart:
        """The offer to restart in another language (made the first time the language is changed)."""
        if self._language_restart is None:
            from ui.shell.language_restart import LanguageRestart

            self._language_restart = LanguageRestart(self)
        return self._language_restart

    def on_language_changed(self, setting: str) -> None:
        """The language setting was changed and saved: it is used from the next start, which is offered now
        unless the program speaks that language already (the system's language chosen by name)."""
        language = language_for(setting)
        if language != current_language():
            self.language_restart.offer(language)

    # Sending ---------------------------------------------------------------------------------------

    def _update_send_button(self) -> None:
        state = send_button_state(
            self.editor.document,
            self.editor.errors,
            busy=self.send_controller.busy,
            connected=self.connection is not None,
        )
        self.send_button.setText(state.text)
        self.send_button.setEnabled(state.enabled)
        self.send_action.setEnabled(state.enabled)
        self.send_button.setToolTip(state.tip)

    def on_send_button_clicked(self) -> None:
        self.send_controller.request_send()

    def on_send_busy_changed(self, busy: bool) -> None:
        self._update_send_button()
        if not busy and self.statusBar().currentMessage() == tr("Sending the campaign…"):
            self.statusBar().clearMessage()  # cancelled or refused: nothing is on its way
        if not busy and self._pending_connection is not None:
            connection, load_lists = self._pending_connection
            self._pending_connection = None
            self.set_connection(connection, load_lists=load_lists)

    def on_campaign_sent(self, info: CampaignInfo) -> None:
        sender = self.editor.campaign.sender
        if sender:
            self.settings.remember_sender(sender)
            self.settings_writer.save_later(self.settings)
        self.statusBar().showMessage(tr("Campaign {number} created.").format(number=info.id), 10000)
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
            and (view is None or not view.busy)
            and self.connection is not None
        )

    # Title, state, closing ------------------------------------------------------------------------

    def _update_title(self) -> None:
        name = self.editor.path.name if self.editor.path else tr("New campaign")
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
            self.statusBar().showMessage(tr("Wait until the campaign has been sent."), 5000)
            event.ignore()
            return
        if self.test_sends.busy:  # closing cuts the client's requests short: a paid test would be lost in flight
            self.statusBar().showMessage(tr("Wait until the test has been sent."), 5000)
            event.ignore()
            return
        if not self.files.may_discard():
            event.ignore()
            return
        if self.persist_state:
            self.save_window_state()
        self.autosave.close()
        self.warm_up.stop()
        for client in [*self._retired_clients, *([self.connection.client] if self.connection else [])]:
            client.close()  # cuts requests still under way short
        self.preview_service.shutdown()
        # This window's tasks only: another window's send or load goes on (the rest is waited for at exit).
        workers.wait_for_all(3000, within=self)
        self.history.close()
        event.accept()
