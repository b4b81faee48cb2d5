"""Small building blocks of the message editor: live counters and field headers."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QSizePolicy, QSpinBox, QWidget

from app.campaign import limits
from app.campaign.text_units import utf16_len
from app.campaign.value_words import value_words
from app.language import tr, tr_n
from ui.common.problem_marks import ERROR_COLOR, WARNING_COLOR
from ui.common.theme import set_bold, set_tone

# Readable widths, in average characters of the field's font: text much wider than this is hard to
# follow from one line to the next, and a short value in a wide box looks like it wants more.
LONG_TEXT_CHARS = 80  # the Message tab's column: long texts and web addresses get about 70 of it
SHORT_TEXT_CHARS = 32  # a button's text: at most 25 characters, some of them wide
NAME_CHARS = 48  # the RCS agent's name: at most 40 characters
SEARCH_CHARS = 60  # a search box: what people type there is short

# The same meanings, light enough to read on a dark window.
DARK_ERROR_COLOR = "#ff7b72"
DARK_WARNING_COLOR = "#f0b429"


def is_dark(widget: QWidget) -> bool:
    return widget.palette().color(QPalette.ColorRole.Window).lightness() < 128


def error_color(widget: QWidget) -> str:
    return DARK_ERROR_COLOR if is_dark(widget) else ERROR_COLOR


def warning_color(widget: QWidget) -> str:
    return DARK_WARNING_COLOR if is_dark(widget) else WARNING_COLOR


def show_kept_value(field: QLineEdit | QPlainTextEdit, kept: dict[str, Any], member: str, hint: str) -> None:
    """Give ``field`` its usual ``hint``, or, when the file's value of ``member`` could not be shown (a number
    where text belongs, kept as read and still sent), say what the file holds: ``not allowed: 123``."""
    if member in kept:
        field.setPlaceholderText(tr("not allowed: {value}").format(value=value_words(kept[member])))
    else:
        field.setPlaceholderText(hint)


class CounterLabel(QLabel):
    """``"183 / 1000"`` in the server's units (UTF-16), in the error colour past the limit."""

    def __init__(self, limit: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.limit = limit
        self.used = 0
        self.setObjectName("counterLabel")
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.set_text_count("")

    @property
    def over(self) -> bool:
        return self.used > self.limit

    def set_text_count(self, text: str) -> None:
        self.used = utf16_len(text)
        self.setText(f"{self.used} / {self.limit}")  # numbers only: the same in every language
        if self.over:
            extra = self.used - self.limit
            tip = tr_n(
                "{count} character too many: shorten the text.", "{count} characters too many: shorten the text.", extra
            ).format(count=extra)
            set_tone(self, "error")
        else:
            left = self.limit - self.used
            tip = tr_n(
                "{count} character left. Emoji and some symbols count as 2.",
                "{count} characters left. Emoji and some symbols count as 2.",
                left,
            ).format(count=left)
            set_tone(self, "muted")
        set_bold(self, self.over)
        self.setToolTip(tip)
        self.setAccessibleName(tr("Characters used"))
        self.setAccessibleDescription(self.text() + ". " + tip)


def chars_width(widget: QWidget, chars: int) -> int:
    """The width of ``chars`` average characters of ``widget``'s font (scales with font and screen)."""
    return widget.fontMetrics().averageCharWidth() * chars


def field_header(text: str, buddy: QWidget, counter: QLabel | None = None) -> QHBoxLayout:
    """A row with the field's name (its buddy gets the mnemonic) and, right-aligned, its counter."""
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    label = QLabel(text)
    label.setBuddy(buddy)
    row.addWidget(label, 1)
    if counter is not None:
        row.addWidget(counter)
    return row


def set_lines_height(edit: QPlainTextEdit, minimum: int, maximum: int) -> None:
    """Size a multi-line field in lines of its font (scales with the font and the screen)."""
    line = edit.fontMetrics().lineSpacing()
    frame = 2 * edit.frameWidth() + int(edit.document().documentMargin() * 2) + 4
    edit.setMinimumHeight(line * minimum + frame)
    edit.setMaximumHeight(line * maximum + frame)


def hours_suffix(spin: QSpinBox) -> None:
    """Keep a spin box's unit right: "1 hour", "48 hours" (Ukrainian: "1 година", "3 години", "5 годин").
    The words around the number in the language's form for it become the box's prefix and suffix."""

    def update(value: int) -> None:
        prefix, _, suffix = tr_n("{count} hour", "{count} hours", value).partition("{count}")
        spin.setPrefix(prefix)
        spin.setSuffix(suffix)

    spin.valueChanged.connect(update)
    update(spin.value())


def bound_length(edit: QLineEdit | QPlainTextEdit, limit: int = limits.MAX_FILE_TEXT) -> None:
    """Stop a field at ``limit`` characters (UTF-16 units, as Qt counts): the longest text a campaign
    file may hold, ten times anything that can be sent, so that whatever is typed can be saved and
    opened again. Call it before connecting the field's own handlers: they then never see more."""
    if isinstance(edit, QLineEdit):
        edit.setMaxLength(limit)
        return
    document = edit.document()

    def trim() -> None:
        if document.characterCount() - 1 <= limit:
            return
        cut = limit
        if 0xD800 <= ord(document.characterAt(cut - 1) or "\0") <= 0xDBFF:
            cut -= 1  # never split an emoji in two
        cursor = QTextCursor(document)
        cursor.setPosition(cut)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()

    edit.textChanged.connect(trim)
