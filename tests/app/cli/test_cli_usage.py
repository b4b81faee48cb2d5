"""The command line's usage: global options in either place, and plain sentences (never a traceback)
for interrupted prompts, a busy or impossible sandbox port, a bad --api-url and a bad screenshot."""

from __future__ import annotations

import argparse
import io
import json
import socket
import sys
from pathlib import Path

import pytest

import rcs_desk
from app.cli import build_parser, main
from app.sandbox import DEMO_API_KEY, LoopbackServer, SandboxServer
from ui.shell import command_line

SPRING = Path(__file__).resolve().parents[3] / "examples" / "spring-sale.rcs.json"
WEB_ADDRESS_HINT = "is not a web address (it should look like https://one-api.wwt.world)"


def parse(argv: list[str]) -> argparse.Namespace:
    return build_parser(command_line).parse_args(argv)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (["--demo", "send", "F", "--yes"], ["send", "F", "--demo", "--yes"]),
        (["--demo", "screenshot", "out.png"], ["screenshot", "out.png", "--demo"]),
        (["--api-url", "http://h", "-v", "lists"], ["lists", "--api-url", "http://h", "--verbose"]),
        (["-v", "campaign", "5"], ["campaign", "5", "-v"]),
    ],
)
def test_global_options_mean_the_same_before_or_after_the_command(before, after):
    assert parse(before) == parse(after)


def test_a_global_option_before_the_command_is_not_undone_by_the_commands_defaults():
    args = parse(["--demo", "--api-url", "http://h", "-v", "stop", "7"])
    assert (args.demo, args.api_url, args.verbose) == (True, "http://h", True)
    args = parse(["stop", "7"])
    assert (args.demo, args.api_url, args.verbose) == (False, None, False)


def test_demo_after_the_command_sends_to_the_demo_server(capsys):
    assert main(["send", str(SPRING), "--demo", "--yes", "--json"]) == 0
    captured = capsys.readouterr()
    assert "Demo: nothing is sent." in captured.err
    assert '"id"' in captured.out


def test_api_url_after_the_command_is_used(monkeypatch, capsys):
    server = SandboxServer(list_count=3)
    with LoopbackServer(server) as loopback:
        monkeypatch.setenv("RCS_DESK_API_KEY", DEMO_API_KEY)
        assert main(["lists", "--json", "--api-url", loopback.base_url]) == 0
    assert server.requests


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _prompt_raises(monkeypatch, error: type[BaseException]) -> None:
    def answer(*_args: object) -> str:
        raise error

    monkeypatch.setattr(sys, "stdin", _Terminal())
    monkeypatch.setattr("builtins.input", answer)
    monkeypatch.setattr("getpass.getpass", answer)


@pytest.mark.parametrize(("error", "code"), [(KeyboardInterrupt, 130), (EOFError, 1)])
@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--demo", "send", str(SPRING)], "Nothing was sent."),
        (["--demo", "stop", "{id}"], "Nothing was stopped."),  # a campaign the demo account has
        (["set-key"], "No key was saved."),
    ],
)
def test_ctrl_c_or_end_of_input_at_a_prompt_says_nothing_was_done(monkeypatch, capsys, error, code, argv, said):
    if "{id}" in argv:
        assert main(["--demo", "send", str(SPRING), "--yes", "--json"]) == 0
        campaign_id = json.loads(capsys.readouterr().out)["id"]
        argv = [str(campaign_id) if arg == "{id}" else arg for arg in argv]
    _prompt_raises(monkeypatch, error)
    assert main(argv) == code
    err = capsys.readouterr().err
    assert said in err
    assert "Stopped." not in err and "no terminal" not in err and "Traceback" not in err


def test_no_terminal_and_no_key_on_standard_input_says_so_at_once(monkeypatch, capsys):
    """``rcs-desk set-key </dev/null``: not "Enter the API key." then "No key was saved.", but why, and how."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["set-key"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("No key was saved: there is no terminal to type the key on.")
    assert "Run `rcs-desk set-key` in a terminal window" in err and "Enter the API key" not in err


def test_sandbox_on_a_port_in_use_says_so(capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["sandbox", "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert f"Port {port}" in err and "in use" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("port", ["70000", "-1", "65536"])
def test_sandbox_on_a_port_out_of_range_says_so(capsys, port):
    assert main(["sandbox", f"--port={port}"]) == 1
    err = capsys.readouterr().err
    assert f"Port {port} is not a port number" in err and "0 to 65535" in err


@pytest.mark.parametrize("url", ["ftp://x", "not a url", "http://", "http://h:99999"])
@pytest.mark.parametrize("where", ["before", "after"])
def test_a_bad_api_url_is_refused_before_anything_is_sent(monkeypatch, capsys, url, where):
    sent: list[object] = []
    monkeypatch.setattr("app.cli.common.open_connection", lambda *a, **k: sent.append(a))
    monkeypatch.setenv("RCS_DESK_API_KEY", "live_anything")
    command = ["send", str(SPRING), "--yes"]
    argv = ["--api-url", url, *command] if where == "before" else [*command, "--api-url", url]
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 1
    err = capsys.readouterr().err
    assert f"{url!r} {WEB_ADDRESS_HINT}" in err
    assert "Settings" not in err and not sent


@pytest.mark.parametrize("name", ["out.jpg", "out", "picture.png.txt"])
def test_screenshot_needs_a_png_name(tmp_path, capsys, name):
    assert rcs_desk.main(["screenshot", str(tmp_path / name), "--demo"]) == 1
    assert "use a .png name" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("size", ["10x10", "639x820", "1280x399", "abc", "1280x", "x"])
def test_screenshot_size_says_the_smallest_allowed(tmp_path, capsys, size):
    assert rcs_desk.main(["screenshot", str(tmp_path / "out.png"), "--size", size]) == 1
    err = capsys.readouterr().err
    assert "the smallest" in err and "640x400" in err
    assert "Traceback" not in err


class _Window:
    def __init__(self) -> None:
        self.opened: list[tuple[argparse.Namespace, list[str]]] = []

    def add_commands(self, sub: object) -> None:
        pass

    def open_window(self, args: argparse.Namespace, files: list[str]) -> int:
        self.opened.append((args, files))
        return 0


def test_global_options_after_a_file_to_open_are_options_not_files():
    window = _Window()
    assert main(["a.rcs.json", "--demo", "--api-url", "http://h"], window=window) == 0
    [(args, files)] = window.opened
    assert files == ["a.rcs.json"]
    assert (args.demo, args.api_url) == (True, "http://h")
