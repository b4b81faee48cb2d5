"""``--demo`` commands share one demo account kept in the data folder (issue 10): a campaign sent by one
command is found by the next, IDs go on, and a damaged or unwritable file never stops a command."""

from __future__ import annotations

import json
import os
import re
import threading
from pathlib import Path

import pytest

from app.cli import main
from app.platform.config import app_paths, load_settings
from app.sandbox import saved_account
from app.sandbox.saved_account import demo_account_path
from app.tasks.connection import open_connection
from helpers.lock_holder import lock_held_elsewhere

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
SPRING = EXAMPLES / "spring-sale.rcs.json"


def demo_send(capsys) -> dict:
    return demo_send_said(capsys)[0]


def demo_send_said(capsys) -> tuple[dict, str]:
    """The created campaign, and what was said on stderr (``--again``: each call sends one more, on purpose)."""
    capsys.readouterr()
    assert main(["--demo", "send", str(SPRING), "--yes", "--again", "--json"]) == 0
    captured = capsys.readouterr()
    return json.loads(captured.out), captured.err


def rows(out: str) -> dict[str, str]:
    found = {}
    for line in out.splitlines():
        label, _, value = line.strip().partition(": ")
        found[label.rstrip(":")] = value.strip()
    return found


def test_a_demo_campaign_is_found_and_stopped_by_later_commands(capsys):
    created = demo_send(capsys)
    assert main(["--demo", "campaign", str(created["id"])]) == 0
    shown = rows(capsys.readouterr().out)
    assert shown["ID"] == str(created["id"])
    assert shown["Status"] == "Sending…"  # the same words as `rcs-desk campaigns` and the window
    assert shown["Estimated price"] == "26.51 USD", "the estimate the send got, kept in the history"

    assert main(["--demo", "stop", str(created["id"]), "--yes"]) == 0
    assert f"Campaign {created['id']} was stopped." in capsys.readouterr().out
    assert main(["--demo", "campaign", str(created["id"]), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "stopped"


def test_demo_campaign_ids_go_on_from_command_to_command(capsys):
    ids = [demo_send(capsys)["id"] for _ in range(3)]
    assert len(set(ids)) == 3 and ids == sorted(ids)


def test_demo_campaigns_shows_statuses_refreshed_from_the_kept_account(capsys):
    created = demo_send(capsys)
    assert main(["--demo", "stop", str(created["id"]), "--yes"]) == 0
    capsys.readouterr()
    assert main(["--demo", "campaigns"]) == 0
    captured = capsys.readouterr()
    assert re.search(rf"  Stopped +{created['id']}  ", captured.out), captured.out
    assert "last seen" not in captured.err


def test_a_damaged_demo_account_starts_afresh_and_says_so_once(capsys):
    path = demo_account_path(app_paths().data_dir)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"{ this is not the demo account")
    created, err = demo_send_said(capsys)
    [aside] = path.parent.glob("demo-account.damaged-*.json")
    assert aside.read_bytes() == b"{ this is not the demo account"
    assert f"The saved demo account could not be used: it is not valid JSON. It was moved to {aside}." in err
    assert "starts afresh" in err and "Traceback" not in err
    assert main(["--demo", "campaign", str(created["id"])]) == 0
    assert "could not be used" not in capsys.readouterr().err


def test_a_new_demo_account_does_not_repeat_the_ids_of_an_earlier_one(capsys):
    first = demo_send(capsys)["id"]
    os.replace(demo_account_path(app_paths().data_dir), app_paths().data_dir / "old.json")
    assert main(["--demo", "campaign", str(first)]) == 2, "a new account: the old campaign is gone"
    assert demo_send(capsys)["id"] != first


@pytest.mark.parametrize("command", [["lists"], ["campaign", "53708801"]])
def test_a_data_folder_that_cannot_be_written_keeps_the_demo_for_this_command(capsys, command):
    data = app_paths().data_dir
    data.parent.mkdir(parents=True)
    data.write_bytes(b"a file where the data folder should be")
    assert main(["--demo", *command]) == 0
    err = capsys.readouterr().err
    assert err.count("Demo campaigns cannot be kept for later") == 1
    assert str(data) in err and "a file is in the way" in err


def test_a_demo_send_while_another_program_holds_the_demo_account_finishes_and_says_so(capsys, monkeypatch):
    """A demo window or command stopped (Ctrl+Z) while holding the lock must not make this one wait for ever."""
    assert main(["--demo", "lists"]) == 0  # the kept account, as an earlier command left it
    path = demo_account_path(app_paths().data_dir)
    before = path.read_bytes()
    monkeypatch.setattr(saved_account, "LOCK_WAIT_S", 0.3)
    done: list[tuple[dict, str]] = []
    with lock_held_elsewhere(path.with_suffix(".lock")):
        sender = threading.Thread(target=lambda: done.append(demo_send_said(capsys)), daemon=True)
        sender.start()
        sender.join(30)
        assert not sender.is_alive(), "the command waited for the lock for ever"
    created, err = done[0]
    assert isinstance(created["id"], int)
    assert err.count("Demo campaigns cannot be kept for later: another RCS Campaign Desk") == 1
    assert "Traceback" not in err and path.read_bytes() == before


def test_the_history_labels_records_with_the_demo_account_in_use(capsys):
    """An account replaced by another program is taken over: this connection's records go with it."""
    window = open_connection(load_settings(), demo=True)
    with window.client:
        old_label = window.server_label
        demo_account_path(app_paths().data_dir).unlink()  # removed: the next command starts afresh
        command = open_connection(load_settings(), demo=True)
        command.client.close()
        assert command.server_label != old_label
        window.client.get_balance()
        assert window.server_label == command.server_label
    assert json.loads(demo_account_path(app_paths().data_dir).read_bytes())["label"] == command.server_label
