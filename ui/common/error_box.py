"""A failure said in plain words, with "Retry" and "Copy details" (for support) buttons.

box = ErrorBox(retry_text="Retry")
box.retry_clicked.connect(self.reload)
box.show_error(exc)   # an ApiError: its user_message is shown, its details are copied
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QStyle, QVBoxLayout, QWidget

from app.language import tr, tr_mark
from ui.common.theme import set_bold

# Said when a failure has no words of its own (shown with tr()).
GENERIC_MESSAGE = tr_mark("Something went wrong. Try again in a moment.")


def explain(error: BaseException, fallback_message: str = "") -> tuple[str, str]:
    """Plain words and support details for a failure of a background task: an error's own words
    when it has them (``ApiError``, ``HistoryError``...), else ``fallback_message`` or a general one."""
    message = getattr(error, "user_message", None)
    if isinstance(message, str) and message:
        return message, str(getattr(error, "details", "") or "")
    general = fallback_message or tr(GENERIC_MESSAGE)
    return general, f"{type(error).__name__}: {error}"


class ErrorBox(QFrame):
    """Hidden until ``show_error``; ``details`` holds what "Copy details" puts on the clipboard.

    Signal: ``retry_clicked()``.
    """

    retry_clicked = Signal()

    def __init__(self, *, retry_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorBox")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.details = ""
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        icon = QLabel()
        size = self.fontMetrics().height() * 2
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(size, size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        row.addWidget(icon)
        self.message_label = QLabel()
        self.message_label.setObjectName("errorMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_bold(self.message_label)  # the icon says "error"; the text stays readable
        row.addWidget(self.message_label, 1)
        layout.addLayout(row)
        buttons = QHBoxLayout()
        self.retry_button = QPushButton(tr("Retry"))
        self.retry_button.setObjectName("errorRetry")
        self.retry_button.setAccessibleName(retry_name or tr("Retry"))
        buttons.addWidget(self.retry_button)
        self.copy_button = QPushButton(tr("Copy details"))
        self.copy_button.setObjectName("errorCopyDetails")
        self.copy_button.setAccessibleName(tr("Copy the technical details for support"))
        self.copy_button.setToolTip(tr("Copies technical details you can send to support."))
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.retry_button.clicked.connect(self.retry_clicked)
        self.copy_button.clicked.connect(self.on_copy_clicked)
        self.hide()

    def show_error(self, error: BaseException, fallback_message: str = "") -> None:
        """Say what failed: the error's own words, else ``fallback_message``."""
        message, details = explain(error, fallback_message)
        self.details = details
        self.message_label.setText(message)
        self.copy_button.setEnabled(bool(details))
        self.show()

    def on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
