"""A spin box that shows a value it cannot hold instead of quietly changing it.

A campaign file may hold ``0`` where the least allowed number is 1, ``100`` where the most is 72,
or ``"soon"`` where a number belongs. A plain ``QSpinBox`` shows 1, 72 or its last value: the
screen then disagrees with the campaign that would be sent, and with the error under the field.
``StoredValueSpinBox.show_stored`` shows such a value as a text of the caller's ("not allowed:
0 hours") until the user picks a number; the arrows then start from the nearest allowed one.

How: while such a value is shown, the range is widened by one number below the minimum, and that
number is the spin box's special value, shown as the text (Qt's own ``specialValueText``). Every
number the user can pick differs from it, so ``valueChanged`` always reports the user's choice.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QAbstractSpinBox, QSpinBox, QWidget

from app.campaign import limits
from app.campaign.value_words import is_number, value_words
from app.language import tr, tr_n


class StoredValueSpinBox(QSpinBox):
    """``show_stored(value, text, fallback)`` shows ``value`` (from a file) as it is; ``is_showing_stored``
    says whether a value outside the range (or not a number) is shown. ``valueChanged(int)`` is the usual
    signal: after ``show_stored`` it reports only numbers the user chose."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lowest = self.minimum()  # the least allowed number (the minimum is one lower while a value is shown)
        self._stored: object = None
        self._fallback = 0
        self.valueChanged.connect(self._on_value_changed)

    def setRange(self, minimum: int, maximum: int) -> None:  # noqa: N802 - Qt override
        self._lowest = minimum
        super().setRange(minimum - 1 if self.is_showing_stored else minimum, maximum)

    @property
    def is_showing_stored(self) -> bool:
        return bool(self.specialValueText())

    def show_stored(self, value: object, not_allowed_text: str, fallback: int) -> None:
        """Show ``value``: as a number when allowed, else as ``not_allowed_text``. ``fallback`` is where
        the arrows start when ``value`` is not a number at all."""
        if isinstance(value, int) and not isinstance(value, bool) and self._lowest <= value <= self.maximum():
            self._leave_stored()
            self.setValue(value)
            return
        self._stored = value
        self._fallback = fallback
        self.setSpecialValueText(not_allowed_text)
        self.setMinimum(self._lowest - 1)
        self.setValue(self._lowest - 1)

    def _leave_stored(self) -> None:
        if self.is_showing_stored:
            self.setSpecialValueText("")
            self.setMinimum(self._lowest)

    def _on_value_changed(self, value: int) -> None:
        if value >= self._lowest:
            self._leave_stored()

    def stepBy(self, steps: int) -> None:  # noqa: N802 - Qt override
        if not self.is_showing_stored:
            super().stepBy(steps)
            return
        stored = self._stored
        if isinstance(stored, int | float) and is_number(stored) and abs(stored) < 1e12:
            start = round(stored) + steps  # from 0 one step up is 1; from 100 one step down is the maximum
        else:
            start = self._fallback
        self.setValue(min(max(start, self._lowest), self.maximum()))

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:  # noqa: N802 - Qt override
        if self.is_showing_stored:
            return QAbstractSpinBox.StepEnabledFlag.StepUpEnabled | QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
        return super().stepEnabled()


def show_stored_hours(spin: StoredValueSpinBox, kept: dict[str, Any], value: int | None, member: str) -> None:
    """Show a number of hours as the campaign holds it: ``value`` (the model's), or the wrong-typed one kept
    as read under ``member``; not given at all, the server's default. One the box cannot choose is said
    in words: "not allowed: 100 hours"."""
    stored: Any = kept.get(member, value)
    if stored is None and member not in kept:
        stored = limits.VALIDITY_DEFAULT_HOURS  # not given: the server's default, shown as a number
    words = value_words(stored)
    if is_number(stored) and words.lstrip("-")[:1].isdigit():  # "100 hours", not "a number of 40 digits hours"
        # The form of a whole number is its own; a fraction takes the one of 2 ("2.5 hours", "2,5 години").
        count = int(stored) if float(stored).is_integer() else 2
        words = tr_n("{count} hour", "{count} hours", count).format(count=words)
    # Translators: a number of hours a campaign file holds that the field cannot take: "not allowed: 100 hours".
    spin.show_stored(stored, tr("not allowed: {value}").format(value=words), limits.VALIDITY_DEFAULT_HOURS)
