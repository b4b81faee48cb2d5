"""Starting the window: the QApplication, the connection, the first-start question."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from app import APP_ID, APP_NAME, __version__
from app.config import AppPaths, Settings, app_paths, load_settings
from app.connection import open_connection
from app.credentials import CredentialsError, load_api_key
from ui.main_window import MainWindow
from ui.qt_messages import route_qt_messages
from ui.theme import apply_theme


def create_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, named and themed (reused when it exists, as in tests)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("WWT.world")
    apply_theme(app)
    QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_theme(app))
    return app


def has_api_key() -> bool:
    try:
        return load_api_key() is not None
    except CredentialsError:
        return False


def build_window(
    *, demo: bool, api_url: str | None = None, settings: Settings | None = None, paths: AppPaths | None = None
) -> MainWindow:
    settings = settings or load_settings()
    paths = paths or app_paths()
    connection = open_connection(settings, demo=demo, api_url=api_url)
    return MainWindow(settings, connection, paths, load_lists=demo or has_api_key())


def offer_demo_or_key(window: MainWindow) -> None:
    """No key yet: ask whether to enter one or try the demo."""
    from ui.welcome_dialog import WelcomeDialog

    dialog = WelcomeDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def on_finished(_result: int) -> None:
        if dialog.choice == "demo":
            window.set_connection(open_connection(window.settings, demo=True))
        elif dialog.choice == "key":
            window.open_settings()

    dialog.finished.connect(on_finished)
    dialog.open()


def run_window(*, demo: bool = False, api_url: str | None = None, files: list[str] | None = None) -> int:
    route_qt_messages()
    app = create_application()
    window = build_window(demo=demo, api_url=api_url)
    window.show()
    if files:
        window.files.open_path(Path(files[0]))
    if not demo and not has_api_key():
        offer_demo_or_key(window)
    return app.exec()
