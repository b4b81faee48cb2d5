"""What a campaign in the history is about, in one short line: the same words in the window's
Campaigns table and in ``rcs-desk campaigns`` and ``stop``."""

from __future__ import annotations

from app.history.records import HistoryRecord


def display_title(record: HistoryRecord) -> str:
    """Its message's first line (the first card's title, or the text) when sent from here, else its
    name on the server (``RCS api campaign / 2026-11-27 14:56:36`` says nothing about it)."""
    return record.message_title or record.title
