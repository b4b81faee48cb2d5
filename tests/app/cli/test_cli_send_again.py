"""``rcs-desk send`` keeps the window's rule for the same campaign sent twice: the question says so, and
``--yes`` alone does not send it again (``--again`` does)."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

from app.cli import main
from app.history import open_history

SPRING = Path(__file__).resolve().parents[3] / "examples" / "spring-sale.rcs.json"
SEND_PATH = "/api/campaigns/rcs/send-groups"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def demo_send(capsys, *options: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--demo", "send", str(SPRING), "--yes", "--json", *options])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def local_records(demo: bool = True):
    with open_history(demo=demo) as history:
        return history.records(include_web=False)


def test_two_sends_with_yes_in_a_row_make_one_campaign(capsys):
    code, out, _ = demo_send(capsys)
    assert code == 0
    first = json.loads(out)["id"]
    code, out, err = demo_send(capsys)
    assert code == 1 and out == ""
    assert "Nothing was sent: an identical campaign was sent from this computer at " in err
    assert re.search(rf"at \d\d:\d\d \(campaign {first}\)\. To send it again on purpose, add --again\.", err), err
    assert [record.campaign_id for record in local_records()] == [first]


def test_again_sends_it_a_second_time(capsys):
    assert demo_send(capsys)[0] == 0
    code, out, err = demo_send(capsys, "--again")
    assert code == 0 and json.loads(out)["id"]
    assert "identical" not in err
    assert len(local_records()) == 2


def test_the_question_says_when_and_which_campaign_went_out(capsys, monkeypatch):
    _, out, _ = demo_send(capsys)
    first = json.loads(out)["id"]
    asked: list[str] = []
    monkeypatch.setattr(sys, "stdin", _Terminal())
    monkeypatch.setattr("builtins.input", lambda question: asked.append(question) or "n")
    assert main(["--demo", "send", str(SPRING)]) == 1
    err = capsys.readouterr().err
    assert re.search(rf"An identical campaign was sent from this computer at \d\d:\d\d \(campaign {first}\)\.", err)
    [question] = asked
    assert question.startswith("Send the campaign again from WWT Shop to 2 lists")
    assert len(local_records()) == 1


def test_a_send_whose_answer_never_came_is_not_sent_again_with_yes(sandbox, capsys):
    sandbox.faults.drop_connection = True
    sandbox.faults.only_path = SEND_PATH
    assert main(["send", str(SPRING), "--yes"]) == 3
    sandbox.faults.clear()
    capsys.readouterr()
    assert main(["send", str(SPRING), "--yes"]) == 1
    err = capsys.readouterr().err
    assert "no answer came, so it may have been created" in err and "--again" in err
    sends = [r for r in sandbox.requests if r.method == "POST" and r.target.startswith(SEND_PATH)]
    assert len(sends) == 1, "the second command sent nothing"


def test_a_campaign_changed_since_is_sent_without_a_word(tmp_path, capsys):
    assert demo_send(capsys)[0] == 0
    data = json.loads(SPRING.read_text(encoding="utf-8"))
    data["request"]["validity"] = 24
    changed = tmp_path / "changed.rcs.json"
    changed.write_text(json.dumps(data), encoding="utf-8")
    capsys.readouterr()
    assert main(["--demo", "send", str(changed), "--yes"]) == 0
    assert "identical" not in capsys.readouterr().err
