"""Sending: confirmation in plain words, one request on a worker thread, the result or the failure.

One confirmed send is exactly one request: the controller ignores a second click while a
confirmation is open or a send is running, never resends by itself, and asks again before
sending a campaign identical to one that was just sent or whose outcome is unknown.
"""

from __future__ import annotations

import html
import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from app import api
from app.api.models import Balance, CampaignInfo
from app.campaign.phone_numbers import load_plans
from app.language import tr, tr_c
from app.sending.money import money_caution, money_lines
from app.sending.pipeline import NotSendable, Outcome, PreparedSend, SendResult, prepare_send, send_prepared
from app.sending.repeats import EarlierSend, earlier_send
from app.sending.summary import (
    SummaryLine,
    group_by_place,
    is_scheduled,
    send_anyway_text,
    send_summary,
)
from app.tasks.connection import Connection
from app.validation import Problem, blocking_errors, located_message, overridable_errors, plain_server_message
from ui.common.message_box import show_message
from ui.common.problem_marks import problem_html
from ui.common.theme import is_dark, set_bold, set_role, set_tone, tone_color
from ui.common.workers import Task
from ui.compose.editor_state import CampaignEditor

if TYPE_CHECKING:
    from app.history import History

log = logging.getLogger(__name__)


CONFIRMATION_CHARS = 90


