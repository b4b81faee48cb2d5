"""A spin box or time field with a problem gets its coloured border without losing its arrows."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLineEdit, QSpinBox, QTimeEdit

from ui.common.problem_marks import ProblemBorder, mark_field
from ui.common.theme import style_sheet, tone_color


@pytest.mark.parametrize("kind", [QSpinBox, QTimeEdit])
def test_a_spin_box_border_is_drawn_over_it_and_follows_its_size(qtbot, kind):
    field = kind()
    qtbot.addWidget(field)
    field.resize(160, 28)
    field.show()
    mark_field(field, "error")
    [border] = field.findChildren(ProblemBorder)
    assert border.isVisible() and border.severity == "error"
    field.resize(220, 30)
    assert border.geometry() == field.rect()
    picture = field.grab().toImage()
    assert picture.pixelColor(field.width() // 2, 1).name() == tone_color("error", field)

    mark_field(field, "warning")
    assert field.findChildren(ProblemBorder) == [border] and border.severity == "warning"
    mark_field(field, "")
    assert not border.isVisible()


def test_other_fields_keep_their_style_sheet_border(qtbot):
    field = QLineEdit()
    qtbot.addWidget(field)
    mark_field(field, "error")
    assert field.property("severity") == "error" and not field.findChildren(ProblemBorder)


@pytest.mark.parametrize("dark", [False, True])
def test_the_style_sheet_never_borders_a_spin_box(dark):
    # A style-sheet border on a spin box makes Qt draw its arrow buttons empty.
    assert QApplication.instance() is not None
    sheet = style_sheet(dark)
    assert "SpinBox" not in sheet and "QTimeEdit" not in sheet and "QDateTimeEdit" not in sheet
