"""The SMS fallback: the SMS that phones without RCS receive instead.

Switching it off removes ``alternative_channel.sms`` from the request but keeps what was typed,
so switching it back on restores it. The counter counts the way networks bill (GSM-7 septets with
``{ } [ ] ~ \\ ^ | €`` counting two, or Unicode). How many characters an SMS holds (70 instead of 160
in Unicode) is said once, in the counter; the sentence under it says only what that costs. A text in
Ukrainian is Unicode because of its language; in an otherwise plain text the characters that make it
Unicode (quotes, dashes, emoji) are marked and listed, with one click to replace quotes and dashes.
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace as dc_replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.campaign import limits
from app.campaign.model import AlternativeChannel, SmsFallback
from app.campaign.sms import count_sms, marked_positions, replace_typographic, unicode_positions
from app.campaign.sms_words import (
    counts_as_two_words,
    describe_character,
    encoding_words,
    sms_cost_words,
    sms_costs_more,
)
from app.campaign.value_words import value_words
from app.language import tr, tr_n
from app.language.formats import format_count
from app.validation import Problem
from ui.common.problem_marks import FieldProblems, ProblemLabel
from ui.common.stored_spin import StoredValueSpinBox, show_stored_hours
from ui.common.theme import set_bold, set_role, set_tone
from ui.compose.editor_state import CampaignEditor
from ui.compose.message_fields import bound_length, hours_suffix

PATH = "alternative_channel"
SMS_PATH = "alternative_channel.sms"
MARK_BACKGROUND = "#ffd54f"  # amber, with black text: readable on light and dark palettes
MARK_FOREGROUND = "#000000"


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def utf16_offset(text: str, index: int) -> int:
    """The UTF-16 position (as Qt counts) of Python index ``index`` in ``text``."""
    return index + len(_ASTRAL.findall(text, 0, index))


def utf16_offsets(text: str, indexes: Iterable[int]) -> Iterator[int]:
    """``utf16_offset`` of each of the ascending ``indexes``, in one pass over ``text``."""
    astral = previous = 0
    for index in indexes:
        astral += len(_ASTRAL.findall(text, previous, index))
        previous = index
        yield index + astral


class UnicodeHighlighter(QSyntaxHighlighter):
    """Marks, with a background colour, each character that makes an otherwise plain SMS Unicode.

    ``set_active(False)`` while the text's own letters (Ukrainian, say) make it Unicode: then the
    quotes and dashes in it cost nothing more and are not marked.
    """

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.active = True
        self._format = QTextCharFormat()
        self._format.setBackground(QColor(MARK_BACKGROUND))
        self._format.setForeground(QColor(MARK_FOREGROUND))
        self._format.setToolTip(
            tr(
                "With this character, an SMS holds {unicode} characters instead of {plain}: replace or remove it."
            ).format(unicode=limits.SMS_UCS2_SINGLE, plain=limits.SMS_GSM7_SINGLE)
        )

    def set_active(self, active: bool) -> None:
        if active != self.active:
            self.active = active
            self.rehighlight()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        if not self.active:
            return
        positions = unicode_positions(text)
        for index, offset in zip(positions, utf16_offsets(text, positions), strict=True):
            self.setFormat(offset, 2 if ord(text[index]) > 0xFFFF else 1, self._format)


def _chips(chars: Iterable[str]) -> str:
    """The characters as rich text, each on the marking colour (invisible ones by name)."""
    return " ".join(
        f'<span style="background:{MARK_BACKGROUND}; color:{MARK_FOREGROUND};">&nbsp;'
        f"{html.escape(describe_character(char))}&nbsp;</span>"
        for char in chars
    )


class SmsFallbackPanel(QWidget):
    """On/off, text with counter and Unicode marks, sender, validity and stop-list check.

    Signals: ``fallback_toggled(bool)`` after the user switched the fallback on or off.
    """

    fallback_toggled = Signal(bool)

    def __init__(
        self, editor: CampaignEditor, sender_suggestions: Iterable[str] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("smsFallbackPanel")
        self.editor = editor
        self.unplaced_problems: list[Problem] = []
        self._loading = False
        self._marking = False  # the marks are being redrawn: the document says "changed", the text is not
        self._remembered: SmsFallback | None = None  # what was typed while the fallback is off
        self._build()
        self.highlighter = UnicodeHighlighter(self.text_edit.document())
        self._problems = FieldProblems()
        self._problems.bind(f"{SMS_PATH}.text", self.text_edit, self.text_problem)
        self._problems.bind(f"{SMS_PATH}.sender", self.sender_combo, self.sender_problem)
        self._problems.bind(f"{SMS_PATH}.validity", self.validity_spin, self.validity_problem)
        self._problems.bind(f"{SMS_PATH}.check_stop_list", self.stop_list_check, self.stop_list_problem)
        self._problems.bind(SMS_PATH, self.enable_check, self.switch_problem)
        self._problems.bind(PATH, self.enable_check, self.switch_problem)
        self.set_sender_suggestions(sender_suggestions)
        editor.document_replaced.connect(self.reload)
        editor.problems_changed.connect(self._show_problems)
        self.reload()

    # --- building ------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        heading = QLabel(tr("SMS fallback"))
        set_role(heading, "heading")
        layout.addWidget(heading)
        self.enable_check = QCheckBox(tr("Send an SMS to phones that cannot receive RCS"))
        self.enable_check.setObjectName("smsEnabled")
        self.enable_check.setAccessibleName(tr("SMS fallback on"))
        self.enable_check.setToolTip(
            tr("When a phone cannot receive the RCS message in time, WWT.world sends this SMS instead.")
        )
        layout.addWidget(self.enable_check)
        self.off_label = QLabel(tr("⚠ Phones without RCS will get nothing."))
        self.off_label.setObjectName("smsOffLabel")
        self.off_label.setWordWrap(True)
        set_tone(self.off_label, "warning")
        set_bold(self.off_label)
        layout.addWidget(self.off_label)
        self.switch_problem = ProblemLabel()
        layout.addWidget(self.switch_problem)

        self.details = QWidget()
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        text_label = QLabel(tr("SMS &text:"))
        details.addWidget(text_label)
        self.text_edit = QPlainTextEdit()
        bound_length(self.text_edit)
        self.text_edit.setObjectName("smsText")
        self.text_edit.setTabChangesFocus(True)
        self._text_placeholder = tr("The SMS that phones without RCS receive")
        self.text_edit.setPlaceholderText(self._text_placeholder)
        self.text_edit.setAccessibleName(tr("SMS text"))
        lines = self.fontMetrics().lineSpacing()
        self.text_edit.setMinimumHeight(lines * 5)
        self.text_edit.setMaximumHeight(lines * 12)  # a 5-part SMS fits; the panel does not balloon
        text_label.setBuddy(self.text_edit)
        details.addWidget(self.text_edit, 1)
        self.counter_label = QLabel()
        self.counter_label.setObjectName("counterLabel")
        set_tone(self.counter_label, "muted")
        self.counter_label.setWordWrap(True)
        details.addWidget(self.counter_label)
        self.unicode_label = QLabel()
        self.unicode_label.setObjectName("smsUnicodeLabel")
        self.unicode_label.setWordWrap(True)
        self.unicode_label.setTextFormat(Qt.TextFormat.RichText)
        set_tone(self.unicode_label, "warning")
        details.addWidget(self.unicode_label)
        replace_row = QHBoxLayout()
        self.replace_button = QPushButton(tr("Replace typographic quotes and dashes"))
        self.replace_button.setObjectName("smsReplaceButton")
        self.replace_button.setAccessibleName(tr("Replace typographic quotes and dashes"))
        self.replace_button.setToolTip(
            tr("Turns curly quotes, long dashes, ellipses and special spaces into plain ones (undo with Ctrl+Z).")
        )
        replace_row.addWidget(self.replace_button)
        replace_row.addStretch(1)
        details.addLayout(replace_row)
        self.text_problem = ProblemLabel()
        details.addWidget(self.text_problem)

        form = QGridLayout()
        form.setColumnStretch(2, 1)
        self.sender_combo = QComboBox()
        self.sender_combo.setObjectName("smsSender")
        self.sender_combo.setEditable(True)
        self.sender_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        sender_edit = self.sender_combo.lineEdit()
        assert sender_edit is not None  # an editable combo has one
        self._sender_placeholder = tr("e.g. MyShop")
        sender_edit.setPlaceholderText(self._sender_placeholder)
        self.sender_combo.setMinimumContentsLength(16)
        self.sender_combo.setAccessibleName(tr("SMS sender"))
        self.sender_combo.setToolTip(
            tr(
                "The sender name registered in your WWT.world account: {a} to {b} Latin letters and digits, "
                "or {c} to {d} digits."
            ).format(
                a=limits.SMS_SENDER_ALNUM_MIN,
                b=limits.SMS_SENDER_ALNUM_MAX,
                c=limits.SMS_SENDER_DIGITS_MIN,
                d=limits.SMS_SENDER_DIGITS_MAX,
            )
        )
        self.sender_problem = ProblemLabel()
        self._add_row(form, tr("S&ender:"), self.sender_combo, self.sender_problem)
        self.validity_spin = StoredValueSpinBox()
        self.validity_spin.setObjectName("smsValidity")
        self.validity_spin.setRange(limits.VALIDITY_MIN_HOURS, limits.VALIDITY_MAX_HOURS)
        hours_suffix(self.validity_spin)
        self.validity_spin.setAccessibleName(tr("Keep trying to deliver the SMS for, in hours"))
        self.validity_spin.setToolTip(
            tr("How long the network keeps trying to deliver the SMS ({low} to {high} hours).").format(
                low=limits.VALIDITY_MIN_HOURS, high=limits.VALIDITY_MAX_HOURS
            )
        )
        self.validity_problem = ProblemLabel()
        self._add_row(form, tr("&Keep trying for:"), self.validity_spin, self.validity_problem)
        details.addLayout(form)
        self.stop_list_check = QCheckBox(tr("Skip numbers on the SMS stop list"))
        self.stop_list_check.setObjectName("smsStopList")
        self.stop_list_check.setAccessibleName(tr("Skip numbers on the SMS stop list"))
        self.stop_list_check.setToolTip(tr("Numbers that asked not to receive SMS from you are left out."))
        details.addWidget(self.stop_list_check)
        self.stop_list_problem = ProblemLabel()
        details.addWidget(self.stop_list_problem)
        layout.addWidget(self.details)
        layout.addStretch(1)

        self.enable_check.toggled.connect(self.on_enable_toggled)
        self.text_edit.textChanged.connect(self.on_text_changed)
        self.replace_button.clicked.connect(self.on_replace_clicked)
        self.sender_combo.currentTextChanged.connect(self.on_sender_changed)
        self.validity_spin.valueChanged.connect(self.on_validity_changed)
        self.stop_list_check.checkStateChanged.connect(self.on_stop_list_changed)

    @staticmethod
    def _add_row(grid: QGridLayout, text: str, field: QWidget, problem: ProblemLabel) -> None:
        """A labelled field at its natural width, its problem under it across the panel."""
        row = grid.rowCount()
        label = QLabel(text)
        label.setBuddy(field)
        grid.addWidget(label, row, 0)
        grid.addWidget(field, row, 1)
        grid.addWidget(problem, row + 1, 1, 1, 2)

    # --- public --------------------------------------------------------------------------

    def set_sender_suggestions(self, senders: Iterable[str]) -> None:
        """Offer these sender names (registered or recently used); what is typed stays."""
        current = self.sender_combo.currentText()
        self._loading, was_loading = True, self._loading
        try:
            self.sender_combo.clear()
            self.sender_combo.addItems([s for s in dict.fromkeys(senders) if s])
            self.sender_combo.setCurrentText(current)
        finally:
            self._loading = was_loading

    @property
    def text(self) -> str:
        """The SMS text as typed (line breaks as ``\\n``, special spaces kept)."""
        return self.text_edit.document().toRawText().replace("\u2029", "\n").replace("\u2028", "\n")

    def reload(self) -> None:
        """Show the document's SMS fallback (after New, Open, restore)."""
        sms = self.editor.campaign.sms
        self._remembered = None
        self._loading = True
        try:
            self.enable_check.setChecked(sms is not None)
            self._show_fallback(sms or SmsFallback(text=""))
        finally:
            self._loading = False
        self._update_state()
        self._update_counter()
        self._show_problems(self.editor.problems)

    def _show_fallback(self, sms: SmsFallback) -> None:
        """Show what the campaign holds; a value a field cannot take is shown as not allowed, never changed."""
        if self.text != (sms.text or ""):
            self.text_edit.setPlainText(sms.text or "")
        self.text_edit.setPlaceholderText(self._not_allowed(sms, "text") or self._text_placeholder)
        self.sender_combo.setCurrentText(sms.sender or "")
        sender_edit = self.sender_combo.lineEdit()
        if sender_edit is not None:
            sender_edit.setPlaceholderText(self._not_allowed(sms, "sender") or self._sender_placeholder)
        self._show_validity(sms)
        stop_list = sms.extra.get("check_stop_list", sms.check_stop_list)
        if isinstance(stop_list, bool) or stop_list is None:
            self.stop_list_check.setTristate(False)
            self.stop_list_check.setChecked(stop_list is not False)
        else:  # neither yes nor no: half-ticked, with the error under it, until the user ticks or clears it
            self.stop_list_check.setCheckState(Qt.CheckState.PartiallyChecked)

    def _not_allowed(self, sms: SmsFallback, member: str) -> str:
        """``not allowed: 42`` when the file holds a value of the wrong kind for ``member``, else ""."""
        if member not in sms.extra:
            return ""
        return tr("not allowed: {value}").format(value=value_words(sms.extra[member]))

    def _show_validity(self, sms: SmsFallback) -> None:
        show_stored_hours(self.validity_spin, sms.extra, sms.validity, "validity")

    # --- writing the document ------------------------------------------------------------

    def _sms(self) -> SmsFallback | None:
        return self.editor.campaign.sms

    def on_enable_toggled(self, on: bool) -> None:
        self._update_state()
        if self._loading:
            return
        campaign = self.editor.campaign
        if on:
            sms = self._remembered or SmsFallback(text=self.text, sender=self.sender_combo.currentText() or None)
            self._remembered = None
            if campaign.alternative_channel is None:
                campaign.alternative_channel = AlternativeChannel()
            campaign.alternative_channel.sms = sms
        else:
            channel = campaign.alternative_channel
            if channel is not None:
                self._remembered = dc_replace(channel.sms) if channel.sms is not None else None
                channel.sms = None
                if not channel.extra:
                    campaign.alternative_channel = None
        self.editor.touch()
        self.fallback_toggled.emit(on)

    def on_text_changed(self) -> None:
        if self._marking:
            return
        self._update_counter()
        sms = self._sms()
        if self._loading or sms is None:
            return
        sms.text = self.text
        sms.extra.pop("text", None)  # what was typed replaces a value the file held in a form not allowed
        self.text_edit.setPlaceholderText(self._text_placeholder)
        self.editor.touch()

    def on_sender_changed(self, value: str) -> None:
        self._set_sms("sender", value or None)

    def on_validity_changed(self, value: int) -> None:
        self._set_sms("validity", value)

    def on_stop_list_changed(self, state: Qt.CheckState) -> None:
        if self._loading or state == Qt.CheckState.PartiallyChecked:
            return
        self.stop_list_check.setTristate(False)  # chosen: the half-ticked "neither" is not offered again
        self._set_sms("check_stop_list", state == Qt.CheckState.Checked)

    def _set_sms(self, member: str, value: object) -> None:
        """The user changed one member of the SMS fallback (ignored while the fields are loaded)."""
        sms = self._sms()
        if self._loading or sms is None:
            return
        setattr(sms, member, value)
        sms.extra.pop(member, None)  # the choice replaces a value the file held in a form not allowed
        if member == "sender" and (sender_edit := self.sender_combo.lineEdit()) is not None:
            sender_edit.setPlaceholderText(self._sender_placeholder)
        self.editor.touch()

    def on_replace_clicked(self) -> None:
        """Replace typographic characters in place, as one undo step, keeping the cursor where it was."""
        old = self.text
        new = replace_typographic(old)
        if new == old:
            return
        cursor = QTextCursor(self.text_edit.document())
        cursor.beginEditBlock()
        matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
        for tag, i1, i2, j1, j2 in reversed(matcher.get_opcodes()):
            if tag == "equal":
                continue
            cursor.setPosition(utf16_offset(old, i1))
            cursor.setPosition(utf16_offset(old, i2), QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(new[j1:j2])
        cursor.endEditBlock()
        self.text_edit.setFocus()

    # --- showing -------------------------------------------------------------------------

    def _update_state(self) -> None:
        on = self.enable_check.isChecked()
        self.details.setEnabled(on)
        self.off_label.setVisible(not on)

    def _update_counter(self) -> None:
        text = self.text
        self.counter_label.setText(self.describe_count(text))
        marked = marked_positions(text)
        # the marks follow the whole text: a Ukrainian word in one line unmarks the quotes of another
        self._marking = True
        try:
            self.highlighter.set_active(bool(marked))
        finally:
            self._marking = False
        # the counter says how many characters an SMS holds: the sentence says only what it adds
        words = sms_cost_words(text, beside_counter=True)
        if words:
            sentinel = "\x00"  # where the marked characters go, once the words are escaped for rich text
            self.unicode_label.setText(
                html.escape(sms_cost_words(text, lambda _chars: sentinel, beside_counter=True)).replace(
                    sentinel, _chips(dict.fromkeys(text[i] for i in marked))
                )
            )
            self.unicode_label.setAccessibleName(words)
            set_tone(self.unicode_label, "warning" if sms_costs_more(text) else "muted")
        self.unicode_label.setVisible(bool(words))
        self.replace_button.setVisible(bool(marked) and replace_typographic(text) != text)

    def describe_count(self, text: str) -> str:
        """``132 characters · 1 SMS part · standard characters: 160 per SMS · 28 left in this part`` (+ which
        characters count 2, by name when they may not show: ``(emoji 😀 counts as 2)``)."""
        sms = count_sms(text)
        parts = [
            tr_n("{count} character", "{count} characters", sms.units).format(count=format_count(sms.units)),
            tr_n("{count} SMS part", "{count} SMS parts", sms.parts).format(count=format_count(sms.parts)),
            encoding_words(text),
        ]
        if sms.too_long:
            parts.append(
                tr("too long: at most {parts} parts ({units} characters)").format(
                    parts=limits.SMS_MAX_PARTS, units=format_count(sms.max_units)
                )
            )
        else:
            # Translators: how many more characters fit in the SMS part being typed.
            left = tr_n("{count} left in this part", "{count} left in this part", sms.left_in_part)
            parts.append(left.format(count=format_count(sms.left_in_part)))
        line = " · ".join(parts)
        double = counts_as_two_words(text)
        return f"{line} {double}" if double else line

    def _show_problems(self, problems: list[Problem]) -> None:
        owned = [p for p in problems if p.path == PATH or p.path.startswith(PATH + ".")]
        if not self.enable_check.isChecked():
            # the "no fallback" warning is what the off line already says
            owned = [p for p in owned if not (p.path == PATH and not p.is_error)]
        if self.unicode_label.isVisible() or count_sms(self.text).is_unicode:
            # the cost warning is the sentence under the counter, with the characters marked
            owned = [p for p in owned if not (p.path == f"{SMS_PATH}.text" and not p.is_error)]
        self.unplaced_problems = self._problems.show(owned)
