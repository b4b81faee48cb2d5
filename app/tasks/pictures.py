"""What the campaign's pictures mean for the send: checked as the RCS platform will fetch them.

One rule for the window and the command line: a check that proves a picture will not show (no file,
a refusal, a redirect, a web page, too large) is an error the user may override ("Send anyway"); a
check that could not finish (no network, no answer in time, the picture's server failing for now)
says nothing about the picture, so it is only a warning.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from app.campaign.media_check import VIDEO_TYPES, MediaCheck, check_media
from app.campaign.model import Campaign
from app.language import tr
from app.validation import Problem

if TYPE_CHECKING:
    import httpx

# What the RCS platform will meet too: the same address gives the same answer to every fetcher.
# (An address that is not a web address is the validation's error already.)
CONCLUSIVE_STATES = frozenset({"not_found", "refused", "redirect", "wrong_type", "too_large"})
# Trouble between this computer and the picture's server: the phones' platform may fare better.
INCONCLUSIVE_STATES = frozenset({"timeout", "unreachable", "server_error"})
MAX_PARALLEL_CHECKS = 3  # as many as the window runs at once


def media_path(card_index: int) -> str:
    return f"options.cards[{card_index}].media"


def picture_problem(path: str, check: MediaCheck) -> Problem | None:
    """The problem a check's answer means for the card's media at ``path``, if any (its reason, the check's
    own message, follows)."""
    video = check.content_type in VIDEO_TYPES
    if check.state in CONCLUSIVE_STATES:
        message = (
            tr("The video will not show on phones. {reason}")
            if video
            else tr("The picture will not show on phones. {reason}")
        )
        return Problem(path, "error", message.format(reason=check.message), overridable=True)
    if check.state in INCONCLUSIVE_STATES:
        message = (
            tr("The video could not be checked, so phones may not show it. {reason}")
            if video
            else tr("The picture could not be checked, so phones may not show it. {reason}")
        )
        return Problem(path, "warning", message.format(reason=check.message))
    return None


def campaign_pictures(campaign: Campaign) -> list[tuple[str, str]]:
    """``(path, address)`` of every card that has a picture or video address."""
    options = campaign.options
    cards = (options.cards or []) if options is not None else []
    return [(media_path(index), card.media_url.strip()) for index, card in enumerate(cards) if card.media_url.strip()]


def check_pictures(
    campaign: Campaign,
    *,
    mounts: dict[str, httpx.BaseTransport] | None = None,
    check: Callable[..., MediaCheck] = check_media,
) -> list[Problem]:
    """Check every card's picture (a few at a time, each bounded by the check's own timeouts) and
    return the problems, in card order. Never raises for network trouble."""
    pictures = campaign_pictures(campaign)
    if not pictures:
        return []
    import httpx  # only when there is something to check

    with (
        httpx.Client(follow_redirects=False, mounts=dict(mounts or {})) as client,
        ThreadPoolExecutor(max_workers=MAX_PARALLEL_CHECKS) as pool,
    ):
        checks = list(pool.map(lambda item: check(item[1], client=client), pictures))
    found = (picture_problem(path, result) for (path, _), result in zip(pictures, checks, strict=True))
    return [problem for problem in found if problem is not None]
