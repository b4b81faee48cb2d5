"""After the language is changed in Settings: "Restart now" or "Later".

The window's texts are made when its widgets are, so another language is used from the next start.
"Restart now" closes every window of the program as the user would (each window's unsaved changes are
asked about: Save, Discard, or Cancel, which keeps that window and the ones not closed yet open and
starts nothing) and then starts the program again with the same campaign files, on the same kind of
server (the demo stays the demo). While any window is sending a campaign, nothing is closed.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QProcess, Qt
from PySide6.QtWidgets import QMessageBox

from app.language import NAMES, tr

if TYPE_CHECKING:
    from ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)


def restart_command(paths: Sequence[Path], *, demo: bool, api_url: str | None) -> tuple[str, list[str]]:
    """The program and arguments that start the program again: the packaged program itself, else this
    Python with ``-m rcs_desk``; ``--demo`` and ``--api-url`` as this run had them; the campaign files."""
    program = sys.executable
    arguments = [] if getattr(sys, "frozen", False) else ["-m", "rcs_desk"]
    if demo:
        arguments.append("--demo")
    if api_url:
        arguments += ["--api-url", api_url]
    arguments += [str(path) for path in paths]
    return program, arguments


def start_detached(program: str, arguments: Sequence[str]) -> bool:
    """Start ``program`` as a process of its own, which outlives this one; False when it could not start."""
    started, _pid = QProcess.startDetached(program, list(arguments))
    return bool(started)


class LanguageRestart(QObject):
    """``offer(language)`` asks whether to restart now. ``present`` shows the question and ``start_program``
    starts the new program (tests replace both)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.present: Callable[[QMessageBox], None] = lambda box: box.open()
        self.start_program: Callable[[str, Sequence[str]], bool] = start_detached

    def offer(self, language: str) -> QMessageBox:
        box = QMessageBox(self.window)
        box.setObjectName("restartQuestion")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(tr("Language"))
        # Translators: {language} is the language's name in itself ("English", "Українська").
        box.setText(
            tr("The new language ({language}) is used from the next start of the program.").format(
                language=NAMES.get(language)
            )
        )
        box.setInformativeText(
            tr("Restart it now? The open campaign opens again; if it has unsaved changes, you are asked first.")
        )
        restart = box.addButton(tr("Restart now"), QMessageBox.ButtonRole.AcceptRole)
        restart.setObjectName("restartNowButton")
        later = box.addButton(tr("Later"), QMessageBox.ButtonRole.RejectRole)
        later.setObjectName("restartLaterButton")
        box.setDefaultButton(restart)
        box.setEscapeButton(later)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: self.restart() if button is restart else None)
        self.present(box)
        return box

    def restart(self) -> bool:
        """Close every window as the user would, then start the program again; False when a window stayed
        open (the user cancelled, or a campaign is being sent) and nothing was started."""
        window = self.window
        windows = [*window.other_windows(), window]  # the one the user chose it in closes last
        sending = next((each for each in windows if each.send_controller.busy or each.test_sends.busy), None)
        if sending is not None:  # checked before any window closes: a half-done restart helps nobody
            window.statusBar().showMessage(tr("Restart once the sending has finished."), 5000)
            return False
        for each in windows:
            if not each.close():
                return False
        # Read after closing ("Save" may just have given a campaign its file); the chosen window's file
        # first, so that it opens in the first window again.
        paths = [each.editor.path for each in [window, *windows[:-1]] if each.editor.path is not None]
        connection = window.connection
        program, arguments = restart_command(
            paths,
            demo=bool(connection is not None and connection.demo),
            api_url=window.api_url_override,
        )
        if not self.start_program(program, arguments):
            log.warning("the program could not be started again: %s %s", program, arguments)
            return False
        return True
