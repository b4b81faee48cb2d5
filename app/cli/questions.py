"""Asking yes or no on the terminal before a command does something that cannot be undone."""

from __future__ import annotations

import sys
from enum import Enum

from app.cli import EXIT_INPUT, EXIT_INTERRUPTED
from app.cli.files import say


class _NoAnswer(Enum):
    NO_TERMINAL = "no terminal"
    END_OF_INPUT = "end of input"  # Ctrl+D (Ctrl+Z, Enter on Windows) at the prompt


def _confirm(question: str) -> bool | _NoAnswer:
    """True/False from the terminal, or why there is no answer. Ctrl+C raises KeyboardInterrupt."""
    if not sys.stdin or not sys.stdin.isatty():
        return _NoAnswer.NO_TERMINAL
    try:
        answer = input(f"{question} [y/N] ")
    except EOFError:
        return _NoAnswer.END_OF_INPUT
    return answer.strip().lower() in ("y", "yes")


def confirmed(question: str, *, nothing_done: str, verb: str) -> int | None:
    """None when the user said yes; otherwise the exit code, with ``nothing_done`` ("Nothing was sent") said."""
    try:
        answer = _confirm(question)
    except KeyboardInterrupt:
        say(f"\n{nothing_done}.")
        return EXIT_INTERRUPTED
    if answer is _NoAnswer.NO_TERMINAL:
        say(f"{nothing_done}: there is no terminal to confirm on. Add --yes to {verb} without asking.")
        return EXIT_INPUT
    if answer is not True:
        say(f"\n{nothing_done}." if answer is _NoAnswer.END_OF_INPUT else f"{nothing_done}.")
        return EXIT_INPUT
    return None
