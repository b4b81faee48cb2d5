"""Pictures that will not show on phones become problems of the campaign (not only a red preview).

The media check runs in the background (``ui.compose.media_preview``); this keeps the last answer for each
address and, whenever the answers or the cards change, tells the editor which cards have a picture
the RCS platform will not show. The problem's path is the card's ``media`` (the preview box under
the address already says why), so the count, the tab marks and the send confirmation carry it.
What an answer means (an error to override with "Send anyway", or a warning) is the core's rule,
shared with the command line: ``app.tasks.pictures``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from app.language import tr
from app.tasks.pictures import media_path, picture_problem
from app.validation import Problem
from ui.compose.editor_state import CampaignEditor
from ui.compose.media_preview import MediaPreviewService, MediaResult


def media_problem(path: str, result: MediaResult) -> Problem | None:
    """The problem a check's answer means for the card at ``path`` (``options.cards[1].media``), if any."""
    problem = picture_problem(path, result.check)
    if problem is None and result.check.state == "image" and result.image is None:  # phones may read it
        return Problem(path, "warning", tr("The picture could not be read here: the file may be damaged."))
    return problem


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
            problem = media_problem(media_path(index), result) if url and result else None
            if problem is not None:
                problems.append(problem)
        self.editor.set_media_problems(problems)
