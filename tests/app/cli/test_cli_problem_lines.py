"""``rcs-desk validate`` and ``send``: the machine path first, then the place in words."""

from __future__ import annotations

import json
from pathlib import Path

from app.cli import main
from app.cli.output import problem_line
from app.validation import Problem


def write_campaign(tmp_path: Path, request: dict) -> Path:
    path = tmp_path / "campaign.rcs.json"
    data = {"format": "rcs-desk.campaign", "version": 1, "time_zone": "UTC", "request": request}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


BUTTON_TOO_LONG = {
    "groups": [1],
    "sender": "Agent",
    "options": {
        "cards": [
            {"text": "First"},
            {"text": "Second", "suggestions": [{"text": "x" * 26, "url": "https://example.com/"}]},
        ]
    },
    "alternative_channel": {"sms": {"text": "Hello", "sender": "Shop"}},
}
EXPECTED = (
    "error: options.cards[1].suggestions[0].text: Card 2, button 1: "
    "Button text can have at most 25 characters (this one has 26)."
)


def test_validate_says_the_place_after_the_path(tmp_path, capsys):
    assert main(["validate", str(write_campaign(tmp_path, BUTTON_TOO_LONG))]) == 1
    assert capsys.readouterr().out.splitlines() == [EXPECTED]


def test_send_says_the_same_lines_and_sends_nothing(tmp_path, capsys):
    assert main(["--demo", "send", str(write_campaign(tmp_path, BUTTON_TOO_LONG)), "--yes"]) == 1
    assert EXPECTED in capsys.readouterr().err.splitlines()


def test_problem_line_keeps_the_prefix_and_does_not_repeat_a_place():
    assert problem_line(Problem("groups", "warning", "Too many.")) == "warning: groups: Recipients: Too many."
    said = Problem("options.cards[0]", "error", "Card 1 could not be read.")
    assert problem_line(said) == "error: options.cards[0]: Card 1 could not be read."
    assert problem_line(Problem("", "error", "Damaged.")) == "error: : Damaged."
