"""What a new user running ``rcs-desk`` in Ukrainian found unclear (issue 13): the help's placeholders,
numbers typed the Ukrainian way, typed text quoted in the sentence's own quotes, counts grouped, a
started campaign not said to be "planned", the estimate called an estimate, and ``--yes`` named."""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.api.models import CampaignInfo
from app.campaign.file import load_campaign_file
from app.cli import build_parser, main, report_command
from app.cli.campaign_commands import stop_question
from app.sending.summary import when_text
from helpers.pseudo import without_marked
from ui.shell import command_line
from ui.shell.commands import MAX_SCALE, MIN_SCALE, _size

ROOT = Path(__file__).resolve().parents[3]
SPRING = ROOT / "examples" / "spring-sale.rcs.json"
PLACEHOLDERS = ("COMMAND", "FILE", "NUMBER", "ID", "SIZE", "SCALE", "PORT", "HOST", "URL", "N", "FILE.csv", "OUT.png")
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def helps(capsys: pytest.CaptureFixture[str]) -> str:
    """The help of the program and of every command, the window's included."""
    printed = []
    names = sorted(build_parser(window=command_line).command_names)
    for argv in (["--help"], *([name, "--help"] for name in names)):
        with pytest.raises(SystemExit):
            main(argv, window=command_line)
        printed.append(capsys.readouterr().out)
    return "\n".join(printed)


# --- 4. the help's placeholders go through the catalog --------------------------------------------------


def test_every_placeholder_of_the_help_is_translatable(pseudo, capsys):
    printed = helps(capsys)
    marked = set(re.findall(r"⟦([A-Z]+(?:\.[a-z]+)?)⟧", printed))
    assert marked == set(PLACEHOLDERS)
    left = [word.strip("[](){},.") for line in without_marked(printed).splitlines() for word in line.split()]
    assert not set(left) & set(PLACEHOLDERS), "a placeholder printed without the catalog"


def test_a_missing_argument_is_named_by_its_translated_placeholder(pseudo, capsys):
    with pytest.raises(SystemExit):
        main(["send"])
    assert "⟦FILE⟧" in capsys.readouterr().err.splitlines()[-1]


def test_the_ukrainian_help_has_ukrainian_placeholders(ukrainian, monkeypatch, capsys):
    """(Needs the Ukrainian catalog with this change's fragment merged.)"""
    monkeypatch.setenv("LANG", "uk_UA.UTF-8")
    printed = helps(capsys)
    assert "rcs-desk send [-h]" in printed and "ФАЙЛ" in printed and "КОМАНДА" in printed
    assert "--out ФАЙЛ.csv" in printed and "--api-url АДРЕСА" in printed and "--scale МАСШТАБ" in printed
    with pytest.raises(SystemExit):
        main(["send"])
    assert capsys.readouterr().err.rstrip().endswith("ФАЙЛ")


# --- 5. --scale with a decimal comma, --size with the Cyrillic х ---------------------------------------


def screenshot_args(*options: str):
    return build_parser(window=command_line).parse_args(["screenshot", "a.png", *options])


def test_a_scale_with_a_decimal_comma_is_read():
    assert screenshot_args("--scale", "1,5").scale == 1.5
    assert screenshot_args("--scale", "2").scale == 2.0


@given(st.integers(min_value=int(MIN_SCALE * 100), max_value=int(MAX_SCALE * 100)), st.sampled_from(".,"))
def test_a_scale_is_read_with_either_decimal_mark(hundredths, mark):
    typed = f"{hundredths // 100}{mark}{hundredths % 100:02d}"
    assert command_line.scale_number(typed) == pytest.approx(hundredths / 100)


def test_a_scale_that_is_no_number_is_said_plainly(capsys):
    with pytest.raises(SystemExit):
        main(["screenshot", "a.png", "--scale", "big"], window=command_line)
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == "rcs-desk screenshot: --scale takes a number, like 1.5 or 2 (not “big”)."


@given(
    st.integers(min_value=640, max_value=7680),
    st.integers(min_value=400, max_value=4320),
    st.sampled_from("xXхХ×"),
    st.sampled_from(["", " "]),
)
def test_a_size_is_read_with_any_times_sign(width, height, mark, space):
    assert _size(f"{width}{space}{mark}{space}{height}") == (width, height)


@pytest.mark.parametrize("typed", ["1024", "1024x", "1024*640", "1024 на 640", "x640"])
def test_a_size_that_is_no_size_is_still_refused(typed):
    assert isinstance(_size(typed), str)


# --- 6. a typed campaign number in the sentence's own quotes -------------------------------------------


