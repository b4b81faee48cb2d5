"""New, Open, Save and Save As for campaign files, with a question before discarding changes."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from app.campaign.file import FILE_SUFFIX, CampaignFileError, load_campaign_file, save_campaign_file
from app.language import tr
from ui.common.fitted_label import FittedLabel
from ui.common.message_box import show_message
from ui.compose.editor_state import CampaignEditor, new_document

log = logging.getLogger(__name__)


def file_filter() -> str:
    """The file dialogs' choice of files: campaign files, or all files (Qt's ``;;``-separated filters)."""
    return ";;".join(
        (
            # Translators: a choice in the Open and Save dialogs; keep {pattern} (the file names it shows).
            tr("RCS campaigns ({pattern})").format(pattern=f"*{FILE_SUFFIX}"),
            tr("All files ({pattern})").format(pattern="*"),
        )
    )


def campaign_file_name(path: Path) -> str:
    """``spring.json`` -> ``spring.rcs.json``: the name a campaign read from another kind of file is saved under."""
    stem = path.name.removesuffix(FILE_SUFFIX).removesuffix(".json")
    return f"{stem or 'campaign'}{FILE_SUFFIX}"


class FileActions(QObject):
    """File commands for one editor. Dialog functions are attributes so tests can replace them."""

    def __init__(
        self, editor: CampaignEditor, window: QWidget, *, time_zone: Callable[[], str], folder: Callable[[], Path]
    ) -> None:
        super().__init__(window)
        self.editor = editor
        self.window = window
        self._time_zone = time_zone
        self._folder = folder
        self.ask_open_path: Callable[[], str] = self._ask_open_path
        self.ask_save_path: Callable[[], str] = self._ask_save_path
        self.ask_discard: Callable[[], QMessageBox.StandardButton] = self._ask_discard
        # Where Save As proposes to write a campaign that has no file of its own yet (one read from a bare request).
        self._suggested_path: Path | None = None
        # How the open campaign was read, in the status bar (made the first time there is something to say).
        self.note_label: FittedLabel | None = None

    # Questions (replaced in tests) ---------------------------------------------------------

    def _ask_open_path(self) -> str:
        path, _ = QFileDialog.getOpenFileName(self.window, tr("Open campaign"), str(self._folder()), file_filter())
        return path

    def proposed_save_path(self) -> Path:
        """The file name the Save dialog starts with."""
        return self.editor.path or self._suggested_path or self._folder() / f"campaign{FILE_SUFFIX}"

    def _ask_save_path(self) -> str:
        suggested = self.proposed_save_path()
        path, _ = QFileDialog.getSaveFileName(self.window, tr("Save campaign"), str(suggested), file_filter())
        if path and not path.endswith(FILE_SUFFIX):
            path = path.removesuffix(".json") + FILE_SUFFIX
        return path

    def _ask_discard(self) -> QMessageBox.StandardButton:
        if self.editor.path is not None:
            question = tr("Save the changes to {file} first?").format(file=self.editor.path.name)
        else:
            question = tr("Save the changes to the new campaign first?")
        return QMessageBox.question(
            self.window,
            tr("Unsaved changes"),
            question,
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )

    # Commands --------------------------------------------------------------------------------

    def may_discard(self) -> bool:
        """True when the current campaign may be replaced (saved, or the user said so)."""
        if not self.editor.modified:
            return True
        answer = self.ask_discard()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new(self) -> None:
        if self.may_discard():
            self._suggested_path = None
            self.clear_note()
            self.editor.replace(new_document(self._time_zone()), fresh=True)

    def open(self) -> None:
        if not self.may_discard():
            return
        path = self.ask_open_path()
        if path:
            self.open_path(Path(path))

    def open_path(self, path: Path) -> bool:
        """Load ``path`` into the editor; on failure the editor and the file stay as they were."""
        try:
            document = load_campaign_file(path, default_time_zone=self._time_zone())
        except CampaignFileError as exc:
            show_message(self.window, tr("The campaign could not be opened"), exc.user_message, details=exc.details)
            return False
        except Exception as exc:  # a bug in reading must not end the window, nor pass unsaid
            log.exception("campaign file %s could not be read", path)
            show_message(
                self.window,
                tr("The campaign could not be opened"),
                tr("{file} could not be read: it holds something the program does not understand.").format(
                    file=path.name
                ),
                details=f"{type(exc).__name__}: {exc}",
            )
            return False
        self.clear_note()  # it was about the campaign that is being replaced
        if document.note:
            # A bare request read in the computer's time zone is not a campaign file yet: it opens unsaved, and
            # Save asks where to write the campaign (beside the original), so the user's own file stays as it was.
            self._suggested_path = path.resolve().with_name(campaign_file_name(path))
            self.editor.replace(document, None, modified=True)
            self.show_note(document.note)
        else:
            self._suggested_path = None
            self.editor.replace(document, path.resolve())
        return True

    def show_note(self, note: str) -> None:
        """Tell the user how a file was read: in the window's status bar until the campaign is saved or
        replaced (whole, on two lines if need be: a message there would be cut short), or as a message."""
        if not isinstance(self.window, QMainWindow):
            show_message(self.window, tr("Campaign opened"), note, kind="info")
            return
        if self.note_label is None:
            self.note_label = FittedLabel()
            self.note_label.setObjectName("fileNote")
            self.note_label.setTextFormat(Qt.TextFormat.PlainText)
            self.window.statusBar().addWidget(self.note_label, 1)
        self.note_label.setText(note)
        self.note_label.show()

    def clear_note(self) -> None:
        """Take the note off the status bar: it was about a campaign that is saved or replaced now."""
        if self.note_label is not None:
            self.note_label.clear()
            self.note_label.hide()

    def save(self) -> bool:
        if self.editor.path is None:
            return self.save_as()
        return self._write(self.editor.path)

    def save_as(self) -> bool:
        path = self.ask_save_path()
        return self._write(Path(path)) if path else False

    def _write(self, path: Path) -> bool:
        try:
            save_campaign_file(path, self.editor.document)
        except OSError as exc:
            show_message(
                self.window,
                tr("The campaign was not saved"),
                tr("{file} could not be written. Choose another folder or check the disk.").format(file=path.name),
                details=f"{type(exc).__name__}: {exc}",
            )
            return False
        self.editor.mark_saved(path.resolve())
        self._suggested_path = None
        self.clear_note()  # saved as a campaign file: the time zone is kept with it now
        return True
