"""The window's frame in Ukrainian (issue 13): the language chosen at the start, and a few of its texts.

The language is chosen before the first window is built, from Settings ("uk", "en") or, with "system",
from the system's languages as Qt reports them; Qt's own buttons and formats follow it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton

from app.language import current_language, use_language
from app.platform.config import DEFAULT_API_URL, Settings, save_settings
from app.platform.recovery import RecoveryEntry
from helpers.window import EXAMPLES, spring_sale_window
from ui.common.qt_language import apply_qt_language
from ui.shell import language_setting
from ui.shell.application import Windows
from ui.shell.language_setting import start_in_language
from ui.shell.restore_dialog import RestoreDialog, _ago
from ui.shell.send_button import send_button_state
from ui.shell.settings_dialog import SettingsDialog

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def qt_in_english_afterwards(qapp):
    """A test that starts the program in a language leaves Qt as it found it."""
    before = QLocale()
    yield
    apply_qt_language("en")
    QLocale.setDefault(before)
    use_language("en")


@pytest.mark.parametrize(
    ("minutes", "said"),
    [
        (1, "1 хвилину тому"),
        (3, "3 хвилини тому"),
        (5, "5 хвилин тому"),
        (21, "21 хвилину тому"),
        (3 * 60, "3 години тому"),
        (5 * 24 * 60, "5 днів тому"),
    ],
)
def test_how_long_ago_in_ukrainian(ukrainian, minutes, said):
    now = datetime(2026, 3, 14, 12, 0, tzinfo=UTC)
    assert _ago(now - timedelta(minutes=minutes), now) == said


def test_the_window_speaks_ukrainian(qtbot, ukrainian):
    with spring_sale_window(qtbot) as harness:
        window = harness.window
        assert [window.main_tabs.tabText(index) for index in range(2)] == ["Створення", "Кампанії"]
        assert [action.text() for action in window.menuBar().actions()] == ["&Файл", "&Кампанія", "&Налаштування"]
        assert window.connection_status.text() == "Демо-сервер (нічого не надсилається)"
        assert window.demo_banner.text().startswith("Демо: нічого не надсилається.")
        assert window.send_button.text() == "Надіслати…"
        assert window.send_button.toolTip() == "Перевірте підсумок, а потім надішліть (Ctrl+Enter)"
        dialog = window.open_settings()
        assert dialog.windowTitle() == "Налаштування"
        combo = dialog.language_combo
        assert [combo.itemText(index) for index in range(combo.count())] == [
            "Як у системі (English)",
            "English",
            "Українська",
        ]
        dialog.reject()


def test_settings_fit_a_low_screen_in_ukrainian(qtbot, ukrainian):
    """A 1024x640 screen less the window's title bar; the server's usual address shows whole."""
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    hint = dialog.sizeHint()
    assert hint.width() <= 1024 and hint.height() <= 600, hint
    assert dialog.url_edit.width() > dialog.url_edit.fontMetrics().horizontalAdvance(DEFAULT_API_URL)


def test_the_send_button_says_what_it_does_in_ukrainian(ukrainian):
    from app.campaign.file import load_campaign_file

    document = load_campaign_file(EXAMPLES / "spring-sale.rcs.json", default_time_zone="Europe/Kyiv")
    assert send_button_state(document, [], busy=True, connected=True).text == "Надсилання…"
    assert send_button_state(document, [], busy=False, connected=False).tip == "Підключення…"


def test_the_restore_question_in_ukrainian(qtbot, ukrainian, tmp_path):
    from app.campaign.file import load_campaign_file

    document = load_campaign_file(EXAMPLES / "spring-sale.rcs.json", default_time_zone="Europe/Kyiv")
    saved_at = datetime(2026, 3, 14, 12, 0).astimezone()  # noon on this computer
    entry = RecoveryEntry(tmp_path / "x.json", saved_at, None, document)
    dialog = RestoreDialog(entry, now=saved_at + timedelta(minutes=3))
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Відновити незбережену кампанію?"
    details = dialog.findChild(QLabel, "restoreDetails")
    assert details.text().startswith(
        "Незбережені зміни в новій кампанії (її ще жодного разу не збережено) не втрачено."
    )
    assert "(3 хвилини тому)" in details.text() and "сб, 14 бер., 12:00" in details.text()


def test_the_restart_question_in_ukrainian(qtbot, ukrainian):
    with spring_sale_window(qtbot) as harness:
        window = harness.window
        asked: list[str] = []

        def present(box: QMessageBox) -> None:
            asked.append(box.text())
            asked.append(box.findChild(QPushButton, "restartNowButton").text())
            box.findChild(QPushButton, "restartLaterButton").click()

        window.language_restart.present = present
        window.on_language_changed("en")
        assert asked == ["Нова мова (English) діятиме з наступного запуску програми.", "Перезапустити зараз"]


@pytest.mark.parametrize(
    ("setting", "system", "compose", "locale"),
    [
        ("uk", ["en-US"], "Створення", "uk_UA"),
        ("system", ["uk-UA", "en-US"], "Створення", "uk_UA"),
        ("en", ["uk-UA"], "Compose", "en_GB"),
        ("system", ["de-DE"], "Compose", "en_GB"),
    ],
)
def test_the_start_speaks_the_chosen_language(
    qtbot, qt_in_english_afterwards, monkeypatch, setting, system, compose, locale
):
    save_settings(Settings(language=setting))
    monkeypatch.setattr(language_setting, "system_languages", lambda: system)
    settings = start_in_language()
    assert settings.language == setting
    windows = Windows(demo=True, api_url=None, settings=settings)
    window = windows.open_first(EXAMPLES / "spring-sale.rcs.json")
    try:
        assert window.main_tabs.tabText(0) == compose
        assert current_language() == locale[:2]
        assert QLocale().name() == locale  # Qt's dates, numbers and own buttons too
    finally:
        window.persist_state = False
        qtbot.waitUntil(lambda: window.connection is not None, timeout=10000)
        window.close()


def test_a_damaged_settings_file_is_said_in_the_systems_language(qt_in_english_afterwards, monkeypatch):
    from app.platform.config import app_paths

    path = app_paths().settings_file
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\xff not settings")
    monkeypatch.setattr(language_setting, "system_languages", lambda: ["uk-UA"])
    settings = start_in_language()
    assert settings.load_problem is not None
    assert settings.load_problem.startswith("Не вдалося використати файл налаштувань")  # in the system's language
    assert current_language() == "uk"


@pytest.mark.parametrize(
    ("setting", "lang", "title"),
    [
        ("uk", "C.UTF-8", "Нова кампанія"),
        ("system", "uk_UA.UTF-8", "Нова кампанія"),
        ("en", "uk_UA.UTF-8", "New campaign"),
    ],
)
def test_the_program_starts_in_the_chosen_language(setting, lang, title):
    """The real start (``rcs-desk --demo``): the first window's title says "New campaign" in the language."""
    save_settings(Settings(language=setting))
    env = dict(
        os.environ,
        LANG=lang,
        QT_QPA_PLATFORM="offscreen",
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",  # never the developer's keyring
        RCS_DESK_REPORT_FIRST_PAINT="quit",
    )
    result = subprocess.run(
        [sys.executable, "-m", "rcs_desk", "--demo"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"first-paint title='{title}[*] — RCS Campaign Desk'" in result.stdout, result.stdout
