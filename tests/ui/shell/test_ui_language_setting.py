"""The language setting (issue 13): chosen in Settings, stored, used from the next start, with "Restart now".

"Restart now" closes the window as the user would (unsaved changes are asked about first) and starts the
program again with the same campaign file; the new program is never started when the window stays open.
"""

from __future__ import annotations

import shutil
import sys

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton

from app.language import SYSTEM
from app.platform.config import Settings, load_settings, save_settings
from app.sandbox import SandboxServer
from helpers.window import EXAMPLES, FakeStart, close_window, make_window, sandbox_connection, spring_sale_window
from ui.common import workers
from ui.shell.language_restart import restart_command


def answer_restart(window, button: str) -> tuple[FakeStart, list[str]]:
    """Replace the process start and answer the restart question with ``button`` ("restartNowButton",
    "restartLaterButton"); returns the fake start and the questions' texts."""
    start = FakeStart()
    asked: list[str] = []

    def present(box: QMessageBox) -> None:
        asked.append(f"{box.text()} {box.informativeText()}")
        box.findChild(QPushButton, button).click()

    window.language_restart.start_program = start
    window.language_restart.present = present
    return start, asked


def choose(dialog, setting: str) -> None:
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData(setting))


def test_settings_offer_the_system_and_each_language_in_its_own_name(qtbot):
    with spring_sale_window(qtbot) as harness:
        dialog = harness.window.open_settings()
        combo = dialog.language_combo
        names = [combo.itemText(index) for index in range(combo.count())]
        assert names == ["System (English)", "English", "Українська"]  # the tests' system speaks English
        assert combo.currentData() == SYSTEM
        dialog.reject()


def test_the_choice_is_stored_and_a_restart_offered(qtbot):
    with spring_sale_window(qtbot) as harness:
        window = harness.window
        start, asked = answer_restart(window, "restartLaterButton")
        dialog = window.open_settings()
        choose(dialog, "uk")
        dialog.on_save_clicked()
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
        assert window.settings.language == "uk"
        assert load_settings().language == "uk"  # in the settings file
        question = (
            "The new language (Українська) is used from the next start of the program. Restart it now? "
            "The open campaign opens again; if it has unsaved changes, you are asked first."
        )
        assert asked == [question]
        assert start.started == [] and window.isVisible()  # "Later"
        again = window.open_settings()
        assert again.language_combo.currentData() == "uk"
        again.reject()


def test_saving_without_changing_the_language_asks_nothing(qtbot):
    with spring_sale_window(qtbot) as harness:
        window = harness.window
        dialog = window.open_settings()
        dialog.on_save_clicked()
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
        choose_english = window.open_settings()
        choose(choose_english, "en")  # the language the program speaks already
        choose_english.on_save_clicked()
        qtbot.waitUntil(lambda: not choose_english.isVisible(), timeout=5000)
        assert load_settings().language == "en"
        assert window._language_restart is None  # never asked


def test_a_language_of_another_version_is_kept_and_shown_as_the_systems(qtbot):
    save_settings(Settings(language="de"))
    settings = load_settings()
    assert settings.language == "de"  # kept for the version that knows it
    from ui.shell.settings_dialog import SettingsDialog

    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.chosen_language() == SYSTEM


def test_restart_now_starts_the_program_again_with_the_same_campaign(qtbot, tmp_path):
    path = tmp_path / "spring.rcs.json"
    shutil.copy(EXAMPLES / "spring-sale.rcs.json", path)
    server = SandboxServer()
    harness = make_window(qtbot, sandbox_connection(server), server)
    window = harness.window
    window.files.open_path(path)
    window.editor.campaign.sender = "Autumn Agent"
    window.editor.touch()  # an unsaved change: the user saves it when asked
    window.files.ask_discard = lambda: QMessageBox.StandardButton.Save
    start, _asked = answer_restart(window, "restartNowButton")

    window.on_language_changed("uk")

    assert not window.isVisible()
    assert start.started == [(sys.executable, ["-m", "rcs_desk", "--demo", str(path.resolve())])]
    assert "Autumn Agent" in path.read_text(encoding="utf-8")  # nothing typed is lost
    assert workers.wait_for_all(5000)


def test_restart_now_with_a_new_campaign_saved_when_asked_opens_that_file(qtbot, tmp_path):
    target = tmp_path / "new.rcs.json"
    server = SandboxServer()
    harness = make_window(qtbot, sandbox_connection(server), server)
    window = harness.window
    window.editor.campaign.sender = "Autumn Agent"
    window.editor.touch()
    window.files.ask_discard = lambda: QMessageBox.StandardButton.Save
    window.files.ask_save_path = lambda: str(target)
    start, _asked = answer_restart(window, "restartNowButton")

    window.on_language_changed("uk")

    assert start.started == [(sys.executable, ["-m", "rcs_desk", "--demo", str(target.resolve())])]
    assert target.is_file()
    assert workers.wait_for_all(5000)


@pytest.mark.parametrize("button", ["restartLaterButton", "cancel the unsaved changes question"])
def test_nothing_starts_while_the_window_stays_open(qtbot, button):
    with spring_sale_window(qtbot) as harness:
        window = harness.window
        window.editor.touch()
        window.files.ask_discard = lambda: QMessageBox.StandardButton.Cancel
        start, asked = answer_restart(window, "restartNowButton" if button.startswith("cancel") else button)

        window.on_language_changed("uk")

        assert len(asked) == 1
        assert start.started == []
        assert window.isVisible() and window.editor.modified


def test_the_restart_keeps_the_server_it_was_given():
    program, arguments = restart_command([], demo=False, api_url="http://127.0.0.1:8765")
    assert (program, arguments) == (sys.executable, ["-m", "rcs_desk", "--api-url", "http://127.0.0.1:8765"])


def test_the_packaged_program_restarts_itself(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/Applications/RCS Campaign Desk.app/Contents/MacOS/rcs-desk")
    program, arguments = restart_command([tmp_path / "a.rcs.json"], demo=True, api_url=None)
    assert program == "/Applications/RCS Campaign Desk.app/Contents/MacOS/rcs-desk"
    assert arguments == ["--demo", str(tmp_path / "a.rcs.json")]


def test_the_real_server_restarts_without_demo(qtbot, tmp_path):
    """A window on the real server (not the demo) comes back on the real server."""
    server = SandboxServer()
    connection = sandbox_connection(server)
    connection.demo = False
    harness = make_window(qtbot, connection, server)
    start, _asked = answer_restart(harness.window, "restartNowButton")
    harness.window.on_language_changed("uk")
    assert start.started == [(sys.executable, ["-m", "rcs_desk"])]
    close_window(harness)
