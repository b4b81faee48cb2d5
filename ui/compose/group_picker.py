"""Choosing the contact lists a campaign goes to.

The account's lists load in the background, all pages, with progress; a search box filters as
you type; clicking a row (or Space) checks it. The choice is written to ``campaign.groups`` in the
order the lists were checked, with each list's name and size kept in ``document.lists``. Lists a
campaign names but the account does not have stay chosen and are shown as such, so nothing is
dropped silently.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QProgressBar, QPushButton, QVBoxLayout, QWidget

from app.campaign import limits
from app.campaign.file import ListInfo
from app.language import tr
from app.language.formats import format_count
from app.validation import Problem
from ui.common.error_box import ErrorBox
from ui.common.problem_marks import FieldProblems, ProblemLabel
from ui.common.theme import set_bold, set_role, set_tone
from ui.common.workers import Task
from ui.compose import picker_words
from ui.compose.editor_state import CampaignEditor
from ui.compose.group_model import GroupModel, ListRow
from ui.compose.group_table import GroupFilterProxy, GroupTable
from ui.compose.list_loading import LOAD_FAILED, fetch_lists
from ui.compose.message_fields import SEARCH_CHARS, chars_width
from ui.compose.needs_key_panel import NeedsKeyPanel

if TYPE_CHECKING:
    from app.api import WwtClient


class GroupPicker(QWidget):
    """The account's contact lists with search, check boxes and the selected total.

    Signals: ``lists_loaded(int)`` (number of lists, after a successful load),
    ``load_failed(object)`` (the exception), ``selection_changed()`` (after the user's change);
    without an API key (``set_needs_key``) it says what to do instead, with ``settings_requested()``
    and ``demo_requested()`` for its two buttons.
    """

    lists_loaded = Signal(int)
    load_failed = Signal(object)
    selection_changed = Signal()
    settings_requested = Signal()  # "Open Settings…" while there is no API key
    demo_requested = Signal()  # "Try the demo" while there is no API key

    def __init__(
        self, editor: CampaignEditor, client_factory: Callable[[], WwtClient], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("groupPicker")
        self.editor = editor
        self.client_factory = client_factory
        self.unplaced_problems: list[Problem] = []
        self._task: Task | None = None
        self._reload_pending = False
        self._loaded: list[ListRow] | None = None  # None until the first successful load
        self._total = 0
        self._over_limit = False
        self._unchecked_info: dict[int, ListInfo] = {}  # what a file said about lists unchecked since
        self._needs_key = False
        self.model = GroupModel(self)
        self.proxy = GroupFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        self._update_palette()
        self._problems = FieldProblems()
        self._problems.bind("groups", self.table, self.problem_label)
        self.model.check_toggled.connect(self.on_model_check_toggled)
        self.proxy.rowsInserted.connect(self._update_status)
        self.proxy.rowsRemoved.connect(self._update_status)
        self.proxy.modelReset.connect(self._update_status)
        self.proxy.layoutChanged.connect(self._update_status)
        self.model.filled.connect(self._update_status)
        editor.document_replaced.connect(self.on_document_replaced)
        editor.problems_changed.connect(self._show_problems)
        self.on_document_replaced()

    # --- building ------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        heading = QLabel(tr("Contact lists"))
        set_role(heading, "heading")
        layout.addWidget(heading)

        self.search_row = QWidget()
        top = QHBoxLayout(self.search_row)
        top.setContentsMargins(0, 0, 0, 0)
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("groupSearch")
        self.search_edit.setPlaceholderText(tr("Search by name or description"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName(tr("Search contact lists"))
        self.search_edit.setToolTip(tr("Shows only the lists whose name or description contains this text."))
        self.search_edit.setMaximumWidth(chars_width(self.search_edit, SEARCH_CHARS))
        top.addWidget(self.search_edit, 1)
        self.selected_only_check = QCheckBox(tr("Chosen only"))
        self.selected_only_check.setObjectName("groupSelectedOnly")
        self.selected_only_check.setAccessibleName(tr("Show only the chosen lists"))
        self.selected_only_check.setToolTip(tr("Show only the lists that are checked."))
        top.addWidget(self.selected_only_check)
        self.reload_button = QPushButton(tr("Reload"))
        self.reload_button.setObjectName("groupReload")
        self.reload_button.setAccessibleName(tr("Reload the contact lists"))
        self.reload_button.setToolTip(tr("Load the contact lists of the account again."))
        top.addWidget(self.reload_button)
        top.addStretch(0)  # on a wide window the controls stay together, the search a readable width
        layout.addWidget(self.search_row)

        status = QHBoxLayout()
        self.status_label = QLabel()
        self.status_label.setObjectName("groupStatus")
        set_role(self.status_label, "muted")
        status.addWidget(self.status_label, 1)
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("groupProgress")
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setAccessibleName(tr("Loading the contact lists"))
        self.progress_bar.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 12)
        self.progress_bar.hide()
        status.addWidget(self.progress_bar)
        layout.addLayout(status)

        self.error_box = ErrorBox(retry_name=tr("Retry loading the contact lists"))
        layout.addWidget(self.error_box)

        self.table = GroupTable(self.proxy)
        layout.addWidget(self.table, 1)
        self.needs_key_panel = NeedsKeyPanel()
        self.needs_key_panel.settings_requested.connect(self.settings_requested)
        self.needs_key_panel.demo_requested.connect(self.demo_requested)
        self.open_settings_button = self.needs_key_panel.open_settings_button
        self.try_demo_button = self.needs_key_panel.try_demo_button
        layout.addWidget(self.needs_key_panel, 1)

        self.empty_label = QLabel()
        self.empty_label.setObjectName("groupEmpty")
        self.empty_label.setWordWrap(True)
        set_role(self.empty_label, "muted")
        self.empty_label.hide()
        layout.addWidget(self.empty_label)
        self.footer_label = QLabel()
        self.footer_label.setObjectName("groupFooter")
        self.footer_label.setWordWrap(True)
        layout.addWidget(self.footer_label)
        self.limit_warning = QLabel(
            tr("⚠ More than {limit} contacts: WWT.world sends at most {limit} per campaign.").format(
                limit=format_count(limits.CONTACTS_PER_CAMPAIGN)
            )
        )
        self.limit_warning.setObjectName("groupLimitWarning")
        self.limit_warning.setWordWrap(True)
        set_tone(self.limit_warning, "warning")
        set_bold(self.limit_warning)
        self.limit_warning.hide()
        layout.addWidget(self.limit_warning)
        self.missing_warning = QLabel()
        self.missing_warning.setObjectName("groupMissingWarning")
        self.missing_warning.setWordWrap(True)
        set_tone(self.missing_warning, "warning")
        self.missing_warning.hide()
        layout.addWidget(self.missing_warning)
        self.problem_label = ProblemLabel()
        layout.addWidget(self.problem_label)

        self.search_edit.textChanged.connect(self.on_search_changed)
        self.selected_only_check.toggled.connect(self.on_selected_only_toggled)
        self.reload_button.clicked.connect(self.reload)
        self.error_box.retry_clicked.connect(self.reload)
        self.setTabOrder(self.search_edit, self.selected_only_check)
        self.setTabOrder(self.selected_only_check, self.reload_button)
        self.setTabOrder(self.reload_button, self.table)

    @property
    def needs_key(self) -> bool:
        return self._needs_key

    def set_needs_key(self, needs_key: bool) -> None:
        """Without an API key the lists cannot load: say how to connect (or try the demo) instead."""
        self._needs_key = needs_key
        self.needs_key_panel.setVisible(needs_key)
        self.search_row.setVisible(not needs_key)
        self.table.setVisible(not needs_key)
        if needs_key:
            self.error_box.hide()
        self._update_footer()
        self._update_status()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._update_palette()

    def _update_palette(self) -> None:
        tint = QColor(self.palette().color(QPalette.ColorRole.Highlight))
        tint.setAlpha(60)
        self.model.set_checked_brush(tint)

    # --- loading -------------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        """True while the lists load, and until they are all in the table."""
        return self._task is not None or self.model.filling

    def reload(self) -> None:
        """Load the account's lists (again). A load already running is cancelled and replaced."""
        self.error_box.hide()
        self._show_progress(None)
        if self._task is not None:
            # the client is used by one thread at a time: start once the old load has stopped
            self._task.cancel()
            self._reload_pending = True
            return
        task = Task(fetch_lists, self.client_factory, self.model.sort_order, parent=self)
        task.progress.connect(self._show_progress)
        task.succeeded.connect(self.on_lists_loaded)
        task.failed.connect(self.on_load_failed)
        task.finished.connect(partial(self.on_task_finished, task))
        self._task = task
        task.start()

    def on_task_finished(self, task: Task) -> None:
        if task is not self._task:
            return
        self._task = None
        self.progress_bar.hide()
        if self._reload_pending:
            self._reload_pending = False
            self.reload()
        else:
            self._update_status()

    def _show_progress(self, value: tuple[int, int] | None) -> None:
        self.progress_bar.show()
        self.status_label.show()
        if value is None:
            self.progress_bar.setRange(0, 0)  # busy until the first page arrives
            self.status_label.setText(tr("Loading lists…"))
            return
        loaded, total = value
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(loaded)
        self.status_label.setText(
            tr("Loading lists… {loaded} of {total}").format(loaded=format_count(loaded), total=format_count(total))
        )

    def on_lists_loaded(self, rows: list[ListRow]) -> None:
        if self._needs_key:  # they loaded after all: the account is connected
            self.set_needs_key(False)
        self._loaded = rows
        self._total = len(rows)
        self._refresh_document_lists()
        self._rebuild_rows()
        self.error_box.hide()
        self.lists_loaded.emit(len(rows))

    def on_load_failed(self, error: BaseException) -> None:
        self.error_box.show_error(error, tr(LOAD_FAILED))
        self.load_failed.emit(error)

    # --- the document --------------------------------------------------------------------

    def _selected(self) -> list[int]:
        return list(dict.fromkeys(self.editor.campaign.groups))

    def on_document_replaced(self) -> None:
        self._unchecked_info.clear()
        self._rebuild_rows()
        self._show_problems(self.editor.problems)

    def _rebuild_rows(self) -> None:
        """Loaded lists, plus a row for each chosen list the account does not show (yet)."""
        selected = self._selected()
        known = {row.id for row in self._loaded or ()}
        extra: list[ListRow] = []
        for list_id in selected:
            if list_id in known:
                continue
            info = self.editor.document.lists.get(list_id, ListInfo())
            if self._loaded is None:
                name = info.name or tr("List {number}").format(number=list_id)
                extra.append(ListRow(list_id, name, "", info.contacts, "pending"))
            else:
                name = (
                    tr("{name} (list {id}, not found in this account)").format(name=info.name, id=list_id)
                    if info.name
                    else tr("List {id} (not found in this account)").format(id=list_id)
                )
                note = tr("Not in this account: uncheck it to take it out of the campaign.")
                extra.append(ListRow(list_id, name, note, info.contacts, "missing"))
        self.model.set_rows(extra + list(self._loaded or ()), checked=selected)
        self._update_footer()
        self._update_status()

    def _refresh_document_lists(self) -> None:
        """Fresh names and sizes of the chosen lists (a size may have changed since the file was saved)."""
        by_id = {row.id: row for row in self._loaded or ()}
        changed = False
        for list_id in self._selected():
            row = by_id.get(list_id)
            if row is None:
                continue
            fresh = ListInfo(name=row.name, contacts=row.contacts)
            if self.editor.document.lists.get(list_id) != fresh:
                self.editor.document.lists[list_id] = fresh
                changed = True
        if changed:
            self.editor.revalidate()

    def on_model_check_toggled(self, list_id: int, checked: bool) -> None:
        campaign = self.editor.campaign
        lists = self.editor.document.lists
        if checked:
            if list_id not in campaign.groups:
                campaign.groups = [*campaign.groups, list_id]
            row = self.model.row_of(list_id)
            item = self.model.row_at(row) if row is not None else None
            if item is not None and item.state == "loaded":
                lists[list_id] = ListInfo(name=item.name, contacts=item.contacts)
            elif list_id in self._unchecked_info:  # checked again: what the file said comes back
                lists[list_id] = self._unchecked_info[list_id]
        else:
            campaign.groups = [g for g in campaign.groups if g != list_id]
            removed = lists.pop(list_id, None)
            if removed is not None:
                self._unchecked_info[list_id] = removed
        self._update_footer()
        self.editor.touch()
        self.selection_changed.emit()

    # --- showing -------------------------------------------------------------------------

    def selected_total(self) -> tuple[int, int, int]:
        """(number of chosen lists, contacts in them, lists whose size is not known)."""
        selected = self._selected()
        lists = self.editor.document.lists
        sizes = [lists[g].contacts if g in lists else None for g in selected]
        known = [s for s in sizes if s is not None]
        return len(selected), sum(known), len(sizes) - len(known)

    def _update_footer(self) -> None:
        count, contacts, unknown = self.selected_total()
        self.footer_label.setText(picker_words.chosen_total(count, contacts, unknown))
        self.footer_label.setVisible(bool(count) or not self._needs_key)
        self._over_limit = contacts > limits.CONTACTS_PER_CAMPAIGN
        self.limit_warning.setVisible(self._over_limit)
        missing = sum(1 for row in self.model.rows() if row.state == "missing")
        if missing:
            self.missing_warning.setText(picker_words.missing_lists(missing))
        self.missing_warning.setVisible(bool(missing))
        self._show_problems(self.editor.problems)

    def _update_status(self) -> None:
        shown = self.proxy.rowCount()
        if self._task is None:
            self.status_label.setText(
                "" if self._loaded is None else picker_words.lists_count(self._total, shown, self.model.rowCount())
            )
        self.status_label.setVisible(bool(self.status_label.text()))
        self._update_empty(shown)

    def _update_empty(self, shown: int) -> None:
        if shown or self._needs_key:
            self.empty_label.hide()
            return
        text = picker_words.why_empty(
            self.search_edit.text().strip(),
            chosen_only=self.selected_only_check.isChecked(),
            has_rows=bool(self.model.rowCount()),
            loaded=self._loaded is not None and self._task is None,
        )
        self.empty_label.setText(text)
        self.empty_label.setVisible(bool(text))

    def on_search_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_status()

    def on_selected_only_toggled(self, on: bool) -> None:
        self.proxy.set_selected_only(on)
        self._update_status()

    def _show_problems(self, problems: list[Problem]) -> None:
        owned: list[Problem] = []
        for problem in problems:
            if problem.path == "groups" or problem.path.startswith("groups["):
                if problem.path == "groups" and not problem.is_error and self._over_limit:
                    continue  # the contacts limit is said by the warning line already
                owned.append(Problem("groups", problem.severity, problem.message))
        self.unplaced_problems = self._problems.show(owned)
