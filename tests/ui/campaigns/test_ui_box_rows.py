"""The boxes' layout keeps its answers until a box changes (Qt asks for them thousands of times a pass)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel, QWidget

from ui.campaigns.box_rows import BoxRows


def test_the_sizes_kept_follow_a_box_whose_text_changed(qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    layout = BoxRows(holder)
    short, other = QLabel("Short"), QLabel("Other")
    for label in (short, other):
        label.setWordWrap(True)
        layout.add_widget(label)
    holder.resize(300, 200)
    holder.show()
    QApplication.processEvents()
    before = layout.heightForWidth(120)
    assert layout.heightForWidth(120) == before  # asked again: the same answer
    short.setText("A much longer text that needs several lines at this width " * 3)
    assert layout.heightForWidth(120) > before
    both = layout.sizeHint().width()
    short.hide()  # a hidden box takes no room
    assert layout.sizeHint().width() < both
