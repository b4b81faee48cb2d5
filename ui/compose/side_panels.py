"""Building the composer's panels not shown at start: Recipients, Schedule, SMS fallback.

Built all at once they held the window 55-210 ms, so after the first paint they are built in
short steps (a module's import, then the panel), a moment apart: the window answers in between.
Anything that needs a panel now (the connection, a click on its tab) builds what is left at once.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ui.common.sliced_work import SlicedWork
from ui.compose.tab_indexes import RECIPIENTS_TAB, SCHEDULE_TAB, SMS_TAB

if TYPE_CHECKING:
    from app.api.client import WwtClient
    from ui.compose.compose_page import ComposePage


class SidePanelBuilder(QObject):
    """Builds the panels into ``page`` (its ``group_picker``, ``schedule_panel``, ``sms_panel``).

    ``start(client, zone)`` says what they need (``zone()`` is asked when the Schedule panel is built);
    then ``build_in_turns()`` builds them step by step, ``build_group_picker_now()`` at least the
    picker at once, ``build_now()`` all that is left at once. Signals: ``group_picker_built()`` once
    the picker is in its tab, ``finished()`` once all are.
    """

    group_picker_built = Signal()
    finished = Signal()

    def __init__(self, page: ComposePage) -> None:
        super().__init__(page)
        self._page = page
        self._client: Callable[[], WwtClient] | None = None
        self._account_time_zone: Callable[[], str] = lambda: "UTC"
        self._work = SlicedWork(self)
        self._work.finished.connect(self.finished)
        self._started = False

    @property
    def started(self) -> bool:
        return self._started

    @property
    def done(self) -> bool:
        return self._started and not self._work.pending

    def start(self, client: Callable[[], WwtClient], account_time_zone: Callable[[], str]) -> None:
        """What the panels need; the steps are queued (nothing is built yet). Only the first call counts."""
        if self._started:
            return
        self._started = True
        self._client = client
        self._account_time_zone = account_time_zone
        for step in (
            lambda: importlib.import_module("ui.compose.group_model"),
            lambda: importlib.import_module("ui.compose.group_picker"),
            self._build_group_picker,
            lambda: importlib.import_module("ui.compose.schedule_panel"),
            self._build_schedule_panel,
            lambda: importlib.import_module("ui.compose.sms_panel"),
            self._build_sms_panel,
        ):
            self._work.add(step)

    def build_in_turns(self) -> None:
        self._work.start()

    def build_now(self) -> None:
        self._work.run_now()

    def build_group_picker_now(self) -> None:
        """The picker (the lists load into it), built now if it is not yet; the others keep their turns."""
        while self._page.group_picker is None and self._work.pending:
            self._work.run_next()

    def _build_group_picker(self) -> None:
        from ui.compose.group_picker import GroupPicker

        assert self._client is not None  # set by start()
        picker = GroupPicker(self._page.editor, self._client, self._page.panel_parent(RECIPIENTS_TAB))
        self._page.group_picker = picker
        self._page.put_panel(RECIPIENTS_TAB, picker)
        self.group_picker_built.emit()

    def _build_schedule_panel(self) -> None:
        from ui.compose.schedule_panel import SchedulePanel

        panel = SchedulePanel(self._page.editor, self._account_time_zone(), self._page.panel_parent(SCHEDULE_TAB))
        self._page.schedule_panel = panel
        self._page.put_panel(SCHEDULE_TAB, panel)

    def _build_sms_panel(self) -> None:
        from ui.compose.sms_panel import SmsFallbackPanel

        default_sender = self._page.settings.default_sms_sender
        panel = SmsFallbackPanel(
            self._page.editor,
            sender_suggestions=[default_sender] if default_sender else [],
            parent=self._page.panel_parent(SMS_TAB),
        )
        self._page.sms_panel = panel
        self._page.put_panel(SMS_TAB, panel)
