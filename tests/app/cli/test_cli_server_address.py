"""The server address from RCS_DESK_API_URL or the settings is checked before a command talks to the
server, like --api-url (issue 10): exit 1 with a sentence naming where the address came from."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.platform.config import Settings, save_settings

SPRING = Path(__file__).resolve().parents[3] / "examples" / "spring-sale.rcs.json"
HINT = "is not a web address (it should look like https://one-api.wwt.world)."
BAD = ["ftp://x", "not a url", "http://", "http://h:99999", "one-api.wwt.world"]


@pytest.fixture
def connections(monkeypatch) -> list[object]:
    """Every connection a command opens (none may be, for a bad address)."""
    opened: list[object] = []
    monkeypatch.setattr("app.cli.common.open_connection", lambda *a, **k: opened.append(a))
    monkeypatch.setenv("RCS_DESK_API_KEY", "live_anything")
    return opened


def refused(argv: list[str], capsys) -> str:
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 1
    return capsys.readouterr().err


@pytest.mark.parametrize("url", BAD)
@pytest.mark.parametrize(
    "command", [["send", str(SPRING), "--yes"], ["lists"], ["campaign", "7"], ["stop", "7", "--yes"], ["campaigns"]]
)
def test_a_bad_address_in_the_environment_is_refused_before_anything_is_sent(
    monkeypatch, capsys, connections, url, command
):
    monkeypatch.setenv("RCS_DESK_API_URL", url)
    err = refused(command, capsys)
    assert f"The server address in RCS_DESK_API_URL ({url!r}) {HINT}" in err
    assert "unset RCS_DESK_API_URL" in err and "Settings" not in err
    assert connections == []


@pytest.mark.parametrize("url", BAD)
def test_a_bad_address_in_the_settings_is_refused_before_anything_is_sent(capsys, connections, url):
    save_settings(Settings(api_url=url))
    err = refused(["send", str(SPRING), "--yes"], capsys)
    assert f"The server address in Settings ({url!r}) {HINT}" in err
    assert "RCS_DESK_API_URL" not in err and connections == []


def test_the_environment_wins_over_the_settings_as_when_connecting(monkeypatch, capsys, connections):
    save_settings(Settings(api_url="not a url"))
    monkeypatch.setenv("RCS_DESK_API_URL", "http://127.0.0.1:9")
    main(["lists"])
    assert len(connections) == 1, "the command went on to connect (to the address in RCS_DESK_API_URL)"
    assert HINT not in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", str(SPRING)],  # needs no server
        ["--demo", "lists"],  # the demo server has no address
        ["--api-url", "http://127.0.0.1:9", "lists"],  # given for this command
        ["campaigns", "--offline"],  # does not ask the server
    ],
)
def test_a_bad_address_does_not_stop_what_does_not_use_it(monkeypatch, capsys, argv):
    monkeypatch.setenv("RCS_DESK_API_URL", "not a url")
    monkeypatch.setattr("app.cli.commands.with_client", lambda args, work: 0)
    monkeypatch.setattr("app.cli.history_commands.with_client", lambda args, work: 0)
    assert main(argv) == 0
    assert HINT not in capsys.readouterr().err
