"""One rich card: title, text, media address with its live preview, and up to two buttons."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QSize, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from app.campaign import limits
from app.campaign.model import Card, Media, Suggestion
from app.language import tr, tr_n
from ui.common.problem_marks import FieldProblems, ProblemLabel
from ui.compose.button_editor import ButtonEditor
from ui.compose.media_preview import MediaPreview, MediaPreviewService
from ui.compose.message_fields import CounterLabel, bound_length, field_header, set_lines_height, show_kept_value


class CardTextEdit(QPlainTextEdit):
    """The card's text box: it asks for its fewest lines and takes more (up to its most) only from room
    the card has to spare. Asking for its most would push the card's buttons below a big window's edge."""

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(super().sizeHint().width(), self.minimumHeight())


class CardEditor(QWidget):
    """Edits one ``Card`` in place; every change emits ``edited()`` (the caller calls ``editor.touch()``).

    ``index`` is the card's position in ``options.cards`` (problem paths depend on it).
    """

    edited = Signal()
    structure_changed = Signal()  # a button was added or removed: problem bindings change

    def __init__(self, card: Card, index: int, service: MediaPreviewService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardEditor")
        self.card = card
        self.index = index
        self.buttons: list[ButtonEditor] = []

        self.card_problem = ProblemLabel()
        self.title_field = QLineEdit()
        bound_length(self.title_field)
        self.title_field.setPlaceholderText(tr("A short headline, shown in bold"))
        self.title_counter = CounterLabel(limits.CARD_TITLE_MAX)
        self.title_problem = ProblemLabel()
        self.text_field = CardTextEdit()
        bound_length(self.text_field)
        self.text_field.setTabChangesFocus(True)
        self.text_field.setPlaceholderText(tr("What you want to tell your customers"))
        set_lines_height(self.text_field, 4, 9)
        self.text_counter = CounterLabel(limits.CARD_TEXT_MAX)
        self.text_problem = ProblemLabel()
        self.media_field = QLineEdit()
        bound_length(self.media_field)
        self.media_field.setPlaceholderText(tr("https://example.com/picture.jpg"))
        self.media_field.setToolTip(
            tr(
                "The direct web address of a picture or video file. Shortened or redirecting "
                "addresses are refused by phones."
            )
        )
        self.media_problem = ProblemLabel()
        self.media_url_problem = ProblemLabel()
        self.preview = MediaPreview(service)
        self.buttons_heading = QLabel()
        self.buttons_problem = ProblemLabel()
        self.buttons_box = QVBoxLayout()
        self.buttons_box.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton(tr("+ Add button"))
        self.add_button.setAccessibleName(tr("Add a button to this card"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.card_problem)
        layout.addLayout(field_header(tr("&Title (optional)"), self.title_field, self.title_counter))
        layout.addWidget(self.title_field)
        layout.addWidget(self.title_problem)
        layout.addSpacing(self.fontMetrics().height() // 3)
        layout.addLayout(field_header(tr("Te&xt"), self.text_field, self.text_counter))
        layout.addWidget(self.text_field, 10)  # room to spare goes to the text first, up to its most lines
        layout.addWidget(self.text_problem)
        layout.addSpacing(self.fontMetrics().height() // 3)
        layout.addLayout(field_header(tr("&Picture or video (web address)"), self.media_field))
        layout.addWidget(self.media_field)
        layout.addWidget(self.media_problem)
        layout.addWidget(self.media_url_problem)
        layout.addWidget(self.preview)
        layout.addSpacing(self.fontMetrics().height() // 3)
        layout.addWidget(self.buttons_heading)
        layout.addLayout(self.buttons_box)
        layout.addWidget(self.buttons_problem)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)
        layout.addLayout(add_row)
        layout.addStretch(1)

        self.title_field.textEdited.connect(self.on_title_field_edited)
        self.text_field.textChanged.connect(self.on_text_field_changed)
        self.media_field.textEdited.connect(self.on_media_field_edited)
        self.media_field.editingFinished.connect(self.on_media_field_finished)
        self.add_button.clicked.connect(self.on_add_button_clicked)
        self._loading = False
        self.set_index(index)
        self.load()

    # Loading ------------------------------------------------------------------------------

    def set_index(self, index: int) -> None:
        self.index = index
        number = index + 1
        self.title_field.setAccessibleName(tr("Card {number} title").format(number=number))
        self.text_field.setAccessibleName(tr("Card {number} text").format(number=number))
        self.media_field.setAccessibleName(tr("Card {number} picture or video address").format(number=number))

    @property
    def path(self) -> str:
        return f"options.cards[{self.index}]"

    def load(self) -> None:
        """Show the card's values; not a user edit, so nothing is written back."""
        self._loading = True
        try:
            card = self.card
            self.title_field.setText(card.title or "")
            show_kept_value(self.title_field, card.extra, "title", tr("A short headline, shown in bold"))
            show_kept_value(self.text_field, card.extra, "text", tr("What you want to tell your customers"))
            self.title_counter.set_text_count(card.title or "")
            self.text_field.setPlainText(card.text or "")
            self.text_counter.set_text_count(card.text or "")
            self.media_field.setText(card.media_url)
            for field in (self.title_field, self.media_field):
                field.setCursorPosition(0)  # a long value shows its beginning, not its end
            self.preview.set_url(card.media_url, immediate=True)
            for button in self.buttons:
                button.deleteLater()
            self.buttons = []
            for suggestion in card.suggestions or []:
                self._add_button_editor(suggestion)
            self._update_buttons_ui()
        finally:
            self._loading = False

    def bind_problems(self, problems: FieldProblems) -> None:
        path = self.path
        problems.bind(path, self, self.card_problem)
        problems.bind(f"{path}.title", self.title_field, self.title_problem)
        problems.bind(f"{path}.text", self.text_field, self.text_problem)
        problems.bind(f"{path}.media", self.media_field, self.media_problem)
        problems.bind(f"{path}.media.url", self.media_field, self.media_url_problem)
        problems.bind(f"{path}.suggestions", self.buttons_heading, self.buttons_problem)
        for number, button in enumerate(self.buttons):
            button.bind_problems(problems, f"{path}.suggestions[{number}]")

    def focus_first(self) -> None:
        self.title_field.setFocus()

    def stop(self) -> None:
        """The card is going away: let go of its media request."""
        self.preview.set_url("")

    # Buttons ------------------------------------------------------------------------------

    def _add_button_editor(self, suggestion: Suggestion) -> ButtonEditor:
        button = ButtonEditor(suggestion, len(self.buttons) + 1, self)
        button.edited.connect(self.on_button_edited)
        button.remove_requested.connect(lambda b=button: self.on_button_remove_requested(b))
        self.buttons_box.addWidget(button)
        button.show()  # a layout would show it only on the next pass of the event loop
        self.buttons.append(button)
        return button

    def _update_buttons_ui(self) -> None:
        count = len(self.buttons)
        self.buttons_heading.setText(tr("Buttons ({count} of {max})").format(count=count, max=limits.SUGGESTIONS_MAX))
        full = count >= limits.SUGGESTIONS_MAX
        self.add_button.setEnabled(not full)
        most = limits.SUGGESTIONS_MAX
        self.add_button.setToolTip(
            tr_n(
                "A card can have at most {max} button: remove it to add another.",
                "A card can have at most {max} buttons: remove one to add another.",
                most,
            ).format(max=most)
            if full
            else tr("Add a button that opens a web page or calls a number")
        )
        for number, button in enumerate(self.buttons, start=1):
            button.set_number(number)
        self._fix_tab_order()

    def _fix_tab_order(self) -> None:
        chain: list[QWidget] = [self.title_field, self.text_field, self.media_field, self.preview.retry_button]
        for button in self.buttons:
            chain += [button.kind_box, button.text_field, button.target_field, button.remove_button]
        chain.append(self.add_button)
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    @Slot()
    def on_add_button_clicked(self) -> None:
        if len(self.buttons) >= limits.SUGGESTIONS_MAX:
            return
        suggestion = Suggestion(text="", type="link")
        if self.card.suggestions is None:
            self.card.suggestions = []
        self.card.suggestions.append(suggestion)
        button = self._add_button_editor(suggestion)
        self._update_buttons_ui()
        button.text_field.setFocus()
        self.structure_changed.emit()
        self.edited.emit()

    def on_button_remove_requested(self, button: ButtonEditor) -> None:
        if button not in self.buttons:
            return
        if self.card.suggestions is not None and button.suggestion in self.card.suggestions:
            self.card.suggestions.remove(button.suggestion)
            if not self.card.suggestions:
                self.card.suggestions = None
        self.buttons.remove(button)
        button.hide()
        button.deleteLater()
        self._update_buttons_ui()
        self.add_button.setFocus()
        self.structure_changed.emit()
        self.edited.emit()

    @Slot()
    def on_button_edited(self) -> None:
        self.edited.emit()

    # Fields -------------------------------------------------------------------------------

    @Slot(str)
    def on_title_field_edited(self, text: str) -> None:
        self.card.title = text or None
        self.title_counter.set_text_count(text)
        self.edited.emit()

    @Slot()
    def on_text_field_changed(self) -> None:
        text = self.text_field.toPlainText()
        self.text_counter.set_text_count(text)
        if self._loading or text == (self.card.text or ""):
            return
        self.card.text = text
        self._normalize_text()
        self.edited.emit()

    @Slot(str)
    def on_media_field_edited(self, text: str) -> None:
        url = text.strip()
        card = self.card
        if url:
            if card.media is None:
                card.media = Media()
            card.media.url = url
        elif card.media is not None and card.media.extra:
            card.media.url = None
        else:
            card.media = None
        self._normalize_text()
        self.preview.set_url(url)
        self.edited.emit()

    @Slot()
    def on_media_field_finished(self) -> None:
        self.preview.set_url(self.media_field.text(), immediate=True)

    def _normalize_text(self) -> None:
        """An empty text is left out when the card has media (a card needs one of the two)."""
        if not self.card.text:
            self.card.text = None if self.card.media is not None else ""
