"""``rcs-desk send`` knows every list of the campaign before its summary (issue 13, a new user's finding):
the account's names and contacts, so that the summary names and counts them and the contacts limit is
said before the question, in the user's language, not by the server after it. A look-up that fails
sends nothing. Without a terminal and without ``--yes``, the refusal is said first and alone."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.sandbox import SandboxServer
from app.sandbox.wire import Faults

SPRING = Path(__file__).resolve().parents[3] / "examples" / "spring-sale.rcs.json"
SEND_PATH = "/api/campaigns/rcs/send-groups"
VIP, KYIV, NEWSLETTER, BLACK_FRIDAY, IMPORT_XLS = 1864603, 1864604, 1864602, 1864606, 1864608
NO_TERMINAL = "Nothing was sent: there is no terminal to confirm on. Add --yes to send without asking."


def spring_to(tmp_path: Path, groups: list[int], lists: dict[str, dict[str, object]] | None = None) -> Path:
    """The example campaign to ``groups``, the file remembering ``lists`` of them (none: only their numbers)."""
    data = json.loads(SPRING.read_text(encoding="utf-8"))
    data["request"]["groups"] = groups
    data["lists"] = lists or {}
    path = tmp_path / "lists.rcs.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def asked(monkeypatch, capsys, terminal):
    """Each question asked on a terminal, with what had been said on stderr before it; answered "n"."""
    questions: list[tuple[str, str]] = []

    def answer(question: str) -> str:
        questions.append((question, capsys.readouterr().err))
        return "n"

    monkeypatch.setattr("builtins.input", answer)
    return questions


def sends(server: SandboxServer) -> list:
    return [r for r in server.requests if r.method == "POST" and r.target.startswith(SEND_PATH)]


def test_lists_the_file_knows_only_by_number_are_named_and_counted_before_the_question(
    tmp_path, sandbox, asked, capsys
):
    path = spring_to(tmp_path, [VIP, KYIV])
    capsys.readouterr()
    assert main(["send", str(path)]) == 1
    [(question, said)] = asked
    assert "2 lists, 1,590 contacts: VIP customers, Kyiv store visitors" in said
    assert "List 1864603" not in said and "List 1864604" not in said
    assert question.startswith("Send the campaign from WWT Shop to 2 lists (1,590 contacts) now?")
    assert sends(sandbox) == []


def test_a_size_that_changed_since_the_file_was_saved_is_the_accounts(tmp_path, sandbox, asked, capsys):
    path = spring_to(tmp_path, [VIP, KYIV], {str(VIP): {"name": "VIPs (old name)", "contacts": 1}})
    capsys.readouterr()
    assert main(["send", str(path)]) == 1
    [(_question, said)] = asked
    assert "2 lists, 1,590 contacts: VIP customers, Kyiv store visitors" in said


@pytest.mark.parametrize("yes", [True, False], ids=["with --yes", "asked"])
def test_too_many_contacts_are_refused_before_the_question_and_nothing_is_sent(tmp_path, sandbox, asked, capsys, yes):
    """The new user's campaign: "VIP customers" and list 1864608 (12,000 contacts) given by number only."""
    path = spring_to(tmp_path, [VIP, IMPORT_XLS], {str(VIP): {"name": "VIP customers", "contacts": 240}})
    capsys.readouterr()
    assert main(["send", str(path), *(["--yes"] if yes else [])]) == 1
    err = capsys.readouterr().err
    assert (
        "error: groups: Recipients: One chosen list holds 12,000 contacts, but a campaign can reach at most 5,000"
        in err
    )
    assert err.rstrip().endswith("Nothing was sent: correct the errors above first.")
    assert "RCS agent" not in err, "no summary of a send that cannot happen"
    assert "The server did not accept" not in err and "The selected lists have" not in err
    assert asked == [] and sends(sandbox) == []


@pytest.mark.parametrize("yes", [True, False], ids=["with --yes", "asked"])
def test_a_list_the_account_does_not_have_is_refused_before_the_question(tmp_path, sandbox, asked, capsys, yes):
    path = spring_to(tmp_path, [VIP, 999])
    capsys.readouterr()
    assert main(["send", str(path), *(["--yes"] if yes else [])]) == 1
    err = capsys.readouterr().err
    assert "error: groups[1]: Recipients: Contact list 999 is not in this account." in err
    assert err.rstrip().endswith("Nothing was sent: correct the errors above first.")
    assert asked == [] and sends(sandbox) == []


def test_too_many_contacts_are_refused_in_the_users_language(tmp_path, sandbox, capsys, monkeypatch, ukrainian):
    monkeypatch.setenv("LANG", "uk_UA.UTF-8")
    path = spring_to(tmp_path, [VIP, IMPORT_XLS])
    assert main(["send", str(path), "--yes"]) == 1
    err = capsys.readouterr().err
    assert "Один із вибраних списків містить 12\u00a0000 контактів" in err
    assert "Нічого не надіслано: спершу виправте помилки, наведені вище." in err
    assert "The selected lists have" not in err and sends(sandbox) == []


def test_lists_over_the_limit_together_are_warned_of_before_the_question(tmp_path, sandbox, asked, capsys):
    """4,800 and 2,975 contacts: each list fits, together they may not (unless they share contacts): a
    warning, said before the question, and the question is asked (the core's rule, as in the window)."""
    path = spring_to(tmp_path, [NEWSLETTER, BLACK_FRIDAY])
    capsys.readouterr()
    assert main(["send", str(path)]) == 1
    [(_question, said)] = asked
    assert "warning: groups: Recipients: The chosen lists hold 7,775 contacts together" in said
    assert said.index("warning: groups:") < said.index("RCS agent")
    assert sends(sandbox) == []


def test_one_request_for_each_list_and_one_send(tmp_path, sandbox, capsys):
    path = spring_to(tmp_path, [VIP, KYIV])
    assert main(["send", str(path), "--yes", "--json"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out)["id"], "standard output is the created campaign's JSON alone, as before"
    looked_up = [r.target for r in sandbox.requests if r.method == "GET" and r.target.startswith("/api/groups/")]
    assert sorted(looked_up) == [f"/api/groups/{VIP}", f"/api/groups/{KYIV}"]
    assert len(sends(sandbox)) == 1


def test_lists_that_cannot_be_read_send_nothing(tmp_path, sandbox, capsys):
    sandbox.faults = Faults(fail_status=500, only_path="/api/groups*")
    assert main(["send", str(SPRING), "--yes"]) == 3
    err = capsys.readouterr().err
    assert err.rstrip().endswith("Nothing was sent.")
    assert "RCS agent" not in err and sends(sandbox) == []


# --- no terminal, no --yes: the refusal first and alone ------------------------------------------------


@pytest.mark.parametrize(
    "argv", [["send", str(SPRING)], ["test", str(SPRING), "--to", "+380991234567"]], ids=["send", "test"]
)
def test_without_a_terminal_the_refusal_is_said_first_and_alone(sandbox, capsys, monkeypatch, argv):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # a pipe, a scheduled task: no terminal
    capsys.readouterr()
    assert main(argv) == 1
    assert capsys.readouterr().err == NO_TERMINAL + "\n"
    assert sandbox.requests == [], "nothing is asked of the server for a send that cannot be confirmed"
