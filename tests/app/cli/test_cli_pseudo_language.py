"""Every sentence the command line prints for a person goes through the catalog (issue 13).

With the pseudo-language (tests/helpers/pseudo.py: every text of the source written ``⟦text⟧``), every
command's help, its human output, its questions and its refusals are printed on the demo server, and
each line is read: what is left outside the marks must be data. Data is what no catalog could
translate: the program's and the commands' names, option names and the placeholders of their values
(``--api-url URL``), numbers, phone numbers, ids, times' numbers, "UTC" and the currency code, the
campaign file's own texts, and the server's names (lists, campaigns). A word outside the marks that is
none of these was printed without the catalog: the test lists each such line with its command.
``--json`` output is machine output and is left out (``test_cli_uk.py`` checks it does not change).
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

import pytest

import app.cli
import rcs_desk
from app.sandbox.demo_data import FIRST_CAMPAIGN_ID, SEED_CAMPAIGNS, demo_lists
from helpers.pseudo import file_texts

ROOT = Path(__file__).resolve().parents[3]
SPRING = ROOT / "examples" / "spring-sale.rcs.json"
DONE_SEED_CAMPAIGN = FIRST_CAMPAIGN_ID + 1  # "Summer collection teaser": delivered, with a report
MARKED = re.compile(r"⟦[^⟦⟧]*⟧")
# What may stand outside the marks, word by word.
DATA_WORD = re.compile(
    r"""
      -{1,2}[a-z][a-z-]*              # an option: --api-url, -h
    | [A-Z]+(\.[a-z]+)?               # an option's placeholder: URL, ID, FILE.csv, OUT.png
    | [a-z]+(,[a-z-]+)+               # an option's choices: {system,light,dark}
    | [+]?[\d.,:/%\u00a0-]+           # numbers, phone numbers, ids, times, "0 / 7"
    | UTC | USD | \.\.\. | — | [-/|•]
    """,
    re.VERBOSE,
)
EDGES = "[](){}'\"“”«»,;:.!?…"
PROBLEM_LINE = re.compile(r"^(error|warning): \S+: ", re.MULTILINE)  # validate's start of a line: machine-read


class Terminal(io.StringIO):
    """Typed answers on standard input, as from a terminal (the questions are asked only there)."""

    def isatty(self) -> bool:
        return True


def data_texts() -> list[str]:
    """The texts that are data here, longest first (so a name is taken out before a part of it)."""
    texts = [str(row.get(key) or "") for row in demo_lists() for key in ("name", "description")]
    texts += [text or "" for seed in SEED_CAMPAIGNS for text in (seed.name, seed.sender, seed.sms_fallback_sender)]
    texts += file_texts(json.loads(SPRING.read_text(encoding="utf-8")))
    texts += ["rcs-desk", "RCS api campaign"]  # the program, and the start of a campaign's name on the server
    return sorted({text for text in texts if text.strip()}, key=len, reverse=True)


def without_marks(printed: str) -> str:
    """``printed`` with every marked text taken out, the inner ones first (a mark may span wrapped lines)."""
    while MARKED.search(printed):
        printed = MARKED.sub(" ", printed)
    return PROBLEM_LINE.sub("", printed)


def unmarked_words(line: str, data: list[str], commands: frozenset[str]) -> list[str]:
    """The words of ``line`` (marks already taken out) that are not data."""
    for text in data:
        line = line.replace(text, " ")
    words = [word.strip(EDGES) for word in line.split()]
    return [word for word in words if word and word not in commands and not DATA_WORD.fullmatch(word)]


class Walk:
    """Runs commands in one demo account and keeps every line a person would read that is not marked."""

    def __init__(self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        self.capsys, self.monkeypatch, self.tmp_path = capsys, monkeypatch, tmp_path
        self.data = [*data_texts(), str(tmp_path)]
        self.commands = frozenset(rcs_desk_commands())
        self.problems: list[str] = []
        self.lines = 0

    def run(self, *argv: str, answers: str = "") -> str:
        self.monkeypatch.setattr("sys.stdin", Terminal(answers))
        with contextlib.suppress(SystemExit):  # --help, and argparse's usage errors
            rcs_desk.main(["--demo", *argv])
        out, err = self.capsys.readouterr()
        self.lines += len((out + err).splitlines())
        for line in without_marks(out + err).splitlines():
            words = unmarked_words(line, self.data, self.commands)
            if words:
                self.problems.append(f"rcs-desk {' '.join(argv)}: {line!r} (unmarked: {', '.join(words)})")
        return out

    def json(self, *argv: str) -> object:
        """A command's ``--json`` output (machine output: not read for marks)."""
        self.monkeypatch.setattr("sys.stdin", Terminal(""))
        rcs_desk.main(["--demo", *argv, "--json"])
        return json.loads(self.capsys.readouterr().out)


