"""Starting the window: the QApplication, the windows, the connection, the first-start question.

Only what the first paint needs is imported before it: the connection (keyring, httpx, and in demo
mode the demo server) is opened on a worker thread once the window has painted
(tests/test_startup_structure.py holds the list of modules imported before the first paint).

PySide6's documented start-up options were measured (issue 11; CPU time to the first paint, in turns
with the bare window) and none is set. ``PYSIDE6_OPTION_PYTHON_ENUM=0x10`` or ``0x30`` (no
"forgiveness" lookups of old enum names) makes the same Python enum classes (360 by the first
paint, the bare window 46) and gained under 1%, within the noise. ``PYSIDE6_OPTION_LAZY`` is 1
already (a Qt class is made when first used); 0 cost 63 ms more. The ``__feature__`` import hook,
which reads the source of every module imported after PySide6, has no documented switch; importing
the core modules before PySide6 to spare them gained nothing measurable.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QFileOpenEvent, QIcon
from PySide6.QtWidgets import QApplication

from app import APP_ID, APP_NAME, __version__
from app.platform.config import AppPaths, Settings, app_paths, load_settings
from app.platform.resources import window_icon_path
from ui.common import workers
from ui.common.tab_text_style import keep_tab_titles_whole
from ui.shell.first_paint import report_first_paint
from ui.shell.language_setting import start_in_language
from ui.shell.main_window import MainWindow
from ui.shell.qt_messages import route_qt_messages


class DeskApplication(QApplication):
    """The program's QApplication. Signal ``file_open_requested(str)``: macOS asks to open a document
    (a double-click in Finder, a file dropped on the Dock icon) with a FileOpen event, not an argument.

    The event is caught here, where only the events sent to the application object pass, rather
    than by an application-wide event filter, which every event of every widget would go through.
    """

    file_open_requested = Signal(str)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen:
            path = file_to_open(event)
            if path:
                self.file_open_requested.emit(path)
            return True
        return super().event(event)


def file_to_open(event: QEvent) -> str:
    """The document a FileOpen event asks to open ("" when it names none)."""
    return event.file() if isinstance(event, QFileOpenEvent) else ""


def create_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, named and themed (reused when it exists, as in tests)."""
    existing = QApplication.instance()
    if existing is None:
        app: QApplication = DeskApplication(argv if argv is not None else sys.argv[:1])
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
    keep_tab_titles_whole(app)  # no style sheet: coloured texts follow the palette (ui/common/theme.py)
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
    from app.tasks.connection import check_api_key, open_connection

    connection = open_connection(settings, demo=demo, api_url=api_url, keep_demo_account=keep_demo_account)
    return MainWindow(settings, connection, paths, load_lists=demo or check_api_key().present)


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


class Windows(QObject):
    """The program's main windows. The first opens at the start; a document macOS asks to open
    later (``open_file``) goes to the window that has it open already, to the front window when
    that holds nothing yet (a new campaign, untouched), and otherwise to a new window: the open
    campaign is never replaced, so nothing typed is lost. Each window has its own autosave (its
    own session file and lock, ``app.platform.recovery``) and its own connection."""

    def __init__(
        self, *, demo: bool, api_url: str | None, settings: Settings | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.demo = demo
        self.api_url = api_url
        self._first_settings = settings  # read at the start (the language was chosen from them): used once
        # Closed windows are kept too: deleting one could end a worker thread it still waits for.
        self.windows: list[MainWindow] = []

    def open_first(self, path: Path | None = None) -> MainWindow:
        """The window of the start: it reports its first paint (benchmarks) and offers the demo when
        there is no key."""
        settings, self._first_settings = self._first_settings, None
        window = build_window(demo=self.demo, api_url=self.api_url, settings=settings, connect=False)
        if path is not None:
            window.files.open_path(path)
        report_first_paint(window)  # only with RCS_DESK_REPORT_FIRST_PAINT=1 (benchmarks)
        window.needs_key.connect(lambda: offer_demo_or_key(window))
        self._start(window, demo=self.demo)
        return window

    def open_file(self, path: str) -> MainWindow:
        """Show ``path``: in the window that has it, in an untouched front window, or in a new one."""
        wanted = Path(path)
        for window in self.open_windows():
            if window.editor.path is not None and _same_file(window.editor.path, wanted):
                _bring_to_front(window)
                return window
        front = self.front_window()
        if front is not None and front.editor.path is None and not front.editor.modified:
            front.files.open_path(wanted)
            _bring_to_front(front)
            return front
        # The new window talks to the same kind of server as the front one (demo stays demo).
        demo = bool(front.connection.demo) if front is not None and front.connection is not None else self.demo
        window = build_window(demo=demo, api_url=self.api_url, connect=False)
        window.files.open_path(wanted)
        if front is not None:
            window.move(front.pos() + QPoint(32, 32))  # not exactly over the other one
        self._start(window, demo=demo)
        return window

    def open_windows(self) -> list[MainWindow]:
        return [window for window in self.windows if window.isVisible()]

    def front_window(self) -> MainWindow | None:
        """The active main window, else the last one opened that is still open."""
        visible = self.open_windows()
        active = [window for window in visible if window.isActiveWindow()]
        candidates = active or visible
        return candidates[-1] if candidates else None

    def _start(self, window: MainWindow, *, demo: bool) -> None:
        # The window paints first; connecting loads the keyring, httpx and (in demo mode) the demo server.
        window.api_url_override = self.api_url
        window.other_windows = lambda: [other for other in self.open_windows() if other is not window]
        window.first_painted.connect(lambda: window.reconnect(demo=demo))
        self.windows.append(window)
        window.show()


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:  # a path that cannot be resolved (a removed folder): compare as written
        return a == b


def _bring_to_front(window: MainWindow) -> None:
    if window.isMinimized():
        window.showNormal()
    window.raise_()
    window.activateWindow()


def run_window(*, demo: bool = False, api_url: str | None = None, files: list[str] | None = None) -> int:
    route_qt_messages()
    app = create_application()
    settings = start_in_language()  # before the first window: its widgets take their texts when made
    windows = Windows(demo=demo, api_url=api_url, settings=settings, parent=app)
    windows.open_first(Path(files[0]) if files else None)
    for path in (files or [])[1:]:  # each further file in its own window, as Finder's would open
        windows.open_file(path)
    if isinstance(app, DeskApplication):
        app.file_open_requested.connect(windows.open_file)
    code = app.exec()
    workers.wait_for_all(15000)  # a request still running at exit ends within its timeout
    return code
