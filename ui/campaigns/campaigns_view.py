"""The Campaigns view: every campaign sent from this computer, their statuses kept fresh, stop/duplicate.

    view = CampaignsView(lambda: history, lambda: connection, lambda: server_label)
    view.duplicate_requested.connect(open_as_new_draft)   # a CampaignDocument with no schedule
    view.record_added()                                   # after a send was recorded

All disk and network work runs on ``ui.common.workers.Task`` threads (``app.tasks.campaigns``): never two
refreshes at once, and a failure is one plain line above the table, which stays as it was.
Polling follows ``app.history.polling``: a single-shot timer set to the interval it gives after each
refresh (``next_poll_seconds``; None when stopped: nothing active, or ``set_polling_active(False)``).
Nothing is ever sent from here: an unknown outcome is only looked for. A right-click on a row (or the
Menu key, Shift+F10) offers the detail's actions, Export report… first (``ui.campaigns.row_menu``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import api
from app.history import History, HistoryRecord
from app.history.polling import PollState
from app.language import tr
from app.tasks import campaigns as tasks
from app.tasks.connection import Connection
from app.tasks.list_names import fetch_list_names
from app.tasks.zone_change import read_times_again
from ui.campaigns.campaign_actions import CampaignActionsMixin
from ui.campaigns.campaign_detail import CampaignDetailPane, EmptyCampaigns, NoticeLine
from ui.campaigns.campaigns_model import NAME, ORIGIN, CampaignsModel, CampaignsTable
from ui.campaigns.report_export import ReportExport
from ui.campaigns.row_menu import RowMenu
from ui.common.theme import set_role
from ui.common.workers import Task
from ui.compose.message_editor import ask_user

EMPTY_PAGE, TABLE_PAGE = 0, 1


class CampaignsView(QWidget, CampaignActionsMixin):
    """The campaigns history (objectName ``campaignsView``).

    Signals: ``duplicate_requested(object)`` with a ``CampaignDocument``; ``counts_changed()``
    after the rows were read again (see ``record_count``, ``active_count``, ``unknown_count``).
    ``confirm(title, question, action) -> bool`` asks before stopping (tests replace it).
    """

    duplicate_requested = Signal(object)
    counts_changed = Signal()

    def __init__(
        self,
        history: Callable[[], History],
        connection: Callable[[], Connection],
        server_label: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("campaignsView")
        self._history = history
        self._connection = connection
        self._server_label = server_label
        self.confirm: Callable[[str, str, str], bool] = lambda t, q, a: ask_user(self, t, q, a)
        self.active_count = 0
        self.poll_state = PollState()
        self.polling_active = True
        self.next_poll_seconds: float | None = None
        self.poll_timer = QTimer(self)
        self.poll_timer.setSingleShot(True)
        self.poll_timer.timeout.connect(self.poll)
        self._reload_task: Task | None = None
        self._reload_again = False
        self._refresh_task: Task | None = None
        self._detail_task: Task | None = None
        self._action_task: Task | None = None  # stop, look for, web account: one at a time
        self._names_task: Task | None = None
        self._list_names: dict[int, str] = {}  # names of lists records know only by number (this server's)
        self._names_asked: set[int] = set()
        self._names_server = ""
        self._zone_shown: str | None = None  # the account zone the times were last shown in
        self._read_again = False  # the zone changed: the campaigns' times are to be read again
        self._shown_id: int | None = None
        self._select_newest = False
        self._shown_taken = 0  # when the rows shown were read (see Snapshot.taken)
        self._build()
        self._update_buttons()

    # Building ---------------------------------------------------------------------------------

    def _build(self) -> None:
        """Built from the outside in: a widget made inside its parent is styled once (the window's style
        sheet is worked out again for a whole subtree each time it is moved into another widget)."""
        layout = QVBoxLayout(self)
        self.refresh_button = QPushButton(tr("Refresh"), self)
        self.refresh_button.setObjectName("refreshCampaigns")
        self.refresh_button.setAccessibleName(tr("Refresh the campaign statuses"))
        self.refresh_button.setToolTip(tr("Ask the server for the latest statuses and figures (F5)."))
        self.refresh_button.clicked.connect(self.refresh_now)
        self.web_box = QCheckBox(tr("Also show campaigns created in the web account"), self)
        self.web_box.setObjectName("showWebCampaigns")
        self.web_box.setToolTip(tr("Adds the account's recent RCS campaigns that were not sent from this computer."))
        self.web_box.toggled.connect(self.on_web_box_toggled)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("campaignsStatus")
        set_role(self.status_label, "muted")
        bar = QHBoxLayout()
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.web_box)
        bar.addStretch(1)
        bar.addWidget(self.status_label)
        layout.addLayout(bar)
        self.refresh_line = NoticeLine("campaignsRefreshProblem", self)
        self.notice = NoticeLine("campaignsNotice", self)
        layout.addWidget(self.refresh_line)
        layout.addWidget(self.notice)

        self.stack = QStackedWidget(self)
        layout.addWidget(self.stack, 1)
        self.empty_page = EmptyCampaigns(self.stack)
        self.empty_label = self.empty_page.heading
        self.stack.addWidget(self.empty_page)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self.stack)
        self.splitter.setObjectName("campaignsSplitter")
        self.stack.addWidget(self.splitter)

        self.model = CampaignsModel(self)
        self.table = CampaignsTable(self.model, self.splitter)
        self.table.selectionModel().selectionChanged.connect(self.on_selection_changed)
        self.scroller = scroller = QScrollArea(self.splitter)
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QScrollArea.Shape.NoFrame)
        self.pane = CampaignDetailPane(scroller.viewport())
        self.pane.stop_button.clicked.connect(self.stop_selected)
        self.pane.duplicate_button.clicked.connect(self.duplicate_selected)
        self.pane.look_button.clicked.connect(self.look_for_selected)
        self.exporter = ReportExport(self, self._connection, lambda: self.pane.local_zone)
        self.pane.export_button.clicked.connect(self.export_selected)
        scroller.setWidget(self.pane)
        pane = self.pane
        self.row_menu = RowMenu(
            self.table, (pane.export_button, pane.duplicate_button, None, pane.stop_button, pane.look_button), self
        )
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(scroller)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        line = self.fontMetrics().height()
        self.splitter.setSizes([line * 14, line * 22])
        self.splitter.setChildrenCollapsible(False)
        self.setTabOrder(self.refresh_button, self.web_box)
        self.setTabOrder(self.web_box, self.table)

    def _set_origin_shown(self, shown: bool) -> None:
        self.table.setColumnHidden(ORIGIN, not shown)

    # Public API ---------------------------------------------------------------------------------

    @property
    def record_count(self) -> int:
        return len(self.model.records)

    @property
    def unknown_count(self) -> int:
        return sum(1 for record in self.model.records if record.outcome_unknown)

    @property
    def busy(self) -> bool:
        """True while any background work of this view runs."""
        running = (self._reload_task, self._refresh_task, self._detail_task, self._action_task, self._names_task)
        return any(task is not None for task in running)

    def selected_record(self) -> HistoryRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record_at(rows[0].row()) if rows else None

    def reload(self) -> None:
        """Read the history again (in a worker); the rows keep their selection."""
        if self._reload_task is not None:
            self._reload_again = True
            return
        task = self._start(tasks.load_records, self._server_label(), self.web_box.isChecked())
        task.succeeded.connect(self._apply_snapshot)
        task.failed.connect(self._on_reload_failed)
        task.finished.connect(self._on_reload_finished)
        self._reload_task = task

    def record_added(self) -> None:
        """A send was just recorded: show it (selected) and follow it from now on."""
        self.poll_state = PollState()
        self._select_newest = True
        self.reload()

    def refresh_now(self) -> None:
        """Ask the server about every campaign that may still change (ignored while one runs)."""
        self._refresh(manual=True)

    def poll(self) -> None:
        """The polling timer's turn (tests call it instead of waiting)."""
        self._refresh(manual=False)

    def set_polling_active(self, active: bool) -> None:
        """False while the window is hidden or minimised: polling stops; True brings it back at once."""
        was = self.polling_active
        self.polling_active = active
        if not active:
            self.poll_timer.stop()
            self.next_poll_seconds = None
        elif not was and self.active_count:
            self.poll_state = PollState()
            self._refresh(manual=False)
        else:
            self._schedule_poll()

    # Reading and refreshing -----------------------------------------------------------------------

    def _start(self, function: Callable[..., Any], *args: Any) -> Task:
        """Run ``function(context, history, *args)`` on a worker; the history is opened there too, and
        one that cannot be opened comes back through the task's ``failed`` like any other failure."""
        task = Task(tasks.with_history, self._history, function, *args, parent=self)
        task.start()
        return task

    def _on_reload_failed(self, error: BaseException) -> None:
        self._say_failure(self.refresh_line, tr("The campaign history could not be read: {problem}"), error)

    def _on_reload_finished(self) -> None:
        self._reload_task = None
        if self._reload_again:
            self._reload_again = False
            self.reload()
        self._update_buttons()

    def _apply_snapshot(self, snapshot: tasks.Snapshot) -> None:
        """Show fresh rows, keeping the selection; a stale snapshot is dropped (a newer one is shown)."""
        if snapshot.include_web != self.web_box.isChecked():
            self.reload()  # the box changed while it was being read
            return
        if snapshot.taken < self._shown_taken:
            return
        self._shown_taken = snapshot.taken
        keep = None if self._select_newest else self._shown_id
        self._follow_account_zone()
        self.model.set_records(snapshot.records)
        self.active_count = snapshot.active
        self.stack.setCurrentIndex(TABLE_PAGE if snapshot.records else EMPTY_PAGE)
        row = self.model.row_of(keep) if keep is not None else -1
        if row < 0 and snapshot.records and (self._select_newest or not self.table.selectionModel().hasSelection()):
            row = 0
        self._select_newest = False
        if row >= 0:
            self._select_row(row)
        elif not snapshot.records:
            self._show(None)
        else:
            self._show(self.selected_record())
        self.counts_changed.emit()
        self._schedule_poll()

    def _select_row(self, row: int) -> None:
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        index = self.model.index(row, NAME)
        selection = self.table.selectionModel()
        if selection.isSelected(index):
            self._show(self.model.record_at(row))
            return
        selection.setCurrentIndex(index, flags)
        self.table.scrollTo(index)

    def _refresh(self, *, manual: bool) -> None:
        if self._refresh_task is not None:
            return
        self.poll_timer.stop()
        self.next_poll_seconds = None
        connection = self._connection()
        fetch_web = manual and self.web_box.isChecked()
        task = self._start(
            tasks.refresh,
            connection.client,
            self._server_label(),
            self.web_box.isChecked(),
            connection.account_time_zone,
            fetch_web,
        )
        task.succeeded.connect(self._on_refreshed)
        task.failed.connect(self._on_refresh_failed)
        task.finished.connect(self._on_refresh_finished)
        self._refresh_task = task
        self.refresh_button.setText(tr("Refreshing…"))
        self.refresh_button.setEnabled(False)
        self.status_label.setText(tr("Checking the server…"))

    def _on_refreshed(self, outcome: tasks.RefreshOutcome) -> None:
        self.poll_state = self.poll_state.after(outcome.result.changed > 0)
        self.refresh_line.clear()
        if outcome.web_problem is not None:
            self._say_failure(
                self.refresh_line, tr("The web account's campaigns could not be loaded: {problem}"), outcome.web_problem
            )
        for found in outcome.result.found.values():
            self.notice.say(self._found_text(found), tone="good")
        now = datetime.now().astimezone()
        self.status_label.setText(tr("Updated at {time}").format(time=now.strftime("%H:%M")))
        # The task stays registered until it has finished (``_on_refresh_finished`` schedules the next
        # poll): cleared here, its late ``finished`` would clear the next refresh's task instead.
        self._apply_snapshot(outcome.snapshot)

    def _on_refresh_failed(self, error: BaseException) -> None:
        if isinstance(error, api.Cancelled):
            return
        self.poll_state = self.poll_state.after(False)
        self.status_label.clear()
        self._say_failure(self.refresh_line, tr("The statuses could not be updated: {problem}"), error)

    def _on_refresh_finished(self) -> None:
        self._refresh_task = None
        self.refresh_button.setText(tr("Refresh"))
        self.refresh_button.setEnabled(True)
        if self._read_again:
            self._read_times_again()
        self._schedule_poll()

    def _follow_account_zone(self) -> str:
        """The account's zone now; when it changed, the campaigns' times are read again (the server
        writes them in the new zone) and meanwhile shown in it."""
        zone = self._connection().account_time_zone
        if self._zone_shown is not None and zone != self._zone_shown:
            self._read_again = True
        self._zone_shown = zone
        self.model.set_account_zone(zone)
        if self._read_again:
            self._read_times_again()
        return zone

    def _read_times_again(self) -> None:
        if self._refresh_task is not None:
            return  # its end starts this
        self._read_again = False
        task = self._start(read_times_again, self._connection().client, self._server_label(), self.web_box.isChecked())
        task.succeeded.connect(self._apply_snapshot)
        task.failed.connect(self._on_refresh_failed)
        task.finished.connect(self._on_refresh_finished)
        self._refresh_task = task
        self.refresh_button.setText(tr("Refreshing…"))
        self.refresh_button.setEnabled(False)

    def _schedule_poll(self) -> None:
        if self._refresh_task is not None:
            return  # its end schedules the next one
        interval = self.poll_state.interval(self.active_count, self.polling_active)
        if interval is None:
            self.poll_timer.stop()
        elif not (self.poll_timer.isActive() and interval == self.next_poll_seconds):
            self.poll_timer.start(int(interval * 1000))
        self.next_poll_seconds = interval

    # Selection and detail ---------------------------------------------------------------------------

    def on_selection_changed(self, *_args: object) -> None:
        self._show(self.selected_record())  # a newly shown campaign gets its detail fetched

    def _reachable(self, record: HistoryRecord) -> bool:
        return record.server == self._server_label()

    def _show(self, record: HistoryRecord | None) -> None:
        """Show ``record`` in the pane; one not shown before also gets its detail from the server."""
        new = (record.record_id if record else None) != self._shown_id
        if new:
            self._shown_id = record.record_id if record else None
            self.pane.detail_state.clear()
            self.pane.set_look_result("")
            if self._detail_task is not None:
                self._detail_task.cancel()
        reachable = record is not None and self._reachable(record)
        zone = self._follow_account_zone()
        self.pane.show_record(record, reachable=reachable, zone=zone, list_names=self._names_for(record))
        if record is not None and record.refresh_problem:
            self.pane.detail_state.say(record.refresh_problem, tone="warning")
        if new and record is not None and reachable and record.campaign_id is not None:
            self._fetch_detail(record)
        if record is not None and reachable:
            self._fetch_list_names(record)
        self._update_buttons()

    def _fetch_detail(self, record: HistoryRecord) -> None:
        if self._detail_task is not None:
            self._detail_task.cancel()
        task = self._start(tasks.fetch_detail, self._connection().client, record.record_id, record.campaign_id)
        task.succeeded.connect(self._on_detail)
        task.failed.connect(self._on_detail_failed)
        task.finished.connect(lambda: self._on_detail_finished(task))
        self._detail_task = task

    def _on_detail(self, outcome: tasks.DetailOutcome) -> None:
        record = outcome.record
        if record is None:
            return
        row = self.model.row_of(record.record_id)
        if row >= 0:
            self.model.records[row] = record
            self.model.dataChanged.emit(self.model.index(row, 0), self.model.index(row, self.model.columnCount() - 1))
        if record.record_id == self._shown_id:
            self.pane.detail_state.clear()
            self._show(record)
        if outcome.changed:
            self.reload()  # the active count may have changed

    # List names ---------------------------------------------------------------------------------------

    def _names_for(self, record: HistoryRecord | None) -> dict[int, str]:
        """The list names asked of this server, for a record of it (another server's lists are others)."""
        if record is None or not self._reachable(record) or self._names_server != self._server_label():
            return {}
        return self._list_names

    def _fetch_list_names(self, record: HistoryRecord) -> None:
        """Ask the server for the names of the record's lists it knows only by number (once each)."""
        if self._names_server != self._server_label():
            self._names_server = self._server_label()
            self._list_names, self._names_asked = {}, set()
        unnamed = {list_id for list_id, info in record.lists.items() if not info.name} - self._names_asked
        if not unnamed or self._names_task is not None or record.request is None:
            return
        self._names_asked |= unnamed
        task = Task(fetch_list_names, self._connection().client, frozenset(unnamed), parent=self)
        task.succeeded.connect(self._on_list_names)
        task.finished.connect(self._on_list_names_finished)
        self._names_task = task
        task.start()

    def _on_list_names(self, names: dict[int, str]) -> None:
        self._list_names.update(names)
        if names:
            self._show(self.selected_record())

    def _on_list_names_finished(self) -> None:
        # A failure leaves the numbers: the names are a detail, and the lists' numbers say which they are.
        self._names_task = None
        record = self.selected_record()
        if record is not None and self._reachable(record):
            self._fetch_list_names(record)  # another campaign may have been selected meanwhile
        self._update_buttons()

    def _on_detail_failed(self, error: BaseException) -> None:
        self._say_failure(self.pane.detail_state, tr("The latest figures could not be fetched: {problem}"), error)

    def _on_detail_finished(self, task: Task) -> None:
        if self._detail_task is task:
            self._detail_task = None

    # Keyboard ---------------------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        """F5 refreshes while the view has focus, even if the window binds it to something else."""
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Refresh)
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.matches(QKeySequence.StandardKey.Refresh):
            self.refresh_now()
            event.accept()
            return
        super().keyPressEvent(event)
