"""The ``rcs-desk`` program: the command line, with the window when it is installed.

The one place that knows both halves: the core (``app``) never imports the window (``ui``), so
the window's commands and its start are handed to the command line here. Nothing here imports
Qt: a command starts without it.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.cli import WindowFrontEnd


def main(argv: Sequence[str] | None = None) -> int:
    """``rcs-desk``: a command, or the window when no command is given."""
    from app.cli import main as run_command_line

    window: WindowFrontEnd | None = None
    if importlib.util.find_spec("ui") is not None:
        from ui.shell import command_line

        window = command_line

    return run_command_line(argv, window=window)


if __name__ == "__main__":
    sys.exit(main())
