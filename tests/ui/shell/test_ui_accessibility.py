"""Desktop manners: every control can be reached by keyboard and is named for screen readers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCalendarWidget,
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from app.sandbox import SandboxServer
from helpers.window import EXAMPLES, close_window, make_window, sandbox_connection

CONTROLS = (QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox, QCalendarWidget)


def _named(widget: QWidget, buddies: set[int]) -> bool:
    if widget.accessibleName().strip():
        return True
    if isinstance(widget, QAbstractButton) and (widget.text().strip() or widget.toolTip().strip()):
        return True
    return id(widget) in buddies


def _inside_a_named_control(widget: QWidget) -> bool:
    """Parts of compound controls (a combo box's line edit, a spin box's editor) take its name."""
    parent = widget.parentWidget()
    return isinstance(parent, (QComboBox, QAbstractSpinBox, QCalendarWidget, QLineEdit)) or (
        parent is not None and parent.objectName() == "qt_calendar_navigationbar"
    )


def test_every_control_is_named_and_reachable_by_keyboard(qtbot):
    server = SandboxServer()
    harness = make_window(qtbot, sandbox_connection(server), server)
    try:
        window = harness.window
        window.files.open_path(EXAMPLES / "spring-sale.rcs.json")
        buddies = {id(label.buddy()) for label in window.findChildren(QLabel) if label.buddy() is not None}
        unnamed, unreachable = [], []
        checked = 0
        for widget in window.findChildren(QWidget):
            if not isinstance(widget, CONTROLS) or _inside_a_named_control(widget):
                continue
            if widget.objectName().startswith("qt_"):  # Qt's own parts (scroll bars, tab arrows)
                continue
            checked += 1
            if not _named(widget, buddies):
                unnamed.append(
                    f"{type(widget).__name__} {widget.objectName()!r} in {type(widget.parentWidget()).__name__}"
                )
            if widget.focusPolicy() == Qt.FocusPolicy.NoFocus and not isinstance(widget, QAbstractButton):
                unreachable.append(f"{type(widget).__name__} {widget.objectName()!r}")
        assert checked >= 25  # the card, button, list, schedule and SMS controls were all looked at
        assert unnamed == []
        assert unreachable == []
    finally:
        close_window(harness)


def test_main_actions_have_keyboard_shortcuts(qtbot):
    server = SandboxServer()
    harness = make_window(qtbot, sandbox_connection(server), server)
    try:
        shortcuts = {
            action.text().replace("&", ""): action.shortcut().toString()
            for menu in harness.window.menuBar().findChildren(QMenu)
            for action in menu.actions()
            if not action.isSeparator()
        }
        for name in ("New campaign", "Open…", "Save", "Save as…", "Quit", "Send…"):
            assert shortcuts.get(name), (name, shortcuts)
    finally:
        close_window(harness)
