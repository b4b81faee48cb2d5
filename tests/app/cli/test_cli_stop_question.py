"""``rcs-desk stop`` says which campaign it would stop (what it is about, when it is planned) before
asking; when the campaign cannot be looked at, nothing is stopped."""

from __future__ import annotations

import io
import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.campaign.clock_words import day_and_clock
from app.cli import main
from app.sandbox import DEMO_API_KEY, LoopbackServer, SandboxServer


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def scheduled_file(tmp_path: Path) -> tuple[Path, datetime]:
    start = (datetime.now(UTC) + timedelta(days=3)).replace(hour=10, minute=30, second=0, microsecond=0)
    request = {
        "groups": [1864603],
        "sender": "WWT Shop",
        "options": {"text": "Spring sale: -30% on sneakers until Sunday"},
        "start_at": start.strftime("%Y-%m-%d %H:%M:%S"),
    }
    path = tmp_path / "scheduled.rcs.json"
    data = {"format": "rcs-desk.campaign", "version": 1, "time_zone": "UTC", "request": request}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path, start


@pytest.fixture
def answers(monkeypatch):
    """The questions asked on a terminal, each answered "n"."""
    asked: list[str] = []
    monkeypatch.setattr(sys, "stdin", _Terminal())
    monkeypatch.setattr("builtins.input", lambda question: asked.append(question) or "n")
    return asked


def test_the_question_names_the_campaign_and_its_planned_start(tmp_path, capsys, answers, monkeypatch):
    monkeypatch.setattr("app.cli.campaign_commands.local_time_zone_name", lambda: "UTC")
    path, start = scheduled_file(tmp_path)
    assert main(["--demo", "send", str(path), "--yes", "--json"]) == 0
    campaign_id = json.loads(capsys.readouterr().out)["id"]
    assert main(["--demo", "stop", str(campaign_id)]) == 1
    [question] = answers
    planned = day_and_clock(start, "UTC")  # "Mon 30 Nov, 10:30" (with the year when it is another one)
    assert question.startswith(
        f"Stop campaign {campaign_id}, 'Spring sale: -30% on sneakers until Sunday', planned for {planned}, UTC? "
    ), question
    assert "Nothing was stopped." in capsys.readouterr().err
    assert main(["--demo", "campaign", str(campaign_id), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] != "stopped"


def test_a_finished_campaign_is_not_asked_about(tmp_path, capsys, answers):
    path, _ = scheduled_file(tmp_path)
    assert main(["--demo", "send", str(path), "--yes", "--json"]) == 0
    campaign_id = json.loads(capsys.readouterr().out)["id"]
    assert main(["--demo", "stop", str(campaign_id), "--yes"]) == 0
    capsys.readouterr()
    assert main(["--demo", "stop", str(campaign_id)]) == 2
    assert "cannot be stopped: it was already stopped. Nothing was done." in capsys.readouterr().err
    assert answers == []


def test_a_campaign_that_cannot_be_looked_at_is_not_stopped(monkeypatch, capsys, answers):
    server = SandboxServer()
    with LoopbackServer(server) as loopback:
        monkeypatch.setenv("RCS_DESK_API_KEY", DEMO_API_KEY)
        assert main(["--api-url", loopback.base_url, "stop", "999999999"]) == 2
    err = capsys.readouterr().err
    assert "was not found" in err and err.endswith("Nothing was stopped.\n")
    assert answers == []
    assert [r for r in server.requests if r.target.endswith("/stop")] == []
