"""The window's "Send a test…" (button and Campaign menu item): the controller, wired to the window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from app.language import tr

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from ui.sending.test_send_flow import TestSendController
    from ui.shell.main_window import MainWindow


class TestSendActions(QObject):
    """Owns the window's ``TestSendController``; without test phones, opens Settings at "My test phones"."""

    __test__ = False

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._controller: TestSendController | None = None
        self.action: QAction | None = None
        window.compose.test_button.clicked.connect(self.request)

    @property
    def controller(self) -> TestSendController:
        """Made at the first test: its modules are not needed for the window's first paint."""
        if self._controller is None:
            from ui.sending.test_send_flow import TestSendController

            window = self._window
            controller = TestSendController(
                window.editor,
                lambda: window.connection,
                lambda: list(window.settings.test_phones),
                window,
                history=lambda demo: window.history.open(demo=demo),
            )
            controller.settings_requested.connect(self._ask_for_phones)
            controller.busy_changed.connect(self._on_busy_changed)
            controller.tested.connect(lambda _result: window.balance_status.refresh())
            self._controller = controller
        return self._controller

    @property
    def busy(self) -> bool:
        """A test is being prepared, asked about or sent."""
        return self._controller is not None and self._controller.busy

    def use_action(self, action: QAction) -> None:
        self.action = action

    def request(self) -> None:
        self.controller.request_test()

    def _ask_for_phones(self) -> None:
        dialog = self._window.open_settings()
        dialog.focus_test_phones()
        self._window.statusBar().showMessage(
            tr("Add your own phone under My test phones, save, then send the test again."), 10000
        )

    def _on_busy_changed(self, busy: bool) -> None:
        button = self._window.compose.test_button
        button.setEnabled(not busy)
        button.setText(tr("Sending the test…") if busy else tr("Send a test…"))
        if self.action is not None:
            self.action.setEnabled(not busy)
