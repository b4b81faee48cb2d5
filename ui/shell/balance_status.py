"""The account's balance in the status bar, fetched in the background."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel

from app.api.models import Balance
from app.language import tr
from app.sending.money import balance_words
from ui.common.workers import Task, TaskContext

if TYPE_CHECKING:
    from app.api.client import WwtClient


def _fetch(context: TaskContext, client: WwtClient) -> Balance:
    return client.get_balance()


class BalanceStatus(QObject):
    """``label`` shows "Balance: 12.5 USD"; ``balance`` is the last known one (or None)."""

    def __init__(self, client: Callable[[], object | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._client = client
        self.balance: Balance | None = None
        self.label = QLabel()
        self.label.setObjectName("balanceLabel")
        self.label.setAccessibleName(tr("Account balance"))
        self._task: Task | None = None

    def reset(self) -> None:
        """Another account or server: forget the old balance (a load under way is dropped)."""
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self.balance = None
        self.label.setText("")

    def refresh(self) -> None:
        client = self._client()
        if self._task is not None or client is None:
            return
        task = Task(_fetch, client, parent=self)
        task.succeeded.connect(self.on_loaded)
        task.failed.connect(lambda _error: self.label.setText(""))
        task.finished.connect(self._on_finished)
        self._task = task
        task.start()

    def _on_finished(self) -> None:
        if self._task is not None and not self._task.running:
            self._task = None

    def on_loaded(self, balance: Balance) -> None:
        self.balance = balance
        self.label.setText(balance_words(balance))
