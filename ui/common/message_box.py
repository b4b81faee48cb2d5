"""Telling the user about a failure: plain words, what to do, and "Copy details" for support."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.language import tr
from ui.common.fit_text import keep_texts_whole


class MessageDialog(QDialog):
    """A non-blocking message with an optional "Copy details" button (shown with ``open()``)."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        message: str,
        *,
        details: str = "",
        kind: str = "error",
        action: tuple[str, Callable[[], None]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("messageDialog")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        icon_kind = {
            "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
            "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
            "info": QStyle.StandardPixmap.SP_MessageBoxInformation,
        }[kind]
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(self.style().standardIcon(icon_kind).pixmap(size, size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.message_label = QLabel(message)
        self.message_label.setObjectName("messageText")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.setMinimumWidth(self.fontMetrics().averageCharWidth() * 48)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addWidget(self.message_label, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        self.details = details
        self.copy_button: QPushButton | None = None
        if details:
            self.copy_button = buttons.addButton(tr("Copy details"), QDialogButtonBox.ButtonRole.ActionRole)
            self.copy_button.setToolTip(tr("Copy technical details to send to support"))
            self.copy_button.clicked.connect(self.on_copy_clicked)
        if action is not None:
            text, callback = action
            action_button = buttons.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
            action_button.setObjectName("messageActionButton")
            action_button.clicked.connect(callback)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(buttons)
        keep_texts_whole(self)  # texts added while it is open (``Notices``) must not be cut off

    def on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        if self.copy_button is not None:
            self.copy_button.setText(tr("Copied"))


def show_message(
    parent: QWidget | None,
    title: str,
    message: str,
    *,
    details: str = "",
    kind: str = "error",
    action: tuple[str, Callable[[], None]] | None = None,
) -> MessageDialog:
    """Open a message (non-blocking); ``action`` adds a button that does something and closes it."""
    dialog = MessageDialog(parent, title, message, details=details, kind=kind, action=action)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
