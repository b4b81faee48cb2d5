"""Files the program ships beside its code (icons), found in an installed program (``pip install .``
or an editable install) and in a packaged (PyInstaller) one.

The top-level ``resources/`` folder is installed as the package ``rcs_desk.resources`` (pyproject.toml,
``[tool.setuptools.package-dir]``) and read with ``importlib.resources``. In a packaged program
PyInstaller unpacks data under ``sys._MEIPASS`` (the ``_internal`` folder of the one-folder build,
``Contents/Frameworks`` of the macOS bundle); the spec puts ``resources/icons`` there. A source
checkout that was never installed (``PYTHONPATH=.``) reads the folder itself.
"""

from __future__ import annotations

import atexit
import sys
from contextlib import ExitStack
from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path

PACKAGE = "rcs_desk.resources"
ICON_PNG = "icons/rcs-desk.png"

# Files extracted to real paths (only when the package is not plain files, e.g. zipped), removed at exit.
_extracted = ExitStack()
atexit.register(_extracted.close)


def is_frozen() -> bool:
    """True in a program built by PyInstaller."""
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def resources_dir() -> Traversable:
    """The shipped resources: a folder of the packaged program, else the ``rcs_desk.resources`` package."""
    if is_frozen():
        return Path(getattr(sys, "_MEIPASS", "")) / "resources"
    try:
        return files(PACKAGE)
    except ModuleNotFoundError:  # a checkout run without installing it: the folder itself
        return Path(__file__).resolve().parents[2] / "resources"


def resource_path(relative: str) -> Path | None:
    """The shipped file ``relative`` (e.g. ``"icons/rcs-desk.png"``) as a real path (Qt opens it by
    name), or None when it is not there."""
    resource = resources_dir().joinpath(relative)
    if not resource.is_file():
        return None
    if isinstance(resource, Path):
        return resource
    return _extracted.enter_context(as_file(resource))


def window_icon_path() -> Path | None:
    """The PNG used as the window icon (the packaged programs also carry per-OS icon files)."""
    return resource_path(ICON_PNG)
