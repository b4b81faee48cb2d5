"""``rcs-desk campaigns`` and the history ``rcs-desk send`` keeps: demo, a loopback sandbox with a clock,
unknown outcomes, web-account campaigns, failures."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.campaign.file import load_campaign_file
from app.cli import build_parser, main
from app.history import STATUS_UNKNOWN_OUTCOME, open_history
from app.platform.config import app_paths, load_settings
from app.sandbox import DEMO_API_KEY, Faults, LoopbackServer, SandboxServer
from app.sending import send_body

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
SPRING = EXAMPLES / "spring-sale.rcs.json"
SEND_PATH = "/api/campaigns/rcs/send-groups"


class Clock:
    def __init__(self) -> None:
        self.moment = datetime.now(UTC).replace(microsecond=0)

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def sandbox(monkeypatch, clock):
    server = SandboxServer(clock=clock, time_zone=load_settings().account_time_zone)
    with LoopbackServer(server) as loopback:
        monkeypatch.setenv("RCS_DESK_API_URL", loopback.base_url)
        monkeypatch.setenv("RCS_DESK_API_KEY", DEMO_API_KEY)
        yield server


def campaigns_json(capsys, *args: str, code: int = 0) -> list[dict]:
    capsys.readouterr()
    assert (
        main(
            [*args[:1], "campaigns", "--json", *args[1:]]
            if args and args[0] == "--demo"
            else ["campaigns", "--json", *args]
        )
        == code
    )
    return json.loads(capsys.readouterr().out)


def send_requests(server: SandboxServer):
    return [r for r in server.requests if r.method == "POST" and r.target.startswith(SEND_PATH)]


def test_campaigns_is_a_command():
    assert "campaigns" in build_parser().command_names


def test_a_demo_send_shows_in_the_demo_history_only(capsys):
    assert main(["--demo", "send", str(SPRING), "--yes", "--json"]) == 0
    created = json.loads(capsys.readouterr().out)
    [entry] = campaigns_json(capsys, "--demo")
    document = load_campaign_file(SPRING)
    assert entry["origin"] == "this computer" and entry["demo"] is True
    assert entry["campaign_id"] == created["id"] and entry["campaign"] == created
    assert entry["request"] == send_body(document, load_settings().account_time_zone)
    assert [(item["id"], item["name"], item["contacts"]) for item in entry["lists"]] == [
        (1864603, "VIP customers", 240),
        (1864604, "Kyiv store visitors", 1350),
    ]
    assert (created["status"], entry["status"]) == ("creation", "sending"), "refreshed from the kept demo account"
    assert entry["sent_by"]
    assert campaigns_json(capsys, "--offline") == [], "demo campaigns stay out of the real history"


def test_statuses_are_refreshed_from_the_server_as_the_campaign_moves(sandbox, clock, capsys):
    assert main(["send", str(SPRING), "--yes"]) == 0
    [entry] = campaigns_json(capsys)
    assert entry["status"] == "creation" and entry["origin"] == "this computer" and entry["demo"] is False
    campaign_id = entry["campaign_id"]
    statuses, delivered = [entry["status"]], [entry["delivered"]]
    for seconds in (2, 6, 3600):
        clock.advance(seconds=seconds)
        [entry] = campaigns_json(capsys)
        statuses.append(entry["status"])
        delivered.append(entry["delivered"])
    assert statuses == ["creation", "sending", "sending", "done"]
    assert delivered == sorted(delivered) and delivered[-1] > 0
    assert entry["sms_sent"] > 0 and entry["real_start_at"] and entry["finished_at"]
    assert entry["price"] is not None, "the estimate from the send is kept"
    asked = [r for r in sandbox.requests if r.method == "GET" and r.target == f"/api/campaigns/{campaign_id}"]
    [entry] = campaigns_json(capsys)
    again = [r for r in sandbox.requests if r.method == "GET" and r.target == f"/api/campaigns/{campaign_id}"]
    assert len(again) == len(asked), "a finished campaign is not asked about again"
    assert entry["status"] == "done"


def test_the_table_shows_the_history_in_plain_words(sandbox, capsys):
    assert main(["send", str(SPRING), "--yes"]) == 0
    capsys.readouterr()
    assert main(["campaigns"]) == 0
    out = capsys.readouterr().out
    header, row = out.splitlines()[:2]
    assert header.startswith("Sent (time on this computer)") and "Status" in header
    assert re.search(r"\S +Being created  \d+ ", row), row  # the status in words, as `rcs-desk campaign` says it


def test_a_send_without_an_answer_is_recorded_and_then_found_without_sending_again(sandbox, capsys):
    sandbox.faults = Faults(drop_connection=True, only_path=SEND_PATH, times=1)
    assert main(["send", str(SPRING), "--yes"]) == 3
    err = capsys.readouterr().err
    assert "may have been created" in err and "rcs-desk campaigns" in err
    [entry] = campaigns_json(capsys, "--offline")
    assert entry["status"] == STATUS_UNKNOWN_OUTCOME and entry["campaign_id"] is None
    assert entry["request"] == json.loads(send_requests(sandbox)[0].body)

    capsys.readouterr()
    assert main(["campaigns", "--json"]) == 0
    captured = capsys.readouterr()
    [entry] = json.loads(captured.out)
    assert "created after all" in captured.err and "Do not send it again" in captured.err
    assert entry["status"] != STATUS_UNKNOWN_OUTCOME and isinstance(entry["campaign_id"], int)
    assert entry["origin"] == "this computer"
    assert len(send_requests(sandbox)) == 1, "nothing was sent again"


def test_an_unknown_outcome_that_created_nothing_stays_unknown(sandbox, capsys):
    sandbox.faults = Faults(fail_status=502, only_path=SEND_PATH, times=1)
    assert main(["send", str(SPRING), "--yes"]) == 3
    capsys.readouterr()
    assert main(["campaigns", "--json"]) == 0
    captured = capsys.readouterr()
    [entry] = json.loads(captured.out)
    assert entry["status"] == STATUS_UNKNOWN_OUTCOME
    assert "most likely not created" in captured.err
    assert main(["campaigns"]) == 0
    assert "got no answer from the server" in capsys.readouterr().out


def test_a_refused_send_is_not_recorded(sandbox, capsys, tmp_path):
    data = json.loads(SPRING.read_text(encoding="utf-8"))
    sms = {"sms": {"text": "Hello", "sender": "380441234567"}}
    data["request"]["alternative_channel"] = sms  # not a sender of this account: the server refuses it
    path = tmp_path / "refused.rcs.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["send", str(path), "--yes"]) == 2
    assert campaigns_json(capsys, "--offline") == []


def test_all_adds_the_web_accounts_campaigns_marked_as_such(sandbox, capsys):
    assert main(["send", str(SPRING), "--yes"]) == 0
    entries = campaigns_json(capsys, "--all")
    mine = [e for e in entries if e["origin"] == "this computer"]
    web = [e for e in entries if e["origin"] == "web account"]
    assert len(mine) == 1 and web, entries
    assert all(e["request"] is None for e in web)
    assert mine[0]["campaign_id"] not in {e["campaign_id"] for e in web}
    assert "Summer collection teaser" in {e["name"] for e in web}
    assert [e["sent_at"] for e in entries] == sorted((e["sent_at"] for e in entries), reverse=True)
    assert len(campaigns_json(capsys)) == 1, "without --all only this computer's campaigns"
    capsys.readouterr()
    assert main(["campaigns", "--all", "--offline"]) == 0
    assert "web account" in capsys.readouterr().out


def test_an_unreachable_server_still_shows_the_last_known_statuses(monkeypatch, capsys):
    monkeypatch.setenv("RCS_DESK_API_KEY", DEMO_API_KEY)
    with LoopbackServer(SandboxServer(time_zone=load_settings().account_time_zone)) as loopback:
        monkeypatch.setenv("RCS_DESK_API_URL", loopback.base_url)
        assert main(["send", str(SPRING), "--yes"]) == 0
    capsys.readouterr()  # the server is gone now; the address is the same
    assert main(["campaigns", "--json"]) == 3
    captured = capsys.readouterr()
    assert "Could not reach" in captured.err and "Showing the statuses last seen" in captured.err
    [entry] = json.loads(captured.out)
    assert entry["status"] == "creation" and entry["campaign_id"] is not None


def test_without_an_api_key_the_history_is_shown_unrefreshed(capsys):
    assert campaigns_json(capsys) == []
    assert main(["campaigns"]) == 0
    captured = capsys.readouterr()
    assert "No campaigns were sent from this computer yet." in captured.out
    assert "no API key" in captured.err


def test_a_damaged_history_is_moved_aside_with_a_message(capsys):
    path = app_paths().history_db
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not a database" * 100)
    capsys.readouterr()
    assert main(["campaigns", "--json", "--offline"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == []
    assert "was damaged" in captured.err and ".corrupt-" in captured.err
    assert "Traceback" not in captured.err
    with open_history() as history:
        assert history.recovered_from_corruption is None
