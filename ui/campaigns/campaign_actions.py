"""What the user can do with a campaign in the Campaigns view: stop, duplicate, look for an unknown
outcome, show the web account's campaigns. A mixin of ``CampaignsView`` (kept apart for size).

Each action runs on one ``Task`` at a time (``_action_task``); its answer comes back with fresh
rows. Nothing here ever sends a campaign.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from app import api
from app.api.models import CampaignInfo
from app.history import HistoryRecord
from app.history.titles import display_title
from app.language import tr
from app.tasks import campaigns as tasks
from app.tasks.connection import Connection
from ui.campaigns.campaign_detail import CampaignDetailPane, NoticeLine
from ui.campaigns.report_export import ReportExport
from ui.common.error_box import explain
from ui.common.workers import Task

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QCheckBox, QLabel, QTableView


class CampaignActionsMixin:
    """Stop / duplicate / look for / web account, for ``CampaignsView``."""

    # Provided by CampaignsView.
    _connection: Callable[[], Connection]
    _server_label: Callable[[], str]
    _action_task: Task | None
    confirm: Callable[[str, str, str], bool]
    duplicate_requested: SignalInstance
    pane: CampaignDetailPane
    exporter: ReportExport
    notice: NoticeLine
    refresh_line: NoticeLine
    status_label: QLabel
    web_box: QCheckBox

    if TYPE_CHECKING:
        table: QTableView

        def selected_record(self) -> HistoryRecord | None: ...
        def reload(self) -> None: ...
        def _start(self, function: Callable[..., Any], *args: Any) -> Task: ...
        def _apply_snapshot(self, snapshot: tasks.Snapshot) -> None: ...
        def _reachable(self, record: HistoryRecord) -> bool: ...
        def _set_origin_shown(self, shown: bool) -> None: ...

    # Helpers ------------------------------------------------------------------------------------

    def _track_action(self, task: Task) -> None:
        self._action_task = task

        def done() -> None:
            self._action_task = None
            self.pane.look_button.setText(tr("Look for it on the server"))
            self._update_buttons()

        task.finished.connect(done)
        self._update_buttons()

    def _say_failure(self, line: NoticeLine, sentence: str, error: BaseException) -> None:
        """Say on ``line`` what failed: ``sentence`` (translated) holds the error's words at ``{problem}``."""
        if isinstance(error, api.Cancelled):
            return
        message, details = explain(error)
        line.say(sentence.format(problem=message), tone="warning", details=details)

    def _found_text(self, found: CampaignInfo) -> str:
        return tr(
            "Found it: the send that got no answer created campaign {number} after all. Do not send it again."
        ).format(number=found.id)

    def _update_buttons(self) -> None:
        record = self.selected_record()
        reachable = record is not None and self._reachable(record)
        can_stop = record is not None and record.can_be_stopped and reachable
        busy = self._action_task is not None
        self.pane.stop_button.setEnabled(can_stop and not busy)
        if record is not None and not can_stop:
            self.pane.stop_button.setToolTip(
                tr("Only a campaign that is scheduled, sending, paused or waiting for approval can be stopped.")
            )
        else:
            self.pane.stop_button.setToolTip(tr("Stops the campaign: messages not sent yet will not go out."))
        self.pane.duplicate_button.setEnabled(record is not None and record.request is not None)
        self.pane.look_button.setEnabled(not busy and record is not None and reachable)
        self.pane.export_button.setEnabled(record is not None and record.campaign_id is not None and reachable)

    # Stop -----------------------------------------------------------------------------------------

    def stop_selected(self) -> None:
        """Ask, then stop the selected campaign and read it again."""
        record = self.selected_record()
        if record is None or not record.can_be_stopped or not self._reachable(record) or self._action_task:
            return
        question = tr(
            "“{name}” (campaign {number}) will be stopped: messages that have not gone out yet will not be sent. "
            "This cannot be undone."
        ).format(name=display_title(record), number=record.campaign_id)
        if not self.confirm(tr("Stop this campaign?"), question, tr("Stop campaign")):
            return
        task = self._start(
            tasks.stop,
            self._connection().client,
            record.record_id,
            record.campaign_id,
            self._server_label(),
            self.web_box.isChecked(),
        )
        task.succeeded.connect(self._on_stopped)
        task.failed.connect(
            lambda error: self._say_failure(self.notice, tr("The campaign could not be stopped: {problem}"), error)
        )
        self._track_action(task)
        self.notice.say(tr("Stopping the campaign…"))

    def _on_stopped(self, outcome: tasks.StopOutcome) -> None:
        if outcome.refused is not None:
            self.notice.say(
                tr("This campaign can no longer be stopped: it has already finished or was stopped."),
                tone="warning",
                details=outcome.refused.details,
            )
        else:
            self.notice.say(tr("The campaign was stopped."), tone="good")
        self._apply_snapshot(outcome.snapshot)

    # Duplicate ------------------------------------------------------------------------------------

    def duplicate_selected(self) -> None:
        """Emit ``duplicate_requested`` with the selected campaign as a new draft (no schedule)."""
        record = self.selected_record()
        if record is None:
            return
        document = tasks.duplicate_document(record, self._connection().account_time_zone)
        if document is not None:
            self.duplicate_requested.emit(document)

    # Export report --------------------------------------------------------------------------------

    def export_selected(self) -> None:
        """Ask where, then write every message of the selected campaign to a CSV file (on a worker)."""
        record = self.selected_record()
        if record is None or record.campaign_id is None or not self._reachable(record):
            return
        self.exporter.export(record.campaign_id)

    # Unknown outcome ------------------------------------------------------------------------------

    def look_for_selected(self) -> None:
        """Search the account's recent campaigns for the one an unanswered send may have created."""
        record = self.selected_record()
        if record is None or not record.outcome_unknown or self._action_task is not None:
            return
        task = self._start(
            tasks.look_for, self._connection().client, record.record_id, self._server_label(), self.web_box.isChecked()
        )
        task.succeeded.connect(self._on_looked)
        task.failed.connect(self._on_look_failed)
        self._track_action(task)
        self.pane.look_button.setText(tr("Looking…"))
        self.pane.set_look_result("")

    def _on_looked(self, outcome: tasks.LookOutcome) -> None:
        if outcome.found is not None:
            self.notice.say(self._found_text(outcome.found), tone="good")
        self._apply_snapshot(outcome.snapshot)
        if outcome.found is None:
            self.pane.set_look_result(
                tr(
                    "No matching campaign was found among the account's recent campaigns, so it was most likely not "
                    "created. Sending it again is your choice: check the campaigns in your WWT.world account first; "
                    "“Duplicate as new draft” opens it in the editor if you decide to send it."
                )
            )

    def _on_look_failed(self, error: BaseException) -> None:
        if not isinstance(error, api.Cancelled):
            self.pane.set_look_result(tr("The search could not be done: {problem}").format(problem=explain(error)[0]))

    # Web account ----------------------------------------------------------------------------------

    def on_web_box_toggled(self, checked: bool) -> None:
        """Ticked: read the web account's recent campaigns into the history and show them, marked."""
        self._set_origin_shown(checked)
        if not checked or self._action_task is not None:
            self.reload()
            return
        connection = self._connection()
        task = self._start(tasks.fetch_web, connection.client, self._server_label(), connection.account_time_zone)
        task.succeeded.connect(self._on_web_fetched)
        task.failed.connect(self._on_web_failed)
        self._track_action(task)
        self.status_label.setText(tr("Loading the web account's campaigns…"))

    def _on_web_fetched(self, snapshot: tasks.Snapshot) -> None:
        self.status_label.clear()
        self._apply_snapshot(snapshot)

    def _on_web_failed(self, error: BaseException) -> None:
        self.status_label.clear()
        self._say_failure(self.refresh_line, tr("The web account's campaigns could not be loaded: {problem}"), error)
        self.reload()  # shows those read before, if any