class ConfirmSendDialog(QDialog):
    """ "Send this campaign?" with what will happen, the problems by card, and Cancel as the default.

    ``problems`` are the warnings and the errors the user may override (pictures proved not to
    show); with any of those, Send stays disabled until "Send anyway" is ticked.
    """

    def __init__(
        self,
        lines: list[SummaryLine],
        problems: list[Problem],
        *,
        scheduled: bool,
        caution: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("confirmSend")
        self.setWindowTitle(tr("Schedule the campaign?") if scheduled else tr("Send the campaign?"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        # Wide enough that lists, times and problems read as lines, not as a narrow column of words.
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * CONFIRMATION_CHARS)
        layout = QVBoxLayout(self)
        heading = QLabel(tr("Please check before scheduling:") if scheduled else tr("Please check before sending:"))
        set_role(heading, "heading")
        layout.addWidget(heading)
        form = QFormLayout()
        for line in lines:
            label = QLabel(tr("{label}:").format(label=line.label))  # the core's words, translated
            # Beside a value of two lines (the price), on its first line, where the value starts.
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            value = QLabel(line.value)
            value.setWordWrap(True)
            form.addRow(label, value)
        layout.addLayout(form)
        if caution:
            caution_label = QLabel(caution)
            caution_label.setObjectName("sendCaution")
            caution_label.setWordWrap(True)
            set_tone(caution_label, "warning")
            set_bold(caution_label)
            layout.addWidget(caution_label)
        if problems:
            problems_label = QLabel(grouped_problems_html(problems, dark=is_dark(self.palette())))
            problems_label.setObjectName("sendProblems")
            problems_label.setTextFormat(Qt.TextFormat.RichText)
            problems_label.setWordWrap(True)
            layout.addWidget(problems_label)
        self.overridden = overridable_errors(problems)
        self.send_anyway: QCheckBox | None = None
        if self.overridden:
            self.send_anyway = QCheckBox(send_anyway_text(self.overridden))
            self.send_anyway.setObjectName("sendAnywayCheck")
            layout.addWidget(self.send_anyway)
        buttons = QDialogButtonBox()
        self.send_button = buttons.addButton(
            tr_c("button", "Schedule") if scheduled else tr("Send now"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.send_button.setObjectName("confirmSendButton")
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setDefault(True)
        self.send_button.setAutoDefault(False)
        if self.send_anyway is not None:
            self.send_button.setEnabled(False)
            self.send_anyway.toggled.connect(self.on_send_anyway_toggled)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._answered = False

    @property
    def consented(self) -> bool:
        """True when nothing needs "Send anyway", or it is ticked."""
        return self.send_anyway is None or self.send_anyway.isChecked()

    def on_send_anyway_toggled(self, checked: bool) -> None:
        if not self._answered:
            self.send_button.setEnabled(checked)

    def done(self, result: int) -> None:
        """The first answer counts; the buttons are disabled at once so that nothing can answer again.

        "Send" without the needed "Send anyway" tick is no answer (a shortcut or a script cannot skip it).
        """
        if self._answered or (result == QDialog.DialogCode.Accepted and not self.consented):
            return
        self._answered = True
        self.send_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        if self.send_anyway is not None:
            self.send_anyway.setEnabled(False)
        super().done(result)


def grouped_problems_html(problems: list[Problem], *, dark: bool = False) -> str:
    """The problems by card or part, each said once: a bold place, then its lines in their colours."""
    blocks = []
    for group in group_by_place(problems):
        lines = "".join(
            f"<br><span style='color: {tone_color('error' if p.is_error else 'warning', dark)};'>"
            f"{html.escape(problem_html(p), quote=False)}</span>"
            for p in group.problems
        )
        blocks.append(f"<p style='margin-top: 8px;'><b>{html.escape(group.place, quote=False)}</b>{lines}</p>")
    return "".join(blocks)


class SendState(Enum):
    IDLE = "idle"
    CHECKING = "checking"  # the history is read on a worker: was this campaign sent a moment ago?
    CONFIRMING = "confirming"  # a confirmation is open
    SENDING = "sending"  # confirmed: the one request is on its way


class SendController(QObject):
    """Runs the send flow for one editor, as a small state machine: idle -> confirming -> sending -> idle.

    A trigger that is not valid in the current state is ignored, so one confirmation starts at most
    one send by construction: a second click, a key repeat or a second ``finished`` of the dialog
    (a double-click reaching the dialog as it closes) finds the controller no longer confirming.

    Signals: ``busy_changed(bool)``, ``sent(object)`` with the ``CampaignInfo``,
    ``send_failed(object)`` with the ``ApiError`` (also for an unknown outcome).
    """

    busy_changed = Signal(bool)
    sent = Signal(object)
    send_failed = Signal(object)
    show_campaigns_requested = Signal()
    request_started = Signal()  # confirmed: the request is on its way

    def __init__(
        self,
        editor: CampaignEditor,
        connection: Callable[[], Connection | None],
        local_zone: Callable[[], str],
        parent: QWidget,
        *,
        history: Callable[[bool], History],
        balance: Callable[[], Balance | None] = lambda: None,
    ) -> None:
        super().__init__(parent)
        self.editor = editor
        self._connection = connection
        self._history = history
        self._balance = balance
        self._local_zone = local_zone
        self._window = parent
        self._state = SendState.IDLE
        self._dialog: ConfirmSendDialog | None = None
        self._task: Task | None = None
        self.present_confirmation: Callable[[ConfirmSendDialog], None] = lambda dialog: dialog.open()
        self.present_result: Callable[[CampaignInfo], None] = self._show_result
        self.present_failure: Callable[[api.ApiError], None] = self._show_failure

    @property
    def state(self) -> SendState:
        return self._state

    @property
    def busy(self) -> bool:
        return self._state is not SendState.IDLE

    def _enter(self, state: SendState) -> None:
        was_busy = self.busy
        self._state = state
        if self.busy != was_busy:
            self.busy_changed.emit(self.busy)

    def request_send(self) -> None:
        """Ask for confirmation, then send. Ignored unless idle."""
        if self._state is not SendState.IDLE:
            return
        load_plans()  # call numbers are checked against the numbering plans before any send (at once if loaded)
        self.editor.revalidate()  # the clock moves: a planned time may have passed since the last edit
        self.editor.reveal_all()
        connection = self._connection()
        if blocking_errors(self.editor.errors) or connection is None:
            return
        try:
            prepared = prepare_send(self.editor.document, connection.account_time_zone)
        except NotSendable as exc:
            show_message(self._window, tr("The campaign was not sent"), str(exc), details=exc.details)
            return
        # What the question shows is taken now, with the body it sends; the history (a file another program
        # may be writing) is read on a worker, and the question is asked when that answer comes.
        balance = self._balance()
        question = _Question(
            send_summary(self.editor.document, local_zone=self._local_zone(), account_zone=connection.account_time_zone)
            + money_lines(balance),
            [p for p in self.editor.all_problems if not p.is_error or p.overridable],
            is_scheduled(self.editor.document),
            money_caution(self.editor.document, balance),
        )
        self._enter(SendState.CHECKING)
        history = self._history
        check = Task(_earlier_send, history, connection.demo, prepared.body, connection.server_label, parent=self)
        check.succeeded.connect(lambda earlier: self._ask(question, earlier, prepared, connection))
        check.failed.connect(lambda error: self._ask(question, _check_failed(error), prepared, connection))
        check.finished.connect(check.deleteLater)
        check.start()

    def _ask(
        self,
        question: _Question,
        earlier: EarlierSend | Exception | None,
        prepared: PreparedSend,
        connection: Connection,
    ) -> None:
        if self._state is not SendState.CHECKING:
            return
        repeat = self._repeat_caution(earlier)
        dialog = ConfirmSendDialog(
            question.lines,
            question.problems,
            scheduled=question.scheduled,
            caution="\n\n".join(text for text in (repeat, question.money) if text),
            parent=self._window,
        )
        dialog.finished.connect(lambda result: self._on_confirmation_finished(dialog, result, prepared, connection))
        self._dialog = dialog
        self._enter(SendState.CONFIRMING)
        try:
            self.present_confirmation(dialog)
        except Exception:  # a question that could not be shown is no answer: nothing is sent, Send works again
            log.exception("the send confirmation could not be shown")
            self._dialog = None
            self._enter(SendState.IDLE)
            dialog.deleteLater()
            show_message(
                self._window,
                tr("The campaign was not sent"),
                tr("The question before sending could not be shown. Nothing was sent: try again."),
                details=traceback.format_exc(),
            )

    def _repeat_caution(self, earlier: EarlierSend | Exception | None) -> str:
        """The same campaign sent a moment ago, or without an answer: the rule ``rcs-desk send`` keeps too."""
        if isinstance(earlier, Exception):
            return tr(
                "The campaign history could not be read to check whether this same campaign was sent a moment ago."
            )
        if earlier is None:
            return ""
        if earlier.outcome_unknown:
            return tr(
                "The last attempt to send this same campaign may have gone through. "
                "Check the campaign list on your account before sending it again."
            )
        # Translators: {when} is "at 14:56 (campaign 844836979)" or "on Thu 26 Nov, 14:56 (campaign 844836979)".
        return tr("You already sent this same campaign {when}. Send it again?").format(
            when=earlier.described(self._local_zone())
        )

    def _on_confirmation_finished(
        self, dialog: ConfirmSendDialog, result: int, prepared: PreparedSend, connection: Connection
    ) -> None:
        if self._state is not SendState.CONFIRMING or dialog is not self._dialog:
            return  # a late or repeated answer of a confirmation already answered
        self._dialog = None
        dialog.deleteLater()
        if result != QDialog.DialogCode.Accepted:
            self._enter(SendState.IDLE)
            return
        self.editor.revalidate()  # the confirmation may have stayed open past the planned time
        blocking = blocking_errors(self.editor.errors)
        if blocking:
            self._enter(SendState.IDLE)
            show_message(
                self._window,
                tr("The campaign was not sent"),
                located_message(blocking[0]) + "\n\n" + tr("Correct it, then send again."),
            )
            return
        unanswered = [p for p in overridable_errors(self.editor.errors) if p not in dialog.overridden]
        if unanswered:  # a picture check ended while the question was open
            self._enter(SendState.IDLE)
            show_message(
                self._window,
                tr("The campaign was not sent"),
                located_message(unanswered[0])
                + "\n\n"
                + tr("This was found while you were confirming. Nothing was sent: send again to decide."),
            )
            return
        if self._connection() is not connection:  # Settings changed the server while the question was open
            self._enter(SendState.IDLE)
            show_message(
                self._window,
                tr("The campaign was not sent"),
                tr(
                    "The connection changed while you were confirming. Nothing was sent: "
                    "send again to confirm for the new connection."
                ),
            )
            return
        self._enter(SendState.SENDING)
        demo = connection.demo
        task = Task(_send, prepared, connection, lambda: self._history(demo), parent=self)
        task.succeeded.connect(self._on_send_ended)
        task.failed.connect(lambda error: self._on_send_ended(_unexpected(error)))
        task.finished.connect(self._on_task_finished)
        self._task = task
        task.start()
        self.request_started.emit()

    def _on_send_ended(self, result: SendResult) -> None:
        if result.outcome is Outcome.CREATED and result.info is not None:
            self.sent.emit(result.info)
            try:
                self.present_result(result.info)
            except Exception:  # the campaign exists whatever the result dialog does
                log.exception("the result of a send could not be shown")
                show_message(
                    self._window,
                    tr("The campaign was created"),
                    tr(
                        "The campaign was created (ID {number}), but its details could not be shown. "
                        "See the Campaigns tab."
                    ).format(number=result.info.id),
                    kind="warning",
                )
            if result.notes:
                show_message(self._window, tr("The campaign was created"), "\n\n".join(result.notes), kind="warning")
            return
        error = result.error or api.OutcomeUnknown()
        if isinstance(error, api.Rejected):
            self.editor.set_server_problems(
                [
                    Problem(path, "error", plain_server_message(message))
                    for path, messages in error.field_errors.items()
                    for message in messages
                ]
            )
        self.send_failed.emit(error)
        self.present_failure(error)

    def _on_task_finished(self) -> None:
        self._task = None
        self._enter(SendState.IDLE)

    def _show_result(self, info: CampaignInfo) -> None:
        from ui.sending.campaign_result import CampaignResultDialog

        connection = self._connection()
        dialog = CampaignResultDialog(
            info,
            scheduled=is_scheduled(self.editor.document),
            demo=connection.demo if connection else False,
            time_zone=connection.account_time_zone if connection else "UTC",
            local_zone=self._local_zone(),
            parent=self._window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _show_failure(self, error: api.ApiError) -> None:
        message = _refusal_in_words(error)
        if isinstance(error, api.Rejected) and error.field_errors:
            message += "\n\n" + tr("The fields concerned are marked in the editor.")
        kind = "warning" if error.outcome_unknown or isinstance(error, api.DuplicateRequest) else "error"
        title = tr("The campaign was not sent") if kind == "error" else tr("Check before sending again")
        action = None
        if error.outcome_unknown:
            message += "\n\n" + tr(
                "The attempt is listed under Campaigns, where the program can look for it on the server."
            )
            action = (tr("Show in Campaigns"), self.show_campaigns_requested.emit)
        show_message(self._window, title, message, details=error.details, kind=kind, action=action)


def _refusal_in_words(error: api.ApiError) -> str:
    """The error's message with the server's field names ("options.cards.1.text") said as places and words."""
    text = error.user_message
    if isinstance(error, api.Rejected):
        for path, messages in error.field_errors.items():
            for message in messages:
                said = located_message(Problem(path, "error", plain_server_message(message)))
                text = text.replace(f"• {message}", f"• {said}")
    return plain_server_message(text)


@dataclass(frozen=True)
class _Question:
    """What the confirmation shows, taken when Send was pressed."""

    lines: list[SummaryLine]
    problems: list[Problem]
    scheduled: bool
    money: str


def _earlier_send(
    context: object, history: Callable[[bool], History], demo: bool, body: dict[str, Any], server: str
) -> EarlierSend | None:
    """On a worker: an identical send in the history (``app.sending.repeats``)."""
    return earlier_send(lambda: history(demo), body, server=server)


def _check_failed(error: BaseException) -> Exception:
    log.error("the history could not be read before a send", exc_info=error)
    return error if isinstance(error, Exception) else RuntimeError(str(error))


def _unexpected(error: BaseException) -> SendResult:
    """A worker that failed outside the pipeline's own handling: the request may have left."""
    return SendResult(
        Outcome.UNKNOWN,
        error=api.OutcomeUnknown(
            tr(
                "Something went wrong while sending, so the campaign may or may not have been created. "
                "Check the campaign list before sending again."
            ),
            details=f"{type(error).__name__}: {error}",
        ),
    )


def _send(
    context: object, prepared: PreparedSend, connection: Connection, history: Callable[[], History]
) -> SendResult:
    return send_prepared(prepared, connection, history)
