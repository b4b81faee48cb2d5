"""The rcs-desk command line, in process, against the demo server and a loopback sandbox."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from app.campaign.file import load_campaign_file
from app.cli import main
from app.platform import config
from app.sandbox import DEMO_API_KEY, LoopbackServer, SandboxServer

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
SPRING = EXAMPLES / "spring-sale.rcs.json"
SEND_PATH = "/api/campaigns/rcs/send-groups"


def write_campaign(tmp_path: Path, request: dict, **top) -> Path:
    path = tmp_path / "campaign.rcs.json"
    data = {"format": "rcs-desk.campaign", "version": 1, "time_zone": "UTC", "request": request, **top}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def send_requests(server: SandboxServer):
    return [r for r in server.requests if r.method == "POST" and r.target.startswith(SEND_PATH)]


def test_validate_a_good_file_exits_0(capsys):
    assert main(["validate", str(SPRING)]) == 0
    out = capsys.readouterr().out
    assert "error:" not in out


def test_validate_prints_each_problem_with_path_and_exits_1(tmp_path, capsys):
    path = write_campaign(
        tmp_path,
        {
            "groups": [1],
            "sender": "Agent",
            "options": {"cards": [{"text": "Hi", "suggestions": [{"text": "x" * 31, "url": "ftp://a.b"}]}]},
        },
    )
    assert main(["validate", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(re.match(r"^(error|warning): \S+: \S.*$", line) for line in lines), lines
    paths = {line.split(": ")[1] for line in lines if line.startswith("error")}
    assert "options.cards[0].suggestions[0].text" in paths
    assert "options.cards[0].suggestions[0].url" in paths
    assert any("31" in line for line in lines)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{broken", "not in double quotes"),
        ('{"format": "rcs-desk.campaign", "version": 99, "request": {}}', "newer version"),
        ('{"hello": 1}', "not an RCS Campaign Desk campaign"),
    ],
)
def test_validate_unreadable_files_explain_why(tmp_path, capsys, content, expected):
    path = tmp_path / "bad.rcs.json"
    path.write_text(content, encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert expected in err
    assert "Traceback" not in err
    assert path.read_text(encoding="utf-8") == content


def test_demo_send_prints_the_created_campaign(capsys):
    assert main(["--demo", "send", str(SPRING), "--yes"]) == 0
    captured = capsys.readouterr()
    assert "Demo: nothing is sent." in captured.err
    assert re.search(r"ID:\s+\d+", captured.out)
    assert "Estimated price:" in captured.out


def test_demo_send_json_prints_the_data_object(capsys):
    assert main(["--demo", "send", str(SPRING), "--yes", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data["id"], int)
    assert data["message_type"] == "rcs"


def test_send_without_yes_and_without_a_terminal_sends_nothing(sandbox, monkeypatch, capsys):
    with open(__file__, encoding="utf-8") as not_a_terminal:
        monkeypatch.setattr(sys, "stdin", not_a_terminal)
        assert main(["send", str(SPRING)]) == 1
    assert "--yes" in capsys.readouterr().err
    assert send_requests(sandbox) == []


def test_send_with_errors_sends_nothing(tmp_path, sandbox, capsys):
    path = write_campaign(tmp_path, {"groups": [1864603], "sender": "A", "options": {"text": ""}})
    assert main(["send", str(path), "--yes"]) == 1
    assert "Nothing was sent" in capsys.readouterr().err
    assert send_requests(sandbox) == []


def test_bytes_sent_are_the_files_request_plus_button_types(sandbox, capsys):
    assert main(["send", str(SPRING), "--yes"]) == 0
    [sent] = send_requests(sandbox)
    expected = load_campaign_file(SPRING).campaign.to_request()
    for card in expected["options"]["cards"]:
        for button in card["suggestions"]:
            button["type"] = "call" if "phone" in button else "link"
    assert json.loads(sent.body.decode("utf-8")) == expected
    assert sent.headers["content-type"].startswith("application/json")
    assert sent.headers["authorization"].startswith("Bearer ")


def test_server_refusal_exits_2_and_names_the_field(tmp_path, sandbox, capsys):
    """An SMS sender the account does not have: only the server knows (a missing list is said before)."""
    sms = {"sms": {"text": "Hello", "sender": "380441234567"}}
    request = {"groups": [1864603], "sender": "A", "options": {"text": "Hello"}, "alternative_channel": sms}
    path = write_campaign(tmp_path, request)
    assert main(["send", str(path), "--yes"]) == 2
    err = capsys.readouterr().err
    assert "alternative_channel.sms.sender" in err
    assert "{" not in err  # no raw JSON


def test_dropped_connection_during_send_is_unknown_outcome_and_not_resent(sandbox, capsys):
    sandbox.faults.drop_connection = True
    sandbox.faults.only_path = SEND_PATH
    assert main(["send", str(SPRING), "--yes"]) == 3
    assert "campaign list" in capsys.readouterr().err
    assert len(send_requests(sandbox)) <= 1  # at most the one attempt; never a second


def test_unreachable_server_exits_3(monkeypatch, capsys):
    import socket

    with socket.socket() as probe:  # a port that was free a moment ago and has no listener
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("RCS_DESK_API_KEY", "live_anything")
    assert main(["--api-url", f"http://127.0.0.1:{port}", "send", str(SPRING), "--yes"]) == 3
    assert "Traceback" not in capsys.readouterr().err


def test_without_an_api_key_the_user_is_told_how_to_give_one(capsys):
    assert main(["lists"]) == 1
    assert "set-key" in capsys.readouterr().err


def test_lists_json_is_one_array_of_every_list(sandbox, capsys):
    assert main(["lists", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, list) and len(data) >= 10
    assert {"id", "name", "items"} <= set(data[0])


def test_lists_reads_every_page(monkeypatch, capsys):
    server = SandboxServer(list_count=1234)
    with LoopbackServer(server) as loopback:
        monkeypatch.setenv("RCS_DESK_API_KEY", DEMO_API_KEY)
        assert main(["--api-url", loopback.base_url, "lists", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1234


def test_campaign_and_stop(sandbox, tmp_path, capsys):
    path = write_campaign(tmp_path, {"groups": [1864603], "sender": "A", "options": {"text": "Hello"}})
    assert main(["send", str(path), "--yes", "--json"]) == 0
    campaign_id = json.loads(capsys.readouterr().out)["id"]
    assert main(["campaign", str(campaign_id), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == campaign_id
    assert main(["stop", str(campaign_id), "--yes"]) == 0
    assert "stopped" in capsys.readouterr().out
    assert main(["stop", str(campaign_id), "--yes"]) == 2  # a stopped campaign cannot be stopped again
    assert "{" not in capsys.readouterr().err


def test_unknown_campaign_is_said_plainly(sandbox, capsys):
    assert main(["campaign", "999999999"]) == 2
    err = capsys.readouterr().err
    assert "404" not in err and "Traceback" not in err


def test_set_key_from_standard_input_stores_in_keyring(monkeypatch, isolated_environment, capsys):
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("live_typed_key\n"))
    assert main(["set-key"]) == 0
    assert "live_typed_key" in isolated_environment.passwords.values()
    assert "live_typed_key" not in capsys.readouterr().out


def test_command_line_never_imports_qt(tmp_path):
    code = (
        "import sys; from app.cli import main; "
        f"rc = main(['validate', {str(SPRING)!r}]); "
        "assert not [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))], 'Qt imported'; "
        "sys.exit(rc)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("typed", "suggested"), [("list", "lists"), ("vaildate", "validate"), ("frobnicate", None)])
def test_a_mistyped_command_is_not_taken_for_a_file_to_open(typed, suggested, capsys):
    with pytest.raises(SystemExit) as caught:
        main([typed])
    assert caught.value.code == 1
    err = capsys.readouterr().err
    assert f"'{typed}' is not a command" in err
    assert (f"Did you mean '{suggested}'?" in err) if suggested else ("rcs-desk --help" in err)


def test_a_demo_campaign_not_found_points_to_the_demo_accounts_list(capsys):
    assert main(["--demo", "campaign", "999"]) == 2
    err = capsys.readouterr().err
    assert "rcs-desk --demo campaigns --all" in err and "rcs-desk sandbox" not in err


def test_a_refused_key_gets_command_line_advice(monkeypatch, capsys):
    server = SandboxServer(accepted_keys={"live_the_right_one"})
    with LoopbackServer(server) as loopback:
        monkeypatch.setenv("RCS_DESK_API_KEY", "live_wrong")
        assert main(["--api-url", loopback.base_url, "lists"]) == 2
    assert "rcs-desk set-key" in capsys.readouterr().err


def test_validate_and_send_a_call_number_written_with_spaces(tmp_path, sandbox, capsys):
    request = {
        "groups": [1864603],
        "sender": "WWT Shop",
        "options": {"cards": [{"text": "Call us", "suggestions": [{"text": "Call", "phone": "+380 99 123 45 67"}]}]},
    }
    path = write_campaign(tmp_path, request)
    assert main(["validate", str(path)]) == 0
    assert "error:" not in capsys.readouterr().out
    assert main(["send", str(path), "--yes"]) == 0
    [sent] = send_requests(sandbox)
    button = json.loads(sent.body.decode("utf-8"))["options"]["cards"][0]["suggestions"][0]
    assert button == {"type": "call", "text": "Call", "phone": "380991234567"}


def test_a_bare_request_is_read_in_the_computers_zone_and_said_so(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(config, "local_time_zone_name", lambda: "Asia/Tokyo")
    path = tmp_path / "spring.json"
    path.write_text(json.dumps({"groups": [1864603], "sender": "WWT Shop", "options": {"text": "Hello!"}}))
    assert main(["validate", str(path)]) == 0
    captured = capsys.readouterr()
    note = (
        "spring.json was not saved by this program, so it names no time zone: its times are read in this "
        "computer's time zone, Tokyo time. Save it as a campaign file to keep the time zone with it."
    )
    assert captured.err.splitlines() == [note]
    assert "error:" not in captured.out
