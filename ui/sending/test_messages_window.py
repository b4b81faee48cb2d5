"""The "Test messages" window: each test phone's status in plain words, refreshed on a worker until final.

It is not modal: the user goes on working while the statuses come in. The history and the server are
only used from workers (``app.test_sends.status.refresh_test_statuses``); the GUI thread fills a table.
A phone that had this test already from an earlier test (not sent again) is listed with that earlier
message's status, followed the same way; so is a phone whose same earlier test could not be looked up
(not sent again either: the summary says why, the note what failed).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.campaign.message_statuses import message_look
from app.language import tr
from app.test_sends.earlier import not_checked_words
from app.test_sends.phones import phone_words
from app.test_sends.send import MessageOutcome, TestSendResult
from app.test_sends.status import (
    MessageSource,
    record_look,
    refresh_problem_words,
    refresh_test_statuses,
    sent_test_words,
)
from ui.common.theme import STATUS_TONES, set_role, tone_color
from ui.common.workers import Task, TaskContext

if TYPE_CHECKING:
    from app.history import History
    from app.history.sent_tests import TestMessageRecord

log = logging.getLogger(__name__)

REFRESH_MS = 3000
PHONE_COLUMN, STATUS_COLUMN = range(2)
_COLOURED = frozenset({"good", "bad", "warning"})  # the status tones shown in colour; the others plain


def _refresh(
    context: TaskContext, client: MessageSource, history: Callable[[], History], batches: Sequence[str]
) -> list[TestMessageRecord]:
    records: list[TestMessageRecord] = []
    for batch in batches:
        records += refresh_test_statuses(client, history, batch=batch, context=context)
    return records


def summary_words(
    result: TestSendResult, earlier: Sequence[TestMessageRecord], unchecked: Sequence[TestMessageRecord] = ()
) -> str:
    """How the test went (``sent_test_words``), then each phone skipped: it had the test already, or its
    earlier test could not be looked up."""
    lines = [sent_test_words(result)] if result.phones else []
    lines += [
        tr("{phone} already had this test from earlier: it was not sent again.").format(phone=phone_words(r.phone))
        for r in earlier
    ]
    lines += [not_checked_words(record) for record in unchecked]
    return "\n".join(lines)


def problem_lines(records: Sequence[TestMessageRecord]) -> str:
    """Why the last look at each message failed, a line a phone ("+380…: The server took too long…")."""
    lines = []
    for record in records:
        problem = refresh_problem_words(record)
        if problem:
            lines.append(f"{phone_words(record.phone)}: {problem}")
    return "\n".join(lines)


class TestMessagesWindow(QDialog):
    """Lists the phones of one test and follows their statuses. ``refreshed`` counts the answers
    shown; refreshing stops once every status is final, or when the window is closed. ``earlier``: the
    messages of earlier tests that the phones not sent to now had already; ``unchecked``: those that
    could not be looked up, whose phones were not sent to now either."""

    __test__ = False  # not a pytest test class, whatever its name

    def __init__(
        self,
        result: TestSendResult,
        client: MessageSource,
        history: Callable[[], History],
        parent: QWidget | None = None,
        *,
        earlier: Sequence[TestMessageRecord] = (),
        unchecked: Sequence[TestMessageRecord] = (),
        refresh_ms: int = REFRESH_MS,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("testMessagesWindow")
        self.setWindowTitle(tr("Test messages"))
        self.setModal(False)
        self.test_result = result
        self._client = client
        self._history = history
        self._task: Task | None = None
        self.refreshed = 0
        self._closed = False
        self.summary = QLabel(summary_words(result, earlier, unchecked))
        self.summary.setObjectName("testSummary")
        self.summary.setWordWrap(True)
        listed = (*earlier, *unchecked)  # the earlier messages, listed and followed alike
        self.table = QTableWidget(len(result.phones) + len(listed), 2)
        self.table.setObjectName("testStatuses")
        self.table.setHorizontalHeaderLabels([tr("Phone"), tr("Status")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(PHONE_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(STATUS_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(tr("Status of each test message"))
        self._rows = {phone.reference_id: row for row, phone in enumerate(result.phones)}
        for row, phone in enumerate(result.phones):
            self.table.setItem(row, PHONE_COLUMN, QTableWidgetItem(phone_words(phone.number)))
            if phone.outcome is MessageOutcome.NOT_SENT:
                self._set_status(row, tr("Not sent"), "bad")
            elif phone.outcome is MessageOutcome.UNKNOWN:
                self._set_status(row, tr("Not confirmed yet: looking for it on the server…"), "progress")
            else:
                info = phone.message
                look = message_look(
                    info.status if info else None,
                    sms_sent=bool(info and info.sms_sent_instead),
                    sms_status=info.sms_status if info else None,
                )
                self._set_status(row, look.words, look.tone)  # in the current language already
        for row, record in enumerate(listed, start=len(result.phones)):
            self._rows[record.reference_id] = row
            self.table.setItem(row, PHONE_COLUMN, QTableWidgetItem(phone_words(record.phone)))
            look = record_look(record)
            self._set_status(row, look.words, look.tone)
        self.note = QLabel(problem_lines(unchecked))
        self.note.setObjectName("testNote")
        self.note.setWordWrap(True)
        set_role(self.note, "muted")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 80, self.sizeHint().height() + 40)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(refresh_ms)
        self._timer.timeout.connect(self.refresh)
        self._pending = {p.reference_id for p in result.phones if p.outcome is not MessageOutcome.NOT_SENT}
        self._pending |= {record.reference_id for record in listed if not record_look(record).final}
        # The batch of each message followed: this test's, and those of the earlier tests listed.
        mine = [result.batch] if result.phones else []
        self._batches = list(dict.fromkeys([*mine, *(record.batch for record in listed)]))
        self._follow()

    @property
    def following(self) -> bool:
        """Whether statuses are still looked for (a look running, or one planned)."""
        return bool(self._pending) and (self._task is not None or self._timer.isActive())

    def _set_status(self, row: int, words: str, tone: str) -> None:
        item = QTableWidgetItem(words)
        if tone in _COLOURED:
            item.setForeground(QColor(tone_color(STATUS_TONES[tone], self)))
        item.setToolTip(words)
        self.table.setItem(row, STATUS_COLUMN, item)

    def status_text(self, row: int) -> str:
        item = self.table.item(row, STATUS_COLUMN)
        return item.text() if item is not None else ""

    def _follow(self) -> None:
        if self._pending:
            self._timer.start()

    def refresh(self) -> None:
        """Look at the messages not final yet, on a worker (one look at a time)."""
        if self._task is not None or not self._pending:
            return
        task = Task(_refresh, self._client, self._history, self._batches, parent=self)
        task.succeeded.connect(self._on_refreshed)
        task.failed.connect(self._on_refresh_failed)
        task.finished.connect(self._on_task_finished)
        self._task = task
        task.start()

    def _on_refreshed(self, records: list[TestMessageRecord]) -> None:
        self.refreshed += 1
        shown = []
        for record in records:
            row = self._rows.get(record.reference_id)
            if row is None:
                continue
            shown.append(record)
            look = record_look(record)
            self._set_status(row, look.words, look.tone)  # in the current language already
            if look.final:
                self._pending.discard(record.reference_id)
        self.note.setText(problem_lines(shown))

    def _on_refresh_failed(self, error: BaseException) -> None:
        log.debug("test statuses could not be refreshed", exc_info=error)
        message = getattr(error, "user_message", None) or tr("The statuses could not be looked up just now.")
        # Translators: {problem} is a sentence saying what failed.
        self.note.setText(tr("{problem} The program tries again in a moment.").format(problem=message))

    def _on_task_finished(self) -> None:
        if self._task is not None:
            self._task.deleteLater()
        self._task = None
        if self._pending and not self._closed:
            self._timer.start()

    def done(self, result: int) -> None:
        """Closed (Close, Esc or the window's X): nothing more is looked up."""
        self._closed = True
        self._timer.stop()
        if self._task is not None:
            self._task.cancel()
        super().done(result)
