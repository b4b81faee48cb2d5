"""Send a test: the current message to the user's test phones, one message per phone, never sent twice.

The same design as ``ui.sending.send_flow``: a small state machine (idle -> checking -> confirming ->
sending -> idle) in which a trigger not valid in the current state is ignored, so one confirmation
sends at most once. The bodies are prepared on a worker from a copy of the campaign (checking), and
sent on a worker (``app.test_sends.send.send_test``); the GUI thread only shows questions and results.
Once confirmed, that worker first looks up the earlier tests whose answer never came, as the command
line does (``app.test_sends.earlier``): a phone that has this test already is not sent it again, nor
one whose same earlier test could not be looked up (the "Test messages" window says so for that phone).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app import api
from app.campaign.file import CampaignDocument, document_from_json
from app.language import tr
from app.sending.pipeline import NotSendable
from app.tasks.connection import Connection
from app.test_sends.confirmation import confirmation_lines
from app.test_sends.earlier import LOOK_UP_FAILED, EarlierTests, check_earlier_tests
from app.test_sends.phones import phone_words
from app.test_sends.send import PreparedTest, TestSendResult, prepare_test_send, send_test
from ui.common.message_box import show_message
from ui.common.workers import Task, TaskContext
from ui.compose.editor_state import CampaignEditor
from ui.sending.test_messages_window import TestMessagesWindow

if TYPE_CHECKING:
    from app.history import History

log = logging.getLogger(__name__)

CONFIRMATION_CHARS = 70


class ConfirmTestDialog(QDialog):
    """ "Send a test?": what goes to which phones; Cancel is the default and the first answer counts."""

    __test__ = False

    def __init__(self, prepared: PreparedTest, sender: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confirmTest")
        self.setWindowTitle(tr("Send a test?"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * CONFIRMATION_CHARS)
        lines = confirmation_lines(prepared.numbers, sender)
        lines += [f"⚠ {problem.message}" for problem in prepared.warnings if problem.path.startswith("test_phones")]
        text = QLabel("\n\n".join(lines))
        text.setObjectName("testQuestion")
        text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        buttons = QDialogButtonBox()
        self.send_button = buttons.addButton(tr("Send the test"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.send_button.setObjectName("confirmTestButton")
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setDefault(True)
        self.send_button.setAutoDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._answered = False

    def done(self, result: int) -> None:
        if self._answered:
            return
        self._answered = True
        self.send_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        super().done(result)


class TestState(Enum):
    IDLE = "idle"
    CHECKING = "checking"  # the bodies are prepared (and checked) on a worker
    CONFIRMING = "confirming"  # the question is open
    SENDING = "sending"  # confirmed: one request per phone on a worker


def _prepare(context: TaskContext, document: CampaignDocument, phones: list[str]) -> PreparedTest:
    return prepare_test_send(document, phones)


@dataclass(frozen=True)
class TestRun:
    """What one confirmed test came to: the earlier tests looked up, and the send to the other phones
    (``result`` has no phone when every phone had this test already, or may have: then no request was
    made)."""

    __test__ = False

    earlier: EarlierTests
    result: TestSendResult


class EarlierNotLookedUp(Exception):
    """The look-up of the earlier tests failed unexpectedly: nothing was sent."""


def _send(
    context: TaskContext, prepared: PreparedTest, connection: Connection, history: Callable[[], History]
) -> TestRun:
    try:
        earlier = check_earlier_tests(prepared, connection.client, history, server=connection.server_label)
    except Exception as exc:
        raise EarlierNotLookedUp from exc
    if not earlier.prepared.messages:
        return TestRun(earlier, TestSendResult(prepared.batch, ()))
    return TestRun(earlier, send_test(earlier.prepared, connection, history, context=context))


class TestSendController(QObject):
    """Runs "Send a test…" for one editor. Signals: ``busy_changed(bool)``; ``settings_requested()``
    when there is no test phone yet (the window opens Settings at "My test phones"); ``tested(object)``
    with the ``TestSendResult`` (the phones sent to now, without those that had this test already)."""

    __test__ = False

    busy_changed = Signal(bool)
    settings_requested = Signal()
    tested = Signal(object)

    def __init__(
        self,
        editor: CampaignEditor,
        connection: Callable[[], Connection | None],
        phones: Callable[[], list[str]],
        parent: QWidget,
        *,
        history: Callable[[bool], History],
    ) -> None:
        super().__init__(parent)
        self.editor = editor
        self._connection = connection
        self._phones = phones
        self._history = history
        self._window = parent
        self._state = TestState.IDLE
        self._dialog: ConfirmTestDialog | None = None
        self.statuses: TestMessagesWindow | None = None
        self.refresh_ms: int | None = None  # tests make the statuses come faster
        self.present_confirmation: Callable[[ConfirmTestDialog], None] = lambda dialog: dialog.open()

    @property
    def state(self) -> TestState:
        return self._state

    @property
    def busy(self) -> bool:
        return self._state is not TestState.IDLE

    def _enter(self, state: TestState) -> None:
        was_busy = self.busy
        self._state = state
        if self.busy != was_busy:
            self.busy_changed.emit(self.busy)

    def request_test(self) -> None:
        """Ask, then send the test. Ignored unless idle; without test phones, asks for them instead."""
        if self._state is not TestState.IDLE:
            return
        phones = [phone_words(number) for number in self._phones()]
        if not phones:
            self.settings_requested.emit()
            return
        connection = self._connection()
        if connection is None:
            return
        self.editor.revalidate()
        document = self.editor.document  # a copy for the worker: the user may go on typing
        copy = document_from_json(document.to_json_dict(), default_time_zone=document.time_zone)
        self._enter(TestState.CHECKING)
        task = Task(_prepare, copy, phones, parent=self)
        task.succeeded.connect(lambda prepared: self._ask(prepared, connection))
        task.failed.connect(self._on_prepare_failed)
        task.finished.connect(task.deleteLater)
        task.start()

    def _on_prepare_failed(self, error: BaseException) -> None:
        if self._state is not TestState.CHECKING:
            return
        self._enter(TestState.IDLE)
        if isinstance(error, NotSendable):
            message, details = str(error), error.details
        else:
            log.error("a test could not be prepared", exc_info=error)
            message = tr("The test could not be prepared. Nothing was sent.")
            details = f"{type(error).__name__}: {error}"
        show_message(self._window, tr("The test was not sent"), message, details=details)

    def _ask(self, prepared: PreparedTest, connection: Connection) -> None:
        if self._state is not TestState.CHECKING:
            return
        dialog = ConfirmTestDialog(prepared, self.editor.campaign.sender or "", self._window)
        dialog.finished.connect(lambda result: self._on_answer(dialog, result, prepared, connection))
        self._dialog = dialog
        self._enter(TestState.CONFIRMING)
        try:
            self.present_confirmation(dialog)
        except Exception:  # a question that could not be shown is no answer: nothing is sent
            log.exception("the test confirmation could not be shown")
            self._dialog = None
            self._enter(TestState.IDLE)
            dialog.deleteLater()

    def _on_answer(
        self, dialog: ConfirmTestDialog, result: int, prepared: PreparedTest, connection: Connection
    ) -> None:
        if self._state is not TestState.CONFIRMING or dialog is not self._dialog:
            return  # a late or repeated answer
        self._dialog = None
        dialog.deleteLater()
        if result != QDialog.DialogCode.Accepted:
            self._enter(TestState.IDLE)
            return
        if self._connection() is not connection:
            self._enter(TestState.IDLE)
            show_message(
                self._window,
                tr("The test was not sent"),
                tr("The connection changed while you were confirming. Nothing was sent: try again."),
            )
            return
        self._enter(TestState.SENDING)
        demo = connection.demo
        task = Task(_send, prepared, connection, lambda: self._history(demo), parent=self)
        task.succeeded.connect(lambda run: self._on_sent(run, connection))
        task.failed.connect(self._on_send_failed)
        task.finished.connect(task.deleteLater)
        task.finished.connect(lambda: self._enter(TestState.IDLE))
        task.start()

    def _on_sent(self, run: TestRun, connection: Connection) -> None:
        self.tested.emit(run.result)
        demo = connection.demo
        if self.statuses is not None:
            self.statuses.close()
        window = TestMessagesWindow(
            run.result,
            connection.client,
            lambda: self._history(demo),
            self._window,
            earlier=tuple(run.earlier.found_records.values()),
            unchecked=tuple(run.earlier.unchecked.values()),
            **({"refresh_ms": self.refresh_ms} if self.refresh_ms is not None else {}),
        )
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.destroyed.connect(lambda: self._forget(window))
        self.statuses = window
        window.show()

    def _forget(self, window: TestMessagesWindow) -> None:
        if self.statuses is window:
            self.statuses = None

    def _on_send_failed(self, error: BaseException) -> None:
        if isinstance(error, EarlierNotLookedUp):
            log.error("the earlier tests could not be looked up", exc_info=error.__cause__)
            show_message(
                self._window,
                tr("The test was not sent"),
                tr(LOOK_UP_FAILED),
                details=f"{type(error.__cause__).__name__}: {error.__cause__}",
            )
            return
        log.error("a test send failed outside its own handling", exc_info=error)
        message = getattr(error, "user_message", None) if isinstance(error, api.ApiError) else None
        show_message(
            self._window,
            tr("Check before testing again"),
            message
            or tr(
                "Something went wrong while sending, so the test messages may or may not have been sent. "
                "Wait for them on your phones before testing again."
            ),
            details=f"{type(error).__name__}: {error}",
            kind="warning",
        )
