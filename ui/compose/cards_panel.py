"""The cards of a rich card or carousel: tabs to pick a card, add, remove and reorder them.

The panel edits ``options.cards`` of the campaign in place and emits ``edited()`` after every
change (the message editor then calls ``editor.touch()``); ``structure_changed()`` follows a
change in the number or order of cards (the kind of message may have changed with it).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QScrollArea, QTabBar, QVBoxLayout, QWidget

from app.campaign import limits
from app.campaign.message_kinds import blank_card, card_has_content
from app.campaign.model import Card
from app.language import tr, tr_n
from app.validation import Problem
from ui.common.problem_marks import FieldProblems, ProblemLabel
from ui.compose.card_editor import CardEditor
from ui.compose.editor_state import CampaignEditor
from ui.compose.media_preview import MediaPreviewService
from ui.compose.message_fields import error_color, warning_color

Confirm = Callable[[str, str, str], bool]  # (title, question, action) -> True when the user goes ahead


class CardsPanel(QWidget):
    """Signals: ``edited()``, ``structure_changed()``, ``current_card_changed(int)``."""

    edited = Signal()
    structure_changed = Signal()
    current_card_changed = Signal(int)

    def __init__(
        self, editor: CampaignEditor, service: MediaPreviewService, confirm: Confirm, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.editor = editor
        self.service = service
        self.confirm = confirm
        self.card_editors: list[CardEditor] = []
        self._syncing_tabs = False

        self.card_tabs = QTabBar()
        self.card_tabs.setExpanding(False)
        self.card_tabs.setAccessibleName(tr("Cards of the carousel"))
        self.card_tabs.setToolTip(tr("Choose the card to edit"))
        self.move_left_button = QPushButton(tr("◀ Move left"))
        self.move_right_button = QPushButton(tr("Move right ▶"))
        self.remove_card_button = QPushButton(tr("Remove card"))
        self.add_card_button = QPushButton(tr("+ Add card"))
        self.move_left_button.setAccessibleName(tr("Move this card one place to the left"))
        self.move_right_button.setAccessibleName(tr("Move this card one place to the right"))
        self.move_left_button.setToolTip(tr("Phones show the cards from left to right"))
        self.move_right_button.setToolTip(tr("Phones show the cards from left to right"))
        tools = QHBoxLayout()
        for button in (self.move_left_button, self.move_right_button, self.remove_card_button):
            tools.addWidget(button)
        tools.addStretch(1)
        tools.addWidget(self.add_card_button)
        self.cards_problem = ProblemLabel()
        self.cards_holder = QWidget()
        self.cards_holder.setObjectName("cardsHolder")
        self.cards_layout = QVBoxLayout(self.cards_holder)
        self.cards_scroll = QScrollArea()  # not "scroll": that would hide QWidget.scroll()
        self.cards_scroll.setWidgetResizable(True)
        self.cards_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.cards_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.cards_scroll.setWidget(self.cards_holder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.card_tabs)
        layout.addLayout(tools)
        layout.addWidget(self.cards_problem)
        layout.addWidget(self.cards_scroll, 1)
        self.card_tabs.currentChanged.connect(self.on_card_tabs_changed)
        self.move_left_button.clicked.connect(lambda: self.move_card(-1))
        self.move_right_button.clicked.connect(lambda: self.move_card(1))
        self.remove_card_button.clicked.connect(self.on_remove_card_button_clicked)
        self.add_card_button.clicked.connect(self.on_add_card_button_clicked)

    # State --------------------------------------------------------------------------------

    @property
    def cards(self) -> list[Card] | None:
        options = self.editor.campaign.options
        return options.cards if options is not None else None

    @property
    def current_card(self) -> int:
        return self.card_tabs.currentIndex() if self.card_editors else -1

    def rebuild(self, selected: int = 0) -> None:
        """One card editor per card of the document (after Open, or a change of message kind)."""
        for card_editor in self.card_editors:
            self._drop_editor(card_editor)
        self.card_editors = []
        for index, card in enumerate(self.cards or []):
            self._add_editor(card, index)
        self._sync(selected)

    def _add_editor(self, card: Card, index: int) -> CardEditor:
        card_editor = CardEditor(card, index, self.service)
        card_editor.edited.connect(self.edited)
        card_editor.structure_changed.connect(self.structure_changed)
        self.cards_layout.insertWidget(index, card_editor, 1)  # the room a big window has goes to the card shown
        self.card_editors.insert(index, card_editor)
        return card_editor

    @staticmethod
    def _drop_editor(card_editor: CardEditor) -> None:
        card_editor.stop()
        card_editor.hide()
        card_editor.deleteLater()

    def _sync(self, selected: int) -> None:
        """Tabs and tool buttons after the cards changed."""
        count = len(self.card_editors)
        self._syncing_tabs = True
        while self.card_tabs.count() > count:
            self.card_tabs.removeTab(self.card_tabs.count() - 1)
        while self.card_tabs.count() < count:
            self.card_tabs.addTab("")
        self._syncing_tabs = False
        self.card_tabs.updateGeometry()  # a bar filled while hidden keeps a zero height otherwise
        for index, card_editor in enumerate(self.card_editors):
            card_editor.set_index(index)
        carousel = count >= limits.CAROUSEL_MIN
        self.card_tabs.setVisible(carousel)
        for button in (self.move_left_button, self.move_right_button, self.remove_card_button):
            button.setVisible(carousel)
        if count == 0:
            self.add_card_button.setText(tr("+ Add a card"))
        elif count == 1:
            self.add_card_button.setText(tr("+ Add another card (makes a carousel)"))
        else:
            self.add_card_button.setText(tr("+ Add card"))
        full = count >= limits.CARDS_MAX
        self.add_card_button.setEnabled(not full)
        self.add_card_button.setToolTip(
            tr_n(
                "A carousel can have at most {max} card: remove it to add another.",
                "A carousel can have at most {max} cards: remove one to add another.",
                limits.CARDS_MAX,
            ).format(max=limits.CARDS_MAX)
            if full
            else tr("Add a card at the end of the carousel")
        )
        self.select_card(max(0, min(selected, count - 1)) if count else -1)

    def select_card(self, index: int) -> None:
        """Show card ``index`` for editing."""
        if 0 <= index < len(self.card_editors):
            self._syncing_tabs = True
            self.card_tabs.setCurrentIndex(index)
            self._syncing_tabs = False
        for number, card_editor in enumerate(self.card_editors):
            card_editor.setVisible(number == index)
        count = len(self.card_editors)
        self.move_left_button.setEnabled(index > 0)
        self.move_right_button.setEnabled(0 <= index < count - 1)
        self.remove_card_button.setToolTip(
            tr("Remove card {number}; with one card left the message becomes a single rich card.").format(
                number=index + 1
            )
        )
        self.remove_card_button.setAccessibleName(tr("Remove card {number}").format(number=index + 1))
        self.cards_scroll.verticalScrollBar().setValue(0)
        self.current_card_changed.emit(index)

    def focus_current(self) -> None:
        if 0 <= self.current_card < len(self.card_editors):
            self.card_editors[self.current_card].focus_first()

    # Problems -----------------------------------------------------------------------------

    def bind_problems(self, problems: FieldProblems) -> None:
        problems.bind("options.cards", self.card_tabs, self.cards_problem)
        for card_editor in self.card_editors:
            card_editor.bind_problems(problems)

    def mark_tabs(self, problems: list[Problem]) -> None:
        """A symbol and a colour on the tab of each card with a problem (it may not be on screen)."""
        for index in range(self.card_tabs.count()):
            prefix = f"options.cards[{index}]"
            mine = [p for p in problems if p.path == prefix or p.path.startswith(prefix + ".")]
            errors = [p for p in mine if p.is_error]
            name = tr("Card {number}").format(number=index + 1)
            if errors:
                self.card_tabs.setTabText(index, name + " ✖")
                self.card_tabs.setTabTextColor(index, QColor(error_color(self)))
                tip = tr("Card {number} has a problem: {problem}").format(number=index + 1, problem=errors[0].message)
            elif mine:
                self.card_tabs.setTabText(index, name + " ⚠")
                self.card_tabs.setTabTextColor(index, QColor(warning_color(self)))
                tip = tr("Card {number}: {problem}").format(number=index + 1, problem=mine[0].message)
            else:
                self.card_tabs.setTabText(index, name)
                self.card_tabs.setTabTextColor(index, QColor())
                tip = tr("Edit card {number}").format(number=index + 1)
            self.card_tabs.setTabToolTip(index, tip)

    # User actions ---------------------------------------------------------------------------

    @Slot(int)
    def on_card_tabs_changed(self, index: int) -> None:
        if not self._syncing_tabs:
            self.select_card(index)

    @Slot()
    def on_add_card_button_clicked(self) -> None:
        cards = self.cards
        if cards is None or len(cards) >= limits.CARDS_MAX:
            return
        card = blank_card()
        cards.append(card)
        card_editor = self._add_editor(card, len(self.card_editors))
        self._sync(len(self.card_editors) - 1)
        self.structure_changed.emit()
        self.edited.emit()
        card_editor.focus_first()

    @Slot()
    def on_remove_card_button_clicked(self) -> None:
        index, cards = self.current_card, self.cards
        if not cards or not 0 <= index < len(cards):
            return
        if card_has_content(cards[index]) and not self.confirm(
            tr("Remove card {number}?").format(number=index + 1),
            tr("Card {number} and everything in it (title, text, picture, buttons) will be removed.").format(
                number=index + 1
            ),
            tr("Remove card"),
        ):
            return
        del cards[index]
        self._drop_editor(self.card_editors.pop(index))
        self._sync(min(index, len(self.card_editors) - 1))
        self.structure_changed.emit()
        self.edited.emit()

    def move_card(self, step: int) -> None:
        """Move the current card ``step`` places (-1 left, +1 right)."""
        index, cards = self.current_card, self.cards
        target = index + step
        if not cards or not 0 <= index < len(cards) or not 0 <= target < len(cards):
            return
        cards[index], cards[target] = cards[target], cards[index]
        editors = self.card_editors
        editors[index], editors[target] = editors[target], editors[index]
        for position, card_editor in enumerate(editors):
            self.cards_layout.insertWidget(position, card_editor, 1)
        self._sync(target)
        self.structure_changed.emit()
        self.edited.emit()
        (self.move_left_button if step < 0 else self.move_right_button).setFocus()
