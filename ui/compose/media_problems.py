"""Pictures that will not show on phones become warnings of the campaign (not only a red preview).

The media check runs in the background (``ui.compose.media_preview``); this keeps the last answer for each
address and, whenever the answers or the cards change, tells the editor which cards have a picture
the RCS platform will not show. The warning's path is the card's ``media`` (the preview box under
the address already says why), so the count, the tab badge and the send confirmation carry it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from app.validation import Problem
from ui.compose.editor_state import CampaignEditor
from ui.compose.media_preview import MediaPreviewService, MediaResult

# Not a problem of the picture: fine, still being checked, an address validation already reports, or
# trouble on this computer's side (no network, a slow answer) that says nothing about what phones will see.
NOT_MEDIA_PROBLEMS = frozenset({"image", "video", "cancelled", "invalid_url", "timeout", "unreachable"})


class MediaProblems(QObject):
    def __init__(self, editor: CampaignEditor, service: MediaPreviewService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self._last: dict[str, MediaResult] = {}
        service.checked.connect(self.on_service_checked)
        editor.content_changed.connect(self.update)

    def on_service_checked(self, url: str, result: MediaResult) -> None:
        self._last[url] = result
        self.update()

    def update(self) -> None:
        options = self.editor.campaign.options
        problems: list[Problem] = []
        for index, card in enumerate(options.cards or [] if options else []):
            url = card.media_url.strip()
            result = self._last.get(url)
            if not url or result is None or result.check.state in NOT_MEDIA_PROBLEMS:
                continue
            message = (
                self.tr("Card %1: the picture will not show on phones. %2")
                .replace("%1", str(index + 1))
                .replace("%2", result.check.message)
            )
            problems.append(Problem(f"options.cards[{index}].media", "warning", message))
        self.editor.set_media_problems(problems)
