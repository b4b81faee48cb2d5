"""Sending: confirmation in plain words, one request on a worker thread, the result or the failure.

One confirmed send is exactly one request: the controller ignores a second click while a
confirmation is open or a send is running, never resends by itself, and asks again before
sending a campaign identical to one that was just sent or whose outcome is unknown.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from app import api
from app.api.models import Balance, CampaignInfo
from app.connection import Connection
from app.send_summary import SummaryLine, balance_caution, body_fingerprint, is_scheduled, send_summary
from app.sending import send_body
from app.validation import Problem
from ui.editor_state import CampaignEditor
from ui.message_box import show_message
from ui.problem_marks import WARNING_COLOR, problem_html
from ui.workers import Task

if TYPE_CHECKING:
    from app.history import History

log = logging.getLogger(__name__)


class ConfirmSendDialog(QDialog):
    """"Send this campaign?" with what will happen, the warnings, and Cancel as the default."""

    def __init__(
        self,
        lines: list[SummaryLine],
        warnings: list[Problem],
        *,
        scheduled: bool,
        caution: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("confirmSend")
        self.setWindowTitle(self.tr("Schedule the campaign?") if scheduled else self.tr("Send the campaign?"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        layout = QVBoxLayout(self)
        heading = QLabel(
            self.tr("Please check before scheduling:") if scheduled else self.tr("Please check before sending:")
        )
        heading.setProperty("role", "heading")
        layout.addWidget(heading)
        form = QFormLayout()
        for line in lines:
            value = QLabel(line.value)
            value.setWordWrap(True)
            form.addRow(self.tr(line.label) + ":", value)
        layout.addLayout(form)
        if caution:
            caution_label = QLabel(caution)
            caution_label.setObjectName("sendCaution")
            caution_label.setWordWrap(True)
            caution_label.setStyleSheet(f"color: {WARNING_COLOR}; font-weight: 600;")
            layout.addWidget(caution_label)
        if warnings:
            warning_label = QLabel("<br>".join(problem_html(w) for w in warnings))
            warning_label.setWordWrap(True)
            warning_label.setStyleSheet(f"color: {WARNING_COLOR};")
            layout.addWidget(warning_label)
        buttons = QDialogButtonBox()
        self.send_button = buttons.addButton(
            self.tr("Schedule") if scheduled else self.tr("Send now"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.send_button.setObjectName("confirmSendButton")
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setDefault(True)
        self.send_button.setAutoDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class SendController(QObject):
    """Runs the send flow for one editor.

    Signals: ``busy_changed(bool)``, ``sent(object)`` with the ``CampaignInfo``,
    ``send_failed(object)`` with the ``ApiError``.
    """

    busy_changed = Signal(bool)
    sent = Signal(object)
    send_failed = Signal(object)
    show_campaigns_requested = Signal()
    request_started = Signal()  # confirmed: the request is on its way

    def __init__(
        self,
        editor: CampaignEditor,
        connection: Callable[[], Connection],
        local_zone: Callable[[], str],
        parent: QWidget,
        *,
        history: Callable[[bool], History | None] = lambda demo: None,
        balance: Callable[[], Balance | None] = lambda: None,
    ) -> None:
        super().__init__(parent)
        self.editor = editor
        self._connection = connection
        self._history = history
        self._balance = balance
        self._local_zone = local_zone
        self._window = parent
        self._busy = False
        self._dialog: ConfirmSendDialog | None = None
        self._task: Task | None = None
        self._sent_at: dict[str, float] = {}  # fingerprint -> when it was sent
        self._unknown: set[str] = set()  # fingerprints whose outcome is unknown
        self.present_confirmation: Callable[[ConfirmSendDialog], None] = lambda dialog: dialog.open()
        self.present_result: Callable[[CampaignInfo], None] = self._show_result
        self.present_failure: Callable[[api.ApiError], None] = self._show_failure

    @property
    def busy(self) -> bool:
        return self._busy or self._dialog is not None

    def request_send(self) -> None:
        """Ask for confirmation, then send. Ignored while a confirmation or a send is under way."""
        self.editor.revalidate()  # the clock moves: a planned time may have passed since the last edit
        self.editor.reveal_all()
        connection = self._connection()
        if self.busy or self.editor.errors or connection is None:
            return
        body = send_body(self.editor.document, connection.account_time_zone)
        fingerprint = body_fingerprint(body)
        dialog = ConfirmSendDialog(
            send_summary(self.editor.document, local_zone=self._local_zone()),
            self.editor.warnings,
            scheduled=is_scheduled(self.editor.document),
            caution=self._caution(fingerprint),
            parent=self._window,
        )
        dialog.finished.connect(lambda result: self._on_confirmation_finished(result, body, fingerprint))
        self._dialog = dialog
        self.busy_changed.emit(True)
        self.present_confirmation(dialog)

    def _caution(self, fingerprint: str) -> str:
        money = self._money_caution()
        repeat = self._repeat_caution(fingerprint)
        return "\n\n".join(text for text in (repeat, money) if text)

    def _money_caution(self) -> str:
        balance = self._balance()
        if balance is None:
            return ""
        contacts = self.editor.document.list_contacts().values()
        known = None if any(c is None for c in contacts) else sum(contacts)
        return balance_caution(balance.balance, balance.credit, balance.currency, known)

    def _repeat_caution(self, fingerprint: str) -> str:
        if fingerprint in self._unknown:
            return self.tr(
                "The last attempt to send this same campaign may have gone through. "
                "Check the campaign list on your account before sending it again."
            )
        if fingerprint in self._sent_at:
            minutes = int((time.monotonic() - self._sent_at[fingerprint]) // 60)
            if minutes < 1:
                ago = self.tr("less than a minute ago")
            elif minutes == 1:
                ago = self.tr("a minute ago")
            else:
                ago = self.tr("%1 minutes ago").replace("%1", str(minutes))
            return self.tr("You already sent this same campaign %1. Send it again?").replace("%1", ago)
        return ""

    def _on_confirmation_finished(self, result: int, body: dict, fingerprint: str) -> None:
        dialog, self._dialog = self._dialog, None
        if dialog is not None:
            dialog.deleteLater()
        if result != QDialog.DialogCode.Accepted:
            self.busy_changed.emit(False)
            return
        self.editor.revalidate()  # the confirmation may have stayed open past the planned time
        if self.editor.errors:
            self.busy_changed.emit(False)
            show_message(self._window, self.tr("The campaign was not sent"),
                         self.editor.errors[0].message + "\n\n" + self.tr("Correct it, then send again."))
            return
        self._busy = True
        connection = self._connection()
        record = _Recorder(self._history, connection, self.editor.document)
        task = Task(_send, connection.client, body, record, parent=self)
        task.succeeded.connect(lambda info: self._on_sent(info, fingerprint))
        task.failed.connect(lambda error: self._on_failed(error, fingerprint))
        task.finished.connect(self._on_task_finished)
        self._task = task
        task.start()
        self.request_started.emit()

    def _on_sent(self, info: CampaignInfo, fingerprint: str) -> None:
        self._sent_at[fingerprint] = time.monotonic()
        self._unknown.discard(fingerprint)
        self.sent.emit(info)
        self.present_result(info)

    def _on_failed(self, error: BaseException, fingerprint: str) -> None:
        if not isinstance(error, api.ApiError):
            error = api.UnexpectedResponse(
                self.tr("Something went wrong while sending. Check the campaign list before trying again."),
                details=f"{type(error).__name__}: {error}",
            )
        if isinstance(error, (api.OutcomeUnknown, api.ServerError, api.UnexpectedResponse)):
            self._unknown.add(fingerprint)
        if isinstance(error, api.Rejected):
            self.editor.set_server_problems(
                [Problem(path, "error", message) for path, messages in error.field_errors.items() for message in messages]
            )
        self.send_failed.emit(error)
        self.present_failure(error)

    def _on_task_finished(self) -> None:
        self._task = None
        self._busy = False
        self.busy_changed.emit(False)

    def _show_result(self, info: CampaignInfo) -> None:
        from ui.campaign_result import CampaignResultDialog

        connection = self._connection()
        dialog = CampaignResultDialog(
            info, scheduled=is_scheduled(self.editor.document), demo=connection.demo,
            time_zone=connection.account_time_zone, parent=self._window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _show_failure(self, error: api.ApiError) -> None:
        message = error.user_message
        if isinstance(error, api.Rejected) and error.field_errors:
            message += "\n\n" + self.tr("The fields concerned are marked in the editor.")
        kind = "warning" if isinstance(error, (api.OutcomeUnknown, api.DuplicateRequest)) else "error"
        title = self.tr("The campaign was not sent") if kind == "error" else self.tr("Check before sending again")
        action = None
        if error.outcome_unknown:
            message += "\n\n" + self.tr(
                "The attempt is listed under Campaigns, where the program can look for it on the server."
            )
            action = (self.tr("Show in Campaigns"), self.show_campaigns_requested.emit)
        show_message(self._window, title, message, details=error.details, kind=kind, action=action)


class _Recorder:
    """Writes the send into the campaign history (on the worker thread, around the request).
    A history that cannot be written never turns a sent campaign into a failure."""

    def __init__(self, history: Callable[[bool], History | None], connection: Connection, document) -> None:
        from app.history import lists_of

        self._history = history
        self._connection = connection
        self._lists = lists_of(document)  # now, on the GUI thread: the user may go on editing during the send
        self.sent_at = datetime.now(timezone.utc)

    def started(self) -> None:
        self.sent_at = datetime.now(timezone.utc)  # just before the request leaves

    def sent(self, body: dict, info: CampaignInfo) -> None:
        self._write(body, info)

    def unknown(self, body: dict) -> None:
        self._write(body, None)

    def _write(self, body: dict, info: CampaignInfo | None) -> None:
        from app.history import record_send

        try:
            history = self._history(self._connection.demo)
            if history is not None:
                record_send(history, self._connection, self._lists, body, sent_at=self.sent_at, info=info)
        except Exception:  # the campaign is what matters; the history is a convenience
            log.warning("the send could not be written to the history", exc_info=True)


def _send(context, client: api.WwtClient, body: dict, record: _Recorder) -> CampaignInfo:
    try:
        json.dumps(body, allow_nan=False)  # what the client will send: a body it refuses never leaves
    except (TypeError, ValueError) as exc:
        raise api.ApiError(
            QCoreApplication.translate("SendController", "The campaign could not be prepared for sending. "
                                       "Nothing was sent."),
            details=f"{type(exc).__name__}: {exc}", outcome_unknown=False,
        ) from None
    record.started()
    try:
        info = client.send_campaign(body)
    except api.ApiError as exc:
        if exc.outcome_unknown:
            record.unknown(body)
        raise
    except Exception as exc:  # not the server's answer: the request may have left, so treat it as unknown
        record.unknown(body)
        raise api.OutcomeUnknown(
            QCoreApplication.translate(
                "SendController",
                "Something went wrong while sending, so the campaign may or may not have been created. "
                "Check the campaign list before sending again.",
            ),
            details=f"{type(exc).__name__}: {exc}",
        ) from None
    record.sent(body, info)
    return info
