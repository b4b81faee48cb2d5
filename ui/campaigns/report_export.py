"""Export report…: every message of a campaign to a CSV file (and its summary beside it), on a worker.

    exporter = ReportExport(view, lambda: connection, lambda: "Europe/Kyiv")
    exporter.export(53708808)   # asks where, shows progress with Cancel, then says where the files went

``ask_path(campaign_id) -> str`` is an attribute so tests can replace the file dialog. The CSV style
(comma or semicolon) is worked out here, on the GUI thread, from this computer's own locale (the one
Excel reads files with, whatever language the program speaks); the server
and the disk are only used by the task (``app.reports.export_campaign_report``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, QObject, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from app import api
from app.language import tr, tr_mark, tr_n
from app.language.formats import format_count
from app.reports import ExcelStyle, ReportResult, excel_style_for, export_campaign_report, suggested_report_name
from app.tasks.connection import Connection
from ui.common.error_box import explain
from ui.common.message_box import MessageDialog, show_message
from ui.common.workers import Task, TaskContext

# The file dialog's choices, ";;" between them (shown with tr(): a translation keeps the patterns in brackets).
CSV_FILTER = tr_mark("CSV files (*.csv);;All files (*)")


def export_work(
    context: TaskContext,
    client: Any,
    campaign_id: int,
    path: str,
    account_zone: str,
    local_zone: str,
    style: ExcelStyle,
) -> ReportResult:
    """The worker's part: the report, its progress reported as ``(written, total)``."""
    return export_campaign_report(
        client,
        campaign_id,
        path,
        account_time_zone=account_zone,
        local_time_zone=local_zone,
        style=style,
        context=context,
        on_progress=lambda written, total: context.progress((written, total)),
    )


class ReportExport(QObject):
    """One export at a time for ``window``; ``task`` is the running one (None when idle)."""

    def __init__(self, window: QWidget, connection: Callable[[], Connection], local_zone: Callable[[], str]) -> None:
        super().__init__(window)
        self.window = window
        self._connection = connection
        self._local_zone = local_zone
        self.ask_path: Callable[[int], str] = self._ask_path
        self.work: Callable[..., ReportResult] = export_work
        self.task: Task | None = None
        self.progress_dialog: QProgressDialog | None = None
        self.message: MessageDialog | None = None  # the last thing said (tests read it)

    @property
    def busy(self) -> bool:
        return self.task is not None

    def _ask_path(self, campaign_id: int) -> str:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = Path(folder or Path.home()) / suggested_report_name(campaign_id)
        path, _ = QFileDialog.getSaveFileName(self.window, tr("Export report"), str(suggested), tr(CSV_FILTER))
        if path and not Path(path).suffix:
            path += ".csv"
        return path

    def export(self, campaign_id: int) -> None:
        """Ask where, then write the report on a worker; nothing happens while one is being written."""
        if self.task is not None:
            return
        path = self.ask_path(campaign_id)
        if not path:
            return
        # The system's locale, not the default one: that follows the program's language, Excel the system's.
        style = excel_style_for(QLocale.system().decimalPoint())
        connection = self._connection()
        task = Task(
            self.work,
            connection.client,
            campaign_id,
            path,
            connection.account_time_zone,
            self._local_zone(),
            style,
            parent=self,
        )
        self.task = task
        dialog = QProgressDialog(tr("Writing the report…"), tr("Cancel"), 0, 0, self.window)
        dialog.setObjectName("reportProgress")
        dialog.setWindowTitle(tr("Export report"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        dialog.canceled.connect(self.cancel)
        self.progress_dialog = dialog
        task.progress.connect(self._on_progress)
        task.succeeded.connect(self._on_done)
        task.failed.connect(self._on_failed)
        task.finished.connect(self._on_finished)
        task.start()
        dialog.show()

    def cancel(self) -> None:
        """Stop the export: the file is not written (one that was there stays as it was)."""
        if self.task is not None:
            self.task.cancel()
        dialog = self.progress_dialog
        if dialog is not None:
            dialog.setLabelText(tr("Stopping…"))

    def _on_progress(self, value: tuple[int, int]) -> None:
        written, total = value
        dialog = self.progress_dialog
        if dialog is None or total <= 0:
            return
        dialog.setLabelText(
            tr_n(
                "Writing the report: {written} of {count} message…",
                "Writing the report: {written} of {count} messages…",
                total,
            ).format(written=format_count(written), count=format_count(total))
        )
        dialog.setMaximum(total)
        # Last: a modal progress dialog's setValue handles events, and the task may end in there.
        dialog.setValue(min(written, total))

    def _on_done(self, result: ReportResult) -> None:
        text = tr_n(
            "The report of {count} message was saved as:\n{path}\n\nIts summary was saved beside it as:\n{summary}",
            "The report of {count} messages was saved as:\n{path}\n\nIts summary was saved beside it as:\n{summary}",
            result.messages,
        ).format(count=format_count(result.messages), path=result.path, summary=result.summary_path)
        folder = QUrl.fromLocalFile(str(result.path.parent))

        def open_folder() -> None:
            QDesktopServices.openUrl(folder)

        self.message = show_message(
            self.window,
            tr("Report saved"),
            text,
            kind="info",
            action=(tr("Open folder"), open_folder),
        )

    def _on_failed(self, error: BaseException) -> None:
        if isinstance(error, api.Cancelled):
            return
        message, details = explain(
            error, tr("The report could not be saved. Check that the folder exists and you can write to it.")
        )
        self.message = show_message(
            self.window,
            tr("Report not saved"),
            tr("The report was not saved: {problem}").format(problem=message),
            details=details,
        )

    def _on_finished(self) -> None:
        self.task = None
        dialog, self.progress_dialog = self.progress_dialog, None
        if dialog is not None:
            dialog.canceled.disconnect(self.cancel)  # closing it would otherwise say "cancelled"
            dialog.close()
            dialog.deleteLater()
