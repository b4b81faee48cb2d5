"""The command line in Ukrainian (issue 13): chosen at the start of each command from Settings, else from
the environment as gettext reads it; the human output, the questions and the help in Ukrainian, the
machine output (``--json``, the ``error: PATH:`` start of a problem line, exit codes) the same in every
language."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from argparse import Namespace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app import api
from app.api.models import CampaignInfo, ContactList
from app.cli import common, main, output, questions, repeats
from app.language import current_language, tr, use_language
from app.platform.config import app_paths
from app.sending.repeats import EarlierSend

ROOT = Path(__file__).resolve().parents[3]
SPRING = ROOT / "examples" / "spring-sale.rcs.json"
NO_SENDER = "Enter the name of the RCS agent the message comes from."  # validate's words for a missing sender
NO_PROBLEMS = {"en": "No problems found in the file.", "uk": "У файлі не знайдено проблем."}
LANGUAGE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture
def ukrainian(ukrainian, monkeypatch):
    """Ukrainian for one test (tests/conftest.py), and for the commands it runs (the environment)."""
    monkeypatch.setenv("LANG", "uk_UA.UTF-8")


@pytest.fixture
def no_sender(tmp_path) -> Path:
    """The example campaign without its sender: ``validate`` finds one error."""
    campaign = json.loads(SPRING.read_text(encoding="utf-8"))
    campaign["request"]["sender"] = ""
    path = tmp_path / "no-sender.rcs.json"
    path.write_text(json.dumps(campaign, ensure_ascii=False), encoding="utf-8")
    return path


def language_setting(code: str) -> None:
    """Settings with ``code`` chosen as the language, as the window saves it."""
    path = app_paths().settings_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"language": code}), encoding="utf-8")


# --- the language of a command ---------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "language"), [("uk_UA.UTF-8", "uk"), ("en_US.UTF-8", "en")])
def test_validate_speaks_the_language_of_the_system(no_sender, lang, language):
    """``LANG=uk_UA.UTF-8 rcs-desk validate FILE`` in Ukrainian, ``LANG=en_US.UTF-8`` in English: a real
    process with its own environment; the problem line keeps its ``error: PATH:`` start."""
    env = {name: value for name, value in os.environ.items() if name not in LANGUAGE_VARIABLES}
    env.update(LANG=lang, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "rcs_desk", "validate", str(no_sender)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    [line] = done.stdout.splitlines()
    assert line.startswith("error: sender: ")
    use_language(language)
    words = tr(NO_SENDER)
    assert line.endswith(words)
    assert (words != NO_SENDER) is (language == "uk")
    if language == "uk":
        assert line == "error: sender: Агент RCS: Введіть ім’я агента RCS, від якого надходить повідомлення."


@pytest.mark.parametrize(
    ("environment", "language"),
    [
        ({"LANGUAGE": "uk:en", "LANG": "en_US.UTF-8"}, "uk"),  # LANGUAGE first, as gettext reads it
        ({"LANGUAGE": "de:uk", "LANG": "en_US.UTF-8"}, "uk"),  # the first language we speak of its list
        ({"LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "uk_UA.UTF-8", "LANG": "uk_UA.UTF-8"}, "en"),
        ({"LC_ALL": "uk_UA.UTF-8", "LANG": "en_US.UTF-8"}, "uk"),
        ({"LC_MESSAGES": "uk_UA.UTF-8", "LANG": "en_US.UTF-8"}, "uk"),
        ({"LANGUAGE": "", "LC_ALL": "", "LANG": "uk_UA.UTF-8"}, "uk"),  # empty is unset
        ({"LANG": "C"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),  # a language the program does not speak: English
    ],
)
def test_the_environment_chooses_as_gettext_does(monkeypatch, capsys, environment, language):
    for name in LANGUAGE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert main(["validate", str(SPRING)]) == 0
    assert NO_PROBLEMS[language] in capsys.readouterr().out
    assert current_language() == language


@pytest.mark.parametrize(("setting", "lang", "language"), [("uk", "en_US.UTF-8", "uk"), ("en", "uk_UA.UTF-8", "en")])
def test_the_language_chosen_in_settings_wins_over_the_system(monkeypatch, capsys, setting, lang, language):
    monkeypatch.setenv("LANG", lang)
    language_setting(setting)
    assert main(["validate", str(SPRING)]) == 0
    assert NO_PROBLEMS[language] in capsys.readouterr().out


def test_settings_on_system_follow_the_environment(monkeypatch, capsys):
    monkeypatch.setenv("LANG", "uk_UA.UTF-8")
    language_setting("system")
    assert main(["validate", str(SPRING)]) == 0
    assert NO_PROBLEMS["uk"] in capsys.readouterr().out


def test_the_help_is_in_the_language_of_the_settings(monkeypatch, capsys):
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    language_setting("uk")
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "перевірити файл кампанії; нічого не надсилає" in out
    assert "check a campaign file" not in out
    assert "--api-url АДРЕСА" in out and "validate" in out  # option and command names never change, placeholders do


def test_json_output_is_the_same_in_every_language(monkeypatch, capsysbinary):
    assert main(["--demo", "send", str(SPRING), "--yes", "--json"]) == 0
    capsysbinary.readouterr()
    printed = {}
    for lang in ("en_US.UTF-8", "uk_UA.UTF-8"):
        monkeypatch.setenv("LANG", lang)
        assert main(["--demo", "lists", "--json"]) == 0
        lists = capsysbinary.readouterr()
        assert main(["--demo", "campaigns", "--offline", "--json"]) == 0
        campaigns = capsysbinary.readouterr()
        printed[lang] = (lists.out, campaigns.out)
        assert current_language() == lang[:2]
    assert printed["uk_UA.UTF-8"] == printed["en_US.UTF-8"]
    assert json.loads(printed["uk_UA.UTF-8"][0]) and json.loads(printed["uk_UA.UTF-8"][1])
    assert "Демо: нічого не надсилається." in lists.err.decode()  # the words on stderr were Ukrainian


def test_a_usage_error_in_ukrainian_needs_no_argument_name(ukrainian, capsys):
    with pytest.raises(SystemExit) as done:
        main(["campaign", "abc"])
    assert done.value.code == 1
    err = capsys.readouterr().err
    assert "rcs-desk campaign: Номер кампанії має складатися з цифр, наприклад 844836977 (а не «abc»)." in err
    assert "argument" not in err and "аргумент" not in err
    assert err.startswith("використання: rcs-desk campaign")


def test_argparses_own_words_are_ukrainian(ukrainian, capsys):
    """argparse's texts (usage, section titles, its error sentences) come from the program's catalog."""
    with pytest.raises(SystemExit):
        main(["send"])
    assert "rcs-desk send: потрібні такі аргументи: ФАЙЛ" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["lists", "--colour"])
    assert "rcs-desk: нерозпізнані аргументи: --colour" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["send", "--help"])
    help_text = capsys.readouterr().out
    assert help_text.startswith("використання: rcs-desk send")
    assert "\nаргументи:" in help_text and "параметри:" in help_text
    assert "показати цю довідку й вийти" in help_text and "файл кампанії (.rcs.json)" in help_text
    assert "usage" not in help_text and "options" not in help_text


# --- what a person reads -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "lists", "contacts"),
    [(1, "1 список", "усього 1 контакт"), (3, "3 списки", "усього 3 контакти"), (5, "5 списків", "усього 5 контактів")],
)
def test_the_lists_are_counted_in_ukrainian(ukrainian, count, lists, contacts):
    printed = io.StringIO()
    output.print_lists([ContactList(id=10 + n, name=f"List {n}", contacts=1) for n in range(count)], out=printed)
    header, *_, last = printed.getvalue().splitlines()
    assert header.split() == ["Номер", "Назва", "Контакти", "Опис"]
    assert last == f"{lists}, {contacts}."


def test_a_large_count_is_grouped_the_ukrainian_way(ukrainian):
    printed = io.StringIO()
    output.print_lists([ContactList(id=1, name="VIP", contacts=12345)], out=printed)
    assert printed.getvalue().splitlines()[-1] == "1 список, усього 12\u00a0345 контактів."


def test_a_campaigns_rows_are_labelled_in_ukrainian(ukrainian):
    printed = io.StringIO()
    info = CampaignInfo(id=844836977, status="done", sender="WWT Shop")
    output.print_rows(output.campaign_rows(info, "UTC", "UTC"), out=printed)
    lines = printed.getvalue().splitlines()
    assert lines[0].split() == ["Номер:", "844836977"]
    assert any(line.split(":")[0].strip() == "Стан" for line in lines)
    assert not any("Status" in line for line in lines)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("answer", "yes"), [("т", True), ("Так", True), ("y", True), ("yes", True), ("н", False), ("", False)]
)
def test_a_question_takes_a_ukrainian_yes(ukrainian, monkeypatch, capsys, answer, yes):
    asked = []
    monkeypatch.setattr(sys, "stdin", _Terminal())
    monkeypatch.setattr("builtins.input", lambda question: asked.append(question) or answer)
    refused = questions.confirmed("Надіслати?", questions.NOT_SENT)
    assert asked == ["Надіслати? [т/Н] "]
    assert (refused is None) is yes
    if not yes:
        assert capsys.readouterr().err == "Нічого не надіслано.\n"


def test_no_terminal_is_said_in_ukrainian(ukrainian, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert questions.confirmed("Зупинити?", questions.NOT_STOPPED) == 1
    assert capsys.readouterr().err.startswith("Нічого не зупинено: немає термінала")


@pytest.mark.parametrize(
    ("api_url", "variable", "where"),
    [
        ("http://127.0.0.1:9", None, "адреса сервера, задана через --api-url (http://127.0.0.1:9)"),
        (None, "http://127.0.0.1:8", "адреса сервера, задана в змінній RCS_DESK_API_URL (http://127.0.0.1:8)"),
    ],
)
def test_where_the_address_came_from_is_said_in_ukrainian(ukrainian, monkeypatch, capsys, api_url, variable, where):
    if variable:
        monkeypatch.setenv("RCS_DESK_API_URL", variable)
    args = Namespace(demo=False, api_url=api_url, verbose=False)
    assert common.report_failure(api.CannotReachServer(), args) == 3
    err = capsys.readouterr().err
    assert f"чи правильна {where}, а потім" in err
    assert "адреса сервера в налаштуваннях" not in err


def test_a_repeat_is_said_in_ukrainian_with_the_cores_words(ukrainian, monkeypatch):
    monkeypatch.setattr(repeats, "local_time_zone_name", lambda: "UTC")
    now = datetime(2025, 11, 26, 15, 0, tzinfo=UTC)
    earlier = EarlierSend(datetime(2025, 11, 26, 14, 56, tzinfo=UTC), 844836979, outcome_unknown=False)
    assert repeats.caution(earlier, now=now) == (
        "Таку саму кампанію вже надіслано з цього комп’ютера о 14:56 (кампанія 844836979)."
    )
    assert repeats.refusal(earlier, now=now).endswith("Щоб навмисно надіслати її ще раз, додайте --again.")


def test_a_finished_campaign_is_refused_in_ukrainian(ukrainian, capsys):
    assert main(["--demo", "send", str(SPRING), "--yes", "--json"]) == 0
    campaign_id = json.loads(capsys.readouterr().out)["id"]
    assert main(["--demo", "stop", str(campaign_id), "--yes"]) == 0
    assert f"Кампанію {campaign_id} зупинено." in capsys.readouterr().out
    assert main(["--demo", "stop", str(campaign_id)]) == 2
    err = capsys.readouterr().err
    assert f"Кампанію {campaign_id} «Spring sale: -30% on sneakers» не можна зупинити: " in err
    assert "її вже зупинено. Нічого не зроблено." in err
