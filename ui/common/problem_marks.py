"""Showing validation problems at the field they concern, as the user types.

A ``ProblemLabel`` sits under a field; ``FieldProblems`` maps request paths
(``options.cards[0].title``) to (field, label) pairs and shows the first error, else the
first warning, of each path. Errors and warnings differ in colour and in their symbol,
so colour-blind users can tell them apart too.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QTextEdit,
    QWidget,
)

from app.validation import Problem
from ui.common.theme import ERROR_COLOR, WARNING_COLOR, set_tone, tone_color

# The colours too, for older callers.
__all__ = ["ERROR_COLOR", "WARNING_COLOR", "FieldProblems", "ProblemLabel", "mark_field", "problem_html"]


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
        set_tone(self, "error" if problem.is_error else "warning")  # follows the light or dark palette
        self.setAccessibleDescription(problem.message)
        self.show()


class ProblemBorder(QWidget):
    """The coloured border of a field with a problem, drawn over the field.

    Drawn rather than set with a style sheet: a style sheet slows down every widget it applies to,
    and once one gives a spin box a border, Qt stops drawing its arrows.
    """

    def __init__(self, field: QWidget) -> None:
        super().__init__(field)
        self.setObjectName("problemBorder")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.severity = ""
        field.installEventFilter(self)
        self.setGeometry(field.rect())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
        return False

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor(tone_color(self.severity, self)), 2)
        painter.setPen(pen)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 3, 3)


# The fields that get a border: those with a box around the value.
BORDERED_FIELDS = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox)


def mark_field(field: QWidget, severity: str) -> None:
    """Give a field a coloured border by ``severity`` ("", "error", "warning"), kept in its ``severity``
    property too."""
    if field.property("severity") == severity:
        return
    field.setProperty("severity", severity)
    border = field.findChild(ProblemBorder, options=Qt.FindChildOption.FindDirectChildrenOnly)
    if border is None:
        if not severity or not isinstance(field, BORDERED_FIELDS):  # a check box's message says enough
            return
        border = ProblemBorder(field)
    border.severity = severity
    border.setVisible(bool(severity))
    border.raise_()  # above the parts of the field made since (a scroll bar, an editable combo box's line)
    border.update()


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
