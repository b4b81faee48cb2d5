"""One suggestion button of a card: "Open link" (a web address) or "Call" (a phone number).

A typed phone number such as ``+380 99 123 45 67`` is stored as the digits the server wants
(``380991234567``); the field keeps what the user typed (tidied when they leave it) and a hint
says what will be sent.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.campaign import limits
from app.campaign.model import Suggestion
from app.campaign.text_units import phone_for_server
from app.language import tr, tr_c, tr_n
from ui.common.problem_marks import FieldProblems, ProblemLabel
from ui.common.theme import set_role
from ui.compose.message_fields import SHORT_TEXT_CHARS, CounterLabel, bound_length, chars_width, show_kept_value


def complete_web_address(text: str) -> str:
    """``shop.example.com/sale`` -> ``https://shop.example.com/sale``: people type addresses without
    their scheme. Anything that does not look like a bare host name is left alone (and checked)."""
    bare = text.strip()
    if not bare or "://" in bare or " " in bare or bare.lower().startswith(("mailto:", "tel:")):
        return text
    host = bare.split("/", 1)[0]
    name, _, port = host.partition(":")
    if "@" in host or (port and not port.isdigit()):  # an e-mail address, or another scheme ("geo:50.4,30.5")
        return text
    if "." not in name or name.startswith(".") or name.endswith("."):
        return text
    return "https://" + bare


def tidy_phone(typed: str) -> str:
    """The typed number made easy to read: single spaces, no space after a leading ``+``."""
    text = " ".join(typed.split())
    if text.startswith("+ "):
        text = "+" + text[2:]
    return text


class ButtonEditor(QFrame):
    """Edits one ``Suggestion`` in place. Signals: ``edited()``, ``remove_requested()``."""

    edited = Signal()
    remove_requested = Signal()

    def __init__(self, suggestion: Suggestion, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.suggestion = suggestion
        self._problems: FieldProblems | None = None
        self._path = ""
        self.setObjectName("buttonEditor")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFrameShadow(QFrame.Shadow.Plain)

        self.heading = QLabel()
        self.remove_button = QPushButton(tr("Remove"))
        self.kind_box = QComboBox()
        self.kind_box.addItem(tr("Open link"), "link")
        self.kind_box.addItem(tr_c("button action", "Call"), "call")
        self.kind_box.setToolTip(tr("What happens when someone taps the button"))
        self.kind_box.setAccessibleName(tr("Button action"))
        self.text_field = QLineEdit()
        bound_length(self.text_field)
        self.text_field.setPlaceholderText(tr("Text on the button"))
        self.text_field.setAccessibleName(tr("Button text"))
        most = limits.SUGGESTION_TEXT_MAX
        self.text_field.setToolTip(
            tr_n(
                "At most {count} character; emoji count as 2.", "At most {count} characters; emoji count as 2.", most
            ).format(count=most)
        )
        self.text_field.setMaximumWidth(chars_width(self.text_field, SHORT_TEXT_CHARS))
        self.text_counter = CounterLabel(limits.SUGGESTION_TEXT_MAX)
        self.target_field = QLineEdit()
        bound_length(self.target_field)
        self.sent_as = QLabel()
        set_role(self.sent_as, "muted")
        self.sent_as.hide()
        self.text_problem = ProblemLabel()
        self.url_problem = ProblemLabel()
        self.phone_problem = ProblemLabel()
        self.button_problem = ProblemLabel()
        self.type_problem = ProblemLabel()
        self.postback_problem = ProblemLabel()

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.remove_button)
        row = QHBoxLayout()
        row.addWidget(self.kind_box)
        row.addWidget(self.text_field, 1)
        row.addWidget(self.text_counter)
        row.addStretch(0)  # takes what the capped text field leaves, keeping the counter beside it
        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(row)
        layout.addWidget(self.text_problem)
        layout.addWidget(self.target_field)
        layout.addWidget(self.sent_as)
        problem_labels = (
            self.url_problem,
            self.phone_problem,
            self.button_problem,
            self.type_problem,
            self.postback_problem,
        )
        for label in problem_labels:
            layout.addWidget(label)

        self.kind_box.activated.connect(self.on_kind_box_activated)
        self.text_field.textEdited.connect(self.on_text_field_edited)
        self.target_field.textEdited.connect(self.on_target_field_edited)
        self.target_field.editingFinished.connect(self.on_target_field_finished)
        self.remove_button.clicked.connect(self.remove_requested)
        self.set_number(number)
        self.load()

    # Loading ----------------------------------------------------------------------------

    def set_number(self, number: int) -> None:
        self.number = number
        self.heading.setText(tr("Button {number}").format(number=number))
        self.remove_button.setToolTip(tr("Remove button {number} from this card").format(number=number))
        self.remove_button.setAccessibleName(tr("Remove button {number}").format(number=number))

    def load(self) -> None:
        """Show the suggestion's values (no signal: these are not user edits)."""
        s = self.suggestion
        self.kind_box.setCurrentIndex(self.kind_box.findData(s.kind))
        self.text_field.setText(s.text or "")
        show_kept_value(self.text_field, s.extra, "text", tr("Text on the button"))
        self.text_counter.set_text_count(s.text or "")
        self.target_field.setText((s.phone if s.kind == "call" else s.url) or "")
        for field in (self.text_field, self.target_field):
            field.setCursorPosition(0)  # a long value shows its beginning, not its end
        self._show_kind()

    @property
    def kind(self) -> str:
        kind: str = self.kind_box.currentData()  # the items' data are "link" and "call"
        return kind

    def _show_kind(self) -> None:
        if self.kind == "call":
            hint = tr("Phone number with country code, e.g. +380 99 123 45 67")
            show_kept_value(self.target_field, self.suggestion.extra, "phone", hint)
            self.target_field.setAccessibleName(tr("Phone number the button calls"))
            self.target_field.setToolTip(
                tr("Type it as you like: spaces and + are removed; the country code is needed.")
            )
        else:
            hint = tr("Web address, e.g. https://example.com/offer")
            show_kept_value(self.target_field, self.suggestion.extra, "url", hint)
            self.target_field.setAccessibleName(tr("Web address the button opens"))
            self.target_field.setToolTip(tr("The page opens when someone taps the button."))
        self._show_sent_as()

    def _show_sent_as(self) -> None:
        phone = phone_for_server(self.suggestion.phone or "")  # a file may hold "+380 99 123 45 67"
        shown = self.target_field.text().strip()
        if self.kind == "call" and phone and phone != shown and phone.isdigit():
            self.sent_as.setText(tr("Sent as {digits}").format(digits=phone))
            self.sent_as.show()
        else:
            self.sent_as.hide()

    def bind_problems(self, problems: FieldProblems, path: str) -> None:
        """Route this button's problems (``path`` = ``options.cards[i].suggestions[j]``) to its fields."""
        self._problems, self._path = problems, path
        problems.bind(f"{path}.text", self.text_field, self.text_problem)
        # Only the address kind in use colours the field; the other one only speaks in its label.
        calls = self.kind == "call"
        problems.bind(f"{path}.url", self.url_problem if calls else self.target_field, self.url_problem)
        problems.bind(f"{path}.phone", self.target_field if calls else self.phone_problem, self.phone_problem)
        problems.bind(path, self, self.button_problem)
        problems.bind(f"{path}.type", self.kind_box, self.type_problem)
        problems.bind(f"{path}.postback_data", self, self.postback_problem)

    # User edits ---------------------------------------------------------------------------

    @Slot(int)
    def on_kind_box_activated(self, _index: int) -> None:
        if self.suggestion.type == self.kind and self.suggestion.kind == self.kind:
            return
        self.suggestion.type = self.kind
        self._write_target(self.target_field.text())
        self._show_kind()
        if self._problems is not None:
            self.bind_problems(self._problems, self._path)
        self.edited.emit()

    @Slot(str)
    def on_text_field_edited(self, text: str) -> None:
        self.suggestion.text = text
        self.text_counter.set_text_count(text)
        self.edited.emit()

    @Slot(str)
    def on_target_field_edited(self, text: str) -> None:
        self._write_target(text)
        self._show_sent_as()
        self.edited.emit()

    @Slot()
    def on_target_field_finished(self) -> None:
        if self.kind != "call":
            completed = complete_web_address(self.target_field.text())
            if completed != self.target_field.text():
                self.target_field.setText(completed)
                self._write_target(completed)
                self.edited.emit()
            return
        tidy = tidy_phone(self.target_field.text())
        if tidy != self.target_field.text():
            self.target_field.setText(tidy)
        self._show_sent_as()

    def _write_target(self, text: str) -> None:
        s = self.suggestion
        if self.kind == "call":
            s.url = None
            s.phone = phone_for_server(text)
        else:
            s.phone = None
            s.url = text.strip() or None
