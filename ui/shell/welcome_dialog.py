"""First start without an API key: enter one, or try the demo."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app import APP_NAME
from app.language import tr
from ui.common.fit_text import keep_texts_whole
from ui.common.theme import set_role
from ui.shell.settings_dialog import key_kept_text


class WelcomeDialog(QDialog):
    """``choice`` is "key" or "demo" after the dialog is accepted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomeDialog")
        self.setWindowTitle(tr("Welcome to {program}").format(program=APP_NAME))
        self.choice = ""
        heading = QLabel(tr("Welcome! How do you want to start?"))
        set_role(heading, "heading")
        text = QLabel(
            # Translators: {where_kept} is a sentence of its own: "It is kept in the password store, not in a file."
            tr(
                "To send real campaigns, enter the API key of your WWT.world account "
                "(Integrations & API → SMPP/API Password). {where_kept}\n\n"
                "Or try everything first with the demo: it works like the real thing, but nothing is sent."
            ).format(where_kept=key_kept_text())
        )
        text.setWordWrap(True)
        key_button = QPushButton(tr("Enter API key…"))
        key_button.setObjectName("enterKeyButton")
        key_button.clicked.connect(lambda: self._choose("key"))
        demo_button = QPushButton(tr("Try the demo"))
        demo_button.setObjectName("tryDemoButton")
        demo_button.setDefault(True)
        demo_button.clicked.connect(lambda: self._choose("demo"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(key_button)
        buttons.addWidget(demo_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(text)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        keep_texts_whole(self)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()
