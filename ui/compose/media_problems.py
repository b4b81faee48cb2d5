"""Pictures that will not show on phones become problems of the campaign (not only a red preview).

The media check runs in the background (``ui.compose.media_preview``); this keeps the last answer for each
address and, whenever the answers or the cards change, tells the editor which cards have a picture
the RCS platform will not show. The problem's path is the card's ``media`` (the preview box under
the address already says why), so the count, the tab marks and the send confirmation carry it.

A check that proves the picture will not show (no file, a refusal, a redirect, a web page, too large)
is an error the user may override in the confirmation ("Send anyway"); a check that could not finish
(no network, no answer in time, the picture's server failing for now) says nothing about the picture,
so it is only a warning.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject

from app.campaign.media_check import VIDEO_TYPES, MediaCheck
from app.validation import Problem
from ui.compose.editor_state import CampaignEditor
from ui.compose.media_preview import MediaPreviewService, MediaResult

# What the RCS platform will meet too: the same address gives the same answer to every fetcher.
CONCLUSIVE_STATES = frozenset({"not_found", "refused", "redirect", "wrong_type", "too_large"})
# Trouble between this computer and the picture's server: the phones' platform may fare better.
INCONCLUSIVE_STATES = frozenset({"timeout", "unreachable", "server_error"})


def media_problem(path: str, result: MediaResult) -> Problem | None:
    """The problem a check's answer means for the card at ``path`` (``options.cards[1].media``), if any."""
    check = result.check
    what = _noun(check)
    if check.state in CONCLUSIVE_STATES:
        message = _tr("The %1 will not show on phones. %2").replace("%1", what).replace("%2", check.message)
        return Problem(path, "error", message, overridable=True)
    if check.state in INCONCLUSIVE_STATES:
        message = (
            _tr("The %1 could not be checked, so phones may not show it. %2")
            .replace("%1", what)
            .replace("%2", check.message)
        )
        return Problem(path, "warning", message)
    if check.state == "image" and result.image is None:  # phones may read what this computer cannot
        return Problem(path, "warning", _tr("The picture could not be read here: the file may be damaged."))
    return None


def _noun(check: MediaCheck) -> str:
    return _tr("video") if check.content_type in VIDEO_TYPES else _tr("picture")


def _tr(text: str) -> str:
    return QCoreApplication.translate("MediaProblems", text)


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
            problem = media_problem(f"options.cards[{index}].media", result) if url and result else None
            if problem is not None:
                problems.append(problem)
        self.editor.set_media_problems(problems)
