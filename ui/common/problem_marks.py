"""Showing validation problems at the field they concern, as the user types.

A ``ProblemLabel`` sits under a field; ``FieldProblems`` maps request paths
(``options.cards[0].title``) to (field, label) pairs and shows the first error, else the
first warning, of each path. Errors and warnings differ in colour and in their symbol,
so colour-blind users can tell them apart too.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from app.validation import Problem

ERROR_COLOR = "#c62828"
WARNING_COLOR = "#9a6700"


def problem_html(problem: Problem) -> str:
    symbol = "✖" if problem.is_error else "⚠"
    return f"{symbol} {problem.message}"


class ProblemLabel(QLabel):
    """A one-line (wrapping) message under a field; hidden when there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.setObjectName("problemLabel")
        self.hide()

    def show_problem(self, problem: Problem | None) -> None:
        if problem is None:
            self.clear()
            self.setProperty("severity", "")
            self.hide()
            return
        self.setText(problem_html(problem))
        self.setProperty("severity", problem.severity)
        color = ERROR_COLOR if problem.is_error else WARNING_COLOR
        self.setStyleSheet(f"color: {color};")
        self.setAccessibleDescription(problem.message)
        self.show()


def mark_field(field: QWidget, severity: str) -> None:
    """Give a field a coloured border by its ``severity`` property ("", "error", "warning")."""
    if field.property("severity") == severity:
        return
    field.setProperty("severity", severity)
    style = field.style()
    style.unpolish(field)
    style.polish(field)


class FieldProblems:
    """Routes problems to the fields of one panel by request path."""

    def __init__(self) -> None:
        self._fields: dict[str, tuple[QWidget, ProblemLabel]] = {}

    def bind(self, path: str, field: QWidget, label: ProblemLabel) -> None:
        self._fields[path] = (field, label)

    def paths(self) -> set[str]:
        return set(self._fields)

    def show(self, problems: Iterable[Problem]) -> list[Problem]:
        """Show each bound path's most serious problem; return the problems no field took."""
        best: dict[str, Problem] = {}
        unplaced: list[Problem] = []
        for problem in problems:
            if problem.path in self._fields:
                current = best.get(problem.path)
                if current is None or (problem.is_error and not current.is_error):
                    best[problem.path] = problem
            else:
                unplaced.append(problem)
        for path, (field, label) in self._fields.items():
            shown = best.get(path)
            label.show_problem(shown)
            mark_field(field, shown.severity if shown else "")
        return unplaced
