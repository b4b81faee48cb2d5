"""The RCS agent (sender) the campaign goes out from: typed, with the recently used ones offered."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QVBoxLayout, QWidget

from app.campaign import limits
from app.language import tr
from ui.common.problem_marks import FieldProblems, ProblemLabel
from ui.compose.editor_state import CampaignEditor
from ui.compose.message_fields import NAME_CHARS, chars_width, show_kept_value


class AgentField(QWidget):
    """An editable combo box bound to ``sender``."""

    def __init__(self, editor: CampaignEditor, recent: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agentField")
        self.editor = editor
        self._loading = False
        self.combo = QComboBox()
        self.combo.setObjectName("agentCombo")
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.addItems(recent)
        self.combo.setMaximumWidth(chars_width(self.combo, NAME_CHARS))
        line_edit = self.combo.lineEdit()
        assert line_edit is not None  # an editable combo has one
        line_edit.setMaxLength(limits.SENDER_MAX * 2)  # allow over-typing so the error can say so
        line_edit.setPlaceholderText(tr("Agent name, e.g. WWT Shop"))
        self.combo.setAccessibleName(tr("RCS agent"))
        self.combo.setToolTip(
            tr(
                "The name of the RCS agent (sender) your messages come from. WWT.world gives it to you "
                "when the agent is registered."
            )
        )
        self.combo.editTextChanged.connect(self.on_combo_text_changed)
        self.problem = ProblemLabel()
        self.problems = FieldProblems()
        self.problems.bind("sender", self.combo, self.problem)
        form = QFormLayout()
        form.addRow(tr("RCS agent:"), self.combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        editor.document_replaced.connect(self.reload)
        editor.problems_changed.connect(self.problems.show)
        self.reload()
        self.problems.show(editor.problems)

    def reload(self) -> None:
        self._loading = True
        try:
            self.combo.setEditText(self.editor.campaign.sender or "")
            line_edit = self.combo.lineEdit()
            assert line_edit is not None  # an editable combo has one
            hint = tr("Agent name, e.g. WWT Shop")
            show_kept_value(line_edit, self.editor.campaign.extra, "sender", hint)
        finally:
            self._loading = False

    def on_combo_text_changed(self, text: str) -> None:
        if self._loading:
            return
        self.editor.campaign.sender = text.strip() or None
        self.editor.touch()
