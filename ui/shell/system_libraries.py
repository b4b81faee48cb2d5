"""Before the window opens on Linux: is the system library Qt's X11 support needs installed?

Without libxcb-cursor Qt (6.5 and later) stops the program with a technical message about platform
plugins. This check says in a sentence which package to install instead. It imports no Qt, and
looks only when Qt would use X11: not offscreen (tests, ``screenshot``), not in a Wayland session.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

from app.language import tr

LIBRARY = "xcb-cursor"
SONAME = "libxcb-cursor.so.0"
PACKAGE = "libxcb-cursor0"

FEDORA_PACKAGE = "xcb-util-cursor"


def missing_text() -> str:
    """What to say when the package is missing: which one, and the commands that install it."""
    return tr(
        "The window cannot open: this computer lacks the system package {package}, which the window needs "
        "on Linux. Install it (on Debian or Ubuntu: sudo apt install {package}; on Fedora: sudo dnf install "
        "{fedora_package}), or ask whoever looks after this computer to, then start the program again. "
        "The commands (rcs-desk --help) work without it."
    ).format(package=PACKAGE, fedora_package=FEDORA_PACKAGE)


def missing_window_library(environ: Mapping[str, str] | None = None) -> str | None:
    """A sentence naming the package to install when the window cannot open for lack of it, else None."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return None
    chosen = env.get("QT_QPA_PLATFORM", "").strip().lower()
    if chosen and not chosen.startswith("xcb"):
        return None  # offscreen, wayland, ...: X11 is not used
    if not chosen and (env.get("WAYLAND_DISPLAY") or env.get("XDG_SESSION_TYPE") == "wayland"):
        return None  # Qt tries Wayland first in a Wayland session
    return None if library_found() else missing_text()


def library_found() -> bool:
    """Whether libxcb-cursor can be loaded: loadable as Qt loads it, known to the system, or bundled.

    Loading it by name comes first: it answers in well under a millisecond, where ``find_library``
    runs ``ldconfig -p`` (or gcc) in a child process. Both are imported only here, on X11: the
    start of the window elsewhere does not pay for ``ctypes.util`` and ``subprocess``.
    """
    import ctypes

    try:
        ctypes.CDLL(SONAME)
    except OSError:
        pass
    else:
        return True
    import ctypes.util

    if ctypes.util.find_library(LIBRARY):
        return True
    bundle = getattr(sys, "_MEIPASS", None)  # the packaged program carries its own copy
    return bundle is not None and any(Path(bundle).rglob(f"lib{LIBRARY}.so*"))
