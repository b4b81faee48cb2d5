"""Files the program ships beside its code (icons), found both from the source tree and
from a packaged (PyInstaller) program.

From source, ``resources/`` is the folder next to the ``app`` package (two levels above this module). In a packaged program
PyInstaller unpacks data under ``sys._MEIPASS`` (the ``_internal`` folder of the one-folder
build, ``Contents/Frameworks`` of the macOS bundle); the spec puts ``resources/icons`` there.
"""

from __future__ import annotations

import sys
from pathlib import Path

ICON_PNG = "icons/rcs-desk.png"


def is_frozen() -> bool:
    """True in a program built by PyInstaller."""
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def resources_dir() -> Path:
    """The folder holding the shipped resources (it may be missing in a bare pip install)."""
    if is_frozen():
        return Path(getattr(sys, "_MEIPASS")) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(relative: str) -> Path | None:
    """The shipped file ``relative`` (e.g. ``"icons/rcs-desk.png"``), or None when it is not there."""
    path = resources_dir() / relative
    return path if path.is_file() else None


def window_icon_path() -> Path | None:
    """The PNG used as the window icon (the packaged programs also carry per-OS icon files)."""
    return resource_path(ICON_PNG)
