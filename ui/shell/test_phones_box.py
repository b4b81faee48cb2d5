"""Settings' "My test phones": up to five numbers typed as people write them, each checked at its field."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.language import tr
from app.test_sends.phones import MAX_TEST_PHONES, PATH, phone_words, read_test_phones
from app.validation.problems import join_path
from ui.common.problem_marks import FieldProblems, ProblemLabel
from ui.common.theme import set_role

EXAMPLE = "+380 99 123 45 67"


class TestPhonesBox(QGroupBox):
    """One field per test phone; ``numbers()`` gives the digits to store, or None (problems shown)."""

    __test__ = False  # not a pytest test class, whatever its name

    def __init__(self, stored: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(tr("My test phones"))
        self.setObjectName("testPhonesBox")
        layout = QVBoxLayout(self)
        note = QLabel(tr("“Send a test…” sends the campaign to these phones first. Type them with the country code."))
        note.setWordWrap(True)
        set_role(note, "muted")
        layout.addWidget(note)
        form = QFormLayout()
        layout.addLayout(form)
        self._problems = FieldProblems()
        self.fields: list[QLineEdit] = []
        for index in range(MAX_TEST_PHONES):
            field = QLineEdit(phone_words(stored[index]) if index < len(stored) else "")
            field.setObjectName(f"testPhoneEdit{index}")
            field.setPlaceholderText(EXAMPLE if index == 0 else "")
            field.setAccessibleName(tr("Test phone {number}").format(number=index + 1))
            field.editingFinished.connect(self.check)
            label = ProblemLabel()
            self._problems.bind(join_path(PATH, index), field, label)
            form.addRow(tr("Phone {number}:").format(number=index + 1), field)
            form.addRow("", label)
            self.fields.append(field)

    def typed(self) -> list[str]:
        return [field.text() for field in self.fields]

    def check(self) -> bool:
        """Show each field's problem; True when nothing stops saving (no phone at all is fine here)."""
        typed = self.typed()
        if not any(text.strip() for text in typed):
            self._problems.show([])
            return True
        _, problems = read_test_phones(typed)
        self._problems.show(problems)
        return not any(problem.is_error for problem in problems)

    def numbers(self) -> list[str] | None:
        """The digits to keep (each once, in the order typed), or None after showing what to correct."""
        if not self.check():
            for field in self.fields:
                if field.property("severity") == "error":
                    field.setFocus()
                    break
            return None
        typed = self.typed()
        return read_test_phones(typed)[0] if any(text.strip() for text in typed) else []

    def focus_first_empty(self) -> None:
        for field in self.fields:
            if not field.text().strip():
                field.setFocus()
                return
        self.fields[0].setFocus()
