"""Windows: let the windowed ``rcs-desk.exe`` print the output of a command.

The packaged ``rcs-desk.exe`` is a windowed program (no black console window opens beside
the window), so Windows gives it no standard output. When it is started with a command
(``rcs-desk.exe validate file.rcs.json``) from a terminal, ``attach_parent_console`` connects
its output to that terminal. Standard input stays closed, so commands that would ask
(``send`` without ``--yes``, ``set-key``) refuse as they do without a terminal: use the console
twin ``rcs-desk-cli.exe`` for those and for scripts (cmd and PowerShell wait for it and see its
exit code; they do not wait for a windowed program).

Nothing happens on other systems, in the console twin, or when the output is already
redirected (``rcs-desk.exe self-test > out.txt``, as in CI).
"""

from __future__ import annotations

import os
import sys
from typing import Any, TextIO

ATTACH_PARENT_PROCESS = 0xFFFFFFFF  # (DWORD)-1


def needs_console() -> bool:
    """True when a standard stream is missing: a windowed program on Windows."""
    return sys.stdout is None or sys.stderr is None


def attach_parent_console(kernel32: Any | None = None) -> bool:
    """Connect missing standard streams to the parent's console; True when attached.

    ``kernel32`` is for tests (anything with ``AttachConsole``); by default the real one.
    """
    if sys.platform != "win32" and kernel32 is None:
        return False
    if not needs_console():
        return False
    if kernel32 is None:
        import ctypes

        # (WinDLL exists only in Windows' ctypes stubs: the ignore is used elsewhere, unused on Windows.)
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
    if not kernel32.AttachConsole(ATTACH_PARENT_PROCESS):
        return False  # started from Explorer or a shortcut: there is no console to write to
    if sys.stdout is None:
        sys.stdout = _console_stream()
        sys.stdout.write("\n")  # the shell has already printed its next prompt: start below it
    if sys.stderr is None:
        sys.stderr = sys.stdout
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 (lives as long as the program)
    return True


def _console_stream() -> TextIO:
    """The console's output as a text stream (UTF-8: CONOUT$ takes Unicode on every code page)."""
    return open("CONOUT$", "w", encoding="utf-8", errors="replace", buffering=1)


TERMINAL_OPTIONS = frozenset({"-h", "--help", "--version"})


def attach_for_terminal_use(argv: list[str], *, command_given: bool) -> bool:
    """``attach_parent_console`` when the arguments ask for output (a command, --help, --version).

    Opening the window (no command) never attaches: a program attached to a console is closed
    with it.
    """
    if not (command_given or TERMINAL_OPTIONS.intersection(argv)):
        return False
    return attach_parent_console()
