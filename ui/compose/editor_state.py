"""The campaign being edited, shared by every panel of the composer.

Panels write the user's edits into ``editor.document`` and call ``editor.touch()``.
``content_changed`` then tells the preview and the problem markers to refresh;
``document_replaced`` tells every panel to reload its fields (New, Open, restore).
Validation runs on every change: it is a pure function of the request and takes
well under a millisecond for the largest campaign.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.campaign.file import CampaignDocument
from app.campaign.model import Campaign, Options
from app.campaign.phone_numbers import plans_loaded
from app.campaign.request_diff import changed_paths, concerns, leaf_values
from app.validation import Problem, validate_document


class CampaignEditor(QObject):
    """Signals: ``content_changed()``, ``document_replaced()``, ``problems_changed(list)``,
    ``file_state_changed()`` (path or unsaved-changes flag).

    ``all_problems`` holds every problem (sending is blocked by any error); ``problems`` the ones
    to show at the fields. They differ only for a campaign started empty (File > New): there a
    field's problems appear once the user has changed that field, or after ``reveal_all()``, so a
    blank form does not open covered in red.
    """

    content_changed = Signal()
    document_replaced = Signal()
    problems_changed = Signal(list)
    file_state_changed = Signal()

    def __init__(self, document: CampaignDocument | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document or new_document("UTC")
        self.path: Path | None = None
        self.modified = False
        self.problems: list[Problem] = []
        self.all_problems: list[Problem] = []
        self._touched: set[str] | None = None  # None: show every problem
        self._leaves = leaf_values(self.document.campaign.to_request())
        self._server_problems: list[Problem] = []  # from the server's last refusal, until the next edit
        self._media_problems: list[Problem] = []  # pictures that failed their check (ui.compose.media_problems)
        self._now: datetime | None = None  # tests pin the clock
        self._revalidate()

    @property
    def campaign(self) -> Campaign:
        return self.document.campaign

    def set_clock(self, now: datetime | None) -> None:
        """Validate as if it were ``now`` (tests); None goes back to the real clock."""
        self._now = now
        self._revalidate()

    @property
    def clock(self) -> datetime | None:
        """The pinned "now" set by ``set_clock`` (tests), or None for the real clock."""
        return self._now

    def touch(self) -> None:
        """The user changed something: mark unsaved, revalidate, tell the preview."""
        if not self.modified:
            self.modified = True
            self.file_state_changed.emit()
        self._server_problems = []
        leaves = leaf_values(self.document.campaign.to_request())
        if self._touched is not None:
            self._touched |= changed_paths(self._leaves, leaves)
        self._leaves = leaves
        self._revalidate()
        self.content_changed.emit()

    def replace(
        self,
        document: CampaignDocument,
        path: Path | None = None,
        *,
        modified: bool = False,
        fresh: bool = False,
    ) -> None:
        """Edit ``document`` from now on. ``fresh`` (a new, empty campaign) holds back problems of
        fields the user has not changed yet."""
        self.document = document
        self.path = path
        self.modified = modified
        self._server_problems = []
        self._touched = set() if fresh else None
        self._leaves = leaf_values(document.campaign.to_request())
        self._revalidate()
        self.document_replaced.emit()
        self.content_changed.emit()
        self.file_state_changed.emit()

    def mark_saved(self, path: Path) -> None:
        self.path = path
        self.modified = False
        self.file_state_changed.emit()

    def revalidate(self) -> None:
        """Validate again without a content change (the clock moved, list sizes arrived)."""
        self._revalidate()

    def set_media_problems(self, problems: list[Problem]) -> None:
        """Warnings about pictures whose check failed: they do not block sending, but they are said."""
        if problems != self._media_problems:
            self._media_problems = list(problems)
            self._revalidate()

    def set_server_problems(self, problems: list[Problem]) -> None:
        """Show the server's objections at their fields until the user edits the campaign."""
        self._server_problems = list(problems)
        self._revalidate()

    def reveal_all(self) -> None:
        """Show every problem at its field, touched or not (the user asked what is missing)."""
        if self._touched is not None:
            self._touched = None
            self._revalidate()

    @property
    def hiding_problems(self) -> bool:
        return len(self.problems) < len(self.all_problems)

    def _revalidate(self) -> None:
        # Call numbers are checked against the numbering plans once something has loaded them: loading them
        # here would hold up the window's start (ui.shell.warm_up loads them, then validates again).
        checked = validate_document(self.document, now=self._now, phone_plans=plans_loaded())
        everything = checked + self._server_problems + self._media_problems
        touched = self._touched
        shown = everything if touched is None else [p for p in everything if any(concerns(p.path, t) for t in touched)]
        changed = shown != self.problems or everything != self.all_problems
        self.all_problems = everything
        if changed:
            self.problems = shown
            self.problems_changed.emit(shown)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.all_problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.all_problems if not p.is_error]


def new_document(time_zone: str, *, sms_sender: str = "", validity: int | None = None) -> CampaignDocument:
    """An empty rich-card campaign with the SMS fallback switched on, as a new file starts."""
    from app.campaign.model import AlternativeChannel, Card, SmsFallback

    campaign = Campaign(
        options=Options(cards=[Card(text="")]),
        alternative_channel=AlternativeChannel(sms=SmsFallback(text="", sender=sms_sender or None)),
        validity=validity,
    )
    return CampaignDocument(campaign=campaign, time_zone=time_zone)
