"""What every command shares, the network aside: saying things on stderr, loading and checking a campaign file.

``rcs-desk validate`` needs only this: nothing here imports the API client, the keyring or httpx.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable

from app.campaign.file import CampaignDocument, CampaignFileError, load_campaign_file
from app.cli import output
from app.platform.config import Settings
from app.validation import Problem, validate_document


def say(message: str) -> None:
    """Print to standard error; a closed or broken terminal is no reason to fail a command."""
    with contextlib.suppress(Exception):  # a closed pipe, no console, a character it cannot show
        print(message, file=sys.stderr)


def load_document(path: str, settings: Settings) -> CampaignDocument | None:
    try:
        document = load_campaign_file(path, default_time_zone=settings.account_time_zone)
    except CampaignFileError as exc:
        say(exc.user_message)
        return None
    if document.note:  # a bare request: read in the computer's time zone
        say(document.note)
    return document


def checked_document(
    path: str, settings: Settings, write: Callable[[str], None]
) -> tuple[CampaignDocument, list[Problem]] | None:
    """The campaign file at ``path`` and its problems, each written as a line with ``write`` (``validate``
    prints them, ``send`` says them); None when the file cannot be read (said already)."""
    document = load_document(path, settings)
    if document is None:
        return None
    problems = validate_document(document)
    for problem in problems:
        write(output.problem_line(problem))
    return document, problems
