"""``rcs-desk screenshot`` of a file that cannot be opened says the reason once, naming the file once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SPRING = Path(__file__).resolve().parents[3] / "examples" / "spring-sale.rcs.json"


def screenshot(tmp_path: Path, campaign: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, RCS_DESK_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="offscreen")
    command = [sys.executable, "-m", "rcs_desk", "--demo", "screenshot", str(tmp_path / "a.png"), str(campaign)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env=env, check=False)


def test_a_file_with_too_many_buttons_is_said_once(tmp_path):
    data = json.loads(SPRING.read_text(encoding="utf-8"))
    data["request"]["options"]["cards"][0]["suggestions"] *= 3
    campaign = tmp_path / "buttons6.rcs.json"
    campaign.write_text(json.dumps(data), encoding="utf-8")
    result = screenshot(tmp_path, campaign)
    assert result.returncode == 1
    assert result.stderr.startswith("buttons6.rcs.json cannot be opened: card 1 has 6 buttons."), result.stderr
    assert result.stderr.count("buttons6.rcs.json") == 1 and "could not be opened" not in result.stderr


def test_a_reason_that_does_not_name_the_file_gets_its_name(tmp_path):
    data = json.loads(SPRING.read_text(encoding="utf-8"))
    data["time_zone"] = "Kyiv"
    campaign = tmp_path / "kyiv.rcs.json"
    campaign.write_text(json.dumps(data), encoding="utf-8")
    result = screenshot(tmp_path, campaign)
    assert result.returncode == 1
    assert result.stderr.startswith("kyiv.rcs.json could not be opened: This campaign file names a time zone")
