"""ui.common.qt_language: Qt's own buttons, dialogs and calendar in the program's language."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QCalendarWidget, QDialogButtonBox

from ui.common import qt_language
from ui.common.qt_language import apply_qt_language, qt_translations_dir


@pytest.fixture(autouse=True)
def english_afterwards(qapp):
    """The next test starts as this one did: no Qt catalog, the same default locale."""
    before = QLocale()
    yield
    apply_qt_language("en")
    QLocale.setDefault(before)


def _cancel() -> str:
    return QCoreApplication.translate("QPlatformTheme", "Cancel")


def test_qts_ukrainian_catalog_is_in_the_wheel():
    assert (Path(qt_translations_dir()) / "qtbase_uk.qm").is_file()


def test_ukrainian_buttons_and_calendar(qtbot):
    assert apply_qt_language("uk") == "uk"
    assert _cancel() == "Скасувати"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    assert sorted(button.text() for button in buttons.buttons()) == ["Зберегти", "Скасувати"]
    assert QLocale().name() == "uk_UA"
    assert QLocale().toString(12345.5, "f", 2) == "12\u00a0345,50"
    calendar = QCalendarWidget()
    qtbot.addWidget(calendar)
    assert calendar.locale().monthName(12) == "грудня"


def test_back_to_english():
    apply_qt_language("uk")
    assert apply_qt_language("en") == "en"
    assert _cancel() == "Cancel"
    assert QLocale().language() == QLocale.Language.English


def test_applying_twice_installs_one_catalog():
    apply_qt_language("uk")
    [first] = qt_language._installed
    apply_qt_language("uk")
    assert _cancel() == "Скасувати"
    [second] = qt_language._installed
    assert second is not first
    apply_qt_language("en")
    assert _cancel() == "Cancel"  # the first catalog did not stay installed


@pytest.mark.parametrize(
    ("languages", "expected", "cancel"),
    [(["uk-UA", "en-US"], "uk", "Скасувати"), (["de-DE", "en-GB"], "en", "Cancel")],
)
def test_system_follows_the_systems_languages(languages, expected, cancel):
    assert apply_qt_language("system", system_languages=languages) == expected
    assert _cancel() == cancel


def test_a_setting_overrides_the_system():
    assert apply_qt_language("en", system_languages=["uk-UA"]) == "en"
    assert _cancel() == "Cancel"


def test_without_qts_catalog_the_language_is_still_chosen(monkeypatch, tmp_path, caplog):
    """A packaged program built without qtbase_uk.qm: Qt's own buttons stay English, the rest speaks Ukrainian."""
    monkeypatch.setattr(qt_language, "qt_translations_dir", lambda: str(tmp_path))
    assert apply_qt_language("uk") == "uk"
    assert _cancel() == "Cancel"
    assert QLocale().name() == "uk_UA"
    assert "qtbase catalog for uk was not found" in caplog.text
