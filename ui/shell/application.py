"""Starting the window: the QApplication, the connection, the first-start question."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFileOpenEvent, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from app import APP_ID, APP_NAME, __version__
from app.platform.config import AppPaths, Settings, app_paths, load_settings
from app.platform.resources import window_icon_path
from app.tasks.connection import check_api_key, open_connection
from ui.common import workers
from ui.common.tab_text_style import keep_tab_titles_whole
from ui.common.theme import apply_theme
from ui.shell.first_paint import report_first_paint
from ui.shell.main_window import MainWindow
from ui.shell.qt_messages import route_qt_messages


def create_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, named and themed (reused when it exists, as in tests)."""
    existing = QApplication.instance()
    if existing is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    elif isinstance(existing, QApplication):
        app = existing
    else:  # a QCoreApplication or QGuiApplication: a window cannot live in it
        raise RuntimeError(f"the window needs a QApplication, and a {type(existing).__name__} exists already")
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("WWT.world")
    app.setDesktopFileName(APP_ID)  # Wayland finds the icon through the desktop file of this name
    icon = window_icon_path()  # resources/icons/rcs-desk.png: installed as rcs_desk.resources, or frozen
    if icon is not None:
        app.setWindowIcon(QIcon(str(icon)))
    keep_tab_titles_whole(app)
    apply_theme(app)
    QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_theme(app))
    return app


def build_window(
    *,
    demo: bool,
    api_url: str | None = None,
    settings: Settings | None = None,
    paths: AppPaths | None = None,
    connect: bool = True,
    keep_demo_account: bool = False,
) -> MainWindow:
    """The window; with ``connect=False`` it has no connection yet (``MainWindow.reconnect`` makes one).

    Connected at once (screenshots, the self-test), the demo starts from the same account every time
    and leaves the user's kept demo account alone, unless ``keep_demo_account``.
    """
    settings = settings or load_settings()
    paths = paths or app_paths()
    if not connect:
        return MainWindow(settings, None, paths)
    connection = open_connection(settings, demo=demo, api_url=api_url, keep_demo_account=keep_demo_account)
    return MainWindow(settings, connection, paths, load_lists=demo or check_api_key().present)


class FileOpenFilter(QObject):
    """macOS opens documents (a double-click in Finder) with a FileOpen event, not an argument."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.FileOpen:
            path = event.file() if isinstance(event, QFileOpenEvent) else ""  # it is one
            if path and self.window.files.may_discard():
                self.window.files.open_path(Path(path))
            return True
        return False


def offer_demo_or_key(window: MainWindow) -> None:
    """No key yet: ask whether to enter one or try the demo."""
    from ui.shell.welcome_dialog import WelcomeDialog

    dialog = WelcomeDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def on_finished(_result: int) -> None:
        if dialog.choice == "demo":
            window.reconnect(demo=True)
        elif dialog.choice == "key":
            window.open_settings()

    dialog.finished.connect(on_finished)
    dialog.open()


def run_window(*, demo: bool = False, api_url: str | None = None, files: list[str] | None = None) -> int:
    route_qt_messages()
    app = create_application()
    window = build_window(demo=demo, api_url=api_url, connect=False)
    if files:
        window.files.open_path(Path(files[0]))
    report_first_paint(window)  # only with RCS_DESK_REPORT_FIRST_PAINT=1 (benchmarks)
    window.show()
    # The window paints first; connecting loads the keyring, httpx and (in demo mode) the demo server.
    window.api_url_override = api_url
    window.needs_key.connect(lambda: offer_demo_or_key(window))
    window.first_painted.connect(lambda: window.reconnect(demo=demo))
    app.installEventFilter(FileOpenFilter(window))
    code = app.exec()
    workers.wait_for_all(15000)  # a request still running at exit ends within its timeout
    return code
