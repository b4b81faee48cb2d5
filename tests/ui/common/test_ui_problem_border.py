"""A field with a problem gets a coloured border drawn over it: spin boxes keep their arrows, and no
style sheet is needed (one would slow down every widget it applies to)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QTimeEdit,
    QWidget,
)

from ui.common.problem_marks import ProblemBorder, mark_field
from ui.common.theme import tone_color, use_theme


@pytest.fixture(params=["light", "dark"])
def theme(request, qapp) -> Iterator[str]:
    """The application in the light or dark theme; its style and palette put back afterwards."""
    style, palette = qapp.style().name(), QPalette(qapp.palette())
    use_theme(qapp, request.param)
    yield request.param
    qapp.setStyle(style)
    qapp.setPalette(palette)


def shown(qtbot, field: QWidget) -> QWidget:
    qtbot.addWidget(field)
    field.resize(220, 60 if isinstance(field, QPlainTextEdit | QTextEdit) else 28)
    field.show()
    qtbot.waitExposed(field)
    return field


@pytest.mark.parametrize("kind", [QSpinBox, QTimeEdit])
def test_a_spin_box_border_is_drawn_over_it_and_follows_its_size(qtbot, kind):
    field = shown(qtbot, kind())
    mark_field(field, "error")
    [border] = field.findChildren(ProblemBorder)
    assert border.isVisible() and border.severity == "error"
    field.resize(240, 30)
    assert border.geometry() == field.rect()
    picture = field.grab().toImage()
    assert picture.pixelColor(field.width() // 2, 1).name() == tone_color("error", field)

    mark_field(field, "warning")
    assert field.findChildren(ProblemBorder) == [border] and border.severity == "warning"
    mark_field(field, "")
    assert not border.isVisible() and field.property("severity") == ""


@pytest.mark.parametrize("kind", [QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QSpinBox])
def test_every_kind_of_field_with_a_problem_shows_its_border(theme, qtbot, kind):
    field = shown(qtbot, kind())
    if isinstance(field, QComboBox):
        field.setEditable(True)  # its line would cover a border drawn under it
    clean = field.grab().toImage()
    middle = field.width() // 2
    for severity in ("error", "warning"):
        mark_field(field, severity)
        assert field.property("severity") == severity  # what the panels' tests read
        picture = field.grab().toImage()
        colour = tone_color(severity, field)
        assert picture.pixelColor(middle, 1).name() == colour, f"{theme} {severity} top"
        assert picture.pixelColor(1, field.height() // 2).name() == colour, f"{theme} {severity} left"
    mark_field(field, "")
    assert field.grab().toImage() == clean


def test_a_field_that_never_had_a_problem_gets_no_border_widget(qtbot):
    field = QLineEdit()
    qtbot.addWidget(field)
    mark_field(field, "")
    assert field.property("severity") == "" and not field.findChildren(ProblemBorder)


def test_no_field_needs_a_style_sheet(qtbot):
    field = shown(qtbot, QLineEdit())
    mark_field(field, "error")
    assert field.styleSheet() == "" and QApplication.instance().styleSheet() == ""


def test_a_check_box_with_a_problem_gets_no_border(qtbot):
    box = shown(qtbot, QCheckBox("Skip numbers on the SMS stop list"))
    mark_field(box, "error")  # the message under it says what is wrong
    assert box.property("severity") == "error" and not box.findChildren(ProblemBorder)
