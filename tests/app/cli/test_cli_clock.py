"""The command line says times as the window does: the send question names the planned time in the
account's zone, then on this computer; the history's times are on this computer's clock."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from app.campaign.clock_words import computer_time_text
from app.campaign.file import load_campaign_file
from app.cli import main, questions
from app.history import open_history
from app.platform import config
from app.sending.summary import when_text

SPRING = Path(__file__).resolve().parents[3] / "examples" / "spring-sale.rcs.json"


def test_the_send_question_says_the_planned_time_as_the_confirmation_does(
    tmp_path, monkeypatch, computer_zone, terminal
):
    computer_zone("Etc/UTC")
    config.save_settings(config.Settings(time_zone="Europe/Kyiv"))
    data = json.loads(SPRING.read_text(encoding="utf-8"))
    day = datetime.now(UTC).astimezone(ZoneInfo("Europe/Kyiv")).date() + timedelta(days=2)
    data["request"]["start_at"] = f"{day:%Y-%m-%d} 10:30:00"
    path = tmp_path / "planned.rcs.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    asked: list[str] = []
    monkeypatch.setattr(questions, "_confirm", lambda question: asked.append(question) or False)
    assert main(["--demo", "send", str(path)]) != 0  # answered no: nothing sent
    [question] = asked
    when = when_text(load_campaign_file(path), "Etc/UTC", "Europe/Kyiv")
    assert f" on {when}?" in question
    assert ", 10:30, Kyiv time (UTC+" in question and " — on this computer: " in question
    assert "Etc/" not in question and "Europe/" not in question


def test_the_history_says_when_each_campaign_was_sent_on_this_computers_clock(capsys, computer_zone):
    computer_zone("Asia/Tokyo")
    assert main(["--demo", "send", str(SPRING), "--yes"]) == 0
    with open_history(demo=True) as history:
        [record] = history.records()
    capsys.readouterr()
    assert main(["--demo", "campaigns"]) == 0
    row = capsys.readouterr().out.splitlines()[1]
    assert row.startswith(computer_time_text(record.sent_at, "Asia/Tokyo") + "  ")
