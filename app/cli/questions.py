"""Asking yes or no on the terminal before a command does something that cannot be undone."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from enum import Enum

from app.cli import EXIT_INPUT, EXIT_INTERRUPTED
from app.cli.files import say
from app.language import tr, tr_c, tr_mark


@dataclass(frozen=True)
class Refusal:
    """What is said when the answer is not yes (English, marked: said with ``tr``)."""

    nothing_done: str  # "Nothing was sent."
    no_terminal: str  # the same, with why and how to do it without asking


NOT_SENT = Refusal(
    tr_mark("Nothing was sent."),
    tr_mark("Nothing was sent: there is no terminal to confirm on. Add --yes to send without asking."),
)
NOT_STOPPED = Refusal(
    tr_mark("Nothing was stopped."),
    tr_mark("Nothing was stopped: there is no terminal to confirm on. Add --yes to stop without asking."),
)
NOT_REPLACED = Refusal(
    tr_mark("Nothing was written."),
    tr_mark("Nothing was written: there is no terminal to confirm on. Add --overwrite to replace the files."),
)


class _NoAnswer(Enum):
    NO_TERMINAL = "no terminal"
    END_OF_INPUT = "end of input"  # Ctrl+D (Ctrl+Z, Enter on Windows) at the prompt


def yes_words() -> frozenset[str]:
    """The answers that mean yes: English "y" and "yes" in every language, and the language's own."""
    # Translators: the short and the long answer "yes" a person may type at a [y/N] question.
    own = (tr_c("answer to a question", "y"), tr_c("answer to a question", "yes"))
    return frozenset(word.strip().lower() for word in ("y", "yes", *own))


def can_ask() -> bool:
    """Whether a question can be answered: standard input is a terminal."""
    return bool(sys.stdin) and sys.stdin.isatty()


def _confirm(question: str) -> bool | _NoAnswer:
    """True/False from the terminal, or why there is no answer. Ctrl+C raises KeyboardInterrupt."""
    if not can_ask():
        return _NoAnswer.NO_TERMINAL
    try:
        # Translators: after a yes/no question: y (yes) or N (no, the answer when only Enter is pressed).
        answer = input(question + " " + tr("[y/N]") + " ")
    except EOFError:
        return _NoAnswer.END_OF_INPUT
    return answer.strip().lower() in yes_words()


def refused_without_terminal(refusal: Refusal, *, yes: bool) -> int | None:
    """Before a command says what it would do: when it will have to ask (no ``--yes``) and there is no
    terminal to answer on, ``refusal`` is said alone (no summary that looks about to act) and the exit
    code returned; else None."""
    if yes or can_ask():
        return None
    say(tr(refusal.no_terminal))
    return EXIT_INPUT


def confirmed(question: str, refusal: Refusal) -> int | None:
    """None when the user said yes; otherwise the exit code, with ``refusal`` said."""
    try:
        answer = _confirm(question)
    except KeyboardInterrupt:
        say("\n" + tr(refusal.nothing_done))
        return EXIT_INTERRUPTED
    if answer is _NoAnswer.NO_TERMINAL:
        say(tr(refusal.no_terminal))
        return EXIT_INPUT
    if answer is not True:
        say(("\n" if answer is _NoAnswer.END_OF_INPUT else "") + tr(refusal.nothing_done))
        return EXIT_INPUT
    return None
