"""``rcs-desk report ID --out FILE.csv`` checks where it writes before it reads anything: a folder is
refused, files already there are replaced only with ``--overwrite`` or a yes at the terminal, and
``--json`` with ``--out`` is refused in words."""

from __future__ import annotations

import io
import sys

import pytest

from app.cli import main

DEMO_DONE = 53708802  # "Summer collection teaser" of the demo account: 238 messages


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def messages_read(server) -> list:
    return [r for r in server.requests if r.method == "GET" and r.target.startswith("/api/messages")]


@pytest.fixture
def earlier(tmp_path):
    """A report and its summary written before."""
    out = tmp_path / "summer.csv"
    out.write_text("earlier report")
    (tmp_path / "summer-summary.csv").write_text("earlier summary")
    return out


def test_existing_files_are_not_replaced_without_overwrite(sandbox, earlier, capsys):
    assert main(["report", str(DEMO_DONE), "--out", str(earlier)]) == 1
    err = capsys.readouterr().err
    assert f"{earlier} and {earlier.parent / 'summer-summary.csv'} already exist: nothing was written." in err
    assert "Add --overwrite to replace them." in err
    assert earlier.read_text() == "earlier report"
    assert (earlier.parent / "summer-summary.csv").read_text() == "earlier summary"
    assert sandbox.requests == [], "refused before asking the server anything"


def test_an_existing_summary_alone_is_named(sandbox, tmp_path, capsys):
    summary = tmp_path / "r-summary.csv"
    summary.write_text("earlier summary")
    assert main(["report", str(DEMO_DONE), "--out", str(tmp_path / "r.csv")]) == 1
    assert f"{summary} already exists: nothing was written. Add --overwrite to replace it." in capsys.readouterr().err
    assert summary.read_text() == "earlier summary" and not (tmp_path / "r.csv").exists()


def test_overwrite_replaces_them(earlier, capsys):
    assert main(["--demo", "report", str(DEMO_DONE), "--out", str(earlier), "--overwrite"]) == 0
    assert earlier.read_text(encoding="utf-8-sig").startswith("Phone,")
    assert (earlier.parent / "summer-summary.csv").read_text() != "earlier summary"


@pytest.mark.parametrize(("answer", "code", "replaced"), [("y", 0, True), ("n", 1, False), ("", 1, False)])
def test_at_a_terminal_the_user_is_asked(earlier, monkeypatch, capsys, answer, code, replaced):
    asked: list[str] = []
    monkeypatch.setattr(sys, "stdin", _Terminal())
    monkeypatch.setattr("builtins.input", lambda question: asked.append(question) or answer)
    assert main(["--demo", "report", str(DEMO_DONE), "--out", str(earlier)]) == code
    assert asked == [f"{earlier} and {earlier.parent / 'summer-summary.csv'} already exist. Replace them? [y/N] "]
    assert (earlier.read_text(encoding="utf-8-sig") != "earlier report") is replaced
    if not replaced:
        assert "Nothing was written." in capsys.readouterr().err


def test_a_folder_is_refused_before_the_messages_are_read(sandbox, tmp_path, capsys):
    folder = tmp_path / "reports"
    folder.mkdir()
    assert main(["report", str(DEMO_DONE), "--out", str(folder)]) == 1
    err = capsys.readouterr().err
    expected = f"{folder} is a folder. Give the report a file name, like {folder / 'campaign-53708802-messages.csv'}."
    assert expected in err
    assert messages_read(sandbox) == [] and sandbox.requests == []
    assert list(folder.iterdir()) == []


def test_a_summary_name_taken_by_a_folder_is_refused_before_reading(sandbox, tmp_path, capsys):
    (tmp_path / "r-summary.csv").mkdir()
    assert main(["report", str(DEMO_DONE), "--out", str(tmp_path / "r.csv")]) == 1
    assert f"as {tmp_path / 'r-summary.csv'}, but that is a folder" in capsys.readouterr().err
    assert sandbox.requests == [] and not (tmp_path / "r.csv").exists()


def test_json_with_out_is_refused_in_words(sandbox, tmp_path, capsys):
    out = tmp_path / "m.json"
    assert main(["report", str(DEMO_DONE), "--json", "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and not out.exists()
    assert "Choose one: --out writes the messages to a CSV file, --json prints them." in captured.err
    assert sandbox.requests == []
