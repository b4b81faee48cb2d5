"""What a campaign in the history is about, in one short line: the same words in the window's
Campaigns table and in ``rcs-desk campaigns`` and ``stop``."""

from __future__ import annotations

from app.campaign.text import short_name
from app.history.records import HistoryRecord

# A heading's most characters: more than the widest screen shows (the window elides it by its width).
HEADING_CHARS = 300


def display_title(record: HistoryRecord) -> str:
    """Its message's first line (the first card's title, or the text) when sent from here, else its
    name on the server (``RCS api campaign / 2026-11-27 14:56:36`` says nothing about it)."""
    return record.message_title or record.title


def heading_title(record: HistoryRecord) -> str:
    """``display_title`` not cut at 60 characters, for a heading that has the width to show more."""
    line = record.message_line(HEADING_CHARS)
    if line:
        return line
    return short_name(record.name, HEADING_CHARS) if record.name and record.name.strip() else record.title
