"""Offering back, one at a time, the campaigns autosaved by windows that did not close normally."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt

from app.language import tr
from app.platform.atomic import describe_os_error
from app.platform.recovery import RecoveryEntry
from ui.shell.autosave import Autosave
from ui.shell.restore_dialog import RestoreDialog

if TYPE_CHECKING:
    from ui.shell.main_window import MainWindow


class RestoreOffers(QObject):
    """Listens to ``autosave`` and asks, through ``window.present_restore``, whether to restore."""

    def __init__(self, window: MainWindow, autosave: Autosave) -> None:
        super().__init__(window)
        self.window = window
        self.autosave = autosave
        autosave.orphans_found.connect(self.on_orphans_found)
        autosave.failed.connect(self.on_autosave_failed)

    def on_orphans_found(self, entries: list[RecoveryEntry]) -> None:
        """Offer the campaigns left by windows that did not close normally, one at a time."""
        damaged = self.autosave.store.damaged
        if damaged:
            self.window.statusBar().showMessage(damaged[0], 15000)
        if not entries:
            return
        entry, rest = entries[0], entries[1:]
        dialog = RestoreDialog(entry, parent=self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self._on_restore_answered(dialog.choice, entry, rest))
        self.window.present_restore(dialog)

    def on_autosave_failed(self, error: BaseException) -> None:
        # Translators: said in brackets when the reason is not known, in "could not be saved for recovery ({reason})".
        reason = describe_os_error(error) if isinstance(error, OSError) else tr("is the disk full?")
        self.window.statusBar().showMessage(
            tr("Your changes could not be saved for recovery ({reason}). Save the campaign to a file.").format(
                reason=reason
            ),
            0,
        )

    def _on_restore_answered(self, choice: str, entry: RecoveryEntry, rest: list[RecoveryEntry]) -> None:
        store = self.autosave.store
        if choice == "restore" and self.window.files.may_discard():
            document = store.adopt(entry)
            self.window.editor.replace(document, entry.source_path, modified=True)
        elif choice == "discard":
            store.discard(entry)
        else:
            store.release(entry)
        self.on_orphans_found(rest)
