"""The window's size and splitter positions, remembered between sessions (an INI file in the config folder)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QSplitter, QWidget

from app.platform.atomic import make_private_dir
from app.platform.config import AppPaths


def _state(paths: AppPaths) -> QSettings:
    return QSettings(str(paths.config_dir / "window.ini"), QSettings.Format.IniFormat)


def restore_window_state(window: QWidget, splitter: QSplitter, paths: AppPaths) -> bool:
    """Put the window back as it was; False when nothing was remembered yet."""
    state = _state(paths)
    geometry = state.value("geometry")
    splitter_state = state.value("splitter")
    if isinstance(splitter_state, QByteArray):
        splitter.restoreState(splitter_state)
    if isinstance(geometry, QByteArray):
        return window.restoreGeometry(geometry)
    return False


def save_window_state(window: QWidget, splitter: QSplitter, paths: AppPaths) -> None:
    """Remember the window's size (nothing is said when the folder cannot be written: it is not worth it)."""
    try:
        make_private_dir(paths.config_dir)  # before QSettings would make it readable by others
    except OSError:
        return
    state = _state(paths)
    state.setValue("geometry", window.saveGeometry())
    state.setValue("splitter", splitter.saveState())
    state.sync()