def rcs_desk_commands() -> list[str]:
    parser = app.cli.build_parser(window=rcs_desk_window())
    return sorted(parser.command_names)


def rcs_desk_window():
    from ui.shell import command_line  # imports no Qt: the window's commands, as rcs_desk hands them in

    return command_line


def campaign_file(tmp_path: Path, name: str, change) -> Path:
    campaign = json.loads(SPRING.read_text(encoding="utf-8"))
    change(campaign)
    path = tmp_path / name
    path.write_text(json.dumps(campaign, ensure_ascii=False), encoding="utf-8")
    return path


def test_every_line_of_every_command_is_marked(pseudo, capsys, monkeypatch, tmp_path):
    walk = Walk(capsys, monkeypatch, tmp_path)
    walk.run("--help")
    for command in sorted(walk.commands):
        walk.run(command, "--help")

    # validate: a good file, a file with problems, no file, a file that is no campaign
    walk.run("validate", str(SPRING))
    no_sender = campaign_file(tmp_path, "no-sender.rcs.json", lambda c: c["request"].update(sender=""))
    walk.run("validate", str(no_sender))
    walk.run("validate", str(tmp_path / "missing.rcs.json"))
    (tmp_path / "broken.rcs.json").write_text("{not json", encoding="utf-8")
    walk.run("validate", str(tmp_path / "broken.rcs.json"))

    walk.run("lists")
    walk.run("send", str(SPRING), answers="n\n")  # the question, answered no
    walk.run("send", str(no_sender), "--yes")  # refused before anything is sent
    too_many = campaign_file(tmp_path, "too-many.rcs.json", lambda c: c["request"].update(groups=[1864603, 1864608]))
    walk.run("send", str(too_many), "--yes")  # the lists read from the account: over the contacts limit
    walk.run("send", str(SPRING), "--yes")
    walk.run("send", str(SPRING), "--yes")  # the same campaign a moment ago: refused without --again
    sent = walk.json("campaigns")
    assert isinstance(sent, list) and sent, "the campaign sent above is in the history"
    new_id = str(sent[0]["campaign_id"])
    walk.run("campaigns")
    walk.run("campaigns", "--all")
    walk.run("campaigns", "--offline")
    walk.run("campaign", new_id)
    walk.run("campaign", str(DONE_SEED_CAMPAIGN))
    walk.run("campaign", "999")  # no such campaign
    walk.run("report", str(DONE_SEED_CAMPAIGN), "--out", str(tmp_path / "report.csv"))
    walk.run("stop", new_id, answers="n\n")
    walk.run("stop", new_id, "--yes")
    walk.run("test", str(SPRING), "--to", "+380991234567", answers="n\n")
    walk.run("test", str(SPRING), "--to", "+380991234567", "--yes")
    walk.run("test", str(SPRING), "--to", "12", "--yes")  # no phone number

    # usage errors in argparse's words and ours
    walk.run("campaign", "abc")
    walk.run("sendd")
    walk.run("send")
    walk.run("screenshot", str(tmp_path / "a.png"), "--tab", "nowhere")
    walk.run("screenshot", str(tmp_path / "a.png"), "--scale", "big")
    walk.run("lists", "--colour")
    walk.run("--api-url", "nowhere", "lists")

    assert walk.lines > 250, "the walk printed what it should have (help, tables, sentences)"
    assert not walk.problems, "printed without the catalog:\n" + "\n".join(walk.problems)


def test_a_sentence_outside_the_catalog_is_found(pseudo, capsys, monkeypatch, tmp_path):
    """The check itself: an English sentence printed directly is reported, a marked one and data are not."""
    walk = Walk(capsys, monkeypatch, tmp_path)

    def left(printed: str) -> list[str]:
        return unmarked_words(without_marks(printed), walk.data, walk.commands)

    assert left("Sent to 3 phones.") == ["Sent", "to", "phones"]
    assert left("⟦Sent to 3⟧ ⟦phones, and a long sentence\nwrapped.⟧") == []
    assert left("  ⟦RCS agent⟧:  WWT Shop") == []
    assert left("error: sender: ⟦Enter the sender.⟧") == []
    assert left("⟦usage: ⟧rcs-desk send [-h] [--tab {a,b}] [--api-url URL] FILE") == []
    assert left("1864603  VIP customers  240  Spent over 20,000 UAH in the last 12 months") == []
    assert left("1864603  VIP customers  240  and more") == ["and", "more"]
