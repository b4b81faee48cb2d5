"""One rule for what a picture check means for the send, in the core (the window and the command line)."""

from __future__ import annotations

import pytest

from app.campaign.media_check import MediaCheck
from app.campaign.model import Campaign
from app.tasks.pictures import CONCLUSIVE_STATES, INCONCLUSIVE_STATES, check_pictures, picture_problem


@pytest.mark.parametrize("state", sorted(CONCLUSIVE_STATES))
def test_a_proved_failure_is_an_error_to_override(state):
    problem = picture_problem("options.cards[1].media", MediaCheck("https://a.b/x.png", state, "Why."))
    assert problem is not None and problem.is_error and problem.overridable
    assert problem.message == "The picture will not show on phones. Why."


@pytest.mark.parametrize("state", sorted(INCONCLUSIVE_STATES))
def test_a_check_that_could_not_finish_is_a_warning(state):
    problem = picture_problem("options.cards[0].media", MediaCheck("https://a.b/x.png", state, "Why."))
    assert problem is not None and problem.severity == "warning" and not problem.overridable


@pytest.mark.parametrize("state", ["image", "video", "cancelled", "invalid_url"])
def test_a_usable_or_unchecked_picture_is_no_problem_of_its_own(state):
    assert picture_problem("options.cards[0].media", MediaCheck("https://a.b/x.png", state, "")) is None


def test_a_video_is_called_a_video():
    check = MediaCheck("https://a.b/x.mp4", "too_large", "Too big.", content_type="video/mp4")
    assert picture_problem("p", check).message.startswith("The video will not show")


def test_every_card_is_checked_once_and_problems_come_in_card_order():
    seen: list[str] = []

    def fake_check(url: str, *, client) -> MediaCheck:
        seen.append(url)
        return MediaCheck(url, "not_found" if url.endswith("missing.png") else "image", "Gone.")

    cards = [
        {"text": str(n), "media": {"url": f"https://a.b/{name}"}} for n, name in enumerate(["1.png", "missing.png"])
    ]
    campaign = Campaign.from_request({"groups": [1], "options": {"cards": [*cards, {"text": "no picture"}]}})
    [problem] = check_pictures(campaign, check=fake_check)
    assert sorted(seen) == ["https://a.b/1.png", "https://a.b/missing.png"]
    assert problem.path == "options.cards[1].media"
