"""The window's Campaigns tab: "Connecting…" until the tab is first shown with a connection, then the view.

Building the view takes tens of milliseconds (its widgets, the first layout of its detail pane), so it
is not built at start or when the connection opens, while the user is looking at the composer. It is
built inside the tab's holder, which stays: a new tab would lay the whole window out again, and a
widget moved into the window has its style worked out again, subtree and all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from app.language import tr

if TYPE_CHECKING:
    from ui.campaigns.campaigns_view import CampaignsView


class CampaignsTab(QObject):
    """Owns tab ``index`` of ``tabs``. ``make_view(parent)`` builds the view in ``parent``; ``ready()`` says
    whether it may (there is a connection). Signal ``built(object)``: the view, once it is in the tab."""

    built = Signal(object)

    def __init__(
        self,
        tabs: QTabWidget,
        index: int,
        make_view: Callable[[QWidget], CampaignsView],
        ready: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tabs = tabs
        self._index = index
        self._make_view = make_view
        self._ready = ready
        self.view: CampaignsView | None = None
        self.holder = QWidget()
        self.holder.setObjectName("campaignsTab")
        layout = QVBoxLayout(self.holder)
        layout.setContentsMargins(0, 0, 0, 0)
        self.waiting = QLabel(tr("Connecting…"), self.holder)
        self.waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.waiting)
        tabs.insertTab(index, self.holder, tr("Campaigns"))
        tabs.currentChanged.connect(self.on_tabs_current_changed)

    @property
    def shown(self) -> bool:
        return self._tabs.currentIndex() == self._index

    def on_tabs_current_changed(self, index: int) -> None:
        if index == self._index:
            self.build()

    def build(self) -> CampaignsView | None:
        """The view, built now if it is not yet and there is a connection."""
        if self.view is None and self._ready():
            view = self._make_view(self.holder)
            self.waiting.hide()
            layout = self.holder.layout()
            assert layout is not None  # made with one
            layout.addWidget(view)
            self.view = view
            self.built.emit(view)
        return self.view