def test_a_typed_campaign_number_is_quoted_in_the_sentences_quotes(capsys):
    with pytest.raises(SystemExit):
        main(["campaign", "abc"])
    assert capsys.readouterr().err.splitlines()[-1].endswith("like 844836977 (not “abc”).")


def test_a_long_typed_text_is_shortened(capsys):
    with pytest.raises(SystemExit):
        main(["campaign", "x" * 500])
    last = capsys.readouterr().err.splitlines()[-1]
    assert last.endswith("(not “" + "x" * 39 + "…”).")


# --- 7. counts grouped as the language writes them --------------------------------------------------------


def fake_report(monkeypatch, messages: int) -> None:
    def export(client, campaign_id, out, **_):
        return SimpleNamespace(path=Path(out), summary_path=Path(out).with_name("r-summary.csv"), messages=messages)

    monkeypatch.setattr(report_command, "export_campaign_report", export)


@pytest.mark.parametrize(("lang", "count"), [("en_US.UTF-8", "1,577"), ("uk_UA.UTF-8", "1\u00a0577")])
def test_the_reports_count_of_messages_is_grouped(tmp_path, monkeypatch, capsys, lang, count):
    monkeypatch.setenv("LANG", lang)
    fake_report(monkeypatch, 1577)
    assert main(["--demo", "report", "53708802", "--out", str(tmp_path / "r.csv")]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith(f"{count} ")


def test_the_reading_progress_is_grouped(capsys):
    report_command._progress(1000, 12345)
    assert capsys.readouterr().err == "Reading messages: 1,000 of 12,345\n"


# --- 8. stopping a campaign that has started ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "start_at", "said"),
    [
        ("sending", "2026-03-01 10:30:00", "started on Sun 1 Mar, 10:30, UTC?"),
        ("paused", "2026-02-27 09:00:00", "started on Fri 27 Feb, 09:00, UTC?"),
        (None, "2026-03-01 11:59:00", "started on Sun 1 Mar, 11:59, UTC?"),  # no status: the start is past
        ("scheduled", "2026-03-02 10:30:00", "planned for Mon 2 Mar, 10:30, UTC?"),
        ("moderation", "2026-03-01 10:30:00", "Stop campaign 7? Messages"),  # waits for approval: no time
    ],
)
def test_a_started_campaign_is_said_to_have_started(status, start_at, said):
    info = CampaignInfo(id=7, status=status, start_at=start_at)
    question = stop_question(info, "campaign 7", "UTC", "UTC", now=NOW)
    assert said in question
    if "planned" not in said:
        assert "planned" not in question


def test_stop_asks_about_a_running_campaign_with_when_it_started(sandbox, terminal, monkeypatch, capsys):
    assert main(["send", str(SPRING), "--yes", "--json"]) == 0
    campaign_id = json.loads(capsys.readouterr().out)["id"]
    asked: list[str] = []
    monkeypatch.setattr("builtins.input", lambda question: asked.append(question) or "n")
    assert main(["stop", str(campaign_id)]) == 1
    [question] = asked
    assert f"Stop campaign {campaign_id}, 'Spring sale: -30% on sneakers', started on " in question
    assert "planned for" not in question


# --- 3, 10, 11: --yes named, the estimate called so, --out or --json ------------------------------------


def test_with_yes_the_when_line_names_the_option():
    assert when_text(load_campaign_file(SPRING), "UTC", asked=False) == "Now (confirmed with --yes)"


@pytest.mark.parametrize(("lang", "column"), [("en_US.UTF-8", "Estimated price"), ("uk_UA.UTF-8", "Орієнтовна ціна")])
def test_the_campaigns_table_calls_the_price_an_estimate(capsys, monkeypatch, lang, column):
    monkeypatch.setenv("LANG", lang)
    assert main(["--demo", "send", str(SPRING), "--yes"]) == 0
    capsys.readouterr()
    assert main(["--demo", "campaigns", "--offline"]) == 0
    header = capsys.readouterr().out.splitlines()[0]
    assert column in header
    assert "  Price  " not in header and "  Ціна  " not in header


def test_the_reports_help_says_out_or_json_is_needed(capsys):
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    assert "--out or --json is needed" in " ".join(capsys.readouterr().out.split())


def test_set_key_without_a_terminal_reads_a_key_given_through_a_pipe(monkeypatch, capsys):
    """What ``set-key`` without a terminal still does: a key on standard input is checked (and saved)."""
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["set-key"]) == 1
    err = capsys.readouterr().err
    assert "No key was saved." in err and "no terminal" not in err
