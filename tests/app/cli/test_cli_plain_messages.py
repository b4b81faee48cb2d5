"""Messages of the command line that a new user found confusing, said plainly (round 2 of the new-user try)."""

from __future__ import annotations

import json
import re
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from app.cli import main

SPRING = Path(__file__).resolve().parents[3] / "examples" / "spring-sale.rcs.json"


def spring_with(tmp_path: Path, change) -> Path:
    data = json.loads(SPRING.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "changed.rcs.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# --- validate ------------------------------------------------------------------------------------


def test_validate_says_what_only_a_send_checks(capsys):
    assert main(["validate", str(SPRING)]) == 0
    assert capsys.readouterr().out == (
        "No problems found in the file. Pictures and contact lists are checked when you send.\n"
    )


def test_validate_with_only_warnings_says_it_too(tmp_path, capsys):
    path = spring_with(tmp_path, lambda data: data["request"].pop("alternative_channel"))
    assert main(["validate", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("warning: alternative_channel: ")
    assert lines[-1] == (
        "No errors found in the file, only the warnings above. Pictures and contact lists are checked when you send."
    )


def test_too_many_buttons_to_open_is_said_plainly(tmp_path, capsys):
    def six_buttons(data):
        data["request"]["options"]["cards"][0]["suggestions"] = [
            {"text": f"Button {n}", "url": "https://shop.example.com/"} for n in range(1, 7)
        ]

    assert main(["validate", str(spring_with(tmp_path, six_buttons))]) == 1
    err = capsys.readouterr().err
    assert err == (
        "changed.rcs.json cannot be opened: card 1 has 6 buttons. A card can have at most 2 buttons; a file with "
        "up to 4 on a card still opens, so that you can remove the extra ones, but 6 is too many.\n"
    )


@pytest.mark.parametrize(("written", "meant"), [("Kyiv", "Europe/Kyiv"), ("new york", "America/New_York")])
def test_a_time_zone_without_its_region_gets_a_suggestion(tmp_path, capsys, written, meant):
    path = spring_with(tmp_path, lambda data: data.update(time_zone=written))
    assert main(["validate", str(path)]) == 1
    assert f"does not exist: '{written}'. Did you mean '{meant}'?" in capsys.readouterr().err


def test_a_time_zone_like_no_other_gets_no_suggestion(tmp_path, capsys):
    path = spring_with(tmp_path, lambda data: data.update(time_zone="Atlantis"))
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "does not exist: 'Atlantis'." in err and "Did you mean" not in err


# --- campaign numbers ----------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["campaign", "stop"])
@pytest.mark.parametrize("typed", ["abc", "12a", "-5", "١٢"])
def test_a_campaign_number_that_is_no_number_is_said_plainly(capsys, command, typed):
    with pytest.raises(SystemExit) as stopped:
        main(["--demo", command, typed])
    assert stopped.value.code == 1
    err = capsys.readouterr().err
    assert "The campaign number must be digits, like 844836977" in err
    assert "invalid int value" not in err and "argument" not in err.splitlines()[-1]


# --- where the server address came from -----------------------------------------------------------


class _WebPage(BaseHTTPRequestHandler):
    def _page(self) -> None:
        body = b"<!doctype html><html><body>Our shop</body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PATCH = _page  # noqa: N815 - the names http.server calls

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def web_site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _WebPage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_an_ordinary_web_site_given_with_api_url_is_said_to_be_no_wwt_server(web_site, monkeypatch, capsys):
    monkeypatch.setenv("RCS_DESK_API_KEY", "live_anything_0123456789")
    assert main(["--api-url", web_site, "lists"]) == 3
    err = capsys.readouterr().err
    assert err.startswith(
        f"The server address given with --api-url ({web_site}) does not look like WWT.world's server"
    ), err
    assert "had a problem" not in err and "Settings" not in err


def free_port_address() -> str:
    with socket.socket() as probe:  # a port that was free a moment ago and has no listener
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


def test_an_unreachable_api_url_is_named_as_given(monkeypatch, capsys):
    monkeypatch.setenv("RCS_DESK_API_KEY", "live_anything_0123456789")
    address = free_port_address()
    assert main(["--api-url", address, "lists"]) == 3
    err = capsys.readouterr().err
    assert f"the server address given with --api-url ({address})" in err and "Settings" not in err


def test_an_unreachable_address_from_the_environment_is_named_so(monkeypatch, capsys):
    monkeypatch.setenv("RCS_DESK_API_KEY", "live_anything_0123456789")
    address = free_port_address()
    monkeypatch.setenv("RCS_DESK_API_URL", address)
    assert main(["lists"]) == 3
    err = capsys.readouterr().err
    assert f"the server address in RCS_DESK_API_URL ({address})" in err and "Settings" not in err


# --- rcs-desk campaigns ---------------------------------------------------------------------------


def test_campaigns_shows_the_message_and_the_planned_start_as_campaign_does(capsys, monkeypatch):
    monkeypatch.setattr("app.cli.history_commands.local_time_zone_name", lambda: "UTC")
    monkeypatch.setattr("app.cli.campaign_commands.local_time_zone_name", lambda: "UTC")
    assert main(["--demo", "send", str(SPRING), "--yes", "--json"]) == 0
    campaign_id = json.loads(capsys.readouterr().out)["id"]
    assert main(["--demo", "campaign", str(campaign_id)]) == 0
    planned = re.search(r"Planned start:\s+(.+)", capsys.readouterr().out)
    assert planned is not None
    assert main(["--demo", "campaigns", "--offline"]) == 0
    header, row = capsys.readouterr().out.splitlines()[:2]
    assert "Planned start" in header and header.rstrip().endswith("Campaign")
    assert f"  {planned.group(1)}  " in row, (planned.group(1), row)
    assert row.endswith("Spring sale: -30% on sneakers")
    assert "RCS api campaign" not in row
