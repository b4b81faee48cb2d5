"""``rcs-desk report ID``: a campaign's messages to a CSV file (or JSON), exit codes, no half file."""

from __future__ import annotations

import csv
import io
import json
import locale

import pytest

from app.cli import main, report_command
from app.reports.excel_csv import BOM

DEMO_DONE = 53708802  # "Summer collection teaser" of the demo account: 238 messages


def read_back(path, delimiter: str = ",") -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(BOM)
    return list(csv.reader(io.StringIO(data[len(BOM) :].decode("utf-8"), newline=""), delimiter=delimiter))


def test_report_writes_every_message_and_the_summary(tmp_path, capsys):
    out = tmp_path / "summer.csv"
    assert main(["--demo", "report", str(DEMO_DONE), "--out", str(out)]) == 0
    table = read_back(out)
    assert table[0][:3] == ["Phone", "Status", "Channel"]
    assert len(table) == 1 + 238
    assert all(row[0].startswith('="+380') for row in table[1:])
    summary = dict(read_back(tmp_path / "summer-summary.csv")[1:])
    assert summary["Campaign ID"] == str(DEMO_DONE)
    said = capsys.readouterr().out
    assert "238 messages" in said and "summer-summary.csv" in said


def test_report_json_prints_the_messages_of_the_campaign(capsys):
    capsys.readouterr()
    assert main(["--demo", "report", str(DEMO_DONE), "--json"]) == 0
    messages = json.loads(capsys.readouterr().out)
    assert isinstance(messages, list) and len(messages) == 238
    assert {message["campaign_id"] for message in messages} == {DEMO_DONE}


def test_a_decimal_comma_means_semicolons(tmp_path, monkeypatch):
    monkeypatch.setattr(report_command, "decimal_point", lambda: ",")
    out = tmp_path / "de.csv"
    assert main(["--demo", "report", str(DEMO_DONE), "--out", str(out)]) == 0
    table = read_back(out, delimiter=";")
    assert table[0][:3] == ["Phone", "Status", "Channel"]
    assert any("," in row[6] for row in table[1:] if row[6])  # prices with a decimal comma


def test_decimal_point_reads_the_locale_and_leaves_it_as_it_was(monkeypatch):
    before = locale.setlocale(locale.LC_NUMERIC)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    assert report_command.decimal_point() == "."
    monkeypatch.setenv("LC_ALL", "xx_NOWHERE.UTF-8")  # not installed: the point
    assert report_command.decimal_point() == "."
    assert locale.setlocale(locale.LC_NUMERIC) == before


def test_an_unknown_campaign_is_said_in_words_with_exit_2_and_no_file(tmp_path, capsys):
    folder = tmp_path / "reports"
    folder.mkdir()
    assert main(["--demo", "report", "999", "--out", str(folder / "x.csv")]) == 2
    err = capsys.readouterr().err
    assert "not found" in err and "Traceback" not in err
    assert list(folder.iterdir()) == []


def test_an_unknown_campaign_with_json_is_exit_2_not_an_empty_list(capsys):
    capsys.readouterr()
    assert main(["--demo", "report", "999", "--json"]) == 2
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("argv", [["report"], ["report", "12ab", "--out", "x.csv"], ["report", "-5", "--json"]])
def test_odd_input_is_a_usage_error_in_words(argv, capsys):
    with pytest.raises(SystemExit) as stopped:
        assert main(["--demo", *argv]) == 1
    assert stopped.value.code == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "not a command" not in err


def test_no_out_and_no_json_asks_for_one(capsys):
    assert main(["--demo", "report", str(DEMO_DONE)]) == 1
    assert "--out FILE.csv" in capsys.readouterr().err


def test_ctrl_c_while_reading_leaves_no_half_file(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "reports"
    folder.mkdir()
    out = folder / "summer.csv"
    out.write_text("earlier report")

    def interrupted(written: int, total: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(report_command, "_progress", interrupted)
    assert main(["--demo", "report", str(DEMO_DONE), "--out", str(out), "--overwrite"]) == 130
    assert out.read_text() == "earlier report"
    assert sorted(p.name for p in folder.iterdir()) == ["summer.csv"]
    assert "Stopped." in capsys.readouterr().err


def test_a_folder_that_cannot_be_written_is_said_in_words(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert main(["--demo", "report", str(DEMO_DONE), "--out", str(blocker / "r.csv")]) == 1
    err = capsys.readouterr().err
    assert "could not be written" in err and "Traceback" not in err
