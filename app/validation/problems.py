"""What validation reports: a ``Problem`` with a path into the request, a severity and a message."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]
ERROR: Severity = "error"
WARNING: Severity = "warning"


@dataclass(frozen=True)
class Problem:
    """One problem with a campaign.

    ``path`` points into the request (``"options.cards[1].suggestions[0].text"``; ``""`` is the whole
    request); an ``error`` blocks sending, a ``warning`` does not; ``message`` is for the user.
    An ``overridable`` error blocks sending until the user confirms sending anyway (a picture the
    check proved phones will not show: the user may know better, for example that it is being fixed).
    """

    path: str
    severity: Severity
    message: str
    overridable: bool = False

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def has_errors(problems: Iterable[Problem]) -> bool:
    """True when at least one problem blocks sending (an overridable error too, until overridden)."""
    return any(problem.is_error for problem in problems)


def blocking_errors(problems: Iterable[Problem]) -> list[Problem]:
    """The errors that must be corrected: no "Send anyway" can override them."""
    return [problem for problem in problems if problem.is_error and not problem.overridable]


def overridable_errors(problems: Iterable[Problem]) -> list[Problem]:
    """The errors the user may override in the confirmation ("Send anyway")."""
    return [problem for problem in problems if problem.is_error and problem.overridable]


def join_path(base: str, member: str | int) -> str:
    """``join_path("options.cards", 1)`` -> ``"options.cards[1]"``; ``join_path("", "x")`` -> ``"x"``."""
    if isinstance(member, int):
        return f"{base}[{member}]"
    return f"{base}.{member}" if base else member
