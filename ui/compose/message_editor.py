"""The message editor: plain text, a single rich card, or a carousel of 2..5 cards.

Edits go straight into ``editor.document.campaign.options`` followed by ``editor.touch()``;
problems found by validation are shown under the field they concern while the user types.
Switching the kind of message keeps what was typed, and asks before removing anything.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.campaign import limits
from app.campaign.message_kinds import SwitchPlan, plan_switch
from app.campaign.model import MessageKind, Options
from app.language import tr, tr_n
from app.validation import Problem
from ui.common.problem_marks import FieldProblems, ProblemLabel
from ui.common.theme import set_role
from ui.compose.card_editor import CardEditor
from ui.compose.cards_panel import CardsPanel
from ui.compose.editor_state import CampaignEditor
from ui.compose.media_preview import MediaPreviewService
from ui.compose.message_fields import CounterLabel, bound_length, field_header, set_lines_height, show_kept_value

KINDS: tuple[MessageKind, ...] = ("text", "card", "carousel")


def ask_user(parent: QWidget, title: str, question: str, action: str) -> bool:
    """Ask a yes/no question with a named action button; ``False`` unless the user picks the action."""
    box = QMessageBox(QMessageBox.Icon.Question, title, question, QMessageBox.StandardButton.NoButton, parent)
    yes = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is yes


def _and(words: list[str]) -> str:
    """``["the title", "the buttons"]`` -> ``"the title and the buttons"`` (the core's words for a list)."""
    if len(words) == 1:
        return words[0]
    return tr("{items} and {last}").format(items=", ".join(words[:-1]), last=words[-1])


class MessageEditor(QWidget):
    """The message part of the composer (objectName ``messageEditor``).

    Signals: ``current_card_changed(int)`` (the card shown for editing; -1 for a plain text).
    ``confirm(title, question, action) -> bool`` asks before content is removed (tests replace it).
    ``unplaced_problems``: problems under ``options`` that no field of this panel could show.
    """

    current_card_changed = Signal(int)

    def __init__(
        self, editor: CampaignEditor, media_service: MediaPreviewService | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("messageEditor")
        self.editor = editor
        self.media_service = media_service if media_service is not None else MediaPreviewService(self)
        self.confirm: Callable[[str, str, str], bool] = lambda t, q, a: ask_user(self, t, q, a)
        self.unplaced_problems: list[Problem] = []
        self._problems = FieldProblems()
        self._loading = False
        self._build()
        editor.document_replaced.connect(self.reload)
        editor.problems_changed.connect(self.on_editor_problems_changed)
        self.reload()

    # Building -----------------------------------------------------------------------------

    def _build(self) -> None:
        self.kind_group = QButtonGroup(self)
        kind_row = QHBoxLayout()
        names = (tr("P&lain text"), tr("Rich &card"), tr("Ca&rousel"))
        text_most, buttons_most, cards_most = limits.TEXT_MESSAGE_MAX, limits.SUGGESTIONS_MAX, limits.CARDS_MAX
        tips = (
            tr_n(
                "Only text, up to {count} character; no picture or buttons.",
                "Only text, up to {count} characters; no picture or buttons.",
                text_most,
            ).format(count=text_most),
            tr_n(
                "One card with a picture or video, a title, a text and up to {count} button.",
                "One card with a picture or video, a title, a text and up to {count} buttons.",
                buttons_most,
            ).format(count=buttons_most),
            # Translators: the plural form follows {max}, the larger number ("2 to 5 cards").
            tr_n(
                "{min} to {max} card side by side; people swipe to see the next one.",
                "{min} to {max} cards side by side; people swipe to see the next one.",
                cards_most,
            ).format(min=limits.CAROUSEL_MIN, max=cards_most),
        )
        self.kind_buttons: dict[str, QRadioButton] = {}
        for number, (kind, name, tip) in enumerate(zip(KINDS, names, tips, strict=True)):
            radio = QRadioButton(name)
            radio.setToolTip(tip)
            radio.setAccessibleDescription(tip)
            self.kind_group.addButton(radio, number)
            self.kind_buttons[kind] = radio
            kind_row.addWidget(radio)
        kind_row.addStretch(1)
        # The choices go under their label when a narrow window (or a language of long words) has no room beside it.
        kind_form = QFormLayout()
        kind_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        kind_form.setContentsMargins(0, 0, 0, 0)
        kind_form.addRow(tr("Type of message:"), kind_row)
        self._kind_tips = dict(zip(KINDS, tips, strict=True))
        self.kind_hint = QLabel()
        self.kind_hint.setWordWrap(True)
        set_role(self.kind_hint, "muted")
        self.message_problem = ProblemLabel()
        self.message_buttons_problem = ProblemLabel()

        self.cards = CardsPanel(self.editor, self.media_service, lambda t, q, a: self.confirm(t, q, a))  # noqa: PLW0108 - late bound: confirm is replaceable
        self.cards.edited.connect(self.on_cards_edited)
        self.cards.structure_changed.connect(self.on_cards_structure_changed)
        self.cards.current_card_changed.connect(self.current_card_changed)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_text_page())
        self.pages.addWidget(self.cards)

        layout = QVBoxLayout(self)
        layout.addLayout(kind_form)
        layout.addWidget(self.kind_hint)
        layout.addWidget(self.message_problem)
        layout.addWidget(self.message_buttons_problem)
        layout.addSpacing(self.fontMetrics().height() // 3)
        layout.addWidget(self.pages, 1)
        self.kind_group.idClicked.connect(self.on_kind_group_clicked)

    def _build_text_page(self) -> QWidget:
        page = QWidget()
        self.text_field = QPlainTextEdit()
        bound_length(self.text_field)
        self.text_field.setTabChangesFocus(True)
        self.text_field.setAccessibleName(tr("Message text"))
        self.text_field.setPlaceholderText(tr("What you want to tell your customers"))
        set_lines_height(self.text_field, 4, 8)
        self.text_counter = CounterLabel(limits.TEXT_MESSAGE_MAX)
        self.text_problem = ProblemLabel()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(field_header(tr("Message te&xt"), self.text_field, self.text_counter))
        layout.addWidget(self.text_field)
        layout.addWidget(self.text_problem)
        layout.addStretch(1)
        self.text_field.textChanged.connect(self.on_text_field_changed)
        return page

    # State --------------------------------------------------------------------------------

    @property
    def options(self) -> Options | None:
        return self.editor.campaign.options

    @property
    def kind(self) -> MessageKind:
        return self.editor.campaign.message_kind

    @property
    def card_editors(self) -> list[CardEditor]:
        return self.cards.card_editors

    @property
    def current_card(self) -> int:
        return self.cards.current_card

    def select_card(self, index: int) -> None:
        """Show card ``index`` for editing."""
        self.cards.select_card(index)

    @Slot()
    def reload(self) -> None:
        """Show the document's message (after New, Open or restore)."""
        self._loading = True
        try:
            options = self.options
            text = (options.text or "") if options is not None and options.cards is None else ""
            self.text_field.setPlainText(text)
            kept = options.extra if options is not None and options.cards is None else {}
            show_kept_value(self.text_field, kept, "text", tr("What you want to tell your customers"))
            self.text_counter.set_text_count(text)
            self.cards.rebuild(0)
        finally:
            self._loading = False
        self.on_cards_structure_changed()

    @Slot()
    def on_cards_structure_changed(self) -> None:
        """The kind selector and the page follow the number of cards."""
        kind = self.kind
        self.kind_buttons[kind].setChecked(True)
        self.kind_hint.setText(self._kind_tips[kind])
        self.pages.setCurrentIndex(0 if kind == "text" else 1)
        self._show_problems()

    # Problems -----------------------------------------------------------------------------

    @Slot(list)
    def on_editor_problems_changed(self, _problems: list[Problem]) -> None:
        self._show_problems()

    def _show_problems(self) -> None:
        problems = FieldProblems()
        problems.bind("options", self.kind_buttons["text"], self.message_problem)
        problems.bind("options.suggestions", self.kind_buttons["card"], self.message_buttons_problem)
        problems.bind("options.text", self.text_field, self.text_problem)
        self.cards.bind_problems(problems)
        self._problems = problems
        left = problems.show(self.editor.problems)
        self.unplaced_problems = [p for p in left if p.path == "options" or p.path.startswith("options.")]
        self.cards.mark_tabs(self.editor.problems)

    # User actions ---------------------------------------------------------------------------

    def _touch(self) -> None:
        if not self._loading:
            self.editor.touch()
            self._show_problems()

    @Slot(int)
    def on_kind_group_clicked(self, number: int) -> None:
        target = KINDS[number]
        if target == self.kind:
            return
        plan = plan_switch(self.options, target, max(self.current_card, 0))
        if plan.loses_content and not self.confirm(
            tr("Change the type of message?"), self._loss_question(plan, target), tr("Change and remove")
        ):
            self.kind_buttons[self.kind].setChecked(True)
            return
        was = len(self.options.cards or []) if self.options is not None else 0
        self.editor.campaign.options = plan.options
        self._loading = True
        try:
            if target == "text":
                self.text_field.setPlainText(plan.options.text or "")
                self.text_counter.set_text_count(plan.options.text or "")
            cards = plan.options.cards or []  # a carousel has its cards
            self.cards.rebuild(len(cards) - 1 if target == "carousel" and was == 1 else 0)
        finally:
            self._loading = False
        self.on_cards_structure_changed()
        self._touch()
        if self.kind == "text":
            self.text_field.setFocus()
        else:
            self.cards.focus_current()

    def _loss_question(self, plan: SwitchPlan, target: MessageKind) -> str:
        names = {
            # Translators: one thing a switch removes, in the list of "This removes {what}." (of card 1).
            "title": tr("the title"),
            # Translators: one thing a switch removes, in the list of "This removes {what}." (of card 1).
            "media": tr("the picture or video"),
            # Translators: one thing a switch removes, in the list of "This removes {what}." (of card 1).
            "buttons": tr("the buttons"),
        }
        pieces = []
        if plan.removed_cards:
            numbers = ", ".join(str(i + 1) for i in plan.removed_cards)
            # Translators: what "This removes {what}." removes: "card 2" or "cards 2, 3".
            pieces.append(tr_n("card {numbers}", "cards {numbers}", len(plan.removed_cards)).format(numbers=numbers))
        kept = (plan.kept or 0) + 1
        if plan.lost_parts:
            parts = [names[p] for p in plan.lost_parts]
            listed = _and(parts)
            # Translators: {parts} is a list such as "the title and the buttons"; in "This removes {what}."
            pieces.append(tr("{parts} of card {number}").format(parts=listed, number=kept))
        what = _and(pieces)
        if target == "text":
            intro = tr("A plain text message has only text. The text of card {number} is kept.").format(number=kept)
        else:
            intro = tr("A rich card is a single card. Card {number} is kept.").format(number=kept)
        # Translators: {what} is a list such as "card 3 and the title of card 1".
        return intro + "\n\n" + tr("This removes {what}.").format(what=what)

    @Slot()
    def on_text_field_changed(self) -> None:
        text = self.text_field.toPlainText()
        self.text_counter.set_text_count(text)
        if self._loading:
            return
        if self.options is None:
            self.editor.campaign.options = Options(text=text)
        elif self.options.text == text:
            return
        else:
            self.options.text = text
        self._touch()

    @Slot()
    def on_cards_edited(self) -> None:
        self._touch()
