"""What the Recipients tab shows instead of the lists while there is no API key: how to connect."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.language import tr


class NeedsKeyPanel(QWidget):
    """Signals ``settings_requested()`` ("Open Settings…") and ``demo_requested()`` ("Try the demo")."""

    settings_requested = Signal()
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("groupNeedsKey")
        self.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        text = QLabel(tr("Connect your WWT.world account to see your contact lists."), self)
        text.setObjectName("groupNeedsKeyText")
        text.setWordWrap(True)
        layout.addWidget(text)
        layout.addSpacing(text.fontMetrics().height() // 2)
        self.open_settings_button = QPushButton(tr("Open Settings…"), self)
        self.open_settings_button.setObjectName("groupOpenSettings")
        self.open_settings_button.setAccessibleName(tr("Open Settings to enter your API key"))
        self.open_settings_button.setToolTip(tr("Enter the API key of your WWT.world account."))
        self.open_settings_button.clicked.connect(self.settings_requested)
        self.try_demo_button = QPushButton(tr("Try the demo"), self)
        self.try_demo_button.setObjectName("groupTryDemo")
        self.try_demo_button.setAccessibleName(tr("Try the demo, where nothing is sent"))
        self.try_demo_button.setToolTip(tr("Works like the real thing, with sample lists; nothing is sent."))
        self.try_demo_button.clicked.connect(self.demo_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_settings_button)
        buttons.addWidget(self.try_demo_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)
